"""Break captions into lines that fit the caption box, at most `max_lines` per card.

Width comes from the caller's `measure(text) -> pixels` (the brand style's font and size), so this works for any
font and script. Lines: the fewest the text fits in, then no short orphan line (one or two words) where another
break avoids it, then balanced widths (the widest line as narrow as it can be, a little preference for breaking
after punctuation). A cue that cannot fit in `max_lines` becomes the fewest consecutive cards that hold it,
balanced the same way (never a card of one or two words when the words can be shared out), its time shared by
word timings where known, else by character count.
"""
from __future__ import annotations

from typing import Callable, Optional

from .cue import Cue

Measure = Callable[[str], float]

ORPHAN_WORDS = 2          # a line or card of this many words or fewer is an orphan when it can be avoided
LONE_WORD = 0.08          # what a one-word line on a card costs, against the card's squared fill of its box
PUNCT_BONUS = 0.04        # of the box width: how much wider a line may be to break after punctuation


def _cached(measure: Measure) -> Measure:
    memo: dict[str, float] = {}

    def m(text: str) -> float:
        if text not in memo:
            memo[text] = measure(text)
        return memo[text]
    return m


def _fits(words: list[str], measure: Measure, width: float) -> bool:
    return measure(" ".join(words)) <= width


def _line_ok(words: list[str], measure: Measure, width: float) -> bool:
    """A line fits, or is a single word wider than the box (nothing better can be done)."""
    return len(words) == 1 or _fits(words, measure, width)


def _lines_needed(words: list[str], measure: Measure, width: float) -> int:
    """Lines used by greedy filling, which is the fewest possible."""
    lines, current = 0, []
    for w in words:
        if current and not _fits(current + [w], measure, width):
            lines, current = lines + 1, [w]
        else:
            current.append(w)
    return lines + (1 if current else 0)


def _splits(n: int, parts: int, ok) -> list[list[int]]:
    """Every way to cut n words into `parts` non-empty runs whose runs pass `ok(i, j)`, as lists of cut points."""
    if parts == 1:
        return [[]] if ok(0, n) else []
    out = []

    def walk(start: int, left: int, cuts: list[int]) -> None:
        if left == 1:
            if ok(start, n):
                out.append(cuts)
            return
        for k in range(start + 1, n - left + 2):
            if not ok(start, k):
                if k - start > 1:
                    break
                continue
            walk(k, left - 1, cuts + [k])
    walk(0, parts, [])
    return out


def _runs(words: list[str], cuts: list[int]) -> list[list[str]]:
    bounds = [0] + cuts + [len(words)]
    return [words[a:b] for a, b in zip(bounds, bounds[1:])]


def best_lines(words: list[str], measure: Measure, width: float, max_lines: int) -> Optional[list[str]]:
    """The best way to put `words` on ≤ max_lines lines no wider than `width`; None if impossible.
    Fewest lines first, then fewest orphan lines, then the narrowest widest line (punctuation breaks a little
    preferred), then the most even widths."""
    if not words:
        return []
    measure = _cached(measure)
    if len(words) == 1 or _fits(words, measure, width):
        return [" ".join(words)]
    n = _lines_needed(words, measure, width)
    if n > max_lines:
        return None
    best, best_key = None, None
    for cuts in _splits(len(words), n, lambda a, b: _line_ok(words[a:b], measure, width)):
        runs = _runs(words, cuts)
        texts = [" ".join(r) for r in runs]
        widths = [measure(t) for t in texts]
        orphans = sum(1 for r in runs if len(r) <= ORPHAN_WORDS)
        punct = sum(1 for r in runs[:-1] if r[-1][-1:] in ",.;:!?—")
        widest = max(widths) - PUNCT_BONUS * width * punct
        mean = sum(widths) / len(widths)
        key = (orphans, round(widest, 6), sum((w - mean) ** 2 for w in widths))
        if best_key is None or key < best_key:
            best, best_key = texts, key
    return best


def _cards(words: list[str], measure: Measure, width: float, max_lines: int) -> list[list[str]]:
    """The fewest cards of ≤ max_lines lines that hold the words, balanced: no orphan card where avoidable, then
    card lengths as even as they can be (least sum of squared fill) with a one-word line on a card costing a
    little and a sentence end preferred as a cut."""
    n = len(words)
    fits = {}

    def ok(a: int, b: int) -> bool:
        if (a, b) not in fits:
            fits[(a, b)] = _lines_needed(words[a:b], measure, width) <= max_lines
        return fits[(a, b)]

    # fewest cards: greedy filling (the longest prefix that fits each time) is optimal
    count, i = 0, 0
    while i < n:
        j = i + 1
        while j < n and ok(i, j + 1):
            j += 1
        count, i = count + 1, j
    box = width * max_lines

    def cost(a: int, b: int, last: bool) -> tuple[int, float]:
        fill = measure(" ".join(words[a:b])) / box
        end = words[b - 1][-1:]
        bonus = 0.0 if last else (0.05 if end in ".!?" else 0.02 if end in ",;:—" else 0.0)
        lines = best_lines(words[a:b], measure, width, max_lines) or []
        lone = sum(1 for x in lines if " " not in x) if len(lines) > 1 else 0
        return (1 if b - a <= ORPHAN_WORDS else 0), fill * fill - bonus + LONE_WORD * lone

    # dp[k][j]: best (orphan cards, cost) for the first j words in k cards
    INF = (10 ** 9, float("inf"))
    dp = [[INF] * (n + 1) for _ in range(count + 1)]
    back = [[0] * (n + 1) for _ in range(count + 1)]
    dp[0][0] = (0, 0.0)
    for k in range(1, count + 1):
        for j in range(k, n + 1):
            for a in range(j - 1, k - 2, -1):
                if not ok(a, j):
                    break
                prev = dp[k - 1][a]
                if prev == INF:
                    continue
                o, c = cost(a, j, j == n)
                cand = (prev[0] + o, prev[1] + c)
                if cand < dp[k][j]:
                    dp[k][j], back[k][j] = cand, a
    cuts, j = [], n
    for k in range(count, 0, -1):
        a = back[k][j]
        cuts.append((a, j))
        j = a
    return [words[a:b] for a, b in reversed(cuts)]


def layout_cue(cue: Cue, measure: Measure, width: float, max_lines: int = 2) -> list[Cue]:
    """The cue with its lines set; an author's own line breaks are kept when they already fit."""
    measure = _cached(measure)
    if cue.lines and len(cue.lines) <= max_lines and all(measure(x) <= width for x in cue.lines):
        return [cue]
    words = cue.text.split()
    lines = best_lines(words, measure, width, max_lines)
    if lines is not None:
        return [Cue(cue.start, cue.end, cue.text, tuple(lines), cue.words, cue.words_estimated, cue.line, cue.path)]
    chunks = _cards(words, measure, width, max_lines)
    out, k, t = [], 0, cue.start
    total_chars = sum(len(w) + 1 for w in words)
    timed = bool(cue.words) and len(cue.words) == len(words)
    for n, chunk in enumerate(chunks):
        piece_words = cue.words[k:k + len(chunk)] if timed else None
        if n == len(chunks) - 1:
            end = cue.end
        elif timed:
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
