"""Audio against the project's target: integrated loudness within ±1 LU of `audio.loudness`, true peak at or
under `audio.true_peak` (measured on the muxed file, i.e. after the AAC encoder)."""
from __future__ import annotations

from .result import FAIL, PASS, Finding

LU_TOLERANCE = 1.0
PEAK_TOLERANCE = 0.3      # dB: AAC overshoot a limiter at the ceiling can still show after decoding


def findings(project, samples) -> list[Finding]:
    from ..audio.loudness import integrated_lufs, true_peak_dbtp
    from ..audio.decode import SAMPLE_RATE

    spec = project.spec.audio
    if spec is None:
        return []
    if samples is None or len(samples) == 0:
        return [Finding("audio.loudness", FAIL, "the project has audio but the file has no audio stream")]
    lufs = integrated_lufs(samples, SAMPLE_RATE)
    peak = true_peak_dbtp(samples, SAMPLE_RATE)
    off = lufs - spec.loudness
    ok = abs(off) <= LU_TOLERANCE
    out = [Finding("audio.loudness", PASS if ok else FAIL,
                   f"{lufs:.1f} LUFS" + ("" if ok else f", {off:+.1f} LU from the target {spec.loudness:g} LUFS"),
                   figures={"lufs": round(float(lufs), 2), "target": spec.loudness, "tolerance": LU_TOLERANCE})]
    ok = peak <= spec.true_peak + PEAK_TOLERANCE
    out.append(Finding("audio.true_peak", PASS if ok else FAIL,
                       f"{peak:.1f} dBTP" + ("" if ok else f", over the ceiling {spec.true_peak:g} dBTP (clipping)"),
                       figures={"dbtp": round(float(peak), 2), "ceiling": spec.true_peak}))
    return out
