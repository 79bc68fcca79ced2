"""Loudness to a target and a true-peak ceiling, the two numbers delivery specs ask for.

Integrated loudness is ITU-R BS.1770-4 (K-weighting, 400 ms blocks, absolute and relative gates) via pyloudnorm.
True peak is the sample peak of a 4x oversampled signal (BS.1770 Annex 2), which catches inter-sample overs a
plain sample peak misses. Normalising applies one gain and then a look-ahead limiter that only touches the few
peaks that would pass the ceiling; because limiting lowers loudness a little, the gain is re-measured and
corrected until the result is within 0.1 LU of the target (usually one or two rounds).
"""
from __future__ import annotations

import numpy as np
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import resample_poly

OVERSAMPLE = 4
LOOKAHEAD = 0.003       # seconds the limiter's gain ramps before a peak
HOLD = 0.02             # seconds it holds the reduction after one (softens the release)


def integrated_lufs(samples: np.ndarray, rate: int) -> float:
    """Integrated loudness in LUFS; -inf for silence or anything shorter than one 400 ms block."""
    import pyloudnorm

    x = np.asarray(samples, dtype=np.float64)
    if len(x) < int(0.4 * rate) + 1 or not np.any(x):
        return float("-inf")
    return float(pyloudnorm.Meter(rate).integrated_loudness(x))


def _oversampled_peaks(samples: np.ndarray) -> np.ndarray:
    """Per original sample, the largest |value| among its oversampled neighbours (all channels)."""
    x = np.asarray(samples, dtype=np.float64)
    if x.ndim == 1:
        x = x[:, None]
    up = np.abs(resample_poly(x, OVERSAMPLE, 1, axis=0))
    n = len(x)
    return up[: n * OVERSAMPLE].reshape(n, OVERSAMPLE, -1).max(axis=(1, 2))


def true_peak_dbtp(samples: np.ndarray, rate: int | None = None) -> float:
    """True peak in dBTP (4x oversampled)."""
    if len(samples) == 0:
        return float("-inf")
    peak = float(_oversampled_peaks(samples).max())
    return 20 * np.log10(peak) if peak > 0 else float("-inf")


def limit_true_peak(samples: np.ndarray, rate: int, ceiling_dbtp: float) -> tuple[np.ndarray, float]:
    """Samples with no true peak above the ceiling, and the largest gain reduction used (dB, ≥ 0)."""
    ceiling = 10 ** (ceiling_dbtp / 20)
    peaks = _oversampled_peaks(samples)
    if peaks.max(initial=0.0) <= ceiling:
        return samples, 0.0
    need = np.minimum(1.0, ceiling / np.maximum(peaks, 1e-12))
    ramp = max(1, int(LOOKAHEAD * rate))
    hold = int(HOLD * rate)
    # a window min then a shorter moving average keeps every sample at or below what its peak needs,
    # while turning the gain changes into short ramps instead of steps
    floor = minimum_filter1d(need, size=2 * ramp + 1 + hold, mode="nearest", origin=hold // 2)
    gain = uniform_filter1d(floor, size=ramp, mode="nearest")
    out = (samples * gain[:, None]).astype(np.float32)
    # the ramps are below the required gain by construction; an exact final check covers interpolation error
    over = true_peak_dbtp(out) - ceiling_dbtp
    if over > 0:
        out = (out * 10 ** (-(over + 0.01) / 20)).astype(np.float32)
    return out, float(-20 * np.log10(max(gain.min(), 1e-12)))


def normalize(samples: np.ndarray, rate: int, target_lufs: float, ceiling_dbtp: float,
              tolerance: float = 0.1, rounds: int = 4) -> tuple[np.ndarray, dict]:
    """Gain to `target_lufs`, limited to `ceiling_dbtp`; returns the samples and what was done."""
    before = integrated_lufs(samples, rate)
    report = {"input_lufs": before, "target_lufs": target_lufs, "ceiling_dbtp": ceiling_dbtp}
    if not np.isfinite(before):
        out, reduction = limit_true_peak(samples, rate, ceiling_dbtp)
        report.update(gain_db=0.0, limiter_reduction_db=reduction, integrated_lufs=before,
                      true_peak_dbtp=true_peak_dbtp(out), note="too short or silent to measure loudness")
        return out, report
    gain_db = target_lufs - before
    out, reduction, measured = samples, 0.0, before
    for _ in range(rounds):
        out, reduction = limit_true_peak((samples * 10 ** (gain_db / 20)).astype(np.float32), rate, ceiling_dbtp)
        measured = integrated_lufs(out, rate)
        if abs(measured - target_lufs) <= tolerance:
            break
        gain_db += target_lufs - measured
    report.update(gain_db=gain_db, limiter_reduction_db=reduction, integrated_lufs=measured,
                  true_peak_dbtp=true_peak_dbtp(out))
    return out, report
