"""A caption cue: what is on screen, from when to when, and (where known) when each word is spoken."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Optional


@dataclass(frozen=True)
class Word:
    start: float
    end: float
    text: str


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str                                   # the words, one space between them
    lines: tuple[str, ...] = ()                 # as shown on screen once laid out (else the text's own lines)
    words: Optional[tuple[Word, ...]] = None    # per-word times, None where unknown
    words_estimated: bool = False               # True when word times are spread over detected speech
    line: int = 0                               # line in the source file, for error messages
    path: tuple = field(default=(), compare=False)   # field path inside `captions:`

    @property
    def shown_lines(self) -> tuple[str, ...]:
        return self.lines or (self.text,)

    def shifted(self, seconds: float) -> "Cue":
        words = None if self.words is None else tuple(Word(w.start + seconds, w.end + seconds, w.text)
                                                      for w in self.words)
        return replace(self, start=self.start + seconds, end=self.end + seconds, words=words)

    def active_word(self, t: float) -> Optional[int]:
        """Index of the word being spoken at time t (for highlight), or None."""
        if not self.words:
            return None
        for i, w in enumerate(self.words):
            if w.start <= t < w.end:
                return i
        return None
