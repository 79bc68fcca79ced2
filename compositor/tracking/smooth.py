"""Smoothing that does not lag: a symmetric (zero-phase) Savitzky-Golay filter over the whole track.

A causal filter (moving average, one-pole) delays the pinned overlay behind the footage; a symmetric window
looks as far ahead as behind, so the result sits on the motion. Quadratic polynomials keep accelerations
(a camera easing in) instead of rounding them off like a plain average would.
"""
from __future__ import annotations

import numpy as np
from scipy.signal import savgol_filter


def window_frames(seconds: float, fps: float) -> int:
    """An odd window length for `seconds` of smoothing (0 or 1 frame = off)."""
    w = int(round(seconds * fps))
    return w + 1 if w % 2 == 0 else w


def zero_phase(values: np.ndarray, seconds: float, fps: float, polyorder: int = 2) -> np.ndarray:
    """Smooth (n, ...) values along axis 0 over a window of `seconds`; returns a copy."""
    values = np.asarray(values, np.float64)
    n = len(values)
    w = min(window_frames(seconds, fps), n if n % 2 else n - 1)
    if seconds <= 0 or w < 3:
        return values.copy()
    return savgol_filter(values, w, min(polyorder, w - 2), axis=0, mode="interp")


def second_difference_rms(track: np.ndarray) -> float:
    """Jitter: RMS of the second difference of a (n, ...) trajectory, in its units (px)."""
    track = np.asarray(track, np.float64)
    if len(track) < 3:
        return 0.0
    d2 = track[2:] - 2 * track[1:-1] + track[:-2]
    return float(np.sqrt(np.mean(d2 ** 2)))
