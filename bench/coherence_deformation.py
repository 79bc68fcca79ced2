"""Morphs and warps against the coherence score: what the score says today, and two candidate measures.

Builds the deformation cases of tests/consistency/coherence_cases.py from the real test footage (objects that
morph, hands and faces that warp mid-motion; beside real motion, pans and a cut) and prints, per case, the
shot's score, verdict and `local`, then two candidates a deformation metric could be built on (neither is
scored yet: on the 30 fps clips neither separates the defects from real hand or body motion; docs/coherence.md,
"Morphs and warps"):

- strain: the flow composed over 2 pairs (t -> t+2), its non-rigid part (shear, and divergence away from the
  frame's median: a zoom is free) divided by 1 + displacement / 3 px, kept only where every step of the chain
  passed the forward-backward check and the composed warp explains the appearance (residual < 6 levels);
  the largest mean over cells of 1/8 of the height, at half the analysis size;
- residual spike: the residual |g_t - g_{t+2}(x + composed flow)| on the same pixels (divided by the same
  speed term), largest cell mean of each pair; the shot's largest divided by its median pair (at least 4).

Usage: python bench/coherence_deformation.py [CASE-SUBSTRING ...]
"""
from __future__ import annotations

import sys
import time
from collections import deque
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "consistency")]

import coherence_cases as C

from compositor.consistency import metrics as M
from compositor.consistency.score import analyze

WINDOW = 2          # pairs the flow is composed over
SPEED = 3.0         # px (half analysis size): displacement that halves the weight of a pixel
EXPLAINED = 6.0     # levels: a larger composed residual means the flow did not follow, its strain is no evidence
CELLS = 8           # cells per frame height


def _cells(a: np.ndarray) -> np.ndarray:
    h, w = a.shape
    return cv2.resize(a, (max(1, w * CELLS // h), CELLS), interpolation=cv2.INTER_AREA)


def _strain(disp: np.ndarray, keep: np.ndarray) -> np.ndarray:
    d = cv2.GaussianBlur(disp, (0, 0), 2.0)
    du = [cv2.Sobel(d[..., c], cv2.CV_32F, dx, dy, ksize=3) / 8 for c in (0, 1) for dx, dy in ((1, 0), (0, 1))]
    ux, uy, vx, vy = du
    div = ux + vy
    med = float(np.median(div[keep])) if keep.any() else 0.0
    return np.sqrt((ux - vy) ** 2 + (uy + vx) ** 2 + (div - med) ** 2)


def candidates(frames: list[np.ndarray]) -> tuple[float, float]:
    """(strain, residual spike) of a clip, as described in the module docstring."""
    size = M.analysis_size(frames[0].shape[1], frames[0].shape[0])
    flow, prev, hist = M.Flow(), None, deque(maxlen=WINDOW)
    strain_k, resid_k = [], []
    for fr in frames:
        g = M.gray(M.to_analysis(fr, size))
        if prev is not None:
            fw, bw = flow(prev, g), flow(g, prev)
            valid = M.occlusion_mask_fast(fw, bw)
            f = M.half(fw)
            h, w = f.shape[:2]
            hist.append((f, cv2.resize(valid, (w, h), interpolation=cv2.INTER_NEAREST),
                         cv2.resize(prev, (w, h), interpolation=cv2.INTER_AREA)))
            if len(hist) == WINDOW:
                grid = M._grid(h, w)
                pos, chain = grid.copy(), np.full((h, w), 255, np.uint8)
                for fk, ok, _ in hist:
                    chain = cv2.bitwise_and(chain, cv2.remap(ok, pos, None, cv2.INTER_NEAREST, borderValue=0))
                    pos = pos + cv2.remap(fk, pos, None, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
                end = cv2.resize(g, (w, h), interpolation=cv2.INTER_AREA)
                r = np.abs(hist[0][2].astype(np.float32) - cv2.remap(end, pos, None, cv2.INTER_LINEAR,
                                                                      borderMode=cv2.BORDER_REPLICATE))
                r = cv2.GaussianBlur(r, (0, 0), 2.0)
                keep = cv2.erode(chain, np.ones((5, 5), np.uint8)) > 0
                disp = pos - grid
                slow = 1.0 / (1.0 + np.linalg.norm(disp, axis=-1) / SPEED)
                n = _strain(disp, keep) * slow * (r < EXPLAINED)
                cover = _cells(keep.astype(np.float32))
                full = cover > 0.5
                strain_k.append(float((_cells(n * keep) / np.maximum(cover, 1e-3) * full).max()))
                resid_k.append(float((_cells(r * slow * keep) / np.maximum(cover, 1e-3) * full).max()))
        prev = g
    if not strain_k:
        return 0.0, 0.0
    return max(strain_k), max(resid_k) / max(float(np.median(resid_k)), 4.0)


def main() -> None:
    cv2.setNumThreads(2)
    only = sys.argv[1:]
    print(f"{'case':44s} {'defect':6s} {'score':>6s} {'verdict':13s} {'local':>5s} {'strain':>6s} {'spike':>5s}"
          f" {'score s':>7s} {'cand. s':>7s}")
    for name in list(C.DEFECTS) + list(C.LEGIT):
        if only and not any(o in name for o in only):
            continue
        frames, fps, defect = C.build(name)
        t0 = time.process_time()
        c = analyze(frames, fps)
        t1 = time.process_time()
        strain, spike = candidates(frames)
        t2 = time.process_time()
        print(f"{name:44s} {'yes' if defect else 'no':6s} {c.score:6.1f} {c.verdict:13s} {c.metrics['local']:5.2f}"
              f" {strain:6.3f} {spike:5.2f} {t1 - t0:7.2f} {t2 - t1:7.2f}")


if __name__ == "__main__":
    main()
