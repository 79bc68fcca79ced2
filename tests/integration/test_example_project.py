"""The example project the README renders first shows every pillar, and they hold on real output: a UI card
corner-pinned to the wall in real footage, tracked with confidence ≥ 0.7 while the camera moves (`compositor
track`); a follow callout; a generated closing shot whose backdrop is calm around its text (CIELAB L* standard
deviation ≤ 20 in a `compositor preview` frame, measured around the text's box from the layer's placement) and
still moves; a voice with burned-in captions; params with a rows.csv of three prospects and a vertical cut; and
the README shows the commands and the pictures made from them."""
from __future__ import annotations

import csv
import json
import re

import cv2
import numpy as np
import pytest

import compositor
from tests.docblocks import fenced_all

from tests.conftest import REPO

EXAMPLE = REPO / "projects" / "northwind-launch"
PROJECT = EXAMPLE / "project.yaml"
README = (REPO / "README.md").read_text(encoding="utf-8")
CLOSING = (11.3, 13.3)        # seconds: the closing shot after its wipe and its text's entrance, and its last frame


@pytest.fixture(scope="module")
def video():
    return compositor.load(PROJECT)


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    """A cache of this module's own: the runs below track and generate from scratch, as on a fresh clone."""
    return {"COMPOSITOR_CACHE": str(tmp_path_factory.mktemp("cache"))}


def _layers(shot):
    return {layer.spec.id: layer for layer in shot.layers if layer.spec.id}


def test_every_pillar_is_in_the_project(video):
    spec = {s.id: s for s in video.project.spec.shots}
    footage = video.project.shot("footage")
    assert footage.spec.background.video, "the pinned card rides on real footage"
    pinned = [l for l in footage.layers if l.spec.pin]
    followers = [l for l in footage.layers if l.spec.follow]
    assert [l.spec.pin for l in pinned] == ["wall"] and type(pinned[0].spec).__name__ == "UiCardLayer"
    assert {l.spec.follow_spec.track for l in followers} == {"claw"}
    assert spec["backdrop"].background.generate.model == "builtin"
    assert [c.kind for c in video.project.placed_clips] == ["voice"] * 3
    captions = video.project.spec.captions
    assert captions.burn_in and len(captions.script) == 3
    assert video.project.kit.strict
    closing = _layers(video.project.shot("backdrop"))["cta"]
    assert closing.spec.box is None, "the closing line stands on the backdrop without a box"


def test_rows_and_the_vertical_cut_load(video):
    with (EXAMPLE / "rows.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 3 and set(rows[0]) <= set(video.project.spec.params)
    for row in rows:
        for variant in (None, "vertical"):
            loaded = compositor.load(PROJECT, params=row, variant=variant)
            card = _layers(loaded.project.shot("footage"))["card"]
            assert row["company"] in json.dumps(card.spec.model_dump(mode="json"))
            assert loaded.size == ((1080, 1920) if variant else (1920, 1080))


def test_readme_shows_the_commands_and_pictures():
    first = fenced_all(README, "bash")[0]
    assert "compositor render projects/northwind-launch/project.yaml" in first
    commands = [l for b in fenced_all(README, "bash") for l in b.splitlines() if l.startswith("compositor render")]
    data = "--data projects/northwind-launch/rows.csv"
    assert any(data in c and "--variant" not in c for c in commands)
    assert any(data in c and "--variant vertical" in c for c in commands)
    hero = re.search(r"!\[[^\]]*\]\((docs/images/[^)]+)\)", README).group(1)
    assert README.index(hero) < README.index("## The two commands"), "the picture is at the top"
    for image in (hero, "docs/images/northwind-rows.jpg"):
        assert image in README and cv2.imread(str(REPO / image)) is not None


def test_the_pinned_card_is_tracked_with_confidence(tmp_path, compositor_cli, cache, video):
    r = compositor_cli("track", PROJECT, "--shot", "footage", "-o", tmp_path / "wall.mp4", cwd=tmp_path,
                       env=cache, timeout=600)
    assert r.returncode == 0, r.stderr
    assert re.search(r"wall \(planar\): confidence mean [01]\.\d\d, min [01]\.\d\d", r.stdout), r.stdout
    data = json.loads((tmp_path / "footage.tracks.json").read_text())
    wall = data["tracks"]["wall"]
    card = _layers(video.project.shot("footage"))["card"]
    lifetime = range(round(card.start * data["fps"]), round(card.end * data["fps"]))
    confidence = [wall["confidence"][i] for i in lifetime]
    assert len(confidence) >= 100 and min(confidence) >= 0.7, min(confidence)
    # the camera moves and the card with it: the wall's corners travel across the frame, none of them lost
    first, last = np.array(wall["corners"][lifetime[0]]), np.array(wall["corners"][lifetime[-1]])
    assert np.abs(last - first)[:, 0].min() > 40 and not wall["low_confidence"]


def _lstar(path) -> np.ndarray:
    return cv2.cvtColor(cv2.imread(str(path)), cv2.COLOR_BGR2LAB)[..., 0].astype(float) * 100 / 255


def test_the_closing_backdrop_is_calm_around_its_text_and_moves(tmp_path, compositor_cli, cache, video):
    frames = []
    for t in CLOSING:
        r = compositor_cli("preview", PROJECT, "--at", t, "-o", tmp_path / f"{t}.png", cwd=tmp_path, env=cache,
                           timeout=600)
        assert r.returncode == 0, r.stderr
        frames.append(_lstar(tmp_path / f"{t}.png"))
    shot = video.project.shot("backdrop")
    for layer in _layers(shot).values():
        (ax, ay), (w, h) = layer.anchor, layer.natural
        x0, y0 = round(layer.at[0] - ax), round(layer.at[1] - ay)
        m = round(h / 2)                           # the band around the text's box, half its height wide
        for L in frames:
            region = L[y0 - m:y0 + round(h) + m, x0 - m:x0 + round(w) + m]
            band = np.ones(region.shape, bool)
            band[m:-m, m:-m] = False
            assert region[band].std() <= 20, (layer.spec.id, region[band].std())
            if layer.spec.id == "cta":             # ink text on that field: WCAG contrast from L*
                lum = lambda l: ((l + 16) / 116) ** 3 if l > 8 else l / 903.3
                ink = lum(_lstar_of_token(video, "ink"))
                assert (lum(region[band].mean()) + 0.05) / (ink + 0.05) >= 4.5
    # the backdrop is footage, not a still: away from the text it changes between the two times
    assert np.abs(frames[0][:, :900] - frames[1][:, :900]).mean() > 2


def _lstar_of_token(video, token: str) -> float:
    rgb = np.array([[video.project.kit.color(token)[:3]]], np.uint8)
    return float(cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB)[0, 0, 0]) * 100 / 255
