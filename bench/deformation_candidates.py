"""Two more candidate measures for morphs and warps, measured by bench/coherence_deformation.py (neither is
scored: docs/coherence.md, "Morphs and warps").

- patch rigidity: a grid of points is followed with the flow through a window of about 0.1 s (at least 2
  pairs), at half the analysis size, keeping only points whose every step passed the forward-backward check.
  In each cell (1/6 of the height, at least 85 % of its points followed) an affine motion is fitted from the
  start to the end positions; its non-similarity part (shear and anisotropic stretch, over the uniform scale)
  is the cell's deformation. Real hands and faces move articulated, but each small patch stays near-rigid;
  a swirl or a bulge bends the patch. Reported: the shot's largest cell, and that largest over the 95th
  percentile of all its cells and windows (a defect as an outlier within its own clip).
- temporal symmetry: frames t-k and t+k are brought onto t with the global motion (a similarity fitted to
  the flow with RANSAC, chained); per cell of 1/8 of the height, min(|t - (t-k)|, |t - (t+k)|) - |(t-k) - (t+k)|
  (levels, blurred half-size grey): a local change present in the middle frame and absent from both
  neighbours, which a warp that relaxes leaves. k = 1..5; the shot's largest.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise

import cv2
import numpy as np

from compositor.consistency import metrics as M

WINDOW_S = 0.1         # seconds a patch is followed over (at least 2 pairs)
PATCH_CELLS = 6        # cells per frame height for the affine fit
FOLLOWED = 0.85        # share of a cell's points that must be followed through the window
SYMMETRY_K = 5         # largest frame offset of the symmetry test
SYMMETRY_CELLS = 8


def _cells(a: np.ndarray, n: int) -> np.ndarray:
    h, w = a.shape
    return cv2.resize(a, (max(1, round(w * n / h)), n), interpolation=cv2.INTER_AREA)


def _non_similarity(grid: np.ndarray, pos: np.ndarray, keep: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Per cell: the non-similarity of the least-squares affine map grid -> pos over the kept points, relative
    to its scale, and the share of the cell kept. Moments per cell come from area-averaged products."""
    wgt = keep.astype(np.float32)
    cover = _cells(wgt, n)
    den = np.maximum(cover, 1e-6)

    def m(a):
        return _cells(a * wgt, n) / den

    x, y, X, Y = grid[..., 0], grid[..., 1], pos[..., 0], pos[..., 1]
    mx, my, mX, mY = m(x), m(y), m(X), m(Y)
    sxx, sxy, syy = m(x * x) - mx * mx, m(x * y) - mx * my, m(y * y) - my * my
    sxX, syX, sxY, syY = m(x * X) - mx * mX, m(y * X) - my * mX, m(x * Y) - mx * mY, m(y * Y) - my * mY
    det = np.maximum(sxx * syy - sxy * sxy, 1e-6)
    i11, i12, i22 = syy / det, -sxy / det, sxx / det
    a, b = sxX * i11 + syX * i12, sxX * i12 + syX * i22        # the linear part [[a, b], [c, d]]
    c, d = sxY * i11 + syY * i12, sxY * i12 + syY * i22
    scale = np.sqrt(np.maximum(np.abs(a * d - b * c), 1e-6))
    return np.sqrt(((a - d) / 2) ** 2 + ((b + c) / 2) ** 2) / scale, cover


def _half_flows(grays: Sequence[np.ndarray], flow: M.Flow) -> tuple[list, list]:
    fs, oks = [], []
    for a, b in pairwise(grays):
        fw, bw = flow(a, b), flow(b, a)
        ok = M.occlusion_mask_fast(fw, bw)
        f = M.half(fw)
        fs.append(f)
        oks.append(cv2.resize(ok, (f.shape[1], f.shape[0]), interpolation=cv2.INTER_NEAREST))
    return fs, oks


def patch_rigidity(grays: Sequence[np.ndarray], fps: float, cuts: Iterable[int] = (),
                   flow: M.Flow | None = None) -> tuple[float, float]:
    """(largest cell deformation, that over the shot's 95th percentile) of analysis-size grey frames; windows
    holding a cut pair (index k: pair k, k+1) are skipped."""
    fs, oks = _half_flows(grays, flow or M.Flow())
    cuts = set(cuts)
    win = max(2, round(fps * WINDOW_S))
    h, w = fs[0].shape[:2]
    grid = M._grid(h, w)
    vals, best = [], 0.0
    for t0 in range(len(fs) - win + 1):
        if cuts & set(range(t0, t0 + win)):
            continue
        pos, chain = grid.copy(), np.full((h, w), 255, np.uint8)
        for k in range(t0, t0 + win):
            chain = cv2.bitwise_and(chain, cv2.remap(oks[k], pos, None, cv2.INTER_NEAREST, borderValue=0))
            pos = pos + cv2.remap(fs[k], pos, None, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        ns, cover = _non_similarity(grid, pos, cv2.erode(chain, np.ones((3, 3), np.uint8)) > 0, PATCH_CELLS)
        ns = ns[cover > FOLLOWED]
        if ns.size:
            vals.append(ns)
            best = max(best, float(ns.max()))
    if not vals:
        return 0.0, 0.0
    return best, best / max(float(np.percentile(np.concatenate(vals), 95)), 1e-3)


def _global_motion(flow: np.ndarray) -> np.ndarray:
    """3x3 similarity mapping frame t+1 coordinates onto frame t, fitted to a flow t -> t+1 with RANSAC."""
    h, w = flow.shape[:2]
    s = max(4, h // 40)
    ys, xs = np.mgrid[s // 2:h:s, s // 2:w:s]
    p = np.stack([xs.ravel(), ys.ravel()], 1).astype(np.float32)
    a, _ = cv2.estimateAffinePartial2D(p + flow[ys.ravel(), xs.ravel()], p, method=cv2.RANSAC,
                                       ransacReprojThreshold=1.0)
    return np.vstack([a, [0, 0, 1]]) if a is not None else np.eye(3)


def temporal_symmetry(grays: Sequence[np.ndarray], cuts: Iterable[int] = (), flow: M.Flow | None = None) -> float:
    """The largest cell of min(|t - (t-k)|, |t - (t+k)|) - |(t-k) - (t+k)| after global alignment (levels);
    triples spanning a cut are skipped."""
    flow = flow or M.Flow()
    cuts = set(cuts)
    small = [cv2.GaussianBlur(cv2.resize(g, (g.shape[1] // 2, g.shape[0] // 2), interpolation=cv2.INTER_AREA)
                              .astype(np.float32), (0, 0), 1.5) for g in grays]
    h, w = small[0].shape
    to_half, to_full = np.diag([0.5, 0.5, 1.0]), np.diag([2.0, 2.0, 1.0])
    chain = [np.eye(3)]                                        # frame i coordinates -> frame 0 coordinates
    for a, b in pairwise(grays):
        chain.append(chain[-1] @ (to_half @ _global_motion(flow(a, b)) @ to_full))

    def onto(i, j):
        m = np.linalg.inv(chain[j]) @ chain[i]
        return cv2.warpAffine(small[j], m[:2], (w, h), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP, borderValue=-1)

    best = 0.0
    for k in range(1, SYMMETRY_K + 1):
        for t in range(k, len(small) - k):
            if cuts & set(range(t - k, t + k)):
                continue
            before, after = onto(t, t - k), onto(t, t + k)
            inside = (before >= 0) & (after >= 0)
            d = np.minimum(np.abs(small[t] - before), np.abs(small[t] - after)) - np.abs(before - after)
            best = max(best, float(_cells(np.where(inside, d, 0).astype(np.float32), SYMMETRY_CELLS).max()))
    return best
