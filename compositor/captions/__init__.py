"""Captions: read SRT/WebVTT, place script lines on the voice, lay lines out to a width, export sidecars."""
from .align import align_script, speech_segments
from .build import active_cue, build_cues, check_overlaps
from .cue import Cue, Word
from .export import format_srt, format_vtt, write_sidecars
from .layout import best_lines, layout_cues, monospace_measure
from .parse import CaptionFileError, parse_srt, parse_vtt, read_captions
from .spec import CaptionLine, CaptionsSpec, parse_time

__all__ = [
    "align_script", "speech_segments", "active_cue", "build_cues", "check_overlaps", "Cue", "Word", "format_srt",
    "format_vtt", "write_sidecars", "best_lines", "layout_cues", "monospace_measure", "CaptionFileError",
    "parse_srt", "parse_vtt", "read_captions", "CaptionLine", "CaptionsSpec", "parse_time",
]
