"""Frames as H.264 takes them: 8-bit Y'CbCr 4:2:0 planes (I420), BT.601 limited range, untagged — exactly what
the RGB path's converter hands the encoder, so an mp4's colours and tags are the same either way.

Why a second frame type: for footage composited into an mp4, the RGB path converts every pixel of every frame
YUV -> RGB after decoding and RGB -> YUV before encoding, and scales the footage in RGB. With both cores busy in
x264 that work is paid in full. In planes, the decoder's frame is scaled (and its colour matrix converted) by
libswscale in one pass, and overlays are converted once per change and blended only inside their bounding boxes:
a pixel no overlay touches is never converted at all.

Blending in 4:2:0 is exact where it matters: alpha-over is linear, so blending the 2x2 means of an overlay's
premultiplied chroma and alpha over the (already subsampled) background chroma gives the 2x2 mean of blending
each pixel — what converting the RGB composite would give with a box filter. Opaque brand fills get the same
code values as the RGB path's converter (within one level of rounding).
"""
from __future__ import annotations

import cv2
import numpy as np

#: BT.601 limited range (what libswscale uses for untagged RGB -> YUV): rows Y, Cb, Cr over (R, G, B, A) of
#: premultiplied 8-bit values; the alpha column carries the offsets (16, 128, 128) scaled by coverage
_RGBA_TO_YUV = np.array([[0.256788, 0.504129, 0.0979058, 16 / 255],
                         [-0.148223, -0.290993, 0.439216, 128 / 255],
                         [0.439216, -0.367789, -0.0714274, 128 / 255]], np.float32)
_TO_Y = np.ascontiguousarray(_RGBA_TO_YUV[:1])
_SUMS_TO_CBCR = np.ascontiguousarray(_RGBA_TO_YUV[1:] / 4)         # Cb, Cr of the mean, from 2x2 sums


class Yuv420:
    """One I420 frame: `data` is (h * 3 / 2, w) uint8 — the Y plane, then Cb, then Cr (PyAV's `yuv420p` array).
    Width and height are even (H.264 needs them so)."""

    __slots__ = ("data", "width", "height")

    def __init__(self, data: np.ndarray, width: int, height: int):
        self.data, self.width, self.height = data, width, height

    @classmethod
    def blank(cls, size: tuple[int, int]) -> "Yuv420":
        w, h = size
        if w % 2 or h % 2:
            raise ValueError("4:2:0 frames need an even width and height")
        return cls(np.empty((h * 3 // 2, w), np.uint8), w, h)

    @classmethod
    def from_rgb(cls, rgb: np.ndarray) -> "Yuv420":
        """The encoder's own conversion of an RGB frame (libswscale, untagged BT.601 limited)."""
        import av

        h, w = rgb.shape[:2]
        frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(rgb[..., :3]), format="rgb24")
        return cls(frame.reformat(format="yuv420p").to_ndarray(), w, h)

    @property
    def y(self) -> np.ndarray:
        return self.data[:self.height]

    @property
    def u(self) -> np.ndarray:
        q = self.height * self.width // 4
        return self.data[self.height:].reshape(-1)[:q].reshape(self.height // 2, self.width // 2)

    @property
    def v(self) -> np.ndarray:
        q = self.height * self.width // 4
        return self.data[self.height:].reshape(-1)[q:].reshape(self.height // 2, self.width // 2)

    def planes(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return self.y, self.u, self.v

    def copy(self) -> "Yuv420":
        return Yuv420(self.data.copy(), self.width, self.height)

    def to_rgb(self) -> np.ndarray:
        """RGB as a player decodes it (BT.601 limited): what previews and RGB outputs show of footage."""
        import av

        return av.VideoFrame.from_ndarray(self.data, format="yuv420p").to_ndarray(format="rgb24")

    def fill(self, rgb) -> None:
        """Every pixel set to one colour (a letterbox's fill, a fade's solid)."""
        for plane, value in zip(self.planes(), yuv_of(rgb)):
            plane[...] = value

    def over(self, patch) -> None:
        """Alpha-over a compositing Patch (premultiplied RGBA at x0, y0) in place, inside its box only."""
        prepared = patch.yuv420()
        if prepared is None:
            return
        (ex0, ey0), planes = prepared
        for dst, step, (colour, inv) in zip(self.planes(), (1, 2, 2), planes):
            h, w = colour.shape[:2]
            x0, y0 = ex0 // step, ey0 // step
            x1, y1 = min(dst.shape[1], x0 + w), min(dst.shape[0], y0 + h)
            if x1 <= x0 or y1 <= y0:
                continue
            box = dst[y0:y1, x0:x1]
            scaled = cv2.multiply(box, inv[:y1 - y0, :x1 - x0], scale=1 / 255.0)
            cv2.add(scaled, colour[:y1 - y0, :x1 - x0], dst=scaled)
            np.copyto(box, scaled)


def yuv_of(rgb) -> tuple[int, int, int]:
    """The limited-range Y, Cb, Cr code values of an opaque RGB colour."""
    r, g, b = (float(c) for c in rgb[:3])
    y, u, v = _RGBA_TO_YUV @ np.array([r, g, b, 255.0], np.float32)
    return tuple(int(np.clip(round(float(c)), 0, 255)) for c in (y, u, v))


def premultiplied_planes(x0: int, y0: int, rgba: np.ndarray):
    """A premultiplied RGBA box at (x0, y0) as 4:2:0 planes ready to blend: ((even x0, even y0),
    ((Y, 255 - a), (Cb, 255 - a2), (Cr, 255 - a2))) with the box padded to even bounds, chroma and its alpha the
    means of 2x2 blocks. None when the box is fully transparent.

    Converted in integers where it can be: Y straight from the 8-bit pixels, chroma from the 2x2 sums (16-bit),
    since the conversion is linear and the mean of converted pixels is the conversion of their mean — a
    moving overlay is converted every frame, and float copies of the whole box cost three times as much."""
    if not rgba[..., 3].any():
        return None
    left, top = x0 % 2, y0 % 2
    h, w = rgba.shape[:2]
    right, bottom = (left + w) % 2, (top + h) % 2
    if left or top or right or bottom:
        rgba = cv2.copyMakeBorder(rgba, top, bottom, left, right, cv2.BORDER_CONSTANT, value=(0, 0, 0, 0))
    h, w = rgba.shape[:2]
    y = cv2.transform(rgba, _TO_Y)                                   # rounded and clipped to 8 bits
    blocks = rgba.reshape(h // 2, 2, w // 2, 2, 4)
    sums = np.add(blocks[:, 0, :, 0], blocks[:, 0, :, 1], dtype=np.uint16)
    sums += blocks[:, 1, :, 0]
    sums += blocks[:, 1, :, 1]
    chroma = cv2.transform(sums, _SUMS_TO_CBCR).astype(np.uint8)      # (h/2, w/2, 2): means of 2x2 blocks
    a2 = ((sums[..., 3] + 2) >> 2).astype(np.uint8)                  # the mean alpha, halves rounded up
    inv = np.ascontiguousarray(255 - rgba[..., 3])
    inv2 = 255 - a2
    return (x0 - left, y0 - top), ((y, inv), (np.ascontiguousarray(chroma[..., 0]), inv2),
                                   (np.ascontiguousarray(chroma[..., 1]), inv2))
