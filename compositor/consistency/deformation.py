"""Morphs and warps: local deformations that the per-pair metrics follow as if they were motion.

Two shot measures, both scored, both streamed over a short window of frames at a quarter of the analysis size,
from the flows the analyzer has already computed (no extra optical flow):

- `morph` — a patch of the picture that cross-dissolves into something else. In a dissolve every frame is a
  mix of the before and after content, so frame t is explained by a blend a·F(t−k) + (1−a)·F(t+k) with a well
  inside (0, 1) while neither neighbour alone explains it, and this holds for every k across the change. Frames
  t±k are brought onto t along the chained flow (any motion undone, only a change of content left); the test
  runs on a band of the detail (1 to 2 px): the high-pass keeps shading, shadows and light from being taken for
  a change of identity, the low-pass keeps the detail band-limited so that resampling it is an exact sub-pixel
  shift (sharp UI edges resampled without it read as a blend). The change must be a new texture, not a
  brightening of the old one (the after texture is not a gain of the before one); a renewal of it (over the
  window's span the change reaches a good part of the detail's own level: a texture that drifts under a codec
  stays itself); and an event over within the window (across its largest span hardly more change than across
  its middle one: water, smoke or a rolling wave keep changing). Detail lost to clipped highlights, and points
  the flow does not follow both ways, are no evidence; content that moves against the camera is discounted (a
  motion-blurred hand is a blend too); and a frame where more than half the picture changes, in detail or grey
  level, is a transition (a fade, a dissolve between shots), as is every frame within a window's reach of one.
  Per cell of 1/10 of the height: the weakest evidence over k = 1, 2, 3 × (fps/15), less the frame's 75th
  percentile (locality). The shot's largest cell, 0..1; not measured on frames under MIN_ROWS rows at the
  quarter size.
- `bend` — a region that bends out of shape and comes back (a hand or a face swirling or bulging for a few
  frames). Points of frame t are followed with the flow k frames back and k frames forward (k ≈ 0.1, 0.2,
  0.3 s), through forward–backward-consistent steps only. The non-rigid part of each displacement field
  (shear, from the smoothed gradients; a pan, a zoom or a rotation have none) is measured going out (t → t±k)
  and between the two ends (t−k → t+k). Real motion keeps deforming, so the ends differ at least as much as
  each end differs from the middle; a warp that relaxes leaves the ends alike and the middle bent:
  `min(out_back, out_fwd) − 2·ends`, mean per cell of 1/10 of the height (at least 80 % of it followed). The
  shot's largest cell.

What neither sees (docs/coherence.md, "Morphs and warps"): a bulge (less shear than a swirl; one that stays keeps
its texture), a dissolve over within one window step, and a warp of a fast-moving hand at 30 fps, whose own
flow errors are as large as the warp.
"""
from __future__ import annotations

from collections import deque

import cv2
import numpy as np

from compositor.consistency import metrics as M

CELLS = 10              # cells per frame height
QUARTER = 4             # the deformation measures run at 1/4 of the analysis size
# morph
HIGH_PASS = 2.0         # px (quarter size): the detail the blend test runs on ...
PRE_BLUR = 1.0          # px (quarter size): ... band-limited, so that resampling it is an exact sub-pixel shift
WINDOW = 0.035          # Gaussian window of the local fits, fraction of the height
BLEND_STRICT = 4.0      # the blend must leave < 1/4 of the best single neighbour's residual
BLEND_A = 0.15          # the blend weight must lie in (0.15, 0.85): a real mix, not one neighbour
MOVING_PX = 4.0         # px of motion against the camera (over k frames) that halves the evidence
NEW_TEXTURE = (0.25, 0.3)   # share of the change no gain of the old texture explains: no credit .. full
TEXTURE_LEVELS = 4.0    # levels of new texture for full credit
RENEWED = (0.45, 0.3)   # change over the window's span / the detail's own level: no credit .. full
SETTLED = (1.10, 1.25)  # change over the window's span / over its middle span: full credit .. none
MIN_ROWS = 40           # rows (quarter size) below which the detail band is the shapes themselves: no morph
CHANGE_LEVELS = 6.0     # levels of change for full credit; also what counts as "changed" for the transition test
TRANSITION = 0.5        # a frame whose changed share exceeds this is a transition (fade, dissolve), not a morph
LOCAL_PERCENTILE = 75
CLIPPED = 250           # a pixel at or above this in any channel has lost its detail to the clip, not to a morph
# bend
BEND_SECONDS = (0.1, 0.2, 0.3)
SHEAR_SMOOTH = 0.02     # Gaussian on the displacement before its gradient, fraction of the height
RETURN_WEIGHT = 2.0
FOLLOWED = 0.8


def _cells(a: np.ndarray) -> np.ndarray:
    h, w = a.shape[:2]
    return cv2.resize(a, (max(1, round(w * CELLS / h)), CELLS), interpolation=cv2.INTER_AREA)


def _similarity(flow_half: np.ndarray) -> np.ndarray:
    """3x3 similarity mapping frame t coordinates onto frame t+1 (quarter size), fitted with RANSAC to a
    half-size flow t -> t+1: the camera's part of the motion."""
    h, w = flow_half.shape[:2]
    s = max(4, h // 30)
    ys, xs = np.mgrid[s // 2:h:s, s // 2:w:s]
    p = np.stack([xs.ravel(), ys.ravel()], 1).astype(np.float32)
    a, _ = cv2.estimateAffinePartial2D(p, p + flow_half[ys.ravel(), xs.ravel()], method=cv2.RANSAC,
                                       ransacReprojThreshold=1.0)
    m = np.vstack([a, [0, 0, 1]]) if a is not None else np.eye(3)
    to_q, from_q = np.diag([0.5, 0.5, 1.0]), np.diag([2.0, 2.0, 1.0])
    return to_q @ m @ from_q


def _onto(img: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """`img` (a frame t±k) read at the positions `pos` that the points of frame t reach in it: brought onto t."""
    return cv2.remap(img, pos, None, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def _shear(disp: np.ndarray, sigma: float) -> np.ndarray:
    """|non-rigid part| of the gradient of a displacement field: sqrt((ux − vy)² + (uy + vx)²)."""
    d = cv2.GaussianBlur(disp, (0, 0), sigma)
    ux = cv2.Sobel(d[..., 0], cv2.CV_32F, 1, 0, ksize=3)
    uy = cv2.Sobel(d[..., 0], cv2.CV_32F, 0, 1, ksize=3)
    vx = cv2.Sobel(d[..., 1], cv2.CV_32F, 1, 0, ksize=3)
    vy = cv2.Sobel(d[..., 1], cv2.CV_32F, 0, 1, ksize=3)
    return cv2.magnitude(ux - vy, uy + vx) * 0.125


class _Pair:
    __slots__ = ("bw", "fw", "ok", "ok_back", "sim")

    def __init__(self, fw, bw, ok, ok_back, sim):
        self.fw, self.bw, self.ok, self.ok_back, self.sim = fw, bw, ok, ok_back, sim


class DeformationTracker:
    """Streaming: `push(rgb, flows)` per frame at the analysis size (flows = (fw, bw, valid) of the pair that
    ends on this frame, None for the first), then `finish()` -> {centre frame: (morph, bend, first, last)},
    `first`..`last` the frames the window spans (windows across a cut are dropped by the caller)."""

    def __init__(self, fps: float):
        k0 = max(1, round(fps / 15))
        self.blend_ks = (k0, 2 * k0, 3 * k0)
        self.bend_ks = tuple(sorted({max(1, round(fps * s)) for s in BEND_SECONDS}))
        self.reach = max(self.blend_ks[-1], self.bend_ks[-1])
        self.stride = k0            # centre frames measured: every k0-th (a morph or a bend lasts several k0)
        self._frames: deque = deque(maxlen=2 * self.reach + 1)
        self._textured: deque = deque(maxlen=2 * self.reach + 1)
        self._clipped: deque = deque(maxlen=2 * self.reach + 1)
        self._bases: deque = deque(maxlen=2 * self.reach + 1)     # the grey levels under the detail
        self._pairs: deque = deque(maxlen=2 * self.reach)
        self._n = 0
        self._transitions: list[int] = []
        self.values: dict[int, tuple[float, float, int, int]] = {}

    def push(self, rgb: np.ndarray, flows: tuple[np.ndarray, np.ndarray, np.ndarray] | None) -> None:
        h, w = rgb.shape[:2]
        q = cv2.resize(rgb, (max(8, w // QUARTER), max(8, h // QUARTER)), interpolation=cv2.INTER_AREA)
        g = cv2.cvtColor(q, cv2.COLOR_RGB2GRAY).astype(np.float32)
        base = cv2.GaussianBlur(g, (0, 0), HIGH_PASS)
        self._frames.append(cv2.subtract(cv2.GaussianBlur(g, (0, 0), PRE_BLUR), base))
        self._bases.append(base)
        mag = cv2.magnitude(cv2.Sobel(g, cv2.CV_32F, 1, 0, ksize=3), cv2.Sobel(g, cv2.CV_32F, 0, 1, ksize=3))
        self._textured.append(cv2.dilate(cv2.compare(mag, M.TEXTURE, cv2.CMP_GT), np.ones((3, 3), np.uint8)))
        clipped = cv2.compare(q.max(axis=2), CLIPPED, cv2.CMP_GE)
        self._clipped.append(cv2.dilate(clipped, np.ones((5, 5), np.uint8)).astype(np.float32) / 255.0)
        if flows is not None:
            fw, bw, valid = flows
            fh = M.half(fw)
            fq, bq = M.half(fw, QUARTER), M.half(bw, QUARTER)
            size = (fq.shape[1], fq.shape[0])
            ok = cv2.resize(valid, size, interpolation=cv2.INTER_NEAREST)
            # the same test from the second frame's side: a pixel revealed in t+1 has no match back in t
            ok_back = cv2.resize(M.occlusion_mask_fast(bw, fw), size, interpolation=cv2.INTER_NEAREST)
            self._pairs.append(_Pair(fq, bq, ok, ok_back, _similarity(fh)))
        self._n += 1
        t = self._n - 1 - self.reach
        if t >= 0 and t % self.stride == 0:
            self._measure(t, self._n - 1)

    def finish(self) -> dict[int, tuple[float, float, int, int]]:
        last = self._n - 1
        for t in range(max(0, last - self.reach + 1), last + 1):
            if t % self.stride == 0:
                self._measure(t, last)
        # a transition's neighbours see part of it (its first and last frames change less than half the
        # picture): no morph within a window's reach of one
        for t, (m, b, first, last_) in self.values.items():
            if any(abs(t - c) <= self.reach for c in self._transitions):
                self.values[t] = (0.0, b, first, last_)
        return self.values

    # frame i is self._frames[i - first_frame]; pair j (j -> j+1) is self._pairs[j - first_pair]
    def _frame(self, i: int) -> np.ndarray:
        return self._frames[i - (self._n - len(self._frames))]

    def _clip(self, i: int) -> np.ndarray:
        return self._clipped[i - (self._n - len(self._clipped))]

    def _base(self, i: int) -> np.ndarray:
        return self._bases[i - (self._n - len(self._bases))]

    def _pair(self, j: int) -> _Pair:
        return self._pairs[j - (self._n - 1 - len(self._pairs))]

    def _measure(self, t: int, last: int) -> None:
        fits = lambda k: t - k >= 0 and t + k <= last
        ks = sorted({k for k in self.blend_ks + self.bend_ks if fits(k)})
        if not ks:
            return
        chains = self._chains(t, ks[-1], set(ks))
        tall_enough = self._frame(t).shape[0] >= MIN_ROWS
        morph = self._morph(t, chains) if tall_enough and all(fits(k) for k in self.blend_ks) else 0.0
        textured = self._textured[t - (self._n - len(self._textured))]
        bend = max((self._bend(chains[k], textured) for k in self.bend_ks if fits(k)), default=0.0)
        self.values[t] = (morph, bend, t - ks[-1], t + ks[-1])

    def _chains(self, t: int, kmax: int, keep: set) -> dict:
        """For each k in `keep`: where the points of frame t are in frames t+k and t−k (quarter size), whether
        every step was forward–backward consistent, and the camera similarities t -> t±k."""
        h, w = self._frame(t).shape[:2]
        grid = M._grid(h, w)
        out: dict = {}
        fpos, fok, fsim = grid.copy(), np.full((h, w), 255, np.uint8), np.eye(3)
        bpos, bok, bsim = grid.copy(), np.full((h, w), 255, np.uint8), np.eye(3)
        for k in range(1, kmax + 1):
            p = self._pair(t + k - 1)
            fok = cv2.bitwise_and(fok, cv2.remap(p.ok, fpos, None, cv2.INTER_NEAREST, borderValue=0))
            fpos = cv2.add(fpos, cv2.remap(p.fw, fpos, None, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE))
            fsim = p.sim @ fsim
            p = self._pair(t - k)
            bok = cv2.bitwise_and(bok, cv2.remap(p.ok_back, bpos, None, cv2.INTER_NEAREST, borderValue=0))
            bpos = cv2.add(bpos, cv2.remap(p.bw, bpos, None, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE))
            # where the point lands in frame t-k, that frame must have a consistent match in t-k+1
            bok = cv2.bitwise_and(bok, cv2.remap(p.ok, bpos, None, cv2.INTER_NEAREST, borderValue=0))
            bsim = np.linalg.inv(p.sim) @ bsim
            if k in keep:
                out[k] = (k, grid, fpos, fok, fsim, bpos, bok, bsim)
        return out

    def _morph(self, t: int, chains: dict) -> float:
        """Blend evidence at centre frame t: per cell the weakest over the blend ks, less the frame's 75th
        percentile; 0 when a k sees a transition of the whole picture."""
        T = self._frame(t)
        h, w = T.shape[:2]
        sigma = WINDOW * h
        G = lambda x: cv2.GaussianBlur(x, (0, 0), sigma)
        ones = np.ones((h, w, 1), np.float32)
        per_k, changes = [], []
        for k in self.blend_ks:
            _, grid, fpos, fok, fsim, bpos, bok, bsim = chains[k]
            P, N = _onto(self._frame(t - k), bpos), _onto(self._frame(t + k), fpos)
            lost = cv2.max(self._clip(t), cv2.max(_onto(self._clip(t - k), bpos), _onto(self._clip(t + k), fpos)))
            gh = np.concatenate([grid, ones], -1)
            cam_f = cv2.transform(gh, fsim[:2].astype(np.float32))
            cam_b = cv2.transform(gh, bsim[:2].astype(np.float32))
            d_f, d_b = cv2.subtract(fpos, cam_f), cv2.subtract(bpos, cam_b)
            rel = cv2.max(cv2.magnitude(d_f[..., 0], d_f[..., 1]), cv2.magnitude(d_b[..., 0], d_b[..., 1]))
            still = 1.0 / (1.0 + G(rel) / MOVING_PX)
            D, X = cv2.subtract(P, N), cv2.subtract(T, N)
            e2 = G(cv2.multiply(D, D))
            xd = G(cv2.multiply(X, D))
            x2 = G(cv2.multiply(X, X))
            TP = cv2.subtract(T, P)
            y2 = G(cv2.multiply(TP, TP))
            a = xd / np.maximum(e2, 1e-3)
            rb = np.maximum(x2 - xd * a, 0.0)
            rmin = np.maximum(np.minimum(x2, y2), 1e-3)
            vp, vn = np.maximum(G(cv2.multiply(P, P)), 1e-3), np.maximum(G(cv2.multiply(N, N)), 1e-3)
            cpn = G(cv2.multiply(P, N))
            new2 = np.maximum(np.maximum(vn - cpn * cpn / vp, vp - cpn * cpn / vn), 0.0)
            change = np.sqrt(e2)
            shift = cv2.absdiff(_onto(self._base(t - k), bpos), _onto(self._base(t + k), fpos))
            if float((cv2.max(change, shift) > CHANGE_LEVELS).mean()) > TRANSITION:
                self._transitions.append(t)
                return 0.0
            blend = np.clip(1 - BLEND_STRICT * rb / rmin, 0, 1) * ((a > BLEND_A) & (a < 1 - BLEND_A))
            texture = np.clip((new2 / np.maximum(e2, 1e-3) - NEW_TEXTURE[0]) / NEW_TEXTURE[1], 0, 1)
            followed = G(cv2.bitwise_and(fok, bok).astype(np.float32) / 255.0)
            evidence = ((1 - lost) * followed * blend * still * texture
                        * np.clip(np.sqrt(new2) / TEXTURE_LEVELS, 0, 1) * np.clip(change / CHANGE_LEVELS, 0, 1))
            per_k.append(evidence)
            changes.append(change)
            level = np.sqrt((vp + vn) / 2)          # of the detail at the two ends
        # over the window's whole span (the last, largest k) the detail must change by a good part of its own
        # level: a texture that stays itself and drifts (a codec refining it frame by frame) is no morph ...
        renewed = np.clip((changes[-1] / level - RENEWED[0]) / RENEWED[1], 0, 1)
        # ... and the change must be an event that is over within the window: across its largest span no more
        # than across the middle one. Water, smoke or a rolling wave keep changing with every frame.
        growth = changes[-1] / np.maximum(changes[-2], 1e-3)
        settled = np.clip((SETTLED[1] - growth) / (SETTLED[1] - SETTLED[0]), 0, 1)
        v = np.min([_cells((e * renewed * settled).astype(np.float32)) for e in per_k], axis=0)
        return float(max(0.0, (v - np.percentile(v, LOCAL_PERCENTILE)).max()))

    def _bend(self, chain, textured: np.ndarray) -> float:
        """Deformation that comes back at one k: min(out_back, out_fwd) − 2·ends, the largest followed cell."""
        _, grid, fpos, fok, _, bpos, bok, _ = chain
        h = grid.shape[0]
        sigma = SHEAR_SMOOTH * h
        keep = (cv2.bitwise_and(cv2.bitwise_and(fok, bok), textured) > 0).astype(np.float32)
        out = np.minimum(_shear(cv2.subtract(fpos, grid), sigma), _shear(cv2.subtract(bpos, grid), sigma))
        ends = _shear(cv2.subtract(fpos, bpos), sigma)
        r = (out - RETURN_WEIGHT * ends) * keep
        kc = _cells(keep)
        rc = _cells(r.astype(np.float32)) / np.maximum(kc, 1e-3)
        rc = np.where(kc > FOLLOWED, rc, 0.0)
        return float(max(0.0, rc.max()))
