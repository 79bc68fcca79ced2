"""One call for the render loop once the picture is written: place, check, mix and attach the soundtrack."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..errors import FieldError
from .decode import write_wav
from .mix import has_audio, mix
from .mux import codec_margin_db, mux_audio
from .spec import AudioSpec
from .timing import check_voice_fit, place_clips


def attach_audio(audio_spec: AudioSpec | None, shot_spans: dict[str, tuple[float, float]], total_duration: float,
                 base_dir: Path, video_path: Path, auto_shots: Iterable[str] = (), footage: Iterable = ()
                 ) -> dict | None:
    """Mix the project's sound and put it into `video_path` (in place, atomically); a PNG-sequence folder gets
    `<folder>.wav` beside it. Returns the mix report (with `warnings`: FieldErrors relative to `audio:`, and
    `placed`: the PlacedClips), or None for a video-only project, which is left untouched.
    `footage`: generated shots' own sound, placed already (project/footage_audio.py); with it a project without an
    `audio:` section gets a soundtrack too, mastered to the default loudness.
    Raises FieldError (paths relative to `audio:`) for problems the user must fix."""
    footage = list(footage)
    if not has_audio(audio_spec) and not footage:
        return None
    audio_spec = audio_spec if audio_spec is not None else AudioSpec()
    starts = {k: v[0] for k, v in shot_spans.items()}
    placed = place_clips(audio_spec, starts, base_dir) + footage
    warnings = check_voice_fit(placed, shot_spans, total_duration, audio_spec, tuple(auto_shots))
    video_path = Path(video_path)
    samples, rate, report = mix(audio_spec, placed, total_duration, base_dir,
                                codec_margin_db=codec_margin_db(video_path))
    if video_path.is_dir() or video_path.suffix == "":
        report["output"] = str(write_wav(video_path.with_name(video_path.name + ".wav"), samples, rate))
    else:
        report["output"] = str(mux_audio(video_path, samples, rate, video_path))
    report["warnings"] = warnings + _misses(audio_spec, report)
    report["placed"] = placed
    return report


LOUDNESS_TOLERANCE_LU = 1.0


def _misses(audio_spec: AudioSpec, report: dict) -> list[FieldError]:
    """A target the mix could not reach is said, with the figure reached, never missed silently."""
    out = []
    loud = report.get("loudness") or {}
    reached = loud.get("integrated_lufs")
    if reached is not None and abs(reached - audio_spec.loudness) > LOUDNESS_TOLERANCE_LU:
        out.append(FieldError(("loudness",), f"the mix reaches {reached:.1f} LUFS, not {audio_spec.loudness:g} LUFS "
                              f"(true-peak ceiling {audio_spec.true_peak:g} dBTP, limiter "
                              f"{loud.get('limiter_reduction_db', 0.0):.1f} dB)",
                              "raise true_peak, lower the loudness target, or lower the peakiest clip's gain"))
    duck = report.get("duck") or {}
    if duck.get("reached_db") is not None and duck["reached_db"] > duck["by_db"] + 2.0:
        out.append(FieldError(("music", "duck", "by"), f"the music ducks only {duck['reached_db']:.1f} dB in the "
                              f"master, not {duck['by_db']:g} dB: the true-peak limiter flattens the louder bed",
                              "lower the loudness target or the music gain, or raise true_peak"))
    return out
