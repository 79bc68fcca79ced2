"""Shots -> frame ranges. A transition overlaps a shot with the one before it, so the total gets shorter by it.

Everything is counted in whole frames, so a project of integer frame durations renders exactly duration x fps
frames, and each output frame maps to (shot, local frame) without any rounding drift.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class ShotSpan:
    index: int
    first: int          # first global frame
    n_frames: int
    overlap: int        # frames shared with the previous shot (its transition)

    @property
    def last(self) -> int:
        return self.first + self.n_frames - 1


@dataclass(frozen=True)
class Timeline:
    fps: float
    spans: tuple[ShotSpan, ...]

    @property
    def n_frames(self) -> int:
        return max(s.first + s.n_frames for s in self.spans)

    @property
    def duration(self) -> float:
        return self.n_frames / self.fps

    def at(self, frame: int) -> list[tuple[ShotSpan, int]]:
        """The shots visible at a global frame with their local frame index (two during a transition)."""
        return [(s, frame - s.first) for s in self.spans if s.first <= frame <= s.last]

    def progress(self, span: ShotSpan, local: int) -> Optional[float]:
        """Transition progress into `span` at its local frame (None outside its transition): strictly inside
        (0, 1) so both shots contribute on every overlapping frame; the middle frame is exactly 0.5."""
        if span.overlap <= 0 or local >= span.overlap:
            return None
        return (local + 1) / (span.overlap + 1)

    def frame_of(self, seconds: float) -> int:
        """The frame on screen at `seconds` (the one that started at or before it)."""
        import math
        return max(0, min(self.n_frames - 1, int(math.floor(seconds * self.fps + 1e-6))))


def plan(durations: list[float], transitions: list[float], fps: float) -> Timeline:
    """durations[i] seconds of shot i; transitions[i] seconds it overlaps shot i-1 (0 for the first)."""
    spans, first = [], 0
    prev_end = 0
    for i, (d, tr) in enumerate(zip(durations, transitions)):
        n = max(1, int(round(d * fps)))
        overlap = 0 if i == 0 else int(round(tr * fps))
        first = 0 if i == 0 else prev_end - overlap
        spans.append(ShotSpan(i, first, n, overlap))
        prev_end = first + n
    return Timeline(fps, tuple(spans))
