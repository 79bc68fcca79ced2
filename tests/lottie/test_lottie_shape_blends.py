"""Blend modes on shape groups (overlays/lottie_shape_blends.py): a shape layer whose top-level groups carry blend
modes is split into one layer per group, blended on its pixels, and drawn as Skia's Skottie draws the file
(tests/golden/lottie-shape-blends, written by `python3 bench/lottie_shape_blend_cases.py`: the cases' JSON, PNGs
of Skottie's premultiplied RGBA bytes, and Skia's skottie-blendmode-hardmix.json over grey). Where the split
would not be exact (a translucent layer, masks, mattes, effects …) the layer is left as it is."""
from __future__ import annotations

import copy
import json
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "foundation"))
from foundation_media import REPO, read_png, render_png_frames  # noqa: E402
from lottie_cells import lottie_project  # noqa: E402

from overlays.lottie import load_player  # noqa: E402
from overlays import lottie_normalise  # noqa: E402
from overlays.lottie_normalise import normalise  # noqa: E402
from overlays.lottie_shape_blends import split_blended_groups  # noqa: E402

GOLDEN = REPO / "tests" / "golden" / "lottie-shape-blends"
HARDMIX = REPO / "bench" / "lottie-corpus" / "skia" / "skottie-blendmode-hardmix.json"
FRAMES = {"modes": (0, 20), "children": (3, 12, 25), "transformed": (0, 20)}
SIZE = 80
HARDMIX_TIMES = (1.5, 4.6)


def _doc(name: str) -> dict:
    return json.loads((GOLDEN / f"{name}.json").read_text())


def _frames(doc: dict, frames, tmp: Path, size: int = SIZE) -> list[np.ndarray]:
    file = tmp / "case.json"
    file.write_text(json.dumps(doc))
    _, player = load_player(file, tmp, ("lottie",))
    return [player.frame(float(f), size, size).astype(int) for f in frames]


def _figures(ours: np.ndarray, ref: np.ndarray) -> tuple[float, float]:
    d = np.abs(ours - ref.astype(int))
    return float(d.mean()), float(np.percentile(d.max(axis=-1), 99))


def _within(got: np.ndarray, ref: np.ndarray) -> bool:
    mean, p99 = _figures(got, ref)
    return mean <= 1.5 and p99 <= 40


@pytest.mark.parametrize("name", sorted(FRAMES))
def test_group_blend_modes_draw_as_skottie(tmp_path, monkeypatch, name):
    doc = _doc(name)
    refs = [read_png(GOLDEN / f"{name}-{f}.png") for f in FRAMES[name]]
    for f, got, ref in zip(FRAMES[name], _frames(doc, FRAMES[name], tmp_path), refs):
        assert _within(got, ref), (name, f, _figures(got, ref))
    # Left to the player, the groups are blended by its own formulas (Hard Mix as Normal): out of the bounds
    monkeypatch.setattr(lottie_normalise, "split_blended_groups", lambda data: None)
    own = _frames(doc, FRAMES[name], tmp_path)
    assert not all(_within(got, ref) for got, ref in zip(own, refs)), name


def test_a_layer_with_blended_groups_becomes_a_null_and_a_layer_per_group():
    doc = _doc("modes")
    groups = copy.deepcopy(doc["layers"][0])
    normalise(doc)
    *parts, null, backdrop = doc["layers"]
    assert backdrop["nm"] == "backdrop"
    assert null["ty"] == 3 and null["ind"] == groups["ind"] and null["ks"] == groups["ks"]
    assert [p["bm"] for p in parts] == [17, 10, 2, 0, 15, 1]
    assert [p["shapes"][0]["nm"] for p in parts] == [g["nm"] for g in groups["shapes"]]
    for part in parts:
        assert part["ty"] == 4 and part["parent"] == null["ind"] and "bm" not in part["shapes"][0]
        assert part["ks"]["o"]["k"] == 100 and part["ks"]["p"]["k"] == [0, 0, 0]
    assert len({l["ind"] for l in doc["layers"]}) == len(doc["layers"])


def test_children_keep_following_the_split_layer():
    doc = _doc("children")
    normalise(doc)
    null = next(l for l in doc["layers"] if l["ty"] == 3)
    assert null["nm"] == "turning" and null["ks"]["p"]["a"] == 1 and (null["ip"], null["st"]) == (5, 5)
    children = [l for l in doc["layers"] if l["nm"].startswith("child")]
    assert [c["parent"] for c in children] == [null["ind"]] * 2
    parts = [l for l in doc["layers"] if l["nm"] == "turning" and l["ty"] == 4]
    assert all(p["parent"] == null["ind"] for p in parts)
    assert [(p["bm"], p["ip"], p["st"]) for p in parts] == [(10, 5, 5), (16, 5, 5), (0, 5, 5)]
    names = [l["nm"] for l in doc["layers"]]
    assert names == ["child above", "turning", "turning", "turning", "turning", "child below", "backdrop"]


def _modes_layer_with(change) -> dict:
    doc = _doc("modes")
    change(doc["layers"][0], doc)
    return doc


def _top_transform(o=100) -> dict:
    static = lambda v: {"a": 0, "k": v}                     # noqa: E731 - a tiny local constructor
    return {"ty": "tr", "p": static([0, 0]), "a": static([0, 0]), "s": static([100, 100]), "r": static(0),
            "o": static(o)}


def _set(**fields):
    return lambda layer, doc: layer.update(fields)


LEFT_AS_IS = {
    "translucent": _set(ks={"o": {"a": 0, "k": 60}}),
    "animated opacity": _set(ks={"o": {"a": 1, "k": [{"t": 0, "s": [100]}, {"t": 30, "s": [40]}]}}),
    "masked": _set(hasMask=True, masksProperties=[{"mode": "a", "pt": {"a": 0, "k": {}}, "o": {"a": 0, "k": 100}}]),
    "matted": _set(tt=1),
    "a matte": _set(td=1),
    "with an effect": _set(ef=[{"ty": 21, "en": 1, "ef": []}]),
    "with a style": _set(sy=[{"ty": 1}]),
    "blended itself": _set(bm=3),
    "3D": _set(ddd=1),
    "auto-oriented": _set(ao=1),
    "a fill at the top": lambda layer, doc: layer["shapes"].append({"ty": "fl", "c": {"a": 0, "k": [1, 0, 0, 1]},
                                                                    "o": {"a": 0, "k": 100}}),
    "a translucent transform at the top": lambda layer, doc: layer["shapes"].append(_top_transform(60)),
    "two transforms at the top": lambda layer, doc: layer["shapes"].extend([_top_transform(), _top_transform()]),
    "the matte of the layer below": lambda layer, doc: doc["layers"][1].update(tt=1),
    "in a precomposition": lambda layer, doc: doc.update(
        assets=[{"id": "pre", "layers": [doc["layers"].pop(0)]}],
        layers=[{"ty": 0, "ind": 9, "refId": "pre", "ks": {}, "ip": 0, "op": 60, "st": 0, "w": 80, "h": 80}]
        + doc["layers"]),
}


@pytest.mark.parametrize("case", sorted(LEFT_AS_IS))
def test_layers_the_split_would_change_are_left_as_they_are(case):
    doc = _modes_layer_with(LEFT_AS_IS[case])
    before = copy.deepcopy(doc)
    split_blended_groups(doc)
    assert doc == before, case


def test_the_layer_as_is_splits():
    """The cases above differ from the one that splits only in what they name."""
    doc = _modes_layer_with(lambda layer, doc: None)
    split_blended_groups(doc)
    assert len(doc["layers"]) == 8


def test_a_top_level_transform_goes_with_each_group():
    doc = _doc("transformed")
    transform = doc["layers"][0]["shapes"][-1]
    split_blended_groups(doc)
    parts = doc["layers"][:6]
    assert all(p["shapes"][1:] == [transform] and p["shapes"][0]["ty"] == "gr" for p in parts)


def _over_grey(rgba: np.ndarray) -> np.ndarray:
    a = rgba.astype(np.float32)
    return np.round(a[..., :3] + 128 * (1 - a[..., 3:] / 255)).astype(int)


def _hardmix_bounds(got: np.ndarray, ref: np.ndarray) -> bool:
    """Within a few levels but at edges: Hard Mix floors colours to 0 or 1, so the players' antialiasing of the
    file's small shapes at 1/5 of its size shows as up to 190 levels on a few edge pixels."""
    d = np.abs(got - ref)
    return d.mean() <= 1 and np.percentile(d.max(axis=2), 99) <= 24


def test_skias_hard_mix_groups_match_skottie_in_a_project(tmp_path, monkeypatch):
    """Skia's skottie-blendmode-hardmix.json: its 'Shape Solids' layer has three groups in Hard Mix."""
    shutil.copy(HARDMIX, tmp_path)
    p = lottie_project(tmp_path, HARDMIX.name, (100, 100), 10, 4.7, fit="fill")
    frames = render_png_frames(p, tmp_path / "frames")
    monkeypatch.setattr(lottie_normalise, "split_blended_groups", lambda data: None)
    doc = json.loads(HARDMIX.read_text())
    own = _frames(doc, [t * float(doc["fr"]) for t in HARDMIX_TIMES], tmp_path, 100)
    for t, plain in zip(HARDMIX_TIMES, own):
        ref = read_png(GOLDEN / f"hardmix-{t:g}s.png").astype(int)
        assert _hardmix_bounds(frames[round(t * 10)].astype(int), ref), t
        assert not _hardmix_bounds(_over_grey(plain), ref), t     # the player alone draws Hard Mix as Normal
