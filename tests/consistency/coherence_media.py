"""Real footage for the coherence tests: decoded once per session, RGB uint8."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

DATA = Path(__file__).resolve().parent.parent / "data" / "coherence"
CLIPS = {  # name: (file, fps)
    "ship": ("cogvideox-1-24f.mp4", 8.0),
    "mural": ("cogvideox-3-24f.mp4", 8.0),
    "face": ("cogvideox-4-24f.mp4", 8.0),
    "bedroom": ("bedroom-30f.mp4", 30.0),
    "blocks": ("blocks-48f.mp4", 30.0),
}


@lru_cache(maxsize=None)
def _decode(name: str) -> tuple[np.ndarray, ...]:
    cap = cv2.VideoCapture(str(DATA / CLIPS[name][0]))
    frames = []
    while True:
        ok, f = cap.read()
        if not ok:
            break
        frames.append(cv2.cvtColor(f, cv2.COLOR_BGR2RGB))
    cap.release()
    assert frames, f"could not decode {name}"
    return tuple(frames)


def clip(name: str, n: int | None = None) -> list[np.ndarray]:
    return list(_decode(name)[:n])


def fps(name: str) -> float:
    return CLIPS[name][1]


def sharpness(frames) -> float:
    """Mean variance of the Laplacian of the luma: the usual focus/detail measure."""
    return float(np.mean([cv2.Laplacian(cv2.cvtColor(f, cv2.COLOR_RGB2GRAY), cv2.CV_64F).var() for f in frames]))


def psnr(a, b) -> float:
    mse = float(np.mean([np.mean((x.astype(np.float64) - y) ** 2) for x, y in zip(a, b)]))
    return 10.0 * np.log10(255.0 ** 2 / max(mse, 1e-12))
