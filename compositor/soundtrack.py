"""Wiring the audio and caption engines into a project: clip placement on the shot timeline, burned-in caption
layers, and the soundtrack and sidecars after the picture is encoded."""
from __future__ import annotations

from pathlib import Path

from .errors import FieldError
from .project.validation import field_error_to_user


def shot_spans(project) -> dict[str, tuple[float, float]]:
    """{shot id: (start s, end s)} on the video's clock."""
    fps = project.fps
    return {s.id: (s.span.first / fps, (s.span.first + s.span.n_frames) / fps) for s in project.shots}


def auto_shots(project) -> tuple[str, ...]:
    return tuple(s.id for s in project.spec.shots if s.duration == "auto")


def placed_clips(project):
    """Every audio clip with its start time (shots' `at:` references resolved)."""
    from .audio.timing import place_clips

    if project.spec.audio is None:
        return []
    starts = {k: v[0] for k, v in shot_spans(project).items()}
    try:
        return place_clips(project.spec.audio, starts, project.base_dir)
    except FieldError as exc:
        raise field_error_to_user(exc, project.lines, ("audio",))


def caption_cues(project):
    """The project's caption cues, laid out for the caption style's width (None without captions)."""
    from overlays.textblock import measure

    from .captions.build import build_cues

    spec = project.spec.captions
    if spec is None:
        return None
    style = _style(project)
    width = project.size[0] * (1 - 2 * project.kit.safe_area) * 0.9
    placed = project.extras.get("placed_clips")
    voice = [c for c in (placed if placed is not None else placed_clips(project)) if c.kind == "voice"]
    report: dict = {}
    try:
        cues = build_cues(spec, voice, project.base_dir, measure=lambda s: measure(s, style.font, style.size),
                          max_width=width - style.size * 0.7, report=report)
    except FieldError as exc:
        raise field_error_to_user(exc, project.lines, ("captions",))
    project.extras["caption_report"] = report
    return cues


def _style(project):
    spec = project.spec.captions
    try:
        return project.kit.style(spec.style)
    except FieldError as exc:
        raise field_error_to_user(exc, project.lines, ("captions", "style"))


def add_caption_layers(project) -> None:
    """Burn captions in: one caption layer on top of every shot, on the video's clock."""
    from overlays.caption import CaptionOverlay

    from .layer import Layer
    from .project.layer import LayerCommon

    spec = project.spec.captions
    cues = caption_cues(project)
    project.extras["captions"] = cues
    if not spec.burn_in or not cues:
        return
    style = _style(project)
    kit = project.kit
    plate = kit.colors.get("ink", (0, 0, 0, 255))
    plate = (plate[0], plate[1], plate[2], 200)
    highlight = kit.colors.get("accent") if spec.highlight_words else None
    width = project.size[0] * (1 - 2 * kit.safe_area) * 0.9
    for shot in project.shots:
        overlay = CaptionOverlay(cues, style.font, style.size, style.color, width, spec.max_lines,
                                 shot.span.first / project.fps, plate, highlight, style.line_height)
        layer_spec = LayerCommon(at="bottom")
        shot.layers.append(Layer(layer_spec, overlay, shot.duration, project.size, kit.safe_area, kit.spec.motion))


def has_soundtrack(project) -> bool:
    from .audio.mix import has_audio

    return project.spec.audio is not None and has_audio(project.spec.audio)


def attach(project, video: Path) -> dict | None:
    """Mix and mux the soundtrack into the finished picture at `video` (in place, atomically)."""
    from .audio.finish import attach_audio

    try:
        report = attach_audio(project.spec.audio, shot_spans(project), project.timeline.duration, project.base_dir,
                              video, auto_shots(project))
    except FieldError as exc:
        raise field_error_to_user(exc, project.lines, ("audio",))
    return report


def write_sidecars(project, out: Path) -> list[Path]:
    from .captions.export import write_sidecars as _write

    spec = project.spec.captions
    cues = project.extras.get("captions")
    if spec is None or not spec.export or not cues:
        return []
    return _write(cues, Path(out), spec.export)


def warnings(project, report) -> list[str]:
    """Human lines for the warnings the audio/caption engines reported."""
    out = []
    for key, items in (("audio", (report or {}).get("warnings", [])),
                       ("captions", project.extras.get("caption_report", {}).get("warnings", []))):
        for w in items:
            for issue in field_error_to_user(w, project.lines, (key,)).issues:
                out.append(f"warning: {issue}")
    return out

