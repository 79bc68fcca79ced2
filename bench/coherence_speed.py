"""Coherence engine speed, against peers, in one run.

1. Metrics at the 540p analysis size (bar: >= 20 frame pairs/s): our full per-pair analysis (flow both ways,
   occlusion mask, warp, warping error, flicker, judder, drift) vs two peers: cv2 DIS alone computing the two
   flows (the floor: what the flow costs) and the same metrics written with plain numpy (boolean indexing,
   float64 sums), as a straightforward implementation would.
2. Deflicker at 1080p (bar: >= 10 frames/s): `deflicker: auto` vs a naive per-frame numpy mean/std matching
   to a running average (the classic global deflicker), with the warping-error reduction each achieves on the
   same injected flicker.

Usage: python bench/coherence_speed.py [--frames 40] [--threads 2]
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from compositor.consistency import metrics as M  # noqa: E402
from compositor.consistency import synthetic as S  # noqa: E402
from compositor.consistency.deflicker import Deflicker  # noqa: E402
from compositor.consistency.score import CoherenceAnalyzer, analyze  # noqa: E402

FOOTAGE = Path(__file__).resolve().parent.parent / "tests" / "data" / "coherence" / "bedroom-30f.mp4"


def decode(path: Path, n: int) -> list[np.ndarray]:
    cap, out = cv2.VideoCapture(str(path)), []
    while len(out) < n:
        ok, f = cap.read()
        if not ok:
            cap.set(cv2.CAP_PROP_POS_FRAMES, 0)       # loop the short clip (ping-pong keeps it continuous)
            out += out[::-1][1:n - len(out) + 1]
            continue
        out.append(cv2.cvtColor(f, cv2.COLOR_BGR2RGB))
    return out[:n]


def naive_pair(a: np.ndarray, b: np.ndarray, dis) -> float:
    """Warping error + flicker with numpy arrays and boolean masks (the peer)."""
    ga, gb = cv2.cvtColor(a, cv2.COLOR_RGB2GRAY), cv2.cvtColor(b, cv2.COLOR_RGB2GRAY)
    fw, bw = dis.calc(ga, gb, None), dis.calc(gb, ga, None)
    h, w = ga.shape
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    mx, my = xs + fw[..., 0], ys + fw[..., 1]
    bw_at = cv2.remap(bw, mx, my, cv2.INTER_LINEAR)
    s = fw + bw_at
    valid = ((s ** 2).sum(-1) < 0.01 * ((fw ** 2).sum(-1) + (bw_at ** 2).sum(-1)) + 0.5)
    valid &= (mx >= 0) & (mx <= w - 1) & (my >= 0) & (my <= h - 1)
    warped = cv2.remap(b, mx, my, cv2.INTER_LINEAR).astype(np.float64)
    d = a.astype(np.float64) - warped
    err = float(((d ** 2).sum(-1))[valid].mean() / 3 / 255 ** 2)
    _ = warped[valid].mean(0) - a[valid].astype(np.float64).mean(0)
    return err


def naive_deflicker(frames: list[np.ndarray], alpha: float = 0.3) -> list[np.ndarray]:
    """Per-frame mean/std matching of each channel to an exponential running average (float numpy)."""
    out, mu_ref, sd_ref = [], None, None
    for f in frames:
        x = f.astype(np.float32)
        mu, sd = x.reshape(-1, 3).mean(0), x.reshape(-1, 3).std(0) + 1e-3
        mu_ref = mu if mu_ref is None else (1 - alpha) * mu_ref + alpha * mu
        sd_ref = sd if sd_ref is None else (1 - alpha) * sd_ref + alpha * sd
        out.append(np.clip((x - mu) * (sd_ref / sd) + mu_ref, 0, 255).astype(np.uint8))
    return out


def rate(n: int, seconds: float) -> float:
    return n / max(seconds, 1e-9)


class Clock:
    """Wall time and this process's CPU time: on a shared machine the wall rate depends on the neighbours,
    n / CPU-seconds does not (it is the rate with one core to itself; two free cores give up to twice that)."""

    def __enter__(self):
        self.w, self.c = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall, self.cpu = time.perf_counter() - self.w, time.process_time() - self.c

    def rates(self, n: int) -> str:
        return f"{rate(n, self.wall):7.1f} /s wall  {rate(n, self.cpu):6.1f} /CPU-s"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--frames", type=int, default=40)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    cv2.setNumThreads(args.threads)
    frames = decode(FOOTAGE, args.frames)                 # 960x540 real footage: analysed at native size
    pairs = len(frames) - 1
    print(f"footage: {FOOTAGE.name} looped to {len(frames)} frames, {frames[0].shape[1]}x{frames[0].shape[0]}; "
          f"cv2 threads {cv2.getNumThreads()}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")

    # --- metrics at 540p ---
    analyze(frames[:4], 30)                               # warm-up (allocations, DIS init)
    with Clock() as c_ours:
        a = CoherenceAnalyzer(30)
        for f in frames:
            a.push(f)
        a.finish()
    dis = cv2.DISOpticalFlow_create(cv2.DISOPTICAL_FLOW_PRESET_FAST)
    grays = [M.gray(f) for f in frames]
    with Clock() as c_dis:
        for i in range(pairs):
            dis.calc(grays[i], grays[i + 1], None)
            dis.calc(grays[i + 1], grays[i], None)
    with Clock() as c_naive:
        for i in range(pairs):
            naive_pair(frames[i], frames[i + 1], dis)
    print("\nmetrics at 540p (frame pairs, bar >= 20/s):")
    print(f"  ours (all metrics)              {c_ours.rates(pairs)}")
    print(f"  cv2 DIS alone, fw+bw flow       {c_dis.rates(pairs)}   ours/DIS-alone = "
          f"{c_dis.wall / c_ours.wall:.2f} (the flow's share of our time)")
    print(f"  numpy warping error + flicker   {c_naive.rates(pairs)}   ours/numpy = "
          f"{c_naive.wall / c_ours.wall:.2f}x faster")

    # --- deflicker at 1080p ---
    big = [cv2.resize(f, (1920, 1080), interpolation=cv2.INTER_CUBIC) for f in frames[:30]]
    flick = S.global_flicker(S.local_flicker(big, 0.06, seed=2), 0.04, seed=1)
    d = Deflicker(lambda i: flick[i], len(flick), "auto")
    d(0)                                                   # warm-up
    d = Deflicker(lambda i: flick[i], len(flick), "auto")
    with Clock() as c_def:
        ours_out = [d(i) for i in range(len(flick))]
    with Clock() as c_ndef:
        naive_out = naive_deflicker(flick)
    n = len(flick)
    e0 = analyze(flick, 30).metrics["warp_error"]
    e_ours = analyze(ours_out, 30).metrics["warp_error"]
    e_naive = analyze(naive_out, 30).metrics["warp_error"]
    print("\ndeflicker at 1920x1080, global + local flicker injected (frames, bar >= 10/s):")
    print(f"  ours (auto)                     {c_def.rates(n)}   warping error {e0 * 1e3:.3f} -> "
          f"{e_ours * 1e3:.3f} ({(1 - e_ours / e0) * 100:.0f}% lower)")
    print(f"  numpy mean/std matching         {c_ndef.rates(n)}   warping error {e0 * 1e3:.3f} -> "
          f"{e_naive * 1e3:.3f} ({(1 - e_naive / e0) * 100:.0f}% lower)")
    print(f"  speed ratio ours/numpy = {c_ndef.wall / c_def.wall:.2f}x")


if __name__ == "__main__":
    main()
