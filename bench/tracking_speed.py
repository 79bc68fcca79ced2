"""Planar tracking speed and accuracy on 1080p footage: compositor's tracker vs OpenCV's plain
LK + homography baseline, in the same run on the same frames.

The footage is a real photograph moving in perspective over a differently moving background with noise and
blur (tests/tracking/synthetic.py), so both trackers are also scored against the exact corners.
Frames are rendered into memory first; timing covers everything from RGB frames to corners (grey conversion,
resizing, tracking), not frame synthesis.

    python bench/tracking_speed.py [--frames 150] [--repeat 1]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from compositor.tracking import track_shot  # noqa: E402
from tests.tracking.synthetic import PlanarClip  # noqa: E402


def baseline_track(frames, quad: np.ndarray) -> np.ndarray:
    """The textbook approach at full resolution: GFTT in the quad on frame 0, frame-to-frame pyramidal LK,
    RANSAC homography from the first frame's points to the current ones, re-detect when half are lost."""
    n = len(frames)
    out = np.zeros((n, 4, 2))
    out[0] = quad
    prev = cv2.cvtColor(frames[0], cv2.COLOR_RGB2GRAY)
    mask = np.zeros(prev.shape, np.uint8)
    cv2.fillConvexPoly(mask, quad.astype(np.int32), 255)
    p0 = cv2.goodFeaturesToTrack(prev, 300, 0.01, 10, mask=mask)
    ref = p0.reshape(-1, 2).copy()
    cur = p0
    n0 = len(ref)
    H_total = np.eye(3)
    for i in range(1, n):
        gray = cv2.cvtColor(frames[i], cv2.COLOR_RGB2GRAY)
        nxt, st, _ = cv2.calcOpticalFlowPyrLK(prev, gray, cur, None, winSize=(21, 21), maxLevel=3)
        good = st.ravel() == 1
        ref, nxt = ref[good], nxt[good]
        H, _ = cv2.findHomography(ref, nxt.reshape(-1, 2), cv2.RANSAC, 3.0)
        if H is None:
            H = np.eye(3)
        out[i] = cv2.perspectiveTransform(quad.reshape(-1, 1, 2), H @ H_total).reshape(-1, 2)
        cur = nxt.reshape(-1, 1, 2)
        if len(cur) < n0 // 2:  # re-detect: restart the chain from this frame
            H_total = H @ H_total
            q = out[i]
            mask[:] = 0
            cv2.fillConvexPoly(mask, q.astype(np.int32), 255)
            cur = cv2.goodFeaturesToTrack(gray, 300, 0.01, 10, mask=mask)
            ref = cur.reshape(-1, 2).copy()
            n0 = len(ref)
        prev = gray
    return out


def errors(found: np.ndarray, truth: np.ndarray) -> tuple[float, float, float]:
    e = np.linalg.norm(found - truth, axis=2)
    per_frame = e.mean(1)
    slope = np.polyfit(np.arange(len(per_frame)), per_frame, 1)[0] * len(per_frame)
    return float(e.mean()), float(e.max()), float(slope)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=150)
    ap.add_argument("--repeat", type=int, default=1, help="time each tracker this many times, keep the best")
    args = ap.parse_args()
    cv2.setNumThreads(2)
    clip = PlanarClip(args.frames, size=(1920, 1080))
    t0 = time.perf_counter()
    frames = [clip.frame(i) for i in range(args.frames)]
    truth = np.stack([clip.corners(i) for i in range(args.frames)])
    print(f"rendered {args.frames} frames of 1920x1080 in {time.perf_counter() - t0:.1f} s")
    quad = truth[0]

    best_ours = best_base = float("inf")
    for _ in range(args.repeat):
        t = time.perf_counter()
        ts = track_shot({"card": {"corners": quad.tolist(), "at": 0}}, lambda i: frames[i], args.frames, 30,
                        (1920, 1080), None, "bench")
        best_ours = min(best_ours, time.perf_counter() - t)
        t = time.perf_counter()
        base = baseline_track(frames, quad)
        best_base = min(best_base, time.perf_counter() - t)
    ours = np.stack([ts.corners("card", i) for i in range(args.frames)])
    fo, fb = args.frames / best_ours, args.frames / best_base
    mo, xo, so = errors(ours, truth)
    mb, xb, sb = errors(base, truth)
    print(f"{'':28}{'fps':>8}{'mean px':>10}{'max px':>9}{'drift px':>10}")
    print(f"{'compositor (540p + drift fix)':28}{fo:8.1f}{mo:10.3f}{xo:9.3f}{so:10.3f}")
    print(f"{'OpenCV LK+homography 1080p':28}{fb:8.1f}{mb:10.3f}{xb:9.3f}{sb:10.3f}")
    print(f"speed ratio (compositor / baseline): {fo / fb:.2f}x; error ratio (baseline / compositor): "
          f"{mb / max(mo, 1e-9):.1f}x")
    print("drift px = fitted change of the mean corner error from the first to the last frame")


if __name__ == "__main__":
    main()
