"""SRT and WebVTT sidecars beside the video (`out.mp4` → `out.srt`, `out.vtt`), written atomically.

The VTT carries per-word timestamps (`<00:00:01.200>word`) when word times are known from the source file, so
players that support karaoke-style cues can follow along; estimated times are left out of files.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .cue import Cue
from compositor.encode import atomic_write_bytes


def _clock(t: float, sep: str) -> str:
    ms = int(round(max(0.0, t) * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def format_srt(cues: Iterable[Cue]) -> str:
    out = []
    for i, c in enumerate(cues, 1):
        out.append(f"{i}\n{_clock(c.start, ',')} --> {_clock(c.end, ',')}\n" + "\n".join(c.shown_lines) + "\n")
    return "\n".join(out)


def _vtt_payload(c: Cue) -> str:
    if not c.words or c.words_estimated:
        return "\n".join(_esc(line) for line in c.shown_lines)
    # word timestamps, keeping the cue's own line breaks
    words = list(c.words)
    lines, k = [], 0
    for line in c.shown_lines:
        parts = []
        for token in line.split():
            if k < len(words) and words[k].text == token:
                w = words[k]
                parts.append(_esc(token) if w.start <= c.start + 1e-4 else f"<{_clock(w.start, '.')}>{_esc(token)}")
                k += 1
            else:
                parts.append(_esc(token))
        lines.append(" ".join(parts))
    return "\n".join(lines)


def format_vtt(cues: Iterable[Cue]) -> str:
    out = ["WEBVTT", ""]
    for c in cues:
        out.append(f"{_clock(c.start, '.')} --> {_clock(c.end, '.')}\n{_vtt_payload(c)}\n")
    return "\n".join(out)


def _write_atomic(path: Path, text: str) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"))


def write_sidecars(cues: list[Cue], video_path: Path, formats: Iterable[str]) -> list[Path]:
    """Write `<video stem>.srt` / `.vtt` next to the video; returns the paths written."""
    video_path = Path(video_path)
    base = video_path if video_path.suffix == "" else video_path.with_suffix("")
    written = []
    for fmt in formats:
        text = {"srt": format_srt, "vtt": format_vtt}[fmt](cues)
        written.append(_write_atomic(base.with_name(base.name + "." + fmt), text))
    return written
