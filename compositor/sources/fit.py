"""Fitting footage into the output frame: cover (fill, crop) or contain (letterbox)."""
from __future__ import annotations

import cv2
import numpy as np


def cover_window(src: tuple[int, int], size: tuple[int, int], focus=None) -> tuple[int, int, int, int]:
    """`cover` at `size` of a `src` (w, h) frame: (resized width, height, crop x0, y0). The crop window centres
    on `focus` ((x, y) fractions of the source; None = the centre), clamped so it stays inside the source."""
    (w, h), (W, H) = src, size
    s = max(W / w, H / h)
    nw, nh = max(1, round(w * s)), max(1, round(h * s))
    if focus is None:
        return nw, nh, (nw - W) // 2, (nh - H) // 2
    x0 = int(round(min(max(float(focus[0]) * nw - W / 2, 0), nw - W)))
    y0 = int(round(min(max(float(focus[1]) * nh - H / 2, 0), nh - H)))
    return nw, nh, x0, y0


def fit_affine(src: tuple[int, int], size: tuple[int, int], mode: str, focus=None) -> tuple[float, ...]:
    """Where `fit_frame` puts a source pixel: (sx, sy, tx, ty) with output = (sx * x + tx, sy * y + ty)."""
    (w, h), (W, H) = src, size
    if (w, h) == (W, H):
        return 1.0, 1.0, 0.0, 0.0
    if mode == "cover":
        nw, nh, x0, y0 = cover_window(src, size, focus)
        return nw / w, nh / h, float(-x0), float(-y0)
    s = min(W / w, H / h)
    nw, nh = max(1, round(w * s)), max(1, round(h * s))
    return nw / w, nh / h, float((W - nw) // 2), float((H - nh) // 2)


def fit_frame(img: np.ndarray, size: tuple[int, int], mode: str, fill=(0, 0, 0), focus=None) -> np.ndarray:
    W, H = size
    h, w = img.shape[:2]
    if (w, h) == (W, H):
        return img
    s = (max if mode == "cover" else min)(W / w, H / h)
    nw, nh = max(1, round(w * s)), max(1, round(h * s))
    interp = cv2.INTER_AREA if s < 1 else cv2.INTER_LANCZOS4
    resized = cv2.resize(img, (nw, nh), interpolation=interp)
    if mode == "cover":
        _, _, x0, y0 = cover_window((w, h), size, focus)
        return np.ascontiguousarray(resized[y0:y0 + H, x0:x0 + W])
    out = np.empty((H, W, img.shape[2]), np.uint8)
    out[...] = np.array(fill[: img.shape[2]], np.uint8)
    x0, y0 = (W - nw) // 2, (H - nh) // 2
    out[y0:y0 + nh, x0:x0 + nw] = resized
    return out
