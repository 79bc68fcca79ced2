"""The soundtrack of a loaded project: clips placed on the shots' clock at load time (every `at:`/`after:`
checked before a frame is drawn), and the mix muxed into the finished picture after it."""
from __future__ import annotations

import os
from pathlib import Path

from ..encode import publish
from ..errors import FieldError
from ..vocab.validation import field_error_to_user


def shot_spans(shots, fps: float) -> dict[str, tuple[float, float]]:
    """{shot id: (start s, end s)} on the video's clock, for shots with planned spans."""
    return {s.id: (s.span.first / fps, (s.span.first + s.span.n_frames) / fps) for s in shots}


def placed_clips(spec, lines, spans: dict[str, tuple[float, float]], base_dir: Path) -> tuple:
    """Every audio clip with its start time (shots' `at:` references resolved); FILE:LINE errors."""
    from ..audio.timing import place_clips

    if spec.audio is None:
        return ()
    try:
        return tuple(place_clips(spec.audio, {k: v[0] for k, v in spans.items()}, base_dir))
    except FieldError as exc:
        raise field_error_to_user(exc, lines, ("audio",))


def has_soundtrack(project) -> bool:
    """Music, voice or effects, or a generated shot that brings its own sound (project/footage_audio.py)."""
    from .footage_audio import sounding_shots
    from ..audio.mix import has_audio

    return (project.spec.audio is not None and has_audio(project.spec.audio)) or bool(sounding_shots(project))


def mux_soundtrack(project, video: Path, out: Path) -> dict | None:
    """Mix the soundtrack into the finished picture at `video`, then move it to `out` (the previous output stays
    until then). Returns the mix report."""
    from ..audio.finish import attach_audio
    from .footage_audio import footage_clips

    auto = tuple(s.id for s in project.spec.shots if s.duration == "auto")
    footage, silent = footage_clips(project)
    try:
        report = attach_audio(project.spec.audio, shot_spans(project.shots, project.fps), project.timeline.duration,
                              project.base_dir, video, auto, footage)
    except FieldError as exc:
        raise field_error_to_user(exc, project.lines, ("audio",))
    if report is not None:
        report["silent"] = silent
    wav = video.with_name(video.name + ".wav")
    if wav.exists():      # a PNG sequence: the soundtrack is a WAV beside the folder
        os.replace(wav, out.with_name(out.name + ".wav"))
    publish(video, out)
    return report


def warnings(project, report) -> list[str]:
    """Human lines for the warnings the mix reported."""
    return [f"warning: {issue}" for w in (report or {}).get("warnings", [])
            for issue in field_error_to_user(w, project.lines, ("audio",)).issues] + \
        [f"warning: {line}" for line in (report or {}).get("silent", [])]
