"""Point tracks: a small patch around a point, followed with a similarity (position, rotation, scale), so a
layer can ride along and optionally turn and grow with it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

from .common import frame_index, require_features, to_analysis_points, to_output
from .region import RegionTracker
from .smooth import zero_phase
from .spec import PointTrack


@dataclass
class PointResult:
    matrices: np.ndarray     # (n, 3, 3) similarity, reference-frame output pixels -> frame i
    points: np.ndarray       # (n, 2) the point itself
    confidence: np.ndarray   # (n,)


def track_point(spec: PointTrack, stack, fps: float,
                progress: Optional[Callable[[int], None]] = None) -> PointResult:
    n = len(stack)
    s = stack.scale
    p = np.asarray(spec.point, np.float64)
    half = spec.size / 2
    square = to_analysis_points(p + np.array([[-half, -half], [half, -half], [half, half], [-half, half]]), s)
    tracker = RegionTracker(stack, frame_index(spec.at, fps, n), square, "similarity", margin=0.0,
                            max_points=80)
    require_features(tracker.n_features, 6, "point", f"the {spec.size:g} px patch around the point")
    res = tracker.run(progress)
    M = to_output(res.H, s)
    if spec.smooth > 0:
        rows = zero_phase(M[:, :2, :].reshape(n, 6), spec.smooth, fps).reshape(n, 2, 3)
        M = M.copy()
        M[:, :2, :] = rows
    points = M[:, :2, :2] @ p + M[:, :2, 2]
    return PointResult(matrices=M, points=points, confidence=res.confidence)
