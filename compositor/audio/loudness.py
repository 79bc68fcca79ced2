"""Loudness to a target and a true-peak ceiling, the two numbers delivery specs ask for.

Integrated loudness is ITU-R BS.1770-4 (K-weighting, 400 ms blocks, absolute and relative gates) via pyloudnorm.
True peak is the sample peak of a 4x oversampled signal (BS.1770 Annex 2), which catches inter-sample overs a
plain sample peak misses. Normalising applies one gain and then a look-ahead limiter that only touches the few
peaks that would pass the ceiling; because limiting lowers loudness a little, the gain is re-measured and
corrected (a secant step: while the limiter bites, loudness grows slower than gain) until the result is
within 0.1 LU of the target, usually in two or three rounds.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

OVERSAMPLE = 4
LOOKAHEAD = 0.003       # seconds the limiter's gain ramps before a peak
LIMIT_SLACK_DB = 0.05  # the limiter aims this far under the ceiling, so the exact final check rarely trims
HOLD = 0.02             # seconds it holds the reduction after one (softens the release)


def integrated_lufs(samples: np.ndarray, rate: int) -> float:
    """Integrated loudness in LUFS; -inf for silence or anything shorter than one 400 ms block."""
    import pyloudnorm

    x = np.asarray(samples, dtype=np.float64)
    if len(x) < int(0.4 * rate) + 1 or not np.any(x):
        return float("-inf")
    return float(pyloudnorm.Meter(rate).integrated_loudness(x))


@lru_cache(maxsize=1)
def _interpolator() -> np.ndarray:
    """49-tap windowed-sinc for 4x oversampling (12 taps a phase, the size BS.1770-4 Annex 2 suggests).
    Its cutoff sits exactly at the original Nyquist, so phase 0 reproduces the input samples."""
    from scipy.signal import firwin

    return (firwin(TAPS_LEN, 1.0 / OVERSAMPLE, window=("kaiser", 8.0)) * OVERSAMPLE).astype(np.float32)


TAPS_LEN = 4 * 12 + 1
_DELAY = (TAPS_LEN - 1) // (2 * OVERSAMPLE)      # in input samples


def _oversampled_peaks(samples: np.ndarray) -> np.ndarray:
    """Per input sample q, the largest |value| at times q, q+1/4, q+2/4, q+3/4 over all channels."""
    x = np.asarray(samples, dtype=np.float32)
    if x.ndim == 1:
        x = x[:, None]
    n = len(x)
    peaks = np.zeros(n, np.float32)
    for p in range(OVERSAMPLE):
        taps = _interpolator()[p::OVERSAMPLE]
        for c in range(x.shape[1]):
            y = np.convolve(x[:, c], taps)[_DELAY:_DELAY + n]
            np.maximum(peaks, np.abs(y), out=peaks)
    return peaks


def true_peak_dbtp(samples: np.ndarray, rate: int | None = None) -> float:
    """True peak in dBTP (4x oversampled)."""
    if len(samples) == 0:
        return float("-inf")
    peak = float(_oversampled_peaks(samples).max())
    return 20 * np.log10(peak) if peak > 0 else float("-inf")


def limit_true_peak(samples: np.ndarray, rate: int, ceiling_dbtp: float, peaks: np.ndarray | None = None,
                    gain: float = 1.0) -> tuple[np.ndarray, float]:
    """`samples * gain` with no true peak above the ceiling, and the largest gain reduction used (dB, ≥ 0).
    `peaks` (from _oversampled_peaks of the un-gained samples) may be passed to skip recomputing them: the
    true peaks of a scaled signal are the scaled true peaks."""
    ceiling = 10 ** ((ceiling_dbtp - LIMIT_SLACK_DB) / 20)
    peaks = (_oversampled_peaks(samples) if peaks is None else peaks) * np.float32(gain)
    scaled = (samples * np.float32(gain)).astype(np.float32)
    if peaks.max(initial=0.0) <= ceiling:
        return scaled, 0.0
    need = np.minimum(1.0, ceiling / np.maximum(peaks, 1e-12))
    ramp = max(1, int(LOOKAHEAD * rate))
    hold = int(HOLD * rate)
    from scipy.ndimage import minimum_filter1d, uniform_filter1d   # scipy loads only when a mix is limited

    # a window min then a shorter moving average keeps every sample at or below what its peak needs,
    # while turning the gain changes into short ramps instead of steps
    floor = minimum_filter1d(need, size=2 * ramp + 1 + hold, mode="nearest", origin=hold // 2)
    curve = uniform_filter1d(floor, size=ramp, mode="nearest")
    return (scaled * curve[:, None]).astype(np.float32), float(-20 * np.log10(max(curve.min(), 1e-12)))


def _final_trim(out: np.ndarray, ceiling_dbtp: float) -> tuple[np.ndarray, float, bool]:
    """One exact measurement of the result; a tiny overall trim covers the limiter's interpolation error."""
    peak = true_peak_dbtp(out)
    if peak > ceiling_dbtp:
        trim = peak - ceiling_dbtp + 0.01
        out = (out * 10 ** (-trim / 20)).astype(np.float32)
        return out, peak - trim, True         # true peaks scale with the signal
    return out, peak, False


def normalize(samples: np.ndarray, rate: int, target_lufs: float, ceiling_dbtp: float,
              tolerance: float = 0.1, rounds: int = 4) -> tuple[np.ndarray, dict]:
    """Gain to `target_lufs`, limited to `ceiling_dbtp`; returns the samples and what was done."""
    samples = np.asarray(samples, np.float32)
    before = integrated_lufs(samples, rate)
    report = {"input_lufs": before, "target_lufs": target_lufs, "ceiling_dbtp": ceiling_dbtp}
    peaks = _oversampled_peaks(samples)
    if not np.isfinite(before):
        out, reduction = limit_true_peak(samples, rate, ceiling_dbtp, peaks)
        out, peak, _ = _final_trim(out, ceiling_dbtp)
        report.update(gain_db=0.0, limiter_reduction_db=reduction, integrated_lufs=before, true_peak_dbtp=peak,
                      note="too short or silent to measure loudness")
        return out, report
    gain_db = target_lufs - before
    out, reduction, measured = samples, 0.0, before
    slope, last = 1.0, None          # LU gained per dB of gain; below 1 while the limiter bites
    for _ in range(rounds):
        out, reduction = limit_true_peak(samples, rate, ceiling_dbtp, peaks, 10 ** (gain_db / 20))
        measured = integrated_lufs(out, rate)
        if abs(measured - target_lufs) <= tolerance:
            break
        if last is not None and abs(gain_db - last[0]) > 1e-6:
            slope = float(np.clip((measured - last[1]) / (gain_db - last[0]), 0.2, 1.0))
        last = (gain_db, measured)
        gain_db += (target_lufs - measured) / slope
    out, peak, trimmed = _final_trim(out, ceiling_dbtp)
    if trimmed:
        measured = integrated_lufs(out, rate)
    report.update(gain_db=gain_db, limiter_reduction_db=reduction, integrated_lufs=measured, true_peak_dbtp=peak)
    return out, report
