"""The Gaussian Blur effect on rendered pixels against Skia's Skottie (tests/golden/lottie-blur, written by
`python3 bench/lottie_blur_cases.py`): blurriness 5, 20, 60, one direction only, an animated blurriness, a shape
layer scaled 250 % (blurred in composition pixels) and a precomposition scaled 200 % (blurred in its own). And
Repeat Edge Pixels, which the player ignores, refused."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "foundation"))
from foundation_media import REPO  # noqa: E402
from lottie_cells import golden_cell_differences, refusal, render_lottie  # noqa: E402

GOLDEN = REPO / "tests" / "golden" / "lottie-blur"
FILE = GOLDEN / "blur.json"
W, H, CELL, FPS = 480, 240, 120, 10


def _render(tmp_path: Path, data: dict):
    return render_lottie(tmp_path, data, (W, H), FPS, "blur.json")


def test_gaussian_blurs_draw_as_skottie(tmp_path):
    frames = _render(tmp_path, json.loads(FILE.read_text()))
    for lottie_frame, cell, mean, p99 in golden_cell_differences(frames, GOLDEN, FPS, CELL):
        assert mean <= 1.6 and p99 <= 14, (lottie_frame, cell, mean, p99)


def test_the_blur_of_a_scaled_shape_layer_is_measured_in_composition_pixels(tmp_path):
    """The 250 % shape layer's cell is the 20-blur cell: the same picture, though its square is drawn 2.5 times
    larger from a 16 px one (blurred in the layer's own units it would be 2.5 times wider)."""
    frame = _render(tmp_path, json.loads(FILE.read_text()))[0].astype(int)
    plain, scaled = frame[0:CELL, CELL:2 * CELL], frame[CELL:2 * CELL, CELL:2 * CELL]
    assert np.abs(plain - scaled).max() <= 8
    assert plain.std() > 20                                   # a blurred square, not an empty cell


def test_repeat_edge_pixels_is_refused(tmp_path, compositor_cli):
    data = json.loads(FILE.read_text())
    data["layers"] = data["layers"][:1]
    data["layers"][0]["ef"][0]["ef"][2]["v"]["k"] = 1
    out = refusal(tmp_path, compositor_cli, "blur.json", json.dumps(data))
    assert re.search(r"blur\.json:1: layer 'blurriness 5' in the main composition: the effect 'Gaussian Blur' "
                     r"\(Gaussian Blur with Repeat Edge Pixels on\)", out), out
