"""Pixel work: rasterize an overlay, warp it into place, alpha-over onto the frame, mix shots in transitions.

All compositing is premultiplied uint8 with OpenCV/numpy vector ops over the layer's bounding box only — no
per-pixel Python, no full-frame float buffers.
"""
from __future__ import annotations

import math

import cv2
import numpy as np
import skia


def rasterize(overlay, t: float, reveal: float, k: float, wipe=None) -> np.ndarray:
    """The overlay drawn at scale k into a premultiplied RGBA array (1 px transparent margin for clean edges)."""
    w, h = overlay.size()
    pw, ph = max(1, math.ceil(w * k) + 2), max(1, math.ceil(h * k) + 2)
    info = skia.ImageInfo.Make(pw, ph, skia.kRGBA_8888_ColorType, skia.kPremul_AlphaType)
    surface = skia.Surface.MakeRaster(info)
    canvas = surface.getCanvas()
    canvas.clear(skia.ColorTRANSPARENT)
    canvas.translate(1, 1)
    canvas.scale(k, k)
    overlay.draw(canvas, t, reveal)
    arr = np.asarray(surface.makeImageSnapshot().toarray(colorType=skia.kRGBA_8888_ColorType,
                                                           alphaType=skia.kPremul_AlphaType))
    if wipe is not None:
        arr = apply_wipe(arr.copy(), *wipe)
    return arr


def apply_wipe(rgba: np.ndarray, direction: str, visible: float) -> np.ndarray:
    h, w = rgba.shape[:2]
    cut = int(round(w * max(0.0, min(1.0, visible))))
    if direction == "left":       # revealed from the left edge towards the right
        rgba[:, cut:] = 0
    else:
        rgba[:, : w - cut] = 0
    return rgba


class Patch:
    """A raster warped into frame pixels: premultiplied RGBA of its bounding box at (x0, y0), plus what alpha-over
    needs precomputed. A layer that does not move or change reuses its patch on every frame, so a static layer
    costs one multiply-add over its box per frame and nothing else."""

    __slots__ = ("x0", "y0", "rgba", "opacity", "_src", "_inv", "_yuv420", "empty")

    def __init__(self, x0: int, y0: int, rgba: np.ndarray, opacity: float = 1.0):
        self.x0, self.y0, self.rgba, self.opacity = x0, y0, rgba, opacity
        self._src = None
        self._inv = {}
        self._yuv420 = None
        self.empty = None

    def _source(self) -> np.ndarray:
        if self._src is None:
            src = self.rgba if self.opacity >= 1.0 else cv2.convertScaleAbs(self.rgba, alpha=self.opacity)
            self._src = src
            self.empty = not src[..., 3].any()
        return self._src

    def prepared(self, channels: int):
        """(colour, inverse alpha) for a `channels`-channel frame, computed once per patch."""
        self._source()
        pair = self._inv.get(channels)
        if pair is None and not self.empty:
            a = np.ascontiguousarray(self._src[..., 3])
            pair = self._inv[channels] = (np.ascontiguousarray(self._src[..., :channels]),
                                          cv2.merge([255 - a] * channels))
        return pair

    def yuv420(self):
        """The patch as 4:2:0 planes to blend into a Yuv420 frame (compositor.yuv420), converted once per patch;
        None when it is transparent."""
        if self._yuv420 is None:
            from .yuv420 import premultiplied_planes

            self._yuv420 = premultiplied_planes(self.x0, self.y0, self._source()) or False
        return self._yuv420 or None

    def composite(self, frame) -> None:
        """Alpha-over onto `frame` (an RGB/RGBA array or a Yuv420 frame) in place (same arithmetic as `over`)."""
        if not isinstance(frame, np.ndarray):
            frame.over(self)
            return
        pair = self.prepared(frame.shape[2])
        if self.empty:
            return
        colour, inv = pair
        h, w = colour.shape[:2]
        _over_prepared(frame[self.y0:self.y0 + h, self.x0:self.x0 + w], colour, inv)


def place_blurred(raster: np.ndarray, matrices: list, frame_size: tuple[int, int], opacity: float = 1.0):
    """Motion blur: the raster warped by each sub-frame matrix (a shutter's worth of motion) and averaged in
    premultiplied space, as one Patch over the union of their boxes."""
    patches = [p for p in (place(raster, m, frame_size, 1.0) for m in matrices) if p is not None]
    if not patches:
        return None
    x0 = min(p.x0 for p in patches)
    y0 = min(p.y0 for p in patches)
    x1 = max(p.x0 + p.rgba.shape[1] for p in patches)
    y1 = max(p.y0 + p.rgba.shape[0] for p in patches)
    acc = np.zeros((y1 - y0, x1 - x0, 4), np.float32)
    for p in patches:
        h, w = p.rgba.shape[:2]
        acc[p.y0 - y0:p.y0 - y0 + h, p.x0 - x0:p.x0 - x0 + w] += p.rgba
    acc *= 1.0 / len(matrices)
    return Patch(x0, y0, np.clip(acc + 0.5, 0, 255).astype(np.uint8), opacity)


def place(raster: np.ndarray, matrix: np.ndarray, frame_size: tuple[int, int], opacity: float = 1.0):
    """Warp `raster` (premultiplied RGBA) by the 3x3 `matrix` (raster px -> frame px) into a Patch covering only
    its bounding box inside a frame of `frame_size` (w, h); None when nothing lands in the frame."""
    if opacity <= 0:
        return None
    W, H = frame_size
    rh, rw = raster.shape[:2]
    corners = np.array([[0, 0, 1], [rw, 0, 1], [rw, rh, 1], [0, rh, 1]], dtype=np.float64).T
    mapped = matrix @ corners
    if np.any(mapped[2] <= 1e-9):
        return None  # behind the camera: a degenerate pin
    xs, ys = mapped[0] / mapped[2], mapped[1] / mapped[2]
    x0, y0 = max(0, int(math.floor(xs.min())) - 1), max(0, int(math.floor(ys.min())) - 1)
    x1, y1 = min(W, int(math.ceil(xs.max())) + 2), min(H, int(math.ceil(ys.max())) + 2)
    if x1 <= x0 or y1 <= y0:
        return None
    shift = np.array([[1, 0, -x0], [0, 1, -y0], [0, 0, 1]], dtype=np.float64) @ matrix
    size = (x1 - x0, y1 - y0)
    is_affine = abs(shift[2, 0]) < 1e-12 and abs(shift[2, 1]) < 1e-12 and abs(shift[2, 2] - 1) < 1e-12
    identity_like = is_affine and np.allclose(shift[:2, :2], np.eye(2)) and \
        np.allclose(shift[:2, 2], np.round(shift[:2, 2]))
    if identity_like:
        patch = _integer_place(raster, int(round(shift[0, 2])), int(round(shift[1, 2])), size)
    elif is_affine:
        patch = cv2.warpAffine(raster, shift[:2], size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                               borderValue=(0, 0, 0, 0))
    else:
        patch = cv2.warpPerspective(raster, shift, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                                    borderValue=(0, 0, 0, 0))
    return Patch(x0, y0, patch, opacity)


def warp_over(frame: np.ndarray, raster: np.ndarray, matrix: np.ndarray, opacity: float) -> None:
    """Warp `raster` (premultiplied RGBA) by the 3x3 `matrix` (raster px -> frame px) and alpha-over it onto
    `frame` in place, touching only the bounding box of the warped raster."""
    patch = place(raster, matrix, (frame.shape[1], frame.shape[0]), opacity)
    if patch is not None:
        patch.composite(frame)


def _integer_place(raster: np.ndarray, dx: int, dy: int, size) -> np.ndarray:
    w, h = size
    patch = np.zeros((h, w, 4), np.uint8)
    rh, rw = raster.shape[:2]
    sx0, sy0 = max(0, -dx), max(0, -dy)
    tx0, ty0 = max(0, dx), max(0, dy)
    cw, ch = min(rw - sx0, w - tx0), min(rh - sy0, h - ty0)
    if cw > 0 and ch > 0:
        patch[ty0:ty0 + ch, tx0:tx0 + cw] = raster[sy0:sy0 + ch, sx0:sx0 + cw]
    return patch


def over(dst: np.ndarray, src: np.ndarray, opacity: float = 1.0) -> None:
    """Premultiplied alpha-over in place: dst = src*o + dst*(1 - a*o). dst is RGB (opaque) or RGBA."""
    if opacity < 1.0:
        src = cv2.convertScaleAbs(src, alpha=opacity)
    a = np.ascontiguousarray(src[..., 3])
    if not a.any():
        return
    c = dst.shape[2]
    _over_prepared(dst, np.ascontiguousarray(src[..., :c]), cv2.merge([255 - a] * c))


def _over_prepared(dst: np.ndarray, colour: np.ndarray, inv: np.ndarray) -> None:
    """dst = dst * inv / 255 + colour (uint8, rounded, saturated): two OpenCV passes over the box."""
    scaled = cv2.multiply(dst, inv, scale=1 / 255.0)
    cv2.add(scaled, colour, dst=scaled)
    np.copyto(dst, scaled)


def mix(a: np.ndarray, b: np.ndarray, u: float) -> np.ndarray:
    """Crossfade a -> b at u in [0, 1]."""
    return cv2.addWeighted(a, 1.0 - u, b, u, 0.0)


def wipe(a: np.ndarray, b: np.ndarray, u: float, direction: str) -> np.ndarray:
    """b wipes over a: at u the leading `u` of the frame shows b (soft 2% edge).

    Only the soft edge is blended (in float32, as a whole-frame blend would); every other row or column is a
    plain copy of a or b, which is what the blend gives there exactly (weights 0 and 1)."""
    h, w = a.shape[:2]
    horizontal = direction in ("left", "right")
    length = w if horizontal else h
    edge = max(2.0, 0.02 * length)
    pos = np.arange(length, dtype=np.float32)
    # `direction` is where the edge moves towards
    if direction in ("left", "up"):
        pos = length - 1 - pos
    m = np.clip((u * (length + edge) - pos) / edge, 0.0, 1.0)
    out = np.empty_like(a)
    view = (lambda arr, lo, hi: arr[:, lo:hi]) if horizontal else (lambda arr, lo, hi: arr[lo:hi])
    for src, where in ((a, m <= 0.0), (b, m >= 1.0)):
        lo, hi = _run(where)
        view(out, lo, hi)[...] = view(src, lo, hi)
    lo, hi = _run((m > 0.0) & (m < 1.0))
    if hi > lo:
        band = m[lo:hi]
        mask = band[None, :, None] if horizontal else band[:, None, None]
        view(out, lo, hi)[...] = (view(a, lo, hi) * (1 - mask) + view(b, lo, hi) * mask + 0.5).astype(np.uint8)
    return out


def _run(where: np.ndarray) -> tuple[int, int]:
    """[lo, hi) of the True entries of a mask that holds one contiguous run (a wipe's mask is monotonic)."""
    idx = np.flatnonzero(where)
    return (int(idx[0]), int(idx[-1]) + 1) if idx.size else (0, 0)


def slide(a: np.ndarray, b: np.ndarray, u: float, direction: str) -> np.ndarray:
    """b pushes a out of frame towards `direction`."""
    length = a.shape[1] if direction in ("left", "right") else a.shape[0]
    return slide_by(a, b, int(round(u * length)), direction)


def slide_by(a: np.ndarray, b: np.ndarray, s: int, direction: str) -> np.ndarray:
    """A slide moved on by `s` pixels."""
    h, w = a.shape[:2]
    out = np.empty_like(a)
    if direction in ("left", "right"):
        if direction == "left":
            out[:, : w - s] = a[:, s:]
            out[:, w - s:] = b[:, : s]
        else:
            out[:, s:] = a[:, : w - s]
            out[:, :s] = b[:, w - s:]
    else:
        if direction == "up":
            out[: h - s] = a[s:]
            out[h - s:] = b[:s]
        else:
            out[s:] = a[: h - s]
            out[:s] = b[h - s:]
    return out


def fade_through(a: np.ndarray, b: np.ndarray, u: float, color) -> np.ndarray:
    solid = np.empty_like(a)
    solid[...] = np.array(color[: a.shape[2]], dtype=np.uint8)
    if a.shape[2] == 4:
        solid[..., :3] = (solid[..., :3].astype(np.uint16) * color[3] // 255).astype(np.uint8)
        solid[..., 3] = color[3]
    return mix(a, solid, u * 2) if u < 0.5 else mix(solid, b, (u - 0.5) * 2)
