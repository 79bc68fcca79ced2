"""What a render tells its caller besides pixels: warnings, generation notes, the soundtrack's measurements.

The loaded project is frozen, so nothing that happens while preparing or rendering is written into it; it is
collected here and returned (`compositor.render.run`) for the CLI or the studio to show.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional


@dataclass
class RenderReport:
    warnings: list[str] = field(default_factory=list)     # "warning: FILE:LINE: …" lines, each once
    notes: list[str] = field(default_factory=list)        # what generation adjusted for the model
    audio: Optional[dict] = None                          # the soundtrack's report (loudness, ducking, …)
    sidecars: list[Path] = field(default_factory=list)    # caption files written beside the video

    def warn(self, line: str) -> None:
        if line not in self.warnings:
            self.warnings.append(line)

    def note(self, line: str) -> None:
        if line not in self.notes:
            self.notes.append(line)

    def merge(self, other: "RenderReport") -> None:
        for w in other.warnings:
            self.warn(w)
        for n in other.notes:
            self.note(n)
        self.audio = other.audio or self.audio
        self.sidecars += [p for p in other.sidecars if p not in self.sidecars]
