"""Threshold, Black & White, Invert and Shift Channels applied to a layer's pixels (overlays/lottie_px_mono.py)
against Skia's Skottie: each op, run on Skottie's frame of the layer without its effect, must give Skottie's frame
with it (tests/golden/lottie-pixel-ops/mono, written by `python3 bench/lottie_px_mono_cases.py`), within a mean of
1 level and a 99th percentile of 8 on premultiplied RGBA, cell by cell, at every stored frame. The cells cover
every Invert channel Skottie inverts, the Shift Channels sources it draws, Threshold and Black & White with
static and keyframed parameters, over translucent shapes, and Skia's own test files for these effects."""
from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "foundation"))
from foundation_media import REPO, read_png  # noqa: E402

from overlays.lottie_pixel_ops import EFFECTS, Unsupported, effect_op  # noqa: E402
from overlays import lottie_px_mono  # noqa: E402,F401  (fills EFFECTS)

GOLDEN = REPO / "tests" / "golden" / "lottie-pixel-ops" / "mono"
SKIA = REPO / "bench" / "lottie-corpus" / "skia"
CASES = json.loads((GOLDEN / "cases.json").read_text())
REFUSED = {("skia-invert", 8)}                        # Invert of alpha: see test_what_skottie_draws_by_bounds


def _doc(case: dict) -> dict:
    folder = GOLDEN if case["file"] == "mono.json" else SKIA
    return json.loads((folder / case["file"]).read_text())


def _frames(name: str, frame: int):
    return (read_png(GOLDEN / f"{name}-without-{frame}.png").astype(np.float32) / 255,
            read_png(GOLDEN / f"{name}-with-{frame}.png").astype(np.int16))


def _figures(op, without: np.ndarray, with_: np.ndarray, frame: float) -> tuple[float, float]:
    mine = np.round(np.clip(op(without, frame), 0, 1) * 255).astype(np.int16)
    d = np.abs(mine - with_)
    return float(d.mean()), float(np.percentile(d.max(axis=2), 99))


def _cells(name: str):
    case = CASES[name]
    layers = _doc(case)["layers"]
    for frame in case["frames"]:
        without, with_ = _frames(name, frame)
        for index, (x0, y0, x1, y1) in case["cells"]:
            if (name, index) not in REFUSED:
                yield (frame, layers[index], without[y0:y1, x0:x1], with_[y0:y1, x0:x1])


@pytest.mark.parametrize("name", sorted(CASES))
def test_ops_draw_as_skottie(name):
    for frame, layer, without, with_ in _cells(name):
        mean, p99 = _figures(effect_op(layer["ef"][0]), without, with_, frame)
        assert mean <= 1 and p99 <= 8, (name, layer["nm"], frame, mean, p99)


def _mutated(effect: dict) -> dict:
    """The effect with one parameter moved: another channel or source, a higher level, other weights."""
    e = copy.deepcopy(effect)
    first = e["ef"][0]["v"]
    if e["mn"] == "ADBE Black&White":
        e["ef"][0]["v"], e["ef"][2]["v"] = e["ef"][2]["v"], {"a": 0, "k": -150}
    elif e["mn"] == "ADBE Shift Channels":                     # alpha back on where it was off, else red off
        e["ef"][0 if first.get("k") == 10 else 1]["v"] = {"a": 0, "k": 1 if first.get("k") == 10 else 10}
    elif e["mn"] == "ADBE Threshold2":
        e["ef"][0]["v"] = {"a": 0, "k": 0.35 if first.get("k") != 0.35 else 0.65}
    else:
        e["ef"][0]["v"] = {"a": 0, "k": 2 if first.get("k") != 2 else 3}
    return e


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_wrong_parameter_or_no_op_breaks_the_bound(name):
    """The test above can fail: with no op, or one parameter moved, each cell is off at some stored frame."""
    worst: dict = {}
    for frame, layer, without, with_ in _cells(name):
        for kind, op in (("none", lambda rgba, f: rgba), ("moved", effect_op(_mutated(layer["ef"][0])))):
            mean, p99 = _figures(op, without, with_, frame)
            key = (layer["nm"], kind)
            worst[key] = max(worst.get(key, 0.0), max(mean - 1, (p99 - 8) / 8))
    assert all(v > 0 for v in worst.values()), {k: v for k, v in worst.items() if v <= 0}


def _effect(mn: str, *values) -> dict:
    return {"ty": 5, "mn": mn, "nm": "fx", "ef": [{"ty": 0, "v": {"a": 0, "k": v}} for v in values]}


@pytest.mark.parametrize("effect, reason", [
    (_effect("ADBE Invert", 16, 0), "of alpha"),
    (_effect("ADBE Shift Channels", 9, 2, 3, 4), "alpha from Full On"),
    (_effect("ADBE Shift Channels", 2, 2, 3, 4), "alpha from a colour"),
    (_effect("ADBE Shift Channels", 5, 2, 3, 4), "alpha from a colour"),
    (_effect("ADBE Shift Channels", 1, 6, 3, 4), "red from hue"),
    (_effect("ADBE Shift Channels", 1, 2, 3, 8), "blue from saturation"),
])
def test_what_skottie_draws_by_bounds_or_grouping_is_refused(effect, reason):
    with pytest.raises(Unsupported, match=reason):
        effect_op(effect)


def test_a_keyframed_channel_passing_alpha_is_refused():
    """Between keyframes 1 and 20 the channel passes 16 (alpha) on its way."""
    effect = _effect("ADBE Invert", 1, 0)
    effect["ef"][0]["v"] = {"a": 1, "k": [{"t": 0, "s": [1], "o": {"x": [0], "y": [0]}, "i": {"x": [1], "y": [1]}},
                                          {"t": 10, "s": [20]}]}
    with pytest.raises(Unsupported, match="of alpha"):
        effect_op(effect)


def test_blend_with_original_mixes_as_after_effects():
    """Skottie does not read Blend With Original; at 100 the original comes back, at 50 the mean of both."""
    without, _ = _frames("mono", 0)
    inverted = effect_op(_effect("ADBE Invert", 7, 0))(without, 0)
    half = effect_op(_effect("ADBE Invert", 7, 50))(without, 0)
    assert np.allclose(effect_op(_effect("ADBE Invert", 7, 100))(without, 0), without, atol=1e-5)
    assert np.allclose(half, (inverted + without) / 2, atol=1e-5)
    assert np.abs(inverted - without).max() > 0.5


def test_the_four_effects_are_registered():
    assert {"ADBE Threshold2", "ADBE Black&White", "ADBE Invert", "ADBE Shift Channels"} <= set(EFFECTS)
