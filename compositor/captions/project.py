"""Captions of a loaded project: cues laid out at load time (burned in as one caption layer on top of every
shot, in the place `captions.position` or the keep-clear boxes decide), sidecar files written beside the
finished video."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..errors import FieldError
from ..vocab.validation import field_error_to_user


def caption_style(spec, kit, lines):
    try:
        return kit.style(spec.captions.style)
    except FieldError as exc:
        raise field_error_to_user(exc, lines, ("captions", "style"))


def caption_width(size, kit) -> float:
    return size[0] * (1 - 2 * kit.safe_area) * 0.9


def _warnings(errors, lines) -> list[str]:
    return [f"warning: {issue}" for w in errors for issue in field_error_to_user(w, lines, ("captions",)).issues]


def caption_cues(spec, lines, kit, size, placed, base_dir: Path,
                 end: Optional[float] = None) -> tuple[list, list[str]]:
    """(the project's caption cues laid out for the caption style's width, each up at least
    `captions.min_duration` where there is room, warning lines). `end`: the end of the video in seconds."""
    from overlays.textblock import measure

    from .build import build_cues
    from .layout import best_lines
    from .timing import enforce_min_duration

    style = caption_style(spec, kit, lines)
    width = caption_width(size, kit) - style.size * 0.7

    def measure_style(s: str) -> float:
        return measure(s, style.chain, style.size)

    voice = [c for c in placed if c.kind == "voice"]
    report: dict = {}
    try:
        cues = build_cues(spec.captions, voice, base_dir, roots=(getattr(kit, 'folder', None),),
                          measure=measure_style, max_width=width, report=report)
    except FieldError as exc:
        raise field_error_to_user(exc, lines, ("captions",))
    _check_glyphs(cues, spec, style, kit, lines)

    def relayout(text: str):
        got = best_lines(text.split(), measure_style, width, spec.captions.max_lines)
        return tuple(got) if got is not None else None

    cues = enforce_min_duration(cues, spec.captions.min_duration, end, relayout)
    return cues, _warnings(report.get("warnings", []), lines)


def _check_glyphs(cues, spec, style, kit, lines) -> None:
    """Every caption's characters have a glyph in the caption style's fonts (else: an error at its line)."""
    from overlays.text import check_glyphs

    for cue in cues:
        try:
            check_glyphs(cue.text, style.chain, kit, cue.path + ("text",) if cue.path != ("source",) else cue.path,
                         f"style {spec.captions.style!r}")
        except FieldError as exc:
            if cue.path == ("source",):
                exc = FieldError(exc.path, f"{spec.captions.source}:{cue.line}: {exc.message}", exc.fix)
            raise field_error_to_user(exc, lines, ("captions",))


def _overlay(spec, lines, kit, size, cues, shot_start: float, align=(0.5, 1.0)):
    from overlays.caption import CaptionOverlay

    style = caption_style(spec, kit, lines)
    plate = kit.colors.get("ink", (0, 0, 0, 255))
    plate = (plate[0], plate[1], plate[2], 200)
    highlight = kit.colors.get("accent") if spec.captions.highlight_words else None
    return CaptionOverlay(cues, style.chain, style.size, style.color, caption_width(size, kit),
                          spec.captions.max_lines, shot_start, plate, highlight, style.line_height, align)


def caption_placement(spec, lines, kit, size, cues):
    """(Placement of the caption box, warning lines): `captions.position` as given, else the first place whose
    plates stay clear of `captions.keep_clear`; a warning when the plates still cover a keep-clear box."""
    from .place import choose

    c = spec.captions
    probe = _overlay(spec, lines, kit, size, cues, 0.0)
    plates = [probe.plate_size(cue) for cue in cues] if c.keep_clear else []
    placement, covered = choose(c.position, size, kit.safe_area, (probe.width, probe.height), plates,
                                [tuple(k) for k in c.keep_clear])
    warnings = []
    if covered > 0:
        field = ("position",) if c.position is not None else ("keep_clear",)
        why = "at the given position" if c.position is not None else "wherever they go"
        warnings.append(FieldError(field, f"the caption plates cover a keep-clear box {why} ({covered:.0f} px² "
                                   f"at {placement.name})",
                                   "move `captions.position`, shorten the captions or lower `max_lines`"))
    return placement, _warnings(warnings, lines)


def caption_overlay(spec, lines, kit, size, cues, shot_start: float, placement=None):
    """The burned-in caption overlay of one shot (the cues on the video's clock), or None when not burned in."""
    if not spec.captions.burn_in or not cues:
        return None
    align = placement.align if placement is not None else (0.5, 1.0)
    return _overlay(spec, lines, kit, size, cues, shot_start, align)


def write_sidecars(project, out: Path) -> list[Path]:
    """The `.srt`/`.vtt` files `captions.export` asks for, beside `out`."""
    from .export import write_sidecars as _write

    spec = project.spec.captions
    if spec is None or not spec.export or not project.captions:
        return []
    return _write(project.captions, Path(out), spec.export)
