"""Break captions into lines that fit the caption box, at most `max_lines` per cue.

Width comes from the caller's `measure(text) -> pixels` (the brand style's font and size), so this works for any
font and script. A cue that fits on one line stays one line; one that needs two gets two lines of balanced width
(the break that makes the wider line narrowest), and one that cannot fit in `max_lines` is split into
consecutive cues, its time shared by word timings where known, else by character count.
"""
from __future__ import annotations

from typing import Callable, Optional

from .cue import Cue

Measure = Callable[[str], float]


def _fits(words: list[str], measure: Measure, width: float) -> bool:
    return measure(" ".join(words)) <= width


def best_lines(words: list[str], measure: Measure, width: float, max_lines: int) -> Optional[list[str]]:
    """The most balanced way to put `words` on ≤ max_lines lines no wider than `width`; None if impossible.
    A single word wider than the box is allowed on a line of its own (nothing better can be done)."""
    if not words:
        return []
    if _fits(words, measure, width) or len(words) == 1:
        return [" ".join(words)]
    if max_lines <= 1:
        return None
    best, best_w = None, float("inf")
    for k in range(1, len(words)):
        head = words[:k]
        if not (_fits(head, measure, width) or k == 1):
            break
        rest = best_lines(words[k:], measure, width, max_lines - 1)
        if rest is None:
            continue
        lines = [" ".join(head)] + rest
        widest = max(measure(x) for x in lines)
        # prefer breaking after punctuation when it costs little width
        if head[-1][-1:] in ",.;:!?—":
            widest -= 0.04 * width
        if widest < best_w:
            best, best_w = lines, widest
    return best


def _lines_needed(words: list[str], measure: Measure, width: float) -> int:
    """Lines used by greedy filling, which is the fewest possible."""
    lines, current = 0, []
    for w in words:
        if current and not _fits(current + [w], measure, width):
            lines, current = lines + 1, [w]
        else:
            current.append(w)
    return lines + (1 if current else 0)


def _chunks(words: list[str], measure: Measure, width: float, max_lines: int) -> list[list[str]]:
    """Greedy: the longest prefix that fits in max_lines, then the rest."""
    out, i = [], 0
    while i < len(words):
        j = i + 1
        while j < len(words) and _lines_needed(words[i:j + 1], measure, width) <= max_lines:
            j += 1
        out.append(words[i:j])
        i = j
    return out


def layout_cue(cue: Cue, measure: Measure, width: float, max_lines: int = 2) -> list[Cue]:
    """The cue with its lines set; an author's own line breaks are kept when they already fit."""
    if cue.lines and len(cue.lines) <= max_lines and all(measure(x) <= width for x in cue.lines):
        return [cue]
    words = cue.text.split()
    lines = best_lines(words, measure, width, max_lines)
    if lines is not None:
        return [Cue(cue.start, cue.end, cue.text, tuple(lines), cue.words, cue.words_estimated, cue.line, cue.path)]
    chunks = _chunks(words, measure, width, max_lines)
    out, k, t = [], 0, cue.start
    total_chars = sum(len(w) + 1 for w in words)
    for n, chunk in enumerate(chunks):
        piece_words = cue.words[k:k + len(chunk)] if cue.words and len(cue.words) == len(words) else None
        if n == len(chunks) - 1:
            end = cue.end
        elif piece_words and cue.words:
            end = cue.words[k + len(chunk)].start
        else:
            end = t + (cue.end - cue.start) * sum(len(w) + 1 for w in chunk) / total_chars
        text = " ".join(chunk)
        out.append(Cue(t, end, text, tuple(best_lines(chunk, measure, width, max_lines) or [text]),
                       tuple(piece_words) if piece_words else None, cue.words_estimated, cue.line, cue.path))
        t, k = end, k + len(chunk)
    return out


def layout_cues(cues: list[Cue], measure: Measure, width: float, max_lines: int = 2) -> list[Cue]:
    out: list[Cue] = []
    for c in cues:
        out.extend(layout_cue(c, measure, width, max_lines))
    return out


def monospace_measure(px_per_char: float = 10.0) -> Measure:
    """A stand-in measure (fixed advance per character) for tests and previews without fonts."""
    return lambda text: len(text) * px_per_char
