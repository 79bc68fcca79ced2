"""Gradient Ramp on solids drawn as Skottie draws it, on rendered pixels against Skottie's frames
(tests/golden/lottie-ramp, written by `python3 bench/lottie_ramp_cases.py`): linear, radial, with Blend With
Original 30 (left out, as Skottie leaves it out), and animated inside a precomposition. And what is refused: a
Gradient Ramp on a shape layer, which the rewrite leaves alone."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "foundation"))
from foundation_media import REPO, read_png  # noqa: E402
from lottie_cells import cell_differences, golden_cell_differences, refusal, render_lottie  # noqa: E402

GOLDEN = REPO / "tests" / "golden" / "lottie-ramp"
FILE = GOLDEN / "ramp.json"
W, H, CELL, FPS = 160, 160, 80, 10


def _render(tmp_path: Path, data: dict):
    return render_lottie(tmp_path, data, (W, H), FPS, "ramp.json")


def test_gradient_ramps_draw_as_skottie(tmp_path):
    frames = _render(tmp_path, json.loads(FILE.read_text()))
    for lottie_frame, cell, mean, p99 in golden_cell_differences(frames, GOLDEN, FPS, CELL):
        assert mean <= 1.0 and p99 <= 8, (lottie_frame, cell, mean, p99)


def test_flat_solids_differ_from_skottie(tmp_path):
    """The test above can fail: the solids drawn in their own colour are far from Skottie's ramps."""
    data = json.loads(FILE.read_text())
    for layer in data["layers"] + data["assets"][0]["layers"]:
        layer.pop("ef", None)
    frame = _render(tmp_path, data)[0]
    for cell, mean, _ in cell_differences(frame, read_png(GOLDEN / "frame-0.png"), CELL):
        assert mean > 4, (cell, mean)


def test_the_solid_becomes_a_gradient_filled_rectangle():
    from overlays.lottie_gradient_ramp import gradient_ramp_solids
    data = json.loads(FILE.read_text())
    data["layers"][1]["ef"].append({"ty": 20, "nm": "Tint", "en": 1, "ef": []})
    gradient_ramp_solids(data)
    radial = data["layers"][1]
    rect, fill, _ = radial["shapes"][0]["it"]
    assert radial["ty"] == 4 and "sc" not in radial and [e["nm"] for e in radial["ef"]] == ["Tint"]
    assert rect["s"]["k"] == [60, 60] and rect["p"]["k"] == [30, 30]
    assert fill["t"] == 2 and fill["s"]["k"] == [30, 30] and fill["e"]["k"] == [30 + (28 ** 2 + 10 ** 2) ** 0.5, 30]
    assert fill["g"]["k"]["k"] == [0, 1, 1, 1, 1, 0.6, 0.1, 0.3]
    animated = data["assets"][0]["layers"][0]["shapes"][0]["it"][1]
    assert [f["s"] for f in animated["g"]["k"]["k"]] == [[0, 0.9, 0.8, 0.1, 1, 0.2, 0.1, 0.1],
                                                        [0, 0.1, 0.3, 0.8, 1, 0.2, 0.1, 0.1]]


def test_gradient_ramp_on_a_shape_layer_is_refused(tmp_path, compositor_cli):
    data = json.loads(FILE.read_text())
    ramp = data["layers"][0]["ef"][0]
    data["layers"] = [{"ddd": 0, "ind": 1, "ty": 4, "nm": "shapes", "ip": 0, "op": 60, "st": 0, "ef": [ramp],
                       "ks": data["layers"][0]["ks"], "shapes": [{"ty": "gr", "it": [
                           {"ty": "rc", "d": 1, "s": {"a": 0, "k": [40, 40]}, "p": {"a": 0, "k": [20, 20]},
                            "r": {"a": 0, "k": 0}},
                           {"ty": "fl", "c": {"a": 0, "k": [1, 0, 0, 1]}, "o": {"a": 0, "k": 100}, "r": 1},
                           {"ty": "tr", "p": {"a": 0, "k": [0, 0]}, "a": {"a": 0, "k": [0, 0]},
                            "s": {"a": 0, "k": [100, 100]}, "r": {"a": 0, "k": 0}, "o": {"a": 0, "k": 100}}]}]}]
    out = refusal(tmp_path, compositor_cli, "fx.json", json.dumps(data, indent=1))
    assert re.search(r"fx\.json:\d+: layer 'shapes'.*Gradient Ramp", out), out
