"""The built-in model's coherence measurements on real procedural clips: smooth motion reads low and even; a
clip that holds each VAE chunk still and jumps between chunks (the staircase) is caught."""
import numpy as np

from compositor.diffusion.builtin.training.metrics import chunk_boundary_ratio, pair_warping_errors, warping_error
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


def test_project_coherence_separates_smooth_motion_from_morphing():
    """The evaluation's project metric (compositor.consistency) on real procedural motion vs. the same clip with
    low-frequency structure that changes from frame to frame (what an undertrained model produces)."""
    import cv2

    from compositor.diffusion.builtin.training.metrics import project_coherence

    clip = render(MotionParams("waves", speed="slow"), 3, (160, 96), 17, 6.0)
    rng = np.random.default_rng(0)
    morph = np.stack([cv2.GaussianBlur(rng.standard_normal((96, 160)).astype(np.float32), (0, 0), 6.0)
                      for _ in clip]) * 4.0
    smooth, morphing = project_coherence(clip, 6.0), project_coherence(np.clip(clip + morph, 0, 1), 6.0)
    assert smooth.verdict == "OK"
    assert morphing.metrics["warp_error"] > 3 * smooth.metrics["warp_error"]
