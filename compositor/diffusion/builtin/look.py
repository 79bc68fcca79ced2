"""Figures of how a coloured backdrop looks at full size: hard colour edges, distinct colours, grid blockiness.

Evaluation only (used by scripts/builtin_look.py and the tests); nothing at generation time imports it.
"""
from __future__ import annotations

import cv2
import numpy as np

from .colour import rgb_to_lab

HARD_EDGE = 4.0  # CIELAB distance between neighbouring 1080p pixels that reads as a hard colour edge


def hard_edge_share(frame: np.ndarray, denoise: float = 0.0) -> float:
    """Share of pixels whose Lab distance to the right or lower neighbour exceeds HARD_EDGE.

    `denoise` > 0 first blurs by that sigma (px), so film grain (pixel-scale, ~2 levels) is not counted and only
    steps between colour regions are: a palette edge survives a 1.5-px blur at 1080p, grain does not.
    """
    if denoise > 0:
        frame = cv2.GaussianBlur(frame, (0, 0), float(denoise))
    lab = rgb_to_lab(frame)
    dx = np.linalg.norm(np.diff(lab, axis=1), axis=-1)[:-1]
    dy = np.linalg.norm(np.diff(lab, axis=0), axis=-1)[:, :-1]
    return float((np.maximum(dx, dy) > HARD_EDGE).mean())


def distinct_colours(frame: np.ndarray) -> int:
    return int(len(np.unique(frame.reshape(-1, 3) @ np.array([65536, 256, 1]))))


def blockiness(frame: np.ndarray, period: int) -> float:
    """Mean |step| across grid lines of `period` px over the mean step elsewhere (1.0 = no grid structure)."""
    g = cv2.cvtColor(frame, cv2.COLOR_RGB2GRAY).astype(np.float32)
    d = np.abs(np.diff(g, axis=1))
    on = (np.arange(d.shape[1]) % period) == period - 1
    return float(d[:, on].mean() / max(d[:, ~on].mean(), 1e-6))


def banding(frame: np.ndarray, lo: float = 0.02, hi: float = 0.6) -> float:
    """Mean length (px, along rows) of runs of one 8-bit luma value inside gentle gradients; 0 if there are none.

    Gentle = the large-scale slope (Gaussian sigma 8 px) is between `lo` and `hi` levels per pixel, where an
    undithered 8-bit ramp shows flat bands 1/slope pixels wide (a 0.05-level/px wash: 20-px bands). Dithered or
    grainy frames read 1-3 px there whatever the slope.
    """
    g = cv2.cvtColor(frame, cv2.COLOR_RGB2GRAY)
    smooth = cv2.GaussianBlur(g.astype(np.float32), (0, 0), 8.0)
    slope = np.hypot(cv2.Sobel(smooth, cv2.CV_32F, 1, 0, ksize=3), cv2.Sobel(smooth, cv2.CV_32F, 0, 1, ksize=3)) / 8
    region = (slope > lo) & (slope < hi)
    inside = region[:, 1:] & region[:, :-1]
    if inside.sum() < 1000:
        return 0.0
    steps = (g[:, 1:] != g[:, :-1]) & inside
    return float(inside.sum() / max(int(steps.sum()), 1))
