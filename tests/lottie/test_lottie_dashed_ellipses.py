"""Dashed strokes on ellipses are drawn as Skia's Skottie draws them (tests/golden/lottie-dashed-ellipses, written
by `python3 bench/lottie_dashed_ellipse_cases.py`): rays of a stroke wider than its circle, round dots, square
caps with a phase and an odd dash count, at two turns of the layer. The player's own dashes were off by mean
1.5, p99 49 here (3.6, 149 in premultiplied RGBA)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "foundation"))
from foundation_media import REPO, read_png  # noqa: E402
from lottie_cells import SHOT_TIMES, golden_cell_differences, render_lottie  # noqa: E402

GOLDEN = REPO / "tests" / "golden" / "lottie-dashed-ellipses"
W = H = 200
FPS = 10


def test_dashed_ellipses_draw_as_skottie(tmp_path):
    frames = render_lottie(tmp_path, json.loads((GOLDEN / "dashed_ellipses.json").read_text()), (W, H), FPS,
                           "dashes.json")
    for lottie_frame, _, mean, p99 in golden_cell_differences(frames, GOLDEN, FPS, W):
        assert mean <= 1.0 and p99 <= 25, (lottie_frame, mean, p99)
    for lottie_frame in SHOT_TIMES:
        assert read_png(GOLDEN / f"frame-{lottie_frame}.png").astype(int).std() > 10
