"""Small shared pieces: frame indices from seconds, analysis <-> output pixel conversion, empty-region errors."""
from __future__ import annotations

import numpy as np

from ..errors import FieldError


def frame_index(t: float, fps: float, n_frames: int) -> int:
    """The frame a time in seconds falls on, clamped into the shot."""
    return int(np.clip(round(t * fps), 0, max(0, n_frames - 1)))


def scale_matrix(scale: float) -> np.ndarray:
    """Output -> analysis pixels with pixel centres at integers: u = (x + 0.5) * scale - 0.5 (what an area
    resize does; a plain x * scale would shift the region by a quarter pixel at half size)."""
    o = 0.5 * scale - 0.5
    return np.array([[scale, 0.0, o], [0.0, scale, o], [0.0, 0.0, 1.0]])


def to_analysis_points(pts: np.ndarray, scale: float) -> np.ndarray:
    return (np.asarray(pts, np.float64) + 0.5) * scale - 0.5


def to_output_points(pts: np.ndarray, scale: float) -> np.ndarray:
    return (np.asarray(pts, np.float64) + 0.5) / scale - 0.5


def to_output(H: np.ndarray, scale: float) -> np.ndarray:
    """Analysis-pixel matrices (..., 3, 3) -> output pixels: S^-1 H S."""
    S = scale_matrix(scale)
    out = np.linalg.inv(S) @ H @ S
    return out / out[..., 2:3, 2:3]


def require_features(n_features: int, minimum: int, field: str, what: str) -> None:
    if n_features < minimum:
        raise FieldError((field,), f"only {n_features} trackable features in {what} (need {minimum})",
                         "put it on a textured surface (edges, print, detail), make the region larger, "
                         "or give keyframes")
