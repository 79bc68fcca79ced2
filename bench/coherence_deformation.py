"""Morphs and warps against the coherence score: the score, its `morph` and `bend` measures
(compositor/consistency/deformation.py) and the analysis time, on two sets of cases.

"tests": the deformation cases of tests/consistency/coherence_cases.py built from the real test footage (objects
that morph, hands and faces that warp mid-motion; beside real motion, pans and a cut) and the example project's
footage — the constants of `morph` and `bend` were chosen on these. "held-out": bench/deformation_heldout.py,
other defects on other clips and other legitimate footage, measured only. `--candidates` adds the earlier
candidates that were not scored (docs/coherence.md, "Morphs and warps"):

- strain: the flow composed over 2 pairs (t -> t+2), its non-rigid part (shear, and divergence away from the
  frame's median: a zoom is free) divided by 1 + displacement / 3 px, kept only where every step of the chain
  passed the forward-backward check and the composed warp explains the appearance (residual < 6 levels);
  the largest mean over cells of 1/8 of the height, at half the analysis size;
- residual spike: the residual |g_t - g_{t+2}(x + composed flow)| on the same pixels (divided by the same
  speed term), largest cell mean of each pair; the shot's largest divided by its median pair (at least 4).

Usage: python bench/coherence_deformation.py [--candidates] [CASE-SUBSTRING ...]
"""
from __future__ import annotations

import sys
import time
from collections import deque
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "consistency"), str(ROOT / "bench")]

import coherence_cases as C
import deformation_candidates as D
import deformation_heldout as H

from compositor.consistency import metrics as M
from compositor.consistency import synthetic as S
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


def _decode(path: Path) -> tuple[list[np.ndarray], float]:
    cap, frames = cv2.VideoCapture(str(path)), []
    while True:
        ok, f = cap.read()
        if not ok:
            break
        frames.append(cv2.cvtColor(f, cv2.COLOR_BGR2RGB))
    fps = cap.get(cv2.CAP_PROP_FPS)
    cap.release()
    return frames, fps


def _project_footage() -> dict:
    """The example projects' own footage, as their shots play it (legitimate)."""
    assets = ROOT / "projects" / "northwind-launch" / "assets"
    dash = cv2.cvtColor(cv2.imread(str(assets / "dashboard.png")), cv2.COLOR_BGR2RGB)
    return {"northwind office.mp4": lambda: _decode(assets / "office.mp4"),
            "northwind dashboard.png, zoom 1.0-1.08": lambda: (S.pan_zoom(dash, 48, (960, 540), pan=0.0, zoom=1.08),
                                                               24.0)}


def _cases() -> dict:
    """name -> (set, maker): the tests' cases and the example project's footage ("tests"), then the held-out
    set (bench/deformation_heldout.py), never used to choose a constant."""
    cases = {n: ("tests", lambda n=n: C.build(n)) for n in list(C.DEFECTS) + list(C.LEGIT)}
    cases.update({n: ("tests", lambda m=m: (*m(), False)) for n, m in _project_footage().items()})
    cases.update({n: ("held-out", lambda n=n: H.build(n)) for n in list(H.DEFECTS) + list(H.LEGIT)})
    return cases


def main() -> None:
    """The score, its `morph` and `bend`, and the analysis time per clip; `--candidates` adds the five earlier
    candidates (slow: several extra flows per clip)."""
    cv2.setNumThreads(2)
    args = sys.argv[1:]
    with_candidates = "--candidates" in args
    only = [a for a in args if a != "--candidates"]
    head = (f"{'set':8s} {'case':52s} {'defect':6s} {'score':>6s} {'verdict':13s} {'local':>5s} {'morph':>6s}"
            f" {'bend':>6s} {'score s':>7s}")
    if with_candidates:
        head += (f" {'strain':>6s} {'spike':>5s} {'rigid':>6s} {'/p95':>5s} {'rigid-m':>7s} {'/p95':>5s} {'symm':>6s}")
    print(head)
    for name, (which, make) in _cases().items():
        if only and not any(o in name for o in only):
            continue
        frames, fps, defect = make()
        t0 = time.process_time()
        c = analyze(frames, fps)
        dt = time.process_time() - t0
        row = (f"{which:8s} {name:52s} {'yes' if defect else 'no':6s} {c.score:6.1f} {c.verdict:13s}"
               f" {c.metrics['local']:5.2f} {c.metrics['morph']:6.3f} {c.metrics['bend']:6.3f} {dt:7.2f}")
        if with_candidates:
            strain, spike = candidates(frames)
            size = M.analysis_size(frames[0].shape[1], frames[0].shape[0])
            grays = [M.gray(M.to_analysis(f, size)) for f in frames]
            cuts = [k["frame"] - 1 for k in c.cuts]
            rigid, rigid_z = D.patch_rigidity(grays, fps, cuts)
            rigid_m, rigid_mz = D.patch_rigidity(grays, fps, cuts, M.Flow(cv2.DISOPTICAL_FLOW_PRESET_MEDIUM))
            symm = D.temporal_symmetry(grays, cuts)
            row += (f" {strain:6.3f} {spike:5.2f} {rigid:6.3f} {rigid_z:5.2f} {rigid_m:7.3f} {rigid_mz:5.2f}"
                    f" {symm:6.1f}")
        print(row, flush=True)


if __name__ == "__main__":
    main()
