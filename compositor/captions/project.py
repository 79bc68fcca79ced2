"""Captions of a loaded project: cues laid out at load time (burned in as one caption layer on top of every
shot), sidecar files written beside the finished video."""
from __future__ import annotations

from pathlib import Path

from ..errors import FieldError
from ..vocab.validation import field_error_to_user


def caption_style(spec, kit, lines):
    try:
        return kit.style(spec.captions.style)
    except FieldError as exc:
        raise field_error_to_user(exc, lines, ("captions", "style"))


def caption_width(size, kit) -> float:
    return size[0] * (1 - 2 * kit.safe_area) * 0.9


def caption_cues(spec, lines, kit, size, placed, base_dir: Path) -> tuple[list, list[str]]:
    """(the project's caption cues laid out for the caption style's width, warning lines)."""
    from overlays.textblock import measure

    from .build import build_cues

    style = caption_style(spec, kit, lines)
    width = caption_width(size, kit)
    voice = [c for c in placed if c.kind == "voice"]
    report: dict = {}
    try:
        cues = build_cues(spec.captions, voice, base_dir, roots=(getattr(kit, 'folder', None),), measure=lambda s: measure(s, style.font, style.size),
                          max_width=width - style.size * 0.7, report=report)
    except FieldError as exc:
        raise field_error_to_user(exc, lines, ("captions",))
    warnings = [f"warning: {issue}" for w in report.get("warnings", [])
                for issue in field_error_to_user(w, lines, ("captions",)).issues]
    return cues, warnings


def caption_overlay(spec, lines, kit, size, cues, shot_start: float):
    """The burned-in caption overlay of one shot (the cues on the video's clock), or None when not burned in."""
    from overlays.caption import CaptionOverlay

    if not spec.captions.burn_in or not cues:
        return None
    style = caption_style(spec, kit, lines)
    plate = kit.colors.get("ink", (0, 0, 0, 255))
    plate = (plate[0], plate[1], plate[2], 200)
    highlight = kit.colors.get("accent") if spec.captions.highlight_words else None
    return CaptionOverlay(cues, style.font, style.size, style.color, caption_width(size, kit),
                          spec.captions.max_lines, shot_start, plate, highlight, style.line_height)


def write_sidecars(project, out: Path) -> list[Path]:
    """The `.srt`/`.vtt` files `captions.export` asks for, beside `out`."""
    from .export import write_sidecars as _write

    spec = project.spec.captions
    if spec is None or not spec.export or not project.captions:
        return []
    return _write(project.captions, Path(out), spec.export)
