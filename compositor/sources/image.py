"""`image:` backgrounds: a still fitted to the frame, with optional Ken Burns pan/zoom."""
from __future__ import annotations

import cv2
import numpy as np

from ..animate import ease
from .base import Source
from .fit import fit_affine, fit_frame


class ImageSource(Source):
    kind = "image"

    def __init__(self, rgb: np.ndarray, fit: str, motion=None, fill=(0, 0, 0), ident: str = "", focus=None):
        self.rgb = rgb
        self.focus = focus
        self.fit = fit
        self.motion = motion
        self.fill = fill
        self.ident = ident

    def prepare(self, ctx) -> None:
        super().prepare(ctx)
        W, H = ctx.size
        if self.motion is None:
            self._static = fit_frame(self.rgb, ctx.size, self.fit, self.fill, self.focus)
            return
        self._static = None
        self.zmax = max(self.motion.zoom)
        # the base holds enough pixels for the deepest zoom, so zooming in stays sharp
        self.base = fit_frame(self.rgb, (round(W * self.zmax), round(H * self.zmax)), self.fit, self.fill,
                              self.focus)

    def frame(self, index: int) -> np.ndarray:
        if self._static is not None:
            return self._static
        W, H = self.ctx.size
        n = max(1, self.ctx.n_frames - 1)
        u = ease(self.motion.ease, index / n)
        z = self.motion.zoom[0] + (self.motion.zoom[1] - self.motion.zoom[0]) * u
        (px0, py0), (px1, py1) = self.motion.pan
        px, py = px0 + (px1 - px0) * u, py0 + (py1 - py0) * u
        s = z / self.zmax
        bh, bw = self.base.shape[:2]
        # the visible window is W/s x H/s base pixels; pan moves it within the spare margin (-1..1)
        spare_x, spare_y = (bw - W / s) / 2, (bh - H / s) / 2
        cx, cy = bw / 2 + px * spare_x, bh / 2 + py * spare_y
        m = np.array([[s, 0, W / 2 - s * cx], [0, s, H / 2 - s * cy]], np.float64)
        return cv2.warpAffine(self.base, m, (W, H), flags=cv2.INTER_AREA if s < 1 else cv2.INTER_LINEAR,
                              borderMode=cv2.BORDER_REFLECT)

    def reframe(self, index: int) -> tuple[float, ...]:
        """Main-cut pixels -> this cut's (sx, sy, tx, ty) for a still without Ken Burns motion (with motion: the
        relative place, as layers keep it)."""
        W, H = self.ctx.size
        design = tuple(self.ctx.design_size or self.ctx.size)
        if self.motion is not None:
            return W / design[0], H / design[1], 0.0, 0.0
        src = (self.rgb.shape[1], self.rgb.shape[0])
        d, o = fit_affine(src, design, self.fit, self.focus), fit_affine(src, (W, H), self.fit, self.focus)
        sx, sy = o[0] / d[0], o[1] / d[1]
        return sx, sy, o[2] - sx * d[2], o[3] - sy * d[3]

    def identity(self) -> str:
        focus = f":{self.focus}" if self.focus is not None else ""
        return f"image:{self.ident}:{self.fit}:{self.motion}{focus}"
