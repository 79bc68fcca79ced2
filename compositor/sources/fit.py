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


#: libswscale's filter for footage: Lanczos, the look renders had when footage was scaled in RGB with OpenCV's
#: Lanczos (bicubic is 1.5 ms a 1080p frame cheaper, and softer: tracking confidence on scaled footage drops)
SCALER = "LANCZOS"


class FootageScaler:
    """Fit a decoded av.VideoFrame with libswscale: scale and colour conversion in one pass, straight from the
    decoder's planes to 4:2:0 in the encoder's BT.601 limited range (whatever matrix or range the footage was
    tagged with). One per decoder: it keeps libswscale's context between frames."""

    def __init__(self):
        self._reformatter = None

    def fit(self, frame, size: tuple[int, int], mode: str, fill=(0, 0, 0), focus=None, yuv: bool = False):
        """The frame fitted to `size` (`cover` crops around `focus`, `contain` letterboxes on `fill`): a Yuv420
        frame with `yuv`, else RGB (H, W, 3) converted from those same planes, so a preview shows exactly the
        footage an mp4 render encodes (and scaling planes costs a quarter of scaling RGB)."""
        planes = self.scale(frame, size, mode, focus).place(size, fill)
        return planes if yuv else planes.to_rgb()

    def scale(self, frame, size: tuple[int, int], mode: str, focus=None) -> "ScaledFootage":
        """The libswscale pass alone: the frame scaled and converted, with where it goes in a `size` frame."""
        from av.video.reformatter import VideoReformatter

        if self._reformatter is None:
            self._reformatter = VideoReformatter()
        W, H = size
        src = (frame.width, frame.height)
        if mode == "cover":
            nw, nh, x0, y0 = cover_window(src, size, focus)
        else:
            s = min(W / src[0], H / src[1])
            nw, nh = max(1, round(src[0] * s)), max(1, round(src[1] * s))
            x0, y0 = -((W - nw) // 2), -((H - nh) // 2)
        scaled = self._reformatter.reformat(frame, nw, nh, "yuv420p", dst_colorspace="ITU601",
                                            dst_color_range="MPEG", interpolation=SCALER)
        return ScaledFootage(scaled, x0, y0)


class ScaledFootage:
    """A scaled 4:2:0 frame and its offset in the output frame: kept by a decoder for a source frame that
    repeats, so each output frame gets planes of its own (`place`) without scaling again."""

    __slots__ = ("frame", "x0", "y0")

    def __init__(self, frame, x0: int, y0: int):
        self.frame, self.x0, self.y0 = frame, x0, y0

    def place(self, size: tuple[int, int], fill=(0, 0, 0)):
        """A new Yuv420 frame of `size`, owned by the caller (the renderer draws on it in place)."""
        return _place_yuv(self.frame, size, self.x0, self.y0, fill)


def _plane(frame, i: int) -> np.ndarray:
    p = frame.planes[i]
    return np.frombuffer(p, np.uint8).reshape(p.height, p.line_size)[:, :p.width]


def _place_yuv(scaled, size, x0: int, y0: int, fill):
    """A scaled 4:2:0 frame cropped at (x0, y0) (cover) or pasted at (-x0, -y0) on `fill` (contain). Chroma
    offsets are halved (an odd offset moves chroma by half a pixel)."""
    from ..yuv420 import Yuv420

    out = Yuv420.blank(size)
    if x0 < 0 or y0 < 0:
        out.fill(fill)
    for i, dst in enumerate(out.planes()):
        step = 1 if i == 0 else 2
        src = _plane(scaled, i)
        sx, sy = max(0, x0 // step), max(0, y0 // step)
        dx, dy = max(0, -x0 // step), max(0, -y0 // step)
        w = min(src.shape[1] - sx, dst.shape[1] - dx)
        h = min(src.shape[0] - sy, dst.shape[0] - dy)
        dst[dy:dy + h, dx:dx + w] = src[sy:sy + h, sx:sx + w]
    return out
