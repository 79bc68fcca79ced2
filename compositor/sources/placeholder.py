"""A labelled stand-in for footage that is not made yet: what an offline session (a studio scrub) shows for a
generated shot whose clip is not in the cache, instead of generating for minutes while the user drags."""
from __future__ import annotations

import numpy as np

from .base import Source


class PlaceholderSource(Source):
    kind = "placeholder"

    def __init__(self, label: str, size: tuple[int, int]):
        self.label = label
        self.size = size
        self._frame = None

    def prepare(self, ctx) -> None:
        super().prepare(ctx)
        self._frame = placeholder_frame(self.label, ctx.size)

    def frame(self, index: int) -> np.ndarray:
        return self._frame

    def identity(self) -> str:
        return f"placeholder({self.label})"


def placeholder_frame(label: str, size: tuple[int, int]) -> np.ndarray:
    """Grey diagonal stripes with the label in the middle (no font files needed: OpenCV's Hershey font)."""
    import cv2

    w, h = size
    yy, xx = np.mgrid[0:h, 0:w]
    stripes = ((xx + yy) // max(8, w // 48)) % 2
    img = np.where(stripes[..., None] == 1, np.uint8(58), np.uint8(44)).repeat(3, axis=2).astype(np.uint8)
    scale = max(0.5, w / 1600)
    thick = max(1, int(round(scale * 2)))
    lines = [label, "not generated yet"]
    for k, text in enumerate(lines):
        (tw, th), _ = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, scale, thick)
        y = h // 2 + int((k - 0.5) * th * 2.2) + th // 2
        cv2.putText(img, text, ((w - tw) // 2, y), cv2.FONT_HERSHEY_SIMPLEX, scale, (235, 235, 235), thick,
                    cv2.LINE_AA)
    return np.ascontiguousarray(img)
