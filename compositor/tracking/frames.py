"""Grey analysis frames: decoded once per shot, shrunk to the analysis size, kept on disk, read both ways.

Tracking runs forwards and backwards from each track's reference time, and a video decoder only likes to go
forwards; so every frame is read exactly once, in order, into a memory-mapped stack that both directions share.
Analysis runs at a reduced size (960 px on the long side by default): KLT at 540p scaled back is accurate to a
tenth of a pixel at 1080p and four times cheaper.
"""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Callable, Optional

import cv2
import numpy as np

DEFAULT_MAX_SIDE = 960
MIN_REGION_SIDE = 48  # analysis pixels: below this a quad is upscaled rather than shrunk


def analysis_scale(size: tuple[int, int], region_sides: list[float], max_side: int = DEFAULT_MAX_SIDE) -> float:
    """The factor output -> analysis pixels: shrink to `max_side`, but keep every region at least
    MIN_REGION_SIDE pixels across (small quads need the detail)."""
    w, h = size
    scale = min(1.0, max_side / max(w, h))
    for side in region_sides:
        if side * scale < MIN_REGION_SIDE:
            scale = min(1.0, MIN_REGION_SIDE / max(side, 1e-6))
    return scale


def to_gray(frame: np.ndarray, scale: float) -> np.ndarray:
    """RGB/RGBA uint8 -> grey uint8 at `scale` (area filter: no aliasing of fine texture)."""
    if frame.ndim == 3:
        code = cv2.COLOR_RGBA2GRAY if frame.shape[2] == 4 else cv2.COLOR_RGB2GRAY
        frame = cv2.cvtColor(frame, code)
    if scale != 1.0:
        h, w = frame.shape[:2]
        frame = cv2.resize(frame, (max(1, round(w * scale)), max(1, round(h * scale))),
                           interpolation=cv2.INTER_AREA)
    return np.ascontiguousarray(frame)


class GrayStack:
    """All frames of a shot as grey analysis images, in a temporary memory map (deleted on close)."""

    def __init__(self, frames: Callable[[int], np.ndarray], n_frames: int, size: tuple[int, int], scale: float,
                 work_dir: Optional[Path] = None,
                 progress: Optional[Callable[[str, int, int], None]] = None):
        self.scale = scale
        self.n = n_frames
        w, h = size
        self.shape = (max(1, round(h * scale)), max(1, round(w * scale)))
        if work_dir is not None:
            Path(work_dir).mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".gray.", suffix=".u8", dir=work_dir)
        self._path = Path(name)
        with open(fd, "wb"):
            pass
        self.data = np.memmap(self._path, dtype=np.uint8, mode="w+", shape=(max(1, n_frames),) + self.shape)
        for i in range(n_frames):
            g = to_gray(frames(i), scale)
            if g.shape != self.shape:
                g = cv2.resize(g, (self.shape[1], self.shape[0]), interpolation=cv2.INTER_AREA)
            self.data[i] = g
            if progress and (i % 10 == 0 or i == n_frames - 1):
                progress("reading frames", i + 1, n_frames)

    def __getitem__(self, i: int) -> np.ndarray:
        return self.data[i]

    def __len__(self) -> int:
        return self.n

    def close(self) -> None:
        del self.data
        self._path.unlink(missing_ok=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
