"""A debug video: the footage with every tracked quad, point and the camera's reference frame drawn on it,
coloured by confidence (green good, red lost), so a person can judge a track at a glance before rendering."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional, Union

import cv2
import numpy as np

from .trackset import LOW_CONFIDENCE, TrackSet

AA = cv2.LINE_AA
SHIFT = 4  # sub-pixel drawing: coordinates * 16


def confidence_color(c: float) -> tuple[int, int, int]:
    """RGB from red (0) through yellow to green (1)."""
    c = float(np.clip(c, 0, 1))
    return (int(255 * min(1, 2 * (1 - c))), int(255 * min(1, 2 * c)), 40)


def _fixed(pts: np.ndarray) -> np.ndarray:
    return np.round(np.asarray(pts) * (1 << SHIFT)).astype(np.int32)


def _label(img: np.ndarray, text: str, org, color) -> None:
    x, y = int(org[0]), int(org[1])
    scale = max(0.5, img.shape[0] / 1600)
    cv2.putText(img, text, (x, y), cv2.FONT_HERSHEY_SIMPLEX, scale, (0, 0, 0), 4, AA)
    cv2.putText(img, text, (x, y), cv2.FONT_HERSHEY_SIMPLEX, scale, color, 1 + int(scale), AA)


def draw_tracks(frame: np.ndarray, ts: TrackSet, i: int) -> np.ndarray:
    """Frame i (RGB uint8) with all tracks drawn on a copy."""
    img = np.ascontiguousarray(frame[..., :3]).copy()
    thick = max(2, round(img.shape[0] / 270))  # survives 4:2:0 chroma and x264
    low_names = []
    for name, t in ts.tracks.items():
        c = ts.confidence(name, i)
        col = confidence_color(c)
        if c < LOW_CONFIDENCE:
            low_names.append(name)
        if t.kind == "planar":
            q = ts.corners(name, i)
            cv2.polylines(img, [_fixed(q)], True, col, thick, AA, SHIFT)
            for k, p in enumerate(q):
                cv2.circle(img, tuple(_fixed(p)), 4 << SHIFT, col, -1, AA, SHIFT)
            cv2.line(img, tuple(_fixed(q[0])), tuple(_fixed(q[2])), col, 1, AA, SHIFT)
            cv2.line(img, tuple(_fixed(q[1])), tuple(_fixed(q[3])), col, 1, AA, SHIFT)
            _label(img, f"{name} {c:.2f}", q[0] + (0, -8), col)
        elif t.kind == "point":
            p = ts.point(name, i)
            r = 10 * thick
            cv2.circle(img, tuple(_fixed(p)), r << SHIFT, col, thick, AA, SHIFT)
            cv2.line(img, tuple(_fixed(p - (r, 0))), tuple(_fixed(p + (r, 0))), col, 1, AA, SHIFT)
            cv2.line(img, tuple(_fixed(p - (0, r))), tuple(_fixed(p + (0, r))), col, 1, AA, SHIFT)
            _label(img, f"{name} {c:.2f}", p + (r + 4, -r), col)
        else:
            w, h = ts.size
            rect = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float64) * 0.9 + (w * 0.05, h * 0.05)
            M = ts.camera_matrix(i)
            q = cv2.perspectiveTransform(rect.reshape(-1, 1, 2), M).reshape(-1, 2)
            cv2.polylines(img, [_fixed(q)], True, col, thick, AA, SHIFT)
            _label(img, f"{name} (camera) {c:.2f}", (w * 0.05 + 6, h * 0.05 + 28), col)
    t_sec = i / ts.fps
    status = f"frame {i}  t={t_sec:.2f}s"
    if low_names:
        status += "  LOW CONFIDENCE: " + ", ".join(low_names)
    _label(img, status, (12, img.shape[0] - 16), (255, 90, 90) if low_names else (255, 255, 255))
    return img


def render_track_debug(ts: TrackSet, frames: Callable[[int], np.ndarray], n_frames: int, fps: float,
                       out_path: Union[str, Path], progress: Optional[Callable[[str, int, int], None]] = None,
                       preset: str = "veryfast") -> Path:
    """Write the debug video (any format compositor.encode supports, picked by extension)."""
    from ..encode import open_writer

    out_path = Path(out_path)
    w, h = ts.size
    with open_writer(out_path, size=(w, h), fps=fps, crf=20, preset=preset) as writer:
        for i in range(n_frames):
            writer.write(draw_tracks(frames(i), ts, i))
            if progress and (i % 10 == 0 or i == n_frames - 1):
                progress("track debug video", i + 1, n_frames)
    return out_path
