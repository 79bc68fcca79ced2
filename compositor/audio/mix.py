"""The final mix: voice, effects and a ducked music bed summed at 48 kHz stereo, then brought to the loudness
target under a true-peak ceiling.

Numpy, not moviepy's clip graph: the mix is a few additions and gain curves over arrays that fit in memory
(a 3-minute stereo mix at 48 kHz is 66 MB of float32), it is deterministic to the sample, and it runs several
times faster than the same mix through CompositeAudioClip (bench/audio_mix.py prints the ratio).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from ..errors import FieldError
from .decode import SAMPLE_RATE, AudioFileError, decode_audio
from .duck import duck
from .loudness import normalize
from .spec import AudioSpec
from .timing import PlacedClip

#: extra headroom under the spec's ceiling, because a lossy encoder (AAC, Opus) adds a few tenths of a dB of
#: overshoot when its output is decoded again; with it the *delivered* file meets the ceiling
#: (mux.codec_margin_db(path) gives the margin for a given output; attach_audio uses it)
CODEC_MARGIN_DB = 0.5


def has_audio(audio_spec: AudioSpec | None) -> bool:
    """False for video-only projects: no music, voice or effects, so no audio track is written at all."""
    return audio_spec is not None and bool(audio_spec.music or audio_spec.voice or audio_spec.sfx)


def _load(clip: PlacedClip, rate: int) -> np.ndarray:
    if clip.samples is not None:      # a generated shot's sound, already at the mix rate (project/footage_audio.py)
        return clip.samples
    try:
        return decode_audio(clip.file, rate)
    except AudioFileError as exc:
        raise FieldError(clip.path + ("file",), str(exc), "check the path and that ffmpeg can play it") from None


def _place(bus: np.ndarray, data: np.ndarray, start: float, rate: int, gain_db: float) -> None:
    """Add `data` into `bus` at `start` seconds (clipped to the bus), with a gain."""
    s = int(round(start * rate))
    if s >= len(bus) or len(data) == 0:
        return
    e = min(len(bus), s + len(data))
    bus[s:e] += data[: e - s] * np.float32(10 ** (gain_db / 20))


def _fades(n: int, rate: int, start: int, end: int, fade_in: float, fade_out: float) -> np.ndarray:
    """Linear-in-amplitude fade envelope over [start, end) of an n-sample bus."""
    env = np.zeros(n, np.float32)
    env[start:end] = 1.0
    fi = int(round(fade_in * rate))
    fo = int(round(fade_out * rate))
    if fi > 0:
        k = min(fi, end - start)
        env[start:start + k] *= np.linspace(0, 1, fi, endpoint=False, dtype=np.float32)[:k]
    if fo > 0:
        k = min(fo, end - start)
        env[end - k:end] *= np.linspace(1, 0, fo, dtype=np.float32)[fo - k:]
    return env


def _reached_depth(before: np.ndarray, after: np.ndarray, curve: np.ndarray, rate: int) -> float | None:
    """How far the bed is down while ducked *after* mastering: the limiter squashes the loud un-ducked bed more
    than the ducked one, which makes the dip shallower than asked. Per-hop level change of the master added to
    the duck curve, ducked hops against free ones (medians)."""
    from .duck import rms_db
    n = min(len(curve), len(rms_db(before, rate)))
    if n == 0:
        return None
    master = (rms_db(after, rate) - rms_db(before, rate))[:n]
    c = curve[:n]
    ducked, free = c <= c.min() + 0.1, c >= -0.1
    if not ducked.any() or not free.any() or c.min() > -0.5:
        return None
    return float(np.median((c + master)[ducked]) - np.median(master[free]))


def mix(audio_spec: AudioSpec, placed: list[PlacedClip], total_duration: float, base_dir: Path | None = None,
        rate: int = SAMPLE_RATE, codec_margin_db: float = CODEC_MARGIN_DB, master: bool = True
        ) -> tuple[np.ndarray, int, dict]:
    """Mix everything `place_clips` placed into `total_duration` seconds.

    Returns (samples float32 (n, 2), rate, report). The report holds the measured integrated loudness, true
    peak, normalisation gain, limiter reduction and, when the music ducks, the depth actually reached.
    `master=False` skips loudness normalisation and limiting (stems, quick previews).
    """
    n = int(round(total_duration * rate))
    buses = {k: np.zeros((n, 2), np.float32) for k in ("voice", "sfx", "music", "footage")}
    report: dict = {"rate": rate, "duration": n / rate, "clips": []}
    for clip in placed:
        data = _load(clip, rate)
        if clip.kind == "music":
            m = audio_spec.music
            start = int(round(clip.start * rate))
            if m is not None and m.loop and len(data):
                reps = int(np.ceil(max(0, n - start) / len(data))) or 1
                data = np.tile(data, (reps, 1))
            end = min(n, start + len(data))
            _place(buses["music"], data, clip.start, rate, clip.gain_db)
            if m is not None and end > start:
                buses["music"] *= _fades(n, rate, start, end, m.fade_in, m.fade_out)[:, None]
        else:
            _place(buses[clip.kind], data, clip.start, rate, clip.gain_db)
        report["clips"].append({"id": clip.id, "kind": clip.kind, "start": clip.start,
                                "end": min(clip.end, n / rate), "file": str(clip.file)})
    music = audio_spec.music
    if music is not None and music.duck is not None:
        d = music.duck
        side = sum(buses[b] for b in d.buses)
        buses["music"], curve = duck(buses["music"], side, rate, d.by, d.attack, d.release, d.hold)
        report["duck"] = {"by_db": d.by, "deepest_db": float(curve.min()) if len(curve) else 0.0,
                          "ducked_seconds": float((curve <= d.by + 0.1).sum() * 0.01)}
    footage = audio_spec.footage
    if footage is not None and footage.duck is not None and buses["footage"].any():
        d = footage.duck
        side = sum(buses[b] for b in d.buses)
        buses["footage"], fcurve = duck(buses["footage"], side, rate, d.by, d.attack, d.release, d.hold)
        report["footage_duck"] = {"by_db": d.by, "deepest_db": float(fcurve.min()) if len(fcurve) else 0.0}
    total = buses["voice"] + buses["sfx"] + buses["music"] + buses["footage"]
    if master:
        out, report["loudness"] = normalize(total, rate, audio_spec.loudness, audio_spec.true_peak - codec_margin_db)
        if "duck" in report:
            report["duck"]["reached_db"] = _reached_depth(total, out, curve, rate)
    else:
        out = total
    return np.ascontiguousarray(out, dtype=np.float32), rate, report
