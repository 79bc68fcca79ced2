"""Continuity between two shots: do they look like the same world (same product, character, place, grade)?

Two measures, because each misses what the other sees:
- colour: the distance between the shots' CIELAB statistics (per-channel mean and spread, in ΔE-like units).
  Lab is perceptually even, so a grade or lighting change counts as much as the eye says it does; a shared
  reference image pins the palette, an unrelated shot does not.
- structure: SSIM of the shots' median frames at 64 px wide (grayscale). A shared reference keeps layout and
  large shapes; small-scale motion and noise are averaged out by the median and the downscale.
`score` combines them into 0..1 (1 = indistinguishable): exp(-colour / 20) * (0.5 + 0.5 * structure).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

COLOUR_SCALE = 20.0      # ΔE at which the colour term falls to 1/e


@dataclass(frozen=True)
class Continuity:
    colour: float         # Lab statistics distance (0 = same palette)
    structure: float      # SSIM of the median frames, -1..1
    score: float          # 0..1

    def as_dict(self) -> dict:
        return {"colour_delta_e": round(self.colour, 3), "structure_ssim": round(self.structure, 4),
                "score": round(self.score, 4)}


def _lab_stats(frames: np.ndarray) -> np.ndarray:
    import cv2

    lab = np.concatenate([cv2.cvtColor(f[..., :3].astype(np.float32) / 255.0, cv2.COLOR_RGB2LAB).reshape(-1, 3)
                          for f in frames])
    return np.concatenate([lab.mean(axis=0), lab.std(axis=0)])


def _median_gray(frames: np.ndarray, width: int = 64) -> np.ndarray:
    import cv2

    med = np.median(np.stack([f[..., :3] for f in frames]).astype(np.float32), axis=0)
    h = max(8, round(med.shape[0] * width / med.shape[1]))
    return cv2.resize(cv2.cvtColor(med, cv2.COLOR_RGB2GRAY), (width, h), interpolation=cv2.INTER_AREA)


def _ssim(a: np.ndarray, b: np.ndarray) -> float:
    import cv2

    if a.shape != b.shape:
        b = cv2.resize(b, (a.shape[1], a.shape[0]), interpolation=cv2.INTER_AREA)
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    blur = lambda x: cv2.GaussianBlur(x, (7, 7), 1.5)  # noqa: E731
    ma, mb = blur(a), blur(b)
    va, vb, cov = blur(a * a) - ma * ma, blur(b * b) - mb * mb, blur(a * b) - ma * mb
    s = ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2))
    return float(s.mean())


def measure(a: np.ndarray, b: np.ndarray) -> Continuity:
    """Continuity of shot `a` and shot `b`, each uint8 frames (N, H, W, 3); a few frames of each suffice."""
    sa, sb = _lab_stats(a), _lab_stats(b)
    colour = float(np.sqrt(((sa[:3] - sb[:3]) ** 2).sum()) + 0.5 * np.sqrt(((sa[3:] - sb[3:]) ** 2).sum()))
    structure = _ssim(_median_gray(a), _median_gray(b))
    score = float(np.exp(-colour / COLOUR_SCALE) * (0.5 + 0.5 * max(-1.0, min(1.0, structure))))
    return Continuity(colour, structure, score)
