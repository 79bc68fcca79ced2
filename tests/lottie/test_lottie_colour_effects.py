"""Affine colour effects drawn by rewriting the paints under the layer, on rendered pixels against Skia's Skottie
(tests/golden/lottie-colour-effects, written by `python3 bench/lottie_colour_effect_cases.py`): Invert (RGB and
blue), legacy Brightness & Contrast, Levels with gamma 1, Shift Channels and Hue/Saturation lightness, each over a
precomposition whose translucent shapes, gradient, animated colour, stroke, solid and image mix. Maps that are
not affine, and clamped colours that mix, are finished on pixels instead, also one precomposition down (drawn as
a sub-animation); they stay refused inside a precomposition layer that is not drawn so."""
from __future__ import annotations

import copy
import json
import re
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "foundation"))
from foundation_media import REPO, read_png  # noqa: E402
from lottie_cells import cell_differences, golden_cell_differences, refusal, render_lottie  # noqa: E402
from lottie_files import drawn_frames, matted_in_precomp, nested_in_precomp  # noqa: E402

GOLDEN = REPO / "tests" / "golden" / "lottie-colour-effects"
FILE = GOLDEN / "colour_effects.json"
W, H, CELL, FPS = 240, 160, 80, 10


def _render(tmp_path: Path, data: dict):
    return render_lottie(tmp_path, data, (W, H), FPS, "fx.json")


def _cells(a: np.ndarray, b: np.ndarray):
    return cell_differences(a, b, CELL)


def test_affine_colour_effects_draw_as_skottie(tmp_path):
    frames = _render(tmp_path, json.loads(FILE.read_text()))
    for lottie_frame, cell, mean, p99 in golden_cell_differences(frames, GOLDEN, FPS, CELL):
        assert mean <= 1.5 and p99 <= 16, (lottie_frame, cell, mean, p99)


def test_the_effects_change_the_picture(tmp_path):
    """Without its effect each cell is far from Skottie's frame: the test above can fail."""
    data = json.loads(FILE.read_text())
    for layer in data["layers"]:
        layer["ef"] = []
    frame = _render(tmp_path, data)[0]
    ref = read_png(GOLDEN / "frame-0.png")
    for cell, mean, _ in _cells(frame, ref):
        assert mean > 4, (cell, mean)


def _with_effect(effect: dict) -> dict:
    data = json.loads(FILE.read_text())
    data["layers"] = [copy.deepcopy(data["layers"][0])]
    data["layers"][0]["ef"] = [effect]
    return data


def _effect(mn, values):
    return {"ty": 5, "nm": "fx", "mn": mn, "en": 1,
            "ef": [{"ty": 0, "mn": f"{mn}-{i + 1:04d}", "v": {"a": 0, "k": v}} for i, v in enumerate(values)]}


NOT_AFFINE = [
    (_effect("ADBE Invert", [8, 0]), "lightness inverted: not affine on RGB"),
    (_effect("ADBE Brightness & Contrast 2", [20, 30, 0]), "today's Brightness & Contrast: curves"),
    (_effect("ADBE Brightness & Contrast 2", [30, 40, 1]), "clamped colours of translucent shapes that mix"),
    (_effect("ADBE Easy Levels2", [1, 0, 0, 1, 2, 0, 1, 1, 1]), "gamma 2"),
    (_effect("ADBE HUE SATURATION", [1, 0, 0, -50, 0, 0]), "saturation"),
]


@pytest.mark.parametrize("effect,why", NOT_AFFINE)
def test_what_is_not_affine_draws_inside_a_precomposition_as_at_the_top_level(tmp_path, effect, why):
    """At the top level these are finished on the layer's pixels (lottie_passes); inside a precomposition the
    precomposition is drawn as a sub-animation (lottie_nest), where they are finished the same way."""
    data = _with_effect(effect)
    frames = [0, 21]
    top = drawn_frames(tmp_path, "top.json", data, frames, (W, H))
    nested = drawn_frames(tmp_path, "nested.json", nested_in_precomp(data), frames, (W, H))
    for a, b in zip(top, nested):
        assert np.abs(a - b).max() <= 2, why
        assert a[..., 3].max() > 0


@pytest.mark.parametrize("effect,why", NOT_AFFINE)
def test_what_is_not_affine_stays_refused_in_a_precomposition_not_drawn_on_its_own(tmp_path, compositor_cli,
                                                                                effect, why):
    """A precomposition layer with a track matte is not drawn as a sub-animation: these effects inside it are
    refused."""
    out = refusal(tmp_path, compositor_cli, "fx.json", json.dumps(matted_in_precomp(_with_effect(effect))))
    assert re.search(r"fx\.json:1: layer 'cell 0' in precomposition 'whole': the effect 'fx'", out), out


def test_a_clamping_map_on_opaque_paint_keeps_its_gradient_exact():
    """An opaque gradient under a contrast that pushes it past 0 and 1 gets stops where a channel reaches them,
    so the drawn ramp is the clamped ramp (the player interpolates stops linearly)."""
    from overlays.lottie_colour_effects import effect_map
    from overlays.lottie_normalise import normalise
    grad = {"ty": "gf", "o": {"a": 0, "k": 100}, "r": 1, "t": 1, "s": {"a": 0, "k": [-20, 0]},
            "e": {"a": 0, "k": [20, 0]}, "g": {"p": 2, "k": {"a": 0, "k": [0, 0, 0, 0, 1, 1, 1, 1]}}}
    effect = _effect("ADBE Brightness & Contrast 2", [0, 50, 1])
    layer = {"ty": 4, "nm": "g", "ind": 1, "ip": 0, "op": 10, "st": 0, "ef": [effect],
             "ks": {}, "shapes": [{"ty": "rc", "d": 1, "s": {"a": 0, "k": [40, 40]}, "p": {"a": 0, "k": [0, 0]},
                                   "r": {"a": 0, "k": 0}}, grad]}
    data = {"v": "5.7.4", "fr": 30, "ip": 0, "op": 10, "w": 40, "h": 40, "layers": [layer], "assets": []}
    normalise(data)
    assert data["layers"][0]["ef"] == []
    g = data["layers"][0]["shapes"][1]["g"]
    stops = np.array(g["k"]["k"][:4 * g["p"]]).reshape(-1, 4)
    f = effect_map(effect)
    for x in np.linspace(0, 1, 41):                          # the drawn ramp at x equals the mapped colour
        drawn = np.array([np.interp(x, stops[:, 0], stops[:, c]) for c in (1, 2, 3)])
        assert np.allclose(drawn, f(np.full(3, x)), atol=1e-4), (x, drawn)
