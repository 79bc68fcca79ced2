"""The built-in model's coherence measurements on real procedural clips: smooth motion reads low and even; a
clip that holds each VAE chunk still and jumps between chunks (the staircase) is caught."""
import numpy as np

from compositor.diffusion.builtin.metrics import chunk_boundary_ratio, pair_warping_errors, warping_error
from compositor.diffusion.builtin.procedural import MotionParams, render


def _staircase(clip: np.ndarray) -> np.ndarray:
    """Every frame of a 4-frame chunk replaced by the chunk's last frame (frame 0 is its own chunk)."""
    held = clip.copy()
    for start in range(1, len(clip), 4):
        held[start:start + 4] = clip[min(start + 3, len(clip) - 1)]
    return held


def test_smooth_motion_has_no_chunk_boundary_excess():
    clip = render(MotionParams("light_leak", speed="fast"), 5, (160, 96), 17, 6.0)
    assert 0.5 < chunk_boundary_ratio(clip) < 2.0
    assert np.isclose(warping_error(clip), np.mean(pair_warping_errors(clip)))


def test_a_staircase_is_caught():
    clip = render(MotionParams("light_leak", speed="fast"), 5, (160, 96), 17, 6.0)
    assert chunk_boundary_ratio(_staircase(clip)) > 5.0
