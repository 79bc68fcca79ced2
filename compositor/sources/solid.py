"""`color:`, `gradient:` and `none` backgrounds: cheap, exact, brand-token colours."""
from __future__ import annotations

import math

import numpy as np

from .base import Source


class ColorSource(Source):
    kind = "color"

    def __init__(self, rgba):
        self.rgba = rgba

    def prepare(self, ctx) -> None:
        super().prepare(ctx)
        w, h = ctx.size
        self._frame = np.empty((h, w, 3), np.uint8)
        self._frame[...] = np.array(self.rgba[:3], np.uint8)
        self._frame.flags.writeable = False

    def frame(self, index: int) -> np.ndarray:
        return self._frame

    def identity(self) -> str:
        return f"color:{self.rgba}"


class NoneSource(Source):
    """Transparent background: frames carry alpha (ProRes 4444 / VP9 alpha / PNG outputs)."""

    kind = "none"

    has_alpha = True

    def prepare(self, ctx) -> None:
        super().prepare(ctx)
        w, h = ctx.size
        self._frame = np.zeros((h, w, 4), np.uint8)
        self._frame.flags.writeable = False

    def frame(self, index: int) -> np.ndarray:
        return self._frame

    def identity(self) -> str:
        return "none"


class GradientSource(Source):
    """A linear gradient through evenly spaced colour stops; `drift` turns it slowly over time."""

    kind = "gradient"

    def __init__(self, colors: list, angle: float, drift: float):
        self.colors = np.array([c[:3] for c in colors], np.float32)
        self.angle = angle
        self.drift = drift

    def prepare(self, ctx) -> None:
        super().prepare(ctx)
        w, h = ctx.size
        ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
        self._xs, self._ys = xs - w / 2, ys - h / 2
        self._static = None if self.drift else self._render(self.angle)

    def _render(self, angle: float) -> np.ndarray:
        w, h = self.ctx.size
        a = math.radians(angle)
        dx, dy = math.cos(a), math.sin(a)
        half = abs(dx) * w / 2 + abs(dy) * h / 2
        u = np.clip((self._xs * dx + self._ys * dy) / (2 * half) + 0.5, 0, 1)
        n = len(self.colors) - 1
        pos = u * n
        i = np.minimum(pos.astype(np.int32), n - 1)
        f = (pos - i)[..., None]
        out = self.colors[i] * (1 - f) + self.colors[i + 1] * f
        # ordered dither so 8-bit gradients do not band
        noise = ((np.indices((h, w)).sum(axis=0) % 4) / 4.0 - 0.375)[..., None]
        return np.clip(out + noise, 0, 255).astype(np.uint8)

    def frame(self, index: int) -> np.ndarray:
        if self._static is not None:
            return self._static
        return self._render(self.angle + self.drift * index / self.ctx.fps)

    def identity(self) -> str:
        return f"gradient:{self.colors.tolist()}:{self.angle}:{self.drift}"
