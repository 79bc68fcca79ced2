"""Camera tracks: whole-frame motion relative to the reference frame, to stabilize the plate (warp each frame
back onto the reference) or to make a layer ride with the camera."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

from .common import frame_index, require_features, to_output
from .region import RegionTracker
from .smooth import zero_phase
from .spec import CameraTrack

INSET = 0.03  # frame borders carry encoder artefacts and letterboxing: stay clear of them


@dataclass
class CameraResult:
    matrices: np.ndarray     # (n, 3, 3) reference-frame output pixels -> frame i
    confidence: np.ndarray


def track_camera(spec: CameraTrack, stack, fps: float,
                 progress: Optional[Callable[[int], None]] = None) -> CameraResult:
    n = len(stack)
    h, w = stack.shape
    dx, dy = w * INSET, h * INSET
    rect = np.array([[dx, dy], [w - dx, dy], [w - dx, h - dy], [dx, h - dy]], np.float64)
    tracker = RegionTracker(stack, frame_index(spec.at, fps, n), rect, spec.model, margin=0.0, max_points=400)
    require_features(tracker.n_features, 16, "stabilize", "the frame")
    res = tracker.run(progress)
    M = to_output(res.H, stack.scale)
    if spec.smooth > 0:
        M = zero_phase(M.reshape(n, 9), spec.smooth, fps).reshape(n, 3, 3)
        M = M / M[:, 2:3, 2:3]
    return CameraResult(matrices=M, confidence=res.confidence)
