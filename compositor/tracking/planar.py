"""Planar tracks: four corners of a flat surface through the shot, tracked both ways from the reference,
optionally smoothed without lag, then pinned exactly to any manual keyframes."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

from .common import frame_index, require_features, to_analysis_points, to_output_points
from .region import RegionTracker, project
from .smooth import zero_phase
from .spec import PlanarTrack


@dataclass
class PlanarResult:
    corners: np.ndarray      # (n, 4, 2) output pixels, TL TR BR BL, after smoothing and keyframes
    raw: np.ndarray          # (n, 4, 2) straight from the tracker
    confidence: np.ndarray   # (n,)


def apply_keyframes(corners: np.ndarray, keyframes, fps: float) -> np.ndarray:
    """Make the track pass exactly through manual keys: the offset (key - tracked) at each key is
    interpolated linearly between keys and held before the first / after the last, so tracking still
    supplies the motion between them."""
    if not keyframes:
        return corners
    n = len(corners)
    frames = np.array([frame_index(t, fps, n) for t, _ in keyframes])
    offsets = np.array([np.asarray(q, np.float64) - corners[f] for f, (_, q) in zip(frames, keyframes)])
    out = corners.copy()
    idx = np.arange(n)
    for c in range(4):
        for axis in range(2):
            out[:, c, axis] += np.interp(idx, frames, offsets[:, c, axis])
    return out


def track_planar(spec: PlanarTrack, stack, fps: float,
                 progress: Optional[Callable[[int], None]] = None) -> PlanarResult:
    t_ref, quad = spec.reference()
    n = len(stack)
    s = stack.scale
    poly = to_analysis_points(quad, s)
    tracker = RegionTracker(stack, frame_index(t_ref, fps, n), poly, "homography", margin=spec.margin)
    require_features(tracker.n_features, 12, "corners", "the quad")
    res = tracker.run(progress)
    raw = to_output_points(np.stack([project(H, poly) for H in res.H]), s)
    keys = list(spec.keyframes)
    if spec.corners is not None and keys:
        keys = sorted(keys + [(spec.at, spec.corners)]) if all(t != spec.at for t, _ in keys) else keys
    corners = apply_keyframes(zero_phase(raw, spec.smooth, fps), keys, fps)
    return PlanarResult(corners=corners, raw=raw, confidence=res.confidence)
