"""Values moving along curved motion paths drawn where Skottie draws them, on rendered pixels against Skottie's
frames (tests/golden/lottie-motion-paths, written by `python3 bench/lottie_motion_path_cases.py`): a layer's
position eased along a curve, the same in the old keyframe form, a group's position inside a precomposition,
and a sharp ease as rlottie's confetti.json has. The player alone, measuring the paths' lengths by its estimate,
puts the squares up to a few pixels off."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "foundation"))
from foundation_media import REPO, read_png  # noqa: E402
from lottie_cells import render_lottie  # noqa: E402

GOLDEN = REPO / "tests" / "golden" / "lottie-motion-paths"
FILE = GOLDEN / "motion.json"
W = H = 160
FPS = 10
FRAMES = {6: 0.2, 12: 0.4, 21: 0.7}                  # Lottie frame (30 fps) -> shot time


def _differences(got: np.ndarray, ref: np.ndarray) -> tuple[float, float, int]:
    d = np.abs(got.astype(int) - ref.astype(int))
    largest = d.max(axis=2)
    return d.mean(), np.percentile(largest, 99), int((largest > 40).sum())


def test_motion_paths_draw_as_skottie(tmp_path):
    frames = render_lottie(tmp_path, json.loads(FILE.read_text()), (W, H), FPS, "motion.json")
    for lottie_frame, t in FRAMES.items():
        mean, p99, off = _differences(frames[round(t * FPS)], read_png(GOLDEN / f"frame-{lottie_frame}.png"))
        assert mean <= 0.3 and p99 <= 6 and off == 0, (lottie_frame, mean, p99, off)


def test_the_player_alone_puts_the_squares_elsewhere():
    """The test above can fail: the player given the curves as they are draws the squares off their place."""
    from overlays.lottie_player import LottiePlayer
    player = LottiePlayer(FILE.read_text())
    for lottie_frame in FRAMES:
        rgba = player.frame(lottie_frame, W, H).astype(np.float32)
        over_grey = np.round(rgba[..., :3] + 128 * (1 - rgba[..., 3:] / 255))
        _, _, off = _differences(over_grey, read_png(GOLDEN / f"frame-{lottie_frame}.png"))
        assert off > 60, (lottie_frame, off)


def test_a_curve_becomes_straight_keyframes_on_it():
    from overlays.lottie_keyframes import Prop
    from overlays.lottie_spatial_paths import TOLERANCE, straighten_spatial_paths
    data = json.loads(FILE.read_text())
    before = Prop(data["layers"][1]["ks"]["p"], [0, 0])
    straighten_spatial_paths(data)
    keys = data["layers"][1]["ks"]["p"]["k"]
    assert len(keys) > 10 and not any("to" in k or "ti" in k for k in keys)
    after = Prop(data["layers"][1]["ks"]["p"], [0, 0])
    for t in np.linspace(0, 30, 241):
        assert np.abs(after.at(t) - before.at(t)).max() <= TOLERANCE * 1.01, t
