"""Tracking accuracy on the installed OpenCV: the figures docs/tracking.md states, against their bars.

Run it under each OpenCV the project supports (the bars must hold on every one, see docs/tracking.md):

    python bench/tracking_accuracy.py            # real footage, synthetic 960x540 suite clip, jitter
    python bench/tracking_accuracy.py --full     # also the 150-frame 1080p synthetic clip (slower)

Errors are in 1080p-equivalent pixels. Real footage: tests/data/tracking (hand-annotated dots on mural_wall.mp4,
the locked-off blocks_mat.mp4); synthetic: tests/tracking/synthetic.py. A `fingerprint` of the tracked corners
is printed too: equal fingerprints under two OpenCV versions mean bit-identical tracks.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import av
import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from compositor.tracking import track_shot  # noqa: E402
from compositor.tracking.smooth import second_difference_rms  # noqa: E402
from tests.tracking.synthetic import PlanarClip  # noqa: E402

DATA = ROOT / "tests" / "data" / "tracking"


def _decode(name: str) -> list[np.ndarray]:
    with av.open(str(DATA / name)) as c:
        return [f.to_ndarray(format="rgb24") for f in c.decode(video=0)]


def real_footage() -> tuple[float, str]:
    """Max error of the pinned quad's six dots over the annotated frames, tracked from frame 0 and from 48."""
    frames = _decode("mural_wall.mp4")
    ann = json.loads((DATA / "mural_wall.dots.json").read_text())
    h, w = frames[0].shape[:2]
    dots = {int(k): np.array(v) for k, v in ann["frames"].items()}
    worst, digest = 0.0, hashlib.sha256()
    for ref in (0, 48):
        quad = dots[ref][:4]
        ts = track_shot({"wall": {"corners": quad.tolist(), "at": ref / ann["fps"]}}, lambda i: frames[i],
                        len(frames), ann["fps"], (w, h), None, "mural_wall")
        for f, truth in dots.items():
            c = ts.corners("wall", f)
            digest.update(np.ascontiguousarray(c, np.float64).tobytes())
            pin = cv2.getPerspectiveTransform(quad.astype(np.float32), c.astype(np.float32))
            placed = cv2.perspectiveTransform(dots[ref].reshape(-1, 1, 2), pin).reshape(-1, 2)
            worst = max(worst, float(np.linalg.norm(placed - truth, axis=1).max() * 1080 / h))
    return worst, digest.hexdigest()[:12]


def synthetic(n: int, size: tuple[int, int], ref: int) -> tuple[float, float, float]:
    """(mean, max, drift) corner error against the exact corners."""
    clip = PlanarClip(n, size=size)
    truth = np.stack([clip.corners(i) for i in range(n)])
    ts = track_shot({"card": {"corners": truth[ref].tolist(), "at": ref / 30}}, clip, n, 30, size, None, "bench")
    found = np.stack([ts.corners("card", i) for i in range(n)])
    err = np.linalg.norm(found - truth, axis=2) * (1080 / size[1])
    dist = np.abs(np.arange(n) - ref)
    drift = float(np.polyfit(dist, err.mean(1), 1)[0] * dist.max())
    return float(err.mean()), float(err.max()), drift


def jitter() -> tuple[float, float]:
    """(RMS second difference, max offset) of a quad on the locked-off mat, 1080p px."""
    frames = _decode("blocks_mat.mp4")
    h, w = frames[0].shape[:2]
    quad = np.array([[150, 190], [800, 200], [810, 520], [140, 515]], float)
    ts = track_shot({"mat": {"corners": quad.tolist(), "at": 0}}, lambda i: frames[i], len(frames), 29.97,
                    (w, h), None, "blocks_mat")
    corners = np.stack([ts.corners("mat", i) for i in range(len(frames))])
    k = 1080 / h
    return second_difference_rms(corners) * k, float(np.linalg.norm(corners - quad, axis=2).max() * k)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--full", action="store_true", help="also track the 150-frame 1080p synthetic clip")
    args = ap.parse_args()
    print(f"OpenCV {cv2.__version__}, numpy {np.__version__}")
    worst, fp = real_footage()
    print(f"real footage (mural_wall), max dot error      {worst:6.2f} px   bar 3.0    fingerprint {fp}")
    m, x, d = synthetic(90, (960, 540), 30)
    print(f"synthetic 960x540 x90, mean / max / drift      {m:6.3f} / {x:.3f} / {d:+.3f} px   bars 0.5 / 2.0 / 0.3")
    if args.full:
        m, x, d = synthetic(150, (1920, 1080), 60)
        print(f"synthetic 1080p x150, mean / max / drift       {m:6.3f} / {x:.3f} / {d:+.3f} px   bars 0.5 / 2.0 / 0.3")
    j, off = jitter()
    print(f"locked-off mat (blocks_mat), jitter / offset   {j:6.3f} / {off:.3f} px   bars 0.3 / 3.0")


if __name__ == "__main__":
    main()
