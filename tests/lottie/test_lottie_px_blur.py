"""Directional Blur drawn on a layer's own pixels, against Skia's Skottie (tests/golden/lottie-pixel-ops/blur,
written by `python3 bench/lottie_px_blur_cases.py`): each golden holds Skottie's frame of a blurred layer without
the effect (left half) and with it (right half); the effect applied to the left, through the map the layer's pass
measures it with, must give the right. Cases: shape layers blurred along each axis and slanted, small, animated,
scaled and turned (composition units); a solid and a precomposition scaled, turned and parented (the layer's
units); lottie-android's bomb.json shadow. And the forms refused."""
from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from overlays import lottie_passes  # noqa: F401  (fills EFFECTS)
from overlays.lottie_pixel_ops import Unsupported, effect_op
from overlays.lottie_passes import plan_passes
from overlays.lottie_px_blur import layer_linear, mark_layer_units

from lottie_cells import frame_difference, golden_pair  # noqa: E402

GOLDEN = REPO / "tests" / "golden" / "lottie-pixel-ops" / "blur"
CASES = json.loads((GOLDEN / "cases.json").read_text())["cases"]


def _pair(case: dict) -> tuple[np.ndarray, np.ndarray]:
    return golden_pair(GOLDEN / case["png"])


def _blurred(case: dict, without: np.ndarray, effects=None, transforms=None) -> np.ndarray:
    frame = float(case["frame"])
    chain = case["transforms"] if transforms is None else transforms
    linear = case["units_to_pixels"] * layer_linear(chain, frame)
    px = without.astype(np.float32) / 255.0
    for effect in effects if effects is not None else case["ef"]:
        px = effect_op(effect)(px, frame, linear)
    return np.clip(np.floor(px * 255.0 + 0.5), 0, 255).astype(np.uint8)


@pytest.mark.parametrize("case", CASES, ids=[f"{c['name']}@{c['frame']}" for c in CASES])
def test_directional_blur_draws_as_skottie(case):
    without, with_blur = _pair(case)
    mean, p99 = frame_difference(_blurred(case, without), with_blur)
    assert mean <= 1.0 and p99 <= 8, (mean, p99)


@pytest.mark.parametrize("case", CASES, ids=[f"{c['name']}@{c['frame']}" for c in CASES])
def test_the_blur_changes_the_picture(case):
    """Without the effect each frame is far from Skottie's: the test above can fail."""
    without, with_blur = _pair(case)
    mean, p99 = frame_difference(without, with_blur)
    assert p99 > 8, (mean, p99)


def _nudged(effect: dict) -> dict:
    """The same blur a little off: turned by 20 degrees and a third longer."""
    e = copy.deepcopy(effect)
    for p, change in zip(e["ef"], (lambda v: v + 20, lambda v: v * 4 / 3)):
        k = p["v"]["k"]
        if isinstance(k, list) and k and isinstance(k[0], dict):
            for key in k:
                key["s"] = [change(v) for v in key["s"]]
        else:
            p["v"] = {"a": 0, "k": change(k)}
    return e


def test_a_blur_a_little_off_fails_the_bound():
    """A wrong direction or length breaks the bound on every golden: the bound tells them apart."""
    for case in CASES:
        without, with_blur = _pair(case)
        mean, p99 = frame_difference(_blurred(case, without, [_nudged(e) for e in case["ef"]]), with_blur)
        assert mean > 1.0 or p99 > 8, (case["name"], mean, p99)


def test_the_layers_units_count_for_solids_and_precompositions():
    """Measured in composition units instead, the blurs of scaled solids and precompositions break the bound."""
    layered = [c for c in CASES if c["transforms"]]
    assert {c["name"] for c in layered} >= {"solid-parented", "precomp-scaled-turned", "bomb-shadow"}
    for case in layered:
        without, with_blur = _pair(case)
        mean, p99 = frame_difference(_blurred(case, without, transforms=[]), with_blur)
        assert mean > 1.0 or p99 > 8, (case["name"], mean, p99)


def test_layer_linear_scales_turns_and_follows_parents():
    own = {"s": {"a": 0, "k": [200, 50, 100]}, "r": {"a": 0, "k": 90}}
    parent = {"s": {"a": 0, "k": [50, 50, 100]}}
    m = layer_linear([own, parent], 0.0)
    assert np.allclose(m @ [1, 0], [0, 1.0]) and np.allclose(m @ [0, 1], [-0.25, 0])


def _doc(layer_type: int, **extra) -> dict:
    blur = CASES[0]["ef"][0]
    layer = {"ind": 1, "ty": layer_type, "ip": 0, "op": 10, "st": 0, "sw": 10, "sh": 10, "sc": "#ff0000",
             "ks": {"s": {"a": 0, "k": [50, 50, 100]}}, "ef": [copy.deepcopy(blur)], **extra}
    return {"v": "5.7.4", "fr": 30, "ip": 0, "op": 10, "w": 100, "h": 100, "layers": [layer]}


def test_a_solid_is_finished_with_its_transform_a_shape_layer_without():
    for ty, chained in ((1, True), (4, False)):
        data = _doc(ty)
        mark_layer_units(data)
        finishes = plan_passes(data)
        assert len(finishes) == 1 and bool(finishes[0].transforms) == chained


@pytest.mark.parametrize("extra, why", [
    ({"tt": 1}, "track matte"),
    ({"ks": {"sk": {"a": 0, "k": 15}}}, "skewed"),
])
def test_what_cannot_be_blurred_so_is_refused(extra, why):
    from overlays.lottie_effects import effect_left_out
    data = _doc(1, **extra)
    mark_layer_units(data)
    assert plan_passes(data) == []
    assert why in effect_left_out(data["layers"][0])


def test_unreadable_parameters_are_refused():
    with pytest.raises(Unsupported, match="parameter 1"):
        effect_op({"mn": "ADBE Motion Blur", "ef": [{"v": {"a": 0, "k": 0}}, {"nm": "x", "v": {"k": "long"}}]})
