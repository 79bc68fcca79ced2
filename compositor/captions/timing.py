"""A minimum time on screen per caption card: a card shorter than `min_duration` first takes the free time after
it (up to the next card or the end of the video), then before it; if that is not enough it merges with a
neighbour whose words fit on the same card, else borrows time from a neighbour that has more than it needs.
What cannot be fixed (a video shorter than the minimum) is left as it is."""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Optional

from .cue import Cue

EPS = 1e-6
Relayout = Callable[[str], Optional[tuple[str, ...]]]     # a card's lines, or None when the text does not fit


def _merge(a: Cue, b: Cue, lines: tuple[str, ...]) -> Cue:
    words = a.words + b.words if a.words is not None and b.words is not None else None
    return Cue(a.start, b.end, f"{a.text} {b.text}", lines, words, a.words_estimated or b.words_estimated,
               a.line, a.path)


def _extend(cues: list[Cue], i: int, need: float, end: Optional[float]) -> float:
    """Grow card i into the free time after then before it; the time still missing."""
    c = cues[i]
    limit = cues[i + 1].start if i + 1 < len(cues) else (end if end is not None else c.end + need)
    after = min(need, max(0.0, limit - c.end))
    before = min(need - after, max(0.0, c.start - (cues[i - 1].end if i > 0 else 0.0)))
    cues[i] = replace(c, start=c.start - before, end=c.end + after)
    return need - after - before


def _borrow(cues: list[Cue], i: int, need: float, minimum: float) -> float:
    """Move the boundary with a touching neighbour that stays at least `minimum` long; the time still missing."""
    for j in (i + 1, i - 1):
        if not 0 <= j < len(cues) or need <= EPS:
            continue
        c, o = cues[i], cues[j]
        touching = abs((o.start - c.end) if j > i else (c.start - o.end)) <= 1e-3
        spare = (o.end - o.start) - minimum
        if not touching or spare <= EPS:
            continue
        take = min(need, spare)
        if j > i:
            cues[i], cues[j] = replace(c, end=c.end + take), replace(o, start=o.start + take)
        else:
            cues[i], cues[j] = replace(c, start=c.start - take), replace(o, end=o.end - take)
        need -= take
    return need


def enforce_min_duration(cues: list[Cue], minimum: float, end: Optional[float] = None,
                         relayout: Optional[Relayout] = None) -> list[Cue]:
    """Cards (in time order, not overlapping) each at least `minimum` seconds where that can be done.
    `end`: the end of the video (no card is extended past it). `relayout`: lines for a merged card, or None when
    the merged words do not fit on one card (without it cards are never merged)."""
    cues = list(cues)
    if minimum <= 0:
        return cues
    i = 0
    while i < len(cues):
        c = cues[i]
        need = minimum - (c.end - c.start)
        if need <= EPS:
            i += 1
            continue
        need = _extend(cues, i, need, end)
        if need <= EPS:
            i += 1
            continue
        merged = None
        if relayout is not None:
            options = []
            for j in (i - 1, i + 1):
                if 0 <= j < len(cues):
                    a, b = (cues[j], cues[i]) if j < i else (cues[i], cues[j])
                    lines = relayout(f"{a.text} {b.text}")
                    if lines is not None:
                        options.append((len(a.text) + len(b.text), j, _merge(a, b, lines)))
            if options:
                _, j, merged = min(options, key=lambda o: o[0])
                lo = min(i, j)
                cues[lo:lo + 2] = [merged]
                i = lo            # look at the merged card again (it may still be short)
                continue
        _borrow(cues, i, need, minimum)
        i += 1
    return cues
