"""Deflicker: remove frame-to-frame brightness/colour jitter while keeping real motion, lighting changes and detail.

Two stages, both steered by DIS optical flow computed at a small analysis size (270 lines):

1. Global colour-statistics stabilizer. For every adjacent pair, match the per-channel mean and spread of the
   pixels that correspond under the flow (motion-compensated, occlusions excluded): frame t+1 ~ a * frame t + b.
   Chaining those maps gives, for frame i, how each neighbour j "renders" frame i's colours; frame i is mapped
   to the Gaussian-weighted average of those renderings (a per-channel gain and offset at full resolution).
   Slow changes (fades, a cloud) are linear over the window and survive; jitter averages out. Cuts break the
   chain.
2. Flow-guided temporal filter of the *base* layer. Local flicker (patches breathing independently) lives in
   low spatial frequencies, so only a blurred base is filtered: neighbours' bases are warped onto frame i,
   weighted by time, flow consistency and similarity, and averaged; the ratio to frame i's own base is applied
   as a smooth gain at full resolution. Fine detail is never resampled, so sharpness is kept.

`Deflicker(frame, n_frames, mode)` is a pure function of the frame index (any access order, a bounded cache
of analysis data), so a chunked render gets the same pixels as a single pass.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable, Iterable, Optional, Sequence

import cv2
import numpy as np

from compositor.consistency import metrics as M

ANALYSIS_HEIGHT = 270
BASE_FACTOR = 4        # the base layer lives on a grid 4x coarser than the analysis size
CUT_UNMATCHED = 0.6     # a pair with more unmatched pixels than this is a cut: never average across it
DARK = 8.0              # levels added to both bases before the ratio: no wild gains in near-black areas
FLOW_PRESET = cv2.DISOPTICAL_FLOW_PRESET_ULTRAFAST   # the base layer is blurred: a coarser flow is enough


@dataclass(frozen=True)
class Settings:
    global_radius: int        # frames each side for the colour-statistics average
    global_sigma: float       # Gaussian weight over those frames
    local_radius: int         # frames each side for the base-layer filter (0 = off)
    local_sigma: float
    base_sigma: float         # blur of the base layer, in analysis pixels
    similarity: float         # levels: base differences far above this are motion errors, not flicker
    max_gain: float           # the local gain correction stays within [1/max_gain, max_gain]


MODES: dict[str, Settings] = {
    "light": Settings(4, 2.0, 0, 1.0, 4.0, 20.0, 1.0),
    "auto": Settings(6, 3.0, 3, 2.5, 4.0, 24.0, 1.3),
    "strong": Settings(10, 5.0, 4, 4.0, 6.0, 36.0, 1.5),
}


@dataclass
class _FrameData:
    small: np.ndarray     # RGB uint8 at analysis size
    gray: np.ndarray


class _LRU(OrderedDict):
    def __init__(self, limit: int):
        super().__init__()
        self.limit = limit

    def put(self, key, value):
        self[key] = value
        self.move_to_end(key)
        while len(self) > self.limit:
            self.popitem(last=False)
        return value


class Deflicker:
    """Streaming deflicker over a frame accessor. `d(i)` (or `d.frame(i)`) returns filtered frame i.

    `frame(i)` must return RGB uint8 frames of one size; it is called for frames within the window around i
    (at most `global_radius` each side), and each frame's analysis data is cached, so a sequential pass
    decodes every frame about once when `frame` itself caches full-resolution frames briefly."""

    def __init__(self, frame: Callable[[int], np.ndarray], n_frames: int, mode: str = "auto"):
        if mode not in MODES and mode != "off":
            raise ValueError(f"deflicker mode must be off or one of {sorted(MODES)}, got {mode!r}")
        self._frame = frame
        self.n = int(n_frames)
        self.mode = mode
        self.s = MODES.get(mode, MODES["light"])
        self._flow = M.Flow(FLOW_PRESET)
        keep = 2 * self.reach + 8           # every frame the window of one output frame touches
        self._data: _LRU = _LRU(keep)
        self._flows: _LRU = _LRU(8 * (2 * self.s.local_radius + 2) + 8)   # ~1 MB each at 270p
        self._pair_maps: _LRU = _LRU(2 * keep)
        self._bases: _LRU = _LRU(keep)
        self._size: Optional[tuple[int, int]] = None

    # ---- per-frame and per-pair analysis (cached) ----
    @property
    def reach(self) -> int:
        """How far from i the analysis of frame i looks (neighbours' global maps reach further)."""
        return self.s.global_radius + self.s.local_radius + 1

    def _fd(self, i: int) -> _FrameData:
        d = self._data.get(i)
        if d is None:
            full = self._frame(i)
            if self._size is None:
                self._size = M.analysis_size(full.shape[1], full.shape[0], ANALYSIS_HEIGHT)
            small = M.to_analysis(full, self._size)
            d = self._data.put(i, _FrameData(small, M.gray(small)))
        return d

    def _flow_between(self, i: int, j: int) -> np.ndarray:
        f = self._flows.get((i, j))
        if f is None:
            f = self._flows.put((i, j), self._flow(self._fd(i).gray, self._fd(j).gray))
        return f

    def _valid(self, i: int, j: int) -> np.ndarray:
        return M.occlusion_mask_fast(self._flow_between(i, j), self._flow_between(j, i))

    def _pair_map(self, i: int) -> Optional[np.ndarray]:
        """Per-channel affine (a, b) with frame i+1 ~ a * frame i + b on matched pixels; None at a cut."""
        if i in self._pair_maps:
            return self._pair_maps[i]
        valid = self._valid(i, i + 1)
        result = None
        if cv2.countNonZero(valid) > (1.0 - CUT_UNMATCHED) * valid.size:
            a_img = self._fd(i).small
            b_img = M.warp(self._fd(i + 1).small, self._flow_between(i, i + 1))
            ma, sa = cv2.meanStdDev(a_img, mask=valid)
            mb, sb = cv2.meanStdDev(b_img, mask=valid)
            ma, sa, mb, sb = (v.ravel() for v in (ma, sa, mb, sb))
            gain = np.clip((sb + 2.0) / (sa + 2.0), 0.5, 2.0)       # +2: flat channels stay gain 1
            result = np.stack([gain, mb - gain * ma]).astype(np.float64)  # (2, 3): row 0 gains, row 1 offsets
        return self._pair_maps.put(i, result)

    def _global_map(self, i: int) -> np.ndarray:
        """(2, 3) affine for frame i: the weighted average of how its neighbours render its colours."""
        s = self.s
        ident = np.array([[1.0] * 3, [0.0] * 3])
        maps, weights = [ident], [1.0]
        acc = ident.copy()
        for j in range(i + 1, min(self.n, i + s.global_radius + 1)):      # forward: compose i->j
            p = self._pair_map(j - 1)
            if p is None:
                break
            acc = np.stack([p[0] * acc[0], p[0] * acc[1] + p[1]])
            maps.append(acc.copy())
            weights.append(np.exp(-0.5 * ((j - i) / s.global_sigma) ** 2))
        acc = ident.copy()
        for j in range(i - 1, max(-1, i - s.global_radius - 1), -1):       # backward: invert j->j+1
            p = self._pair_map(j)
            if p is None:
                break
            inv = np.stack([1.0 / p[0], -p[1] / p[0]])
            acc = np.stack([inv[0] * acc[0], inv[0] * acc[1] + inv[1]])
            maps.append(acc.copy())
            weights.append(np.exp(-0.5 * ((j - i) / s.global_sigma) ** 2))
        w = np.asarray(weights)[:, None, None]
        return (np.asarray(maps) * w).sum(0) / w.sum()

    # ---- the two stages ----
    @staticmethod
    def _affine(m: np.ndarray) -> np.ndarray:
        """(2, 3) per-channel gain/offset -> the 3x4 matrix cv2.transform applies (saturating, SIMD)."""
        t = np.zeros((3, 4), np.float32)
        t[[0, 1, 2], [0, 1, 2]] = m[0]
        t[:, 3] = m[1]
        return t

    def _base(self, j: int) -> np.ndarray:
        """Frame j's globally corrected base layer on the coarse grid (1/BASE_FACTOR of the analysis size)."""
        b = self._bases.get(j)
        if b is None:
            small = self._fd(j).small
            h, w = small.shape[:2]
            coarse = cv2.resize(small, (w // BASE_FACTOR, h // BASE_FACTOR), interpolation=cv2.INTER_AREA)
            m = self._global_map(j).astype(np.float32)
            coarse = coarse.astype(np.float32) * m[0] + m[1]
            b = self._bases.put(j, cv2.GaussianBlur(coarse, (0, 0), self.s.base_sigma / BASE_FACTOR))
        return b

    def _local_correction(self, i: int) -> Optional[np.ndarray]:
        """Per-pixel, per-channel gain (coarse grid) that moves frame i's base to the flow-aligned average.
        A gain, not an offset: brightness flicker scales the detail along with the base."""
        s = self.s
        lo, hi = max(0, i - s.local_radius), min(self.n - 1, i + s.local_radius)
        if s.local_radius == 0 or hi == lo:
            return None
        base_i = self._base(i)
        gh, gw = base_i.shape[:2]
        num = base_i.copy()
        den = np.ones((gh, gw), np.float32)
        inv_sim = -0.5 / (s.similarity ** 2)
        for j in range(lo, hi + 1):
            if j == i or not self._connected(i, j):
                continue
            fw = M.half(self._flow_between(i, j), BASE_FACTOR)
            warped = M.warp(self._base(j), fw)
            valid = cv2.resize(self._valid(i, j), (gw, gh), interpolation=cv2.INTER_AREA)
            diff = cv2.cvtColor(cv2.subtract(warped, base_i), cv2.COLOR_RGB2GRAY)
            w = np.exp(cv2.multiply(diff, diff) * inv_sim) * (valid.astype(np.float32) / 255.0)
            w *= np.float32(np.exp(-0.5 * ((j - i) / s.local_sigma) ** 2))
            num += warped * w[..., None]
            den += w
        gain = (num / den[..., None] + DARK) / (base_i + DARK)
        return np.clip(gain, 1.0 / s.max_gain, s.max_gain)

    def _connected(self, i: int, j: int) -> bool:
        """No cut between frames i and j."""
        a, b = min(i, j), max(i, j)
        return all(self._pair_map(k) is not None for k in range(a, b))

    def frame(self, i: int) -> np.ndarray:
        if not 0 <= i < self.n:
            raise IndexError(i)
        full = np.ascontiguousarray(self._frame(i)[..., :3])
        if self.n == 1 or self.mode == "off":
            return full
        out = cv2.transform(full, self._affine(self._global_map(i)))
        gain = self._local_correction(i)
        if gain is not None:
            up = cv2.resize(gain, (full.shape[1], full.shape[0]), interpolation=cv2.INTER_LINEAR)
            out = cv2.multiply(out, up, dtype=cv2.CV_8U)
        return out

    __call__ = frame


def deflicker_frames(frames: Sequence[np.ndarray], mode: str = "auto") -> list[np.ndarray]:
    """Deflicker a whole in-memory clip (convenience for tests and small clips). mode "off" copies nothing."""
    frames = list(frames)
    if mode == "off" or len(frames) < 2:
        return frames
    d = Deflicker(lambda i: frames[i], len(frames), mode)
    return [d(i) for i in range(len(frames))]


def deflicker_stream(frames: Iterable[np.ndarray], n_frames: int, mode: str = "auto") -> Iterable[np.ndarray]:
    """Deflicker a frame iterator in one pass. Holds the full frames read ahead (up to `reach` frames past
    the one being output) and small analysis copies of the window, never the whole clip."""
    it = iter(frames)
    buf: dict[int, np.ndarray] = {}
    nxt = 0

    def get(k: int) -> np.ndarray:
        nonlocal nxt
        while nxt <= k:
            buf[nxt] = next(it)
            nxt += 1
        return buf[k]

    if mode == "off":
        yield from it
        return
    d = Deflicker(get, n_frames, mode)
    for i in range(n_frames):
        yield d(i)
        for k in [k for k in buf if k <= i]:      # past frames live on as analysis data inside `d`
            del buf[k]
