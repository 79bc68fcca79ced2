import numpy as np
import pytest

from compositor.audio.loudness import integrated_lufs, limit_true_peak, normalize, true_peak_dbtp

RATE = 48000
t = np.arange(RATE * 3) / RATE


def stereo(x):
    return np.stack([x, x], 1).astype(np.float32)


def test_true_peak_finds_inter_sample_peaks():
    # 12 kHz at 45°: every sample lands at ±0.354, the waveform itself peaks at 0.5 between them
    x = stereo(0.5 * np.sin(2 * np.pi * 12000 * t + np.pi / 4))
    assert 20 * np.log10(np.abs(x).max()) == pytest.approx(-9.03, abs=0.01)
    assert true_peak_dbtp(x) == pytest.approx(-6.02, abs=0.15)


def test_bs1770_reference_tone():
    # BS.1770: a 0 dBFS 997 Hz sine in one channel reads -3.01 LKFS; in both channels it reads 0. So a sine of
    # peak 0.1 (-20 dBFS) in both channels reads -20 LUFS, and 0.1 in one channel alone -23.01
    x = stereo(0.1 * np.sin(2 * np.pi * 997 * t))
    assert integrated_lufs(x, RATE) == pytest.approx(-20.0, abs=0.1)
    x[:, 1] = 0
    assert integrated_lufs(x, RATE) == pytest.approx(-23.01, abs=0.1)


def test_limiter_holds_the_ceiling_and_leaves_quiet_parts_alone():
    rng = np.random.default_rng(3)
    x = 0.05 * rng.standard_normal((RATE * 2, 2)).astype(np.float32)
    x[RATE:RATE + 24] = 0.95                                 # a hot burst in the middle
    out, reduction = limit_true_peak(x, RATE, -1.0)
    assert true_peak_dbtp(out) <= -1.0 and reduction > 0
    np.testing.assert_array_equal(out[: RATE // 2], x[: RATE // 2])     # far from the burst: untouched


def test_normalize_reaches_target_under_ceiling():
    x = stereo(0.02 * np.sin(2 * np.pi * 440 * t) + 0.3 * (np.sin(2 * np.pi * 3 * t) > 0.99))
    out, report = normalize(x, RATE, -14.0, -1.0)
    assert integrated_lufs(out, RATE) == pytest.approx(-14.0, abs=0.1)
    assert true_peak_dbtp(out) <= -1.0
    assert report["limiter_reduction_db"] > 0
