"""3D layers in a 3D composition, drawn as Skia's Skottie draws them: those that stay in the picture plane
(Z rotation, scale, anchor) by the player through the default camera (tests/golden/lottie-3d, written by
`python3 bench/lottie_flat_3d_cases.py`); those turned out of the plane, moved in depth, parented in 3D or seen
through a camera layer drawn flat and warped (tests/golden/lottie-3d-turned, written by
`python3 bench/lottie_3d_cases.py`). What is not drawn so is refused, naming the form."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "foundation"))
from foundation_media import REPO, read_png  # noqa: E402
from lottie_cells import SHOT_TIMES, golden_cell_differences, refusal, render_lottie  # noqa: E402

GOLDEN = REPO / "tests" / "golden" / "lottie-3d"
FILE = GOLDEN / "flat_3d.json"
SIZE, FPS = 200, 10


def _render(tmp_path: Path, data: dict) -> list:
    return render_lottie(tmp_path, data, (SIZE, SIZE), FPS, "cards.json")


def test_3d_layers_in_the_picture_plane_draw_as_skottie(tmp_path):
    frames = _render(tmp_path, json.loads(FILE.read_text()))
    for lottie_frame, _, mean, p99 in golden_cell_differences(frames, GOLDEN, FPS, SIZE):
        assert mean <= 1.0 and p99 <= 25, (lottie_frame, mean, p99)
    for lottie_frame in SHOT_TIMES:
        assert read_png(GOLDEN / f"frame-{lottie_frame}.png").astype(int).std() > 20


TURNED = REPO / "tests" / "golden" / "lottie-3d-turned"


@pytest.mark.parametrize("scene", ["turned_3d", "camera_3d"])
def test_3d_layers_turned_deep_parented_or_through_a_camera_draw_as_skottie(tmp_path, scene):
    data = json.loads((TURNED / f"{scene}.json").read_text())
    frames = _render(tmp_path, data)
    for lottie_frame, _, mean, p99 in golden_cell_differences(frames, TURNED, FPS, SIZE, prefix=scene):
        assert mean <= 1.0 and p99 <= 30, (scene, lottie_frame, mean, p99)
    for lottie_frame in SHOT_TIMES:
        assert read_png(TURNED / f"{scene}-{lottie_frame}.png").astype(int).std() > 20


def test_without_the_warp_a_turned_card_is_drawn_wrongly(tmp_path):
    """The goldens tell the warp from the player alone: the same scene with every layer made 2D (what the player
    would draw without perspective) is far from Skottie's frame."""
    data = json.loads((TURNED / "turned_3d.json").read_text())
    data["ddd"] = 0
    for layer in data["layers"]:
        layer["ddd"] = 0
    frames = _render(tmp_path, data)
    ref = read_png(TURNED / "turned_3d-21.png").astype(int)
    assert np.abs(frames[round(SHOT_TIMES[21] * FPS)].astype(int) - ref).mean() > 3


def _refusal(tmp_path, compositor_cli, data) -> str:
    return refusal(tmp_path, compositor_cli, "cards.json", json.dumps(data))


def test_a_turned_3d_layer_with_a_track_matte_is_refused(tmp_path, compositor_cli):
    data = json.loads((TURNED / "turned_3d.json").read_text())
    data["layers"][0]["tt"] = 1
    flat_ks = {"o": {"a": 0, "k": 100}, "p": {"a": 0, "k": [50, 45]}}
    data["layers"].insert(0, dict(data["layers"][0], ind=9, nm="matte", td=1, ddd=0, ks=flat_ks))
    out = _refusal(tmp_path, compositor_cli, data)
    assert re.search(r"cards\.json:1: layer 'turning about Y' in the main composition: a 3D layer with a track "
                     r"matte or used as one", out), out


def test_a_turned_3d_layer_inside_a_precomposition_is_refused(tmp_path, compositor_cli):
    data = json.loads((TURNED / "camera_3d.json").read_text())
    data["assets"][0]["layers"][0].update(ddd=1)
    data["assets"][0]["layers"][0]["ks"]["ry"] = {"a": 0, "k": 40}
    out = _refusal(tmp_path, compositor_cli, data)
    assert re.search(r"layer 'inner card' in precomposition 'inner': a 3D layer \(Y rotation\) inside a "
                     r"precomposition", out), out


def test_a_turned_3d_layer_with_effects_is_refused(tmp_path, compositor_cli):
    data = json.loads(FILE.read_text())
    data["layers"][3]["ks"]["ry"] = {"a": 0, "k": 40}
    data["layers"][3]["ef"] = [{"ty": 22, "nm": "Stroke", "mn": "ADBE Stroke", "en": 1, "ef": []}]
    out = _refusal(tmp_path, compositor_cli, data)
    assert re.search(r"cards\.json:1: layer 'card 4' in the main composition: a 3D layer with effects", out), out


def test_a_layer_parented_to_a_camera_is_refused(tmp_path, compositor_cli):
    data = json.loads((TURNED / "camera_3d.json").read_text())
    data["layers"][5]["parent"] = 1                      # the far card, under the camera
    out = _refusal(tmp_path, compositor_cli, data)
    assert re.search(r"cards\.json:1: layer 'far card' in the main composition: a layer parented to a camera", out), out
