"""From a `captions:` section to the cues the render draws and the sidecars carry."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional

from ..errors import FieldError
from .align import align_script
from .cue import Cue
from .layout import Measure, layout_cues
from .parse import CaptionFileError, read_captions
from .spec import CaptionsSpec

OVERLAP_TOLERANCE = 0.001     # seconds; SRT rounds to milliseconds


def _fmt(t: float) -> str:
    return f"{t:.3f} s"


def check_overlaps(cues: list[Cue], spec: CaptionsSpec, source_file: Optional[Path] = None) -> None:
    """A caption that is still up when the next one starts is an error: two captions would fight for the
    same place on screen and a player shows only one."""
    ordered = sorted(range(len(cues)), key=lambda i: cues[i].start)
    for a, b in zip(ordered, ordered[1:]):
        ca, cb = cues[a], cues[b]
        if ca.end > cb.start + OVERLAP_TOLERANCE:
            fix = f"end the first at or before {_fmt(cb.start)}, or start the next later"
            if source_file is not None:
                raise FieldError(("source",), f"{source_file}:{ca.line}: the caption {ca.text[:40]!r} ends at "
                                 f"{_fmt(ca.end)}, after the next one (line {cb.line}) starts at {_fmt(cb.start)}", fix)
            raise FieldError(ca.path + ("end",), f"the caption ends at {_fmt(ca.end)}, after the next one starts "
                             f"at {_fmt(cb.start)}", fix)


def _voice_tracks(spec: CaptionsSpec, placed_voice_clips: Iterable) -> list:
    from ..audio.decode import AudioFileError, decode_audio

    clips = [c for c in placed_voice_clips if getattr(c, "kind", "voice") == "voice"]
    if spec.voice is not None:
        known = {c.id for c in clips}
        for k, cid in enumerate(spec.voice):
            if cid not in known:
                raise FieldError(("voice", k), f"no voice clip has the id {cid!r}",
                                 f"use one of: {', '.join(sorted(known)) or '(no voice clips)'}")
        clips = [c for c in clips if c.id in spec.voice]
    if not clips:
        raise FieldError(("script",), "there is no voice clip to place the script on",
                         "add clips under audio.voice, or give captions with times (`lines:` or `source:`)")
    tracks = []
    for c in sorted(clips, key=lambda c: c.start):
        try:
            tracks.append((c.start, decode_audio(c.file)))
        except AudioFileError as exc:
            raise FieldError(("script",), f"voice clip {c.id}: {exc}", "fix the clip's file under audio.voice")
    return tracks


def build_cues(captions_spec: CaptionsSpec, placed_voice_clips: Iterable = (), base_dir: Path = Path("."),
               measure: Optional[Measure] = None, max_width: Optional[float] = None,
               report: Optional[dict] = None, roots: Iterable = ()) -> list[Cue]:
    """Cues in time order, laid out to `max_width` pixels with `measure` when both are given.

    `placed_voice_clips`: PlacedClip objects from compositor.audio.place_clips (only needed for `script:`).
    `roots`: folders besides `base_dir` a caption file may live in (the kit's).
    `report`, when a dict is passed, receives `fit` (script alignment quality) and `warnings` (FieldErrors)."""
    spec = captions_spec
    report = report if report is not None else {}
    report.setdefault("warnings", [])
    source_file = None
    if spec.source is not None:
        from ..confine import find_asset

        # confined like every asset: a caption file's parse errors quote its lines, so nothing outside the project
        # (or its kit) may be read here
        source_file = find_asset(Path(base_dir), spec.source, ("source",), roots)
        try:
            cues = read_captions(source_file)
        except CaptionFileError as exc:
            raise FieldError(("source",), f"{exc.file}:{exc.line}: {exc.message}", exc.fix) from None
        cues = [Cue(c.start, c.end, c.text, c.lines, c.words, c.words_estimated, c.line, ("source",)) for c in cues]
    elif spec.lines is not None:
        cues = [Cue(l.start, l.end, " ".join(l.text.split()), tuple(x.strip() for x in l.text.splitlines()
                                                                   if x.strip()), path=("lines", i))
                for i, l in enumerate(spec.lines)]
    else:
        from ..audio.decode import SAMPLE_RATE

        cues, fit = align_script(spec.script_lines(), _voice_tracks(spec, placed_voice_clips), SAMPLE_RATE)
        report["fit"] = fit
        if fit["score"] < spec.min_fit or len(cues) < len(spec.script_lines()):
            worst = min(fit["per_line"], key=lambda x: x["score"]) if fit["per_line"] else None
            where = f"; weakest line: {worst['text'][:40]!r} (score {worst['score']})" if worst else ""
            report["warnings"].append(FieldError(("script",), f"the script fits the voice poorly (score "
                                                 f"{fit['score']} of 1, {fit['segments']} speech segments for "
                                                 f"{fit['lines']} lines){where}",
                                                 "check the script matches the recording, or time the lines"))
    if spec.offset:
        cues = [c.shifted(spec.offset) for c in cues]
    if any(c.start < 0 for c in cues):
        raise FieldError(("offset",), "the offset moves a caption before the start of the video",
                         "use a smaller negative offset")
    check_overlaps(cues, spec, source_file)
    cues.sort(key=lambda c: c.start)
    if measure is not None and max_width is not None:
        cues = layout_cues(cues, measure, max_width, spec.max_lines)
    return cues


def active_cue(cues: list[Cue], t: float) -> Optional[Cue]:
    """The cue on screen at time t (cues never overlap)."""
    for c in cues:
        if c.start <= t < c.end:
            return c
    return None
