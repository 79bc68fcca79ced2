"""Generated shots' own sound (LTX-2's `.audio`) as clips on the project's timeline.

A generated shot's output frame `i` shows the clip's moment `i / fps`, so its sound starts with the shot and
sample `n` of it sounds at `shot start + n / rate`: in step with the frames it came with. It is cut with the shot
(a shot shorter than the clip ends its sound too), crossfaded (equal power) over a transition exactly where the
pictures mix, with a 5 ms fade at a hard cut so a cut never clicks. The sound is read from the generation cache
(after the render every generated clip is there), through an offline session that never generates.
"""
from __future__ import annotations

from math import gcd
from pathlib import Path

import numpy as np

from ..audio.decode import SAMPLE_RATE
from ..audio.timing import PlacedClip

DECLICK = 0.005          # seconds of fade at a hard cut


def sounding_shots(project) -> list:
    """Shots whose generated background brings its own sound to the mix (known at load, without torch)."""
    return [shot for shot in project.shots if shot.source.unwrap().makes_sound()]


def to_mix_rate(samples: np.ndarray, rate: int) -> np.ndarray:
    """(n, channels) at `rate` -> (m, 2) float32 at the mix rate (polyphase resampling; mono on both sides).

    A zero-phase 10 Hz high-pass takes out any DC offset first: a generator's offset would eat the limiter's
    headroom and click at every cut, and zero phase moves nothing in time."""
    from scipy.signal import butter, resample_poly, sosfiltfilt

    x = np.asarray(samples, np.float64)
    x = np.repeat(x[:, :1], 2, axis=1) if x.shape[1] == 1 else x[:, :2]
    if len(x) > 64:
        x = x - x.mean(axis=0)
        x = sosfiltfilt(butter(2, 10.0, "highpass", fs=rate, output="sos"), x, axis=0)
    if rate != SAMPLE_RATE:
        g = gcd(int(rate), SAMPLE_RATE)
        x = resample_poly(x, SAMPLE_RATE // g, int(rate) // g, axis=0)
    return np.ascontiguousarray(x, dtype=np.float32)


def _fade(x: np.ndarray, fade_in: float, fade_out: float) -> np.ndarray:
    """Equal-power fades over the given seconds (a transition), at least DECLICK long."""
    x = x.copy()
    for seconds, at_start in ((fade_in, True), (fade_out, False)):
        k = min(len(x), int(round(max(seconds, DECLICK) * SAMPLE_RATE)))
        if k <= 0:
            continue
        ramp = np.sin(0.5 * np.pi * (np.arange(k, dtype=np.float32) + 0.5) / k)[:, None]
        if at_start:
            x[:k] *= ramp
        else:
            x[len(x) - k:] *= ramp[::-1]
    return x


def footage_clips(project) -> tuple[list[PlacedClip], list[str]]:
    """The placed sound of every sounding shot, and lines for shots whose sound could not be had."""
    shots = sounding_shots(project)
    if not shots:
        return [], []
    from ..session import RenderSession

    gain_all = project.spec.audio.footage.gain if project.spec.audio and project.spec.audio.footage else 0.0
    spans = project.timeline.spans
    fps = project.fps
    clips, missing = [], []
    session = RenderSession(project, use_cache=True, offline=True)
    try:
        for shot in shots:
            prepared = session.prepare(shot)
            src = prepared.source.unwrap()
            sound = None if prepared.placeholder else src.sound
            if sound is None:
                missing.append(str(project.lines.issue(
                    ("shots", shot.index, "background", "generate", "audio"),
                    f"shot {shot.id}: no generated sound in the cache, so it is silent in the mix",
                    "render again with the cache on, so the shot's footage and its sound are generated into it")))
                continue
            span = shot.span
            samples = to_mix_rate(*sound)[:int(round(span.n_frames / fps * SAMPLE_RATE))]
            after = spans[span.index + 1].overlap if span.index + 1 < len(spans) else 0
            samples = _fade(samples, span.overlap / fps, after / fps)
            clips.append(PlacedClip(f"shot {shot.id}", "footage", Path(f"generated sound of shot {shot.id}"),
                                    span.first / fps, len(samples) / SAMPLE_RATE, src.spec.audio_gain + gain_all,
                                    ("shots", shot.index, "background", "generate", "audio"), samples=samples))
    finally:
        session.close()
    return clips, missing
