"""Transitions between two Yuv420 frames: the RGB path's own functions (compositor.composite), applied plane by
plane, so a transition in an mp4 render moves and mixes exactly as it does in a preview."""
from __future__ import annotations

import cv2
import numpy as np

from .composite import fade_through as rgb_fade_through, slide_by, wipe as rgb_wipe
from .yuv420 import Yuv420, yuv_of


def _per_plane(fn, a: Yuv420, b: Yuv420, *args, values=None) -> Yuv420:
    out = Yuv420.blank((a.width, a.height))
    for i, (pa, pb, po) in enumerate(zip(a.planes(), b.planes(), out.planes())):
        extra = () if values is None else ((values[i],),)
        po[...] = np.asarray(fn(pa[..., None], pb[..., None], *args, *extra)).reshape(po.shape)
    return out


def mix(a: Yuv420, b: Yuv420, u: float) -> Yuv420:
    """Crossfade a -> b at u (linear, so the same in planes as in RGB)."""
    return Yuv420(cv2.addWeighted(a.data, 1.0 - u, b.data, u, 0.0), a.width, a.height)


def wipe(a: Yuv420, b: Yuv420, u: float, direction: str) -> Yuv420:
    return _per_plane(rgb_wipe, a, b, u, direction)


def slide(a: Yuv420, b: Yuv420, u: float, direction: str) -> Yuv420:
    """The RGB path's slide: luma moves by the same whole pixels; chroma by half as many, and where that is a
    half chroma pixel, the mean of the two neighbouring shifts (what subsampling the RGB slide would give)."""
    s = int(round(u * (a.width if direction in ("left", "right") else a.height)))
    out = Yuv420.blank((a.width, a.height))
    out.y[...] = slide_by(a.y, b.y, s, direction)
    for pa, pb, po in ((a.u, b.u, out.u), (a.v, b.v, out.v)):
        lo = slide_by(pa, pb, s // 2, direction)
        po[...] = lo if s % 2 == 0 else cv2.addWeighted(lo, 0.5, slide_by(pa, pb, s // 2 + 1, direction), 0.5, 0)
    return out


def fade_through(a: Yuv420, b: Yuv420, u: float, color) -> Yuv420:
    return _per_plane(rgb_fade_through, a, b, u, values=yuv_of(color))
