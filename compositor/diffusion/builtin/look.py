"""Figures of how a coloured backdrop looks at full size: hard colour edges, distinct colours, grid blockiness.

Evaluation only (used by scripts/builtin_look.py and the tests); nothing at generation time imports it.
"""
from __future__ import annotations

import cv2
import numpy as np

from .colour import rgb_to_lab

HARD_EDGE = 4.0  # CIELAB distance between neighbouring 1080p pixels that reads as a hard colour edge


def hard_edge_share(frame: np.ndarray) -> float:
    """Share of pixels whose Lab distance to the right or lower neighbour exceeds HARD_EDGE."""
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
