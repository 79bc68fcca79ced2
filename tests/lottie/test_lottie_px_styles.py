"""Layer styles drawn on a layer's own pixels, against Skia's Skottie (tests/golden/lottie-pixel-ops/styles, written
by `python3 bench/lottie_px_styles_cases.py`): each golden holds Skottie's frame of a styled layer without its
style (left half) and with it (right half); the style applied to the left must give the right. Cases: Skia's own
style files (rotating, scaling precompositions, animated sizes) and small files per style and parameter. And what
is refused: the styles Skottie does not draw."""
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

from overlays.lottie_pixel_ops import STYLES, Unsupported
from overlays.lottie_px_styles import reach

from lottie_cells import frame_difference, golden_pair  # noqa: E402

GOLDEN = REPO / "tests" / "golden" / "lottie-pixel-ops" / "styles"
CASES = json.loads((GOLDEN / "cases.json").read_text())["cases"]


def _pair(case: dict) -> tuple[np.ndarray, np.ndarray]:
    return golden_pair(GOLDEN / case["png"])


def _styled(case: dict, without: np.ndarray, styles=None) -> np.ndarray:
    linear = case["units_to_pixels"] * np.eye(2)
    px = without.astype(np.float32) / 255.0
    for style in styles if styles is not None else case["sy"]:
        px = STYLES[int(style["ty"])](style)(px, float(case["frame"]), linear)
    return np.clip(np.floor(px * 255.0 + 0.5), 0, 255).astype(np.uint8)


@pytest.mark.parametrize("case", CASES, ids=[f"{c['name']}@{c['frame']}" for c in CASES])
def test_style_draws_as_skottie(case):
    without, with_style = _pair(case)
    mean, p99 = frame_difference(_styled(case, without), with_style)
    assert mean <= 1.0 and p99 <= 8, (mean, p99)


@pytest.mark.parametrize("case", CASES, ids=[f"{c['name']}@{c['frame']}" for c in CASES])
def test_the_style_changes_the_picture(case):
    """Without its style each frame is far from Skottie's: the test above can fail."""
    without, with_style = _pair(case)
    if case["name"] == "skia-coloroverlay" and case["frame"] == 0:
        pytest.skip("opacity 0 at frame 0")
    mean, p99 = frame_difference(without, with_style)
    assert p99 > 20, (mean, p99)


def _nudged(style: dict) -> dict:
    """The same style a little off: a larger blur, a turned shadow, a stronger overlay."""
    s = copy.deepcopy(style)
    if s["ty"] in (1, 2, 3, 4):
        k = s["s"]["k"]
        s["s"] = {"a": 0, "k": 8} if isinstance(k, list) else {"a": 0, "k": k + 8}
    if s["ty"] in (1, 2):
        s["a"] = {"a": 0, "k": 90}
        s["d"] = {"a": 0, "k": 12}
    if s["ty"] == 7:
        s["so"] = {"a": 0, "k": 100}
        s["c"] = {"a": 0, "k": [1, 0, 1, 1]}
    return s


def test_a_style_a_little_off_fails_the_bound():
    """A wrong size, angle or colour breaks the bound on most goldens: the bound tells formulas apart."""
    failures = 0
    for case in CASES:
        without, with_style = _pair(case)
        mean, p99 = frame_difference(_styled(case, without, [_nudged(s) for s in case["sy"]]), with_style)
        failures += mean > 1.0 or p99 > 8
    assert failures >= len(CASES) - 2, failures


@pytest.mark.parametrize("ty", [0, 5, 6, 8])
def test_styles_skottie_leaves_out_are_refused(ty):
    with pytest.raises(Unsupported, match="does not draw"):
        STYLES[ty]({"ty": ty})


def test_unreadable_keyframes_are_refused():
    with pytest.raises(Unsupported, match="drop shadow"):
        STYLES[1]({"ty": 1, "s": {"a": 1, "k": [{"t": "x"}]}})


def test_blur_unevenly_scaled_and_turned_is_refused():
    """A map whose blur is no longer axis-aligned or round (never a top-level layer's drawing scale) is refused."""
    assert CASES[0]["name"] == "drop-shadow-anim" and CASES[0]["frame"] == 45
    style = json.loads(json.dumps(CASES[0]["sy"][0]))
    op = STYLES[int(style["ty"])](style)
    skew = np.array([[1.0, 0.5], [0.0, 2.0]])
    with pytest.raises(Unsupported, match="unevenly"):
        op(np.zeros((8, 8, 4), np.float32), 45.0, skew)


def test_reach_covers_the_blur_and_the_distance():
    """The margin a styled layer is drawn with: 3 sigma of the blur plus the shadow's distance, in pixels."""
    shadow = {"ty": 1, "s": {"a": 0, "k": 10}, "d": {"a": 0, "k": 20}, "a": {"a": 0, "k": 45}}
    assert reach(shadow, 0, 2 * np.eye(2)) == int(np.ceil(3 * 0.3 * 10 * 2 + 20 * 2)) + 1
    glow = {"ty": 3, "s": {"a": 0, "k": 10}, "d": {"a": 0, "k": 20}}
    assert reach(glow, 0, np.eye(2)) == 10
    assert reach({"ty": 7}, 0, np.eye(2)) == 0
