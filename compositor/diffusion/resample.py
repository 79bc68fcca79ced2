"""From the model's native clip to the shot: duration, frame rate and size.

Time: frames in between two native frames are synthesised by optical-flow interpolation (OpenCV DIS flow, both
directions, each frame warped toward the in-between time, then blended), not by dropping or repeating frames.
Space: the native frame is centre-cropped to the output aspect and resized with Lanczos (cv2.INTER_LANCZOS4).
Every output frame is a pure function of its index, computed on demand, so renders can run in any order.
A float clip (the built-in model's float grade) stays float through interpolation and resizing, and a `finish`
step (e.g. `builtin.grain.Grain`) turns it into uint8 at the output size, so no 8-bit step is upscaled.
"""
from __future__ import annotations

import math
from collections import OrderedDict

import cv2
import numpy as np

UPSCALER = "Lanczos (cv2.INTER_LANCZOS4)"


def generation_size(native: tuple[int, int], out: tuple[int, int], multiple: int,
                    trained: tuple = ()) -> tuple[int, int]:
    """The size to generate at: the model's native pixel area, the output's aspect, multiples of `multiple`.

    A model trained at a few fixed sizes (`trained`) gets the one closest to the output's aspect instead.
    """
    if trained:
        want = math.log(out[0] / out[1])
        w, h = min(trained, key=lambda s: abs(math.log(s[0] / s[1]) - want))
        return int(w), int(h)
    area = native[0] * native[1]
    aspect = out[0] / out[1]
    h = math.sqrt(area / aspect)
    w = h * aspect
    return (max(multiple, int(round(w / multiple)) * multiple), max(multiple, int(round(h / multiple)) * multiple))


def native_frames_needed(n_out: int, out_fps: float, native_fps: float) -> int:
    """Native frames covering output frames 0..n_out-1 (the last one needs its right neighbour)."""
    last_t = (n_out - 1) * native_fps / out_fps
    return int(math.floor(last_t + 1e-9)) + (1 if abs(last_t - round(last_t)) < 1e-6 else 2)


def crop_box(src: tuple[int, int], out: tuple[int, int]) -> tuple[int, int, int, int]:
    sw, sh = src
    aspect = out[0] / out[1]
    if sw / sh > aspect:
        cw, ch = int(round(sh * aspect)), sh
    else:
        cw, ch = sw, int(round(sw / aspect))
    x, y = (sw - cw) // 2, (sh - ch) // 2
    return x, y, cw, ch


def cover(img: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """Centre-crop `img` to the aspect of `size` and resize it there (Lanczos): how every conditioning image
    (first, last and reference frames) is fitted to the generation size."""
    x, y, cw, ch = crop_box((img.shape[1], img.shape[0]), size)
    img = img[y:y + ch, x:x + cw]
    if (cw, ch) != tuple(size):
        img = cv2.resize(img, tuple(size), interpolation=cv2.INTER_LANCZOS4)
    return np.ascontiguousarray(img[..., :3].astype(np.uint8))


class Resampler:
    """Output frame `i` of a shot from a native uint8 clip (F, h, w, 3)."""

    def __init__(self, native: np.ndarray, native_fps: float, out_fps: float, out_size: tuple[int, int],
                 method: str = "flow", finish=None):
        self.native = native
        self.finish = finish  # callable: (H, W, 3) float or uint8 at the output size -> uint8
        self.ratio = native_fps / out_fps
        self.out_size = out_size
        self.method = method
        h, w = native.shape[1:3]
        self.crop = crop_box((w, h), out_size)
        self._flows: OrderedDict = OrderedDict()
        self._dis = None
        self._grid = None

    def __getstate__(self):
        """Picklable for renders that fan frames out to other processes (flow caches are rebuilt there)."""
        state = dict(self.__dict__)
        state.update(_dis=None, _flows=OrderedDict(), _grid=None)
        return state

    def describe(self) -> list[str]:
        h, w = self.native.shape[1:3]
        x, y, cw, ch = self.crop
        notes = []
        if (cw, ch) != (w, h):
            notes.append(f"cropped the generated {w}×{h} to {cw}×{ch} (centre) to match the output aspect")
        if (cw, ch) != tuple(self.out_size):
            verb = "upscaled" if cw < self.out_size[0] else "resized"
            notes.append(f"{verb} {cw}×{ch} to {self.out_size[0]}×{self.out_size[1]} with {UPSCALER}")
        if abs(self.ratio - 1.0) > 1e-9:
            how = ("optical-flow interpolation (OpenCV DIS, bidirectional)" if self.method == "flow"
                   else "linear blending")
            notes.append(f"retimed {self.ratio:.4g} native frames per output frame by {how}")
        if self.finish is not None and hasattr(self.finish, "describe"):
            notes.append(self.finish.describe())
        return notes

    def _flow_pair(self, k: int):
        if k in self._flows:
            self._flows.move_to_end(k)
            return self._flows[k]
        if self._dis is None:
            self._dis = cv2.DISOpticalFlow_create(cv2.DISOPTICAL_FLOW_PRESET_FAST)
        a, b = (_grey8(self.native[k]), _grey8(self.native[k + 1]))
        pair = (self._dis.calc(a, b, None), self._dis.calc(b, a, None))
        self._flows[k] = pair
        if len(self._flows) > 6:
            self._flows.popitem(last=False)
        return pair

    def _between(self, k: int, a: float) -> np.ndarray:
        f0 = self.native[k].astype(np.float32)
        f1 = self.native[k + 1].astype(np.float32)
        if self.method != "flow" or min(f0.shape[:2]) < 16:
            return (1 - a) * f0 + a * f1
        fwd, bwd = self._flow_pair(k)
        if self._grid is None:
            h, w = f0.shape[:2]
            self._grid = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
        gx, gy = self._grid
        # the pixel at x in the in-between frame came from x - a*F01(x) in f0 and x - (1-a)*F10(x) in f1
        w0 = cv2.remap(f0, gx - a * fwd[..., 0], gy - a * fwd[..., 1], cv2.INTER_LINEAR,
                       borderMode=cv2.BORDER_REPLICATE)
        w1 = cv2.remap(f1, gx - (1 - a) * bwd[..., 0], gy - (1 - a) * bwd[..., 1], cv2.INTER_LINEAR,
                       borderMode=cv2.BORDER_REPLICATE)
        return (1 - a) * w0 + a * w1

    def native_at(self, i: int) -> np.ndarray:
        """Output frame i at native size (before crop and resize)."""
        t = i * self.ratio
        k = int(math.floor(t + 1e-9))
        a = t - k
        last = self.native.shape[0] - 1
        if k >= last:
            return self.native[last]
        if a < 1e-6:
            return self.native[k]
        mixed = self._between(k, a)
        if self.native.dtype != np.uint8:
            return mixed
        return np.clip(mixed + 0.5, 0, 255).astype(np.uint8)

    def frame(self, i: int) -> np.ndarray:
        img = self.native_at(i)
        x, y, cw, ch = self.crop
        img = img[y:y + ch, x:x + cw]
        if (cw, ch) != tuple(self.out_size):
            img = cv2.resize(np.ascontiguousarray(img), tuple(self.out_size), interpolation=cv2.INTER_LANCZOS4)
        if self.finish is not None:
            return np.ascontiguousarray(self.finish(img))
        if img.dtype != np.uint8:
            img = np.clip(img + 0.5, 0, 255).astype(np.uint8)
        return np.ascontiguousarray(img)


def _grey8(frame: np.ndarray) -> np.ndarray:
    """Luma as uint8 (DIS flow needs 8-bit) from a uint8 or float RGB frame."""
    g = cv2.cvtColor(np.ascontiguousarray(frame), cv2.COLOR_RGB2GRAY)
    return g if g.dtype == np.uint8 else np.clip(g + 0.5, 0, 255).astype(np.uint8)
