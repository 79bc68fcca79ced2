"""Place plain script lines on the voice: find where speech is, then split the speech into as many runs as
there are lines so each run's length matches its line's share of the text.

Speech is found by energy (RMS in 30 ms windows against a threshold set by the clip's own noise floor and peak),
which needs no model and is exact enough for cue starts (within a few hundredths of a second on clean VO).
Lines are matched to runs of speech segments by dynamic programming: the cost of a line is how far its speaking
time is from what its character count predicts (log ratio, squared), and a boundary placed at a long pause
earns a bonus. The result says how well it fits, line by line, so a script that does not match the recording
(a missing line, a re-recorded take) is caught instead of silently drifting.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..audio.duck import rms_db
from .cue import Cue, Word

HOP = 0.01
MIN_GAP = 0.12        # pauses shorter than this are inside a word or phrase
MIN_SPEECH = 0.06     # bursts shorter than this are clicks or breaths
GAP_BONUS = 1.0       # cost units per second of pause at a line boundary (capped at 1.5 s)
CLEAR_PAUSE = 0.3     # a boundary in a pause at least this long is unambiguous
LONG_PAUSE = 0.5      # a pause longer than this inside one line suggests a line is missing from the script
TAIL = 0.3            # a caption stays this long after its speech ends (if the next one allows)


@dataclass
class Segment:
    start: float
    end: float
    clip: int = 0
    forced: bool = False      # made by splitting a longer segment (fewer pauses than lines)

    @property
    def length(self) -> float:
        return self.end - self.start


def speech_segments(samples: np.ndarray, rate: int, hop: float = HOP) -> list[tuple[float, float]]:
    """(start, end) seconds of speech in one clip."""
    level = rms_db(samples, rate, hop=hop, window=0.03)
    if len(level) == 0:
        return []
    floor = float(np.percentile(level, 10))
    peak = float(level.max())
    threshold = max(floor + 12.0, peak - 40.0, -65.0)
    active = level > threshold
    idx = np.flatnonzero(np.diff(np.concatenate([[0], active.astype(np.int8), [0]])))
    runs = [(float(s * hop), float(e * hop)) for s, e in zip(idx[::2], idx[1::2])]
    merged: list[list[float]] = []
    for s, e in runs:
        if merged and s - merged[-1][1] < MIN_GAP:
            merged[-1][1] = e
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged if e - s >= MIN_SPEECH]


def _weight(text: str) -> float:
    return max(1.0, float(sum(ch.isalnum() for ch in text)))


def _split_longest(segs: list[Segment]) -> None:
    k = max(range(len(segs)), key=lambda i: segs[i].length)
    s = segs[k]
    mid = (s.start + s.end) / 2
    segs[k:k + 1] = [Segment(s.start, mid, s.clip, True), Segment(mid, s.end, s.clip, True)]


def _group(segs: list[Segment], lines: list[str]) -> list[tuple[int, int]]:
    """Best partition of segments into len(lines) contiguous runs: [(first, last)] per line."""
    m, n = len(segs), len(lines)
    total = sum(s.length for s in segs)
    weights = [_weight(t) for t in lines]
    wsum = sum(weights)
    expected = [total * w / wsum for w in weights]
    speech = np.concatenate([[0.0], np.cumsum([s.length for s in segs])])
    gap_before = [0.0] + [min(1.5, max(0.0, segs[i].start - segs[i - 1].end)) + (1.5 if segs[i].clip !=
                                                                                   segs[i - 1].clip else 0.0)
                          for i in range(1, m)]
    inf = float("inf")
    best = np.full((n + 1, m + 1), inf)
    back = np.zeros((n + 1, m + 1), int)
    best[0][0] = 0.0
    for k in range(1, n + 1):
        for j in range(k, m - (n - k) + 1):          # line k ends with segment j-1
            for i in range(k - 1, j):                # and starts with segment i
                if best[k - 1][i] == inf:
                    continue
                said = speech[j] - speech[i]
                cost = math.log(max(said, 1e-3) / expected[k - 1]) ** 2
                if i > 0:
                    cost -= GAP_BONUS * gap_before[i]
                c = best[k - 1][i] + cost
                if c < best[k][j]:
                    best[k][j], back[k][j] = c, i
    groups, j = [], m
    for k in range(n, 0, -1):
        i = back[k][j]
        groups.append((i, j - 1))
        j = i
    return groups[::-1]


def _spread_words(text: str, segs: list[Segment]) -> tuple[Word, ...]:
    """Word times spread over the run's speech (not its pauses) by character count: an estimate."""
    words = text.split()
    w = np.array([_weight(x) + 1 for x in words], float)
    edges = np.concatenate([[0.0], np.cumsum(w)]) / w.sum() * sum(s.length for s in segs)
    spoken = np.concatenate([[0.0], np.cumsum([s.length for s in segs])])

    def at(pos: float) -> float:
        k = min(int(np.searchsorted(spoken, pos, side="right")) - 1, len(segs) - 1)
        return segs[k].start + (pos - spoken[k])

    return tuple(Word(at(edges[i]), at(edges[i + 1] - 1e-9), words[i]) for i in range(len(words)))


def align_script(lines: list[str], voice: list[tuple[float, np.ndarray]], rate: int) -> tuple[list[Cue], dict]:
    """Cues for `lines` placed on `voice` = [(clip start seconds, samples)], and a fit report.

    The report: `score` in 0…1 (1: every line's speaking rate matches, every boundary sits in a clear pause and
    no line spans a long pause; the mean of per-line scores),
    `segments` found, `forced_splits` (lines that had to share one unbroken stretch of speech), and per line
    its start, end, `rate_ratio` (spoken time / predicted) and `pause_before`."""
    segs: list[Segment] = []
    for c, (offset, samples) in enumerate(voice):
        segs += [Segment(offset + s, offset + e, c) for s, e in speech_segments(samples, rate)]
    segs.sort(key=lambda s: s.start)
    report: dict = {"lines": len(lines), "segments": len(segs), "forced_splits": 0, "per_line": []}
    if not lines:
        report["score"] = 1.0
        return [], report
    if not segs:
        report["score"] = 0.0
        return [], report
    while len(segs) < len(lines):
        _split_longest(segs)
        report["forced_splits"] += 1
    groups = _group(segs, lines)
    total = sum(s.length for s in segs)
    wsum = sum(_weight(t) for t in lines)
    cues, scores = [], []
    starts = [segs[i].start for i, _ in groups]
    for k, ((i, j), text) in enumerate(zip(groups, lines)):
        run = segs[i:j + 1]
        end = run[-1].end + TAIL
        if k + 1 < len(groups):
            end = min(end, starts[k + 1])
        said = sum(s.length for s in run)
        ratio = said / (total * _weight(text) / wsum)
        pause = (segs[i].start - segs[i - 1].end) if i > 0 else segs[i].start - (voice[segs[i].clip][0])
        clear = 0.0 if segs[i].forced else min(1.0, max(0.0, pause) / CLEAR_PAUSE) if i > 0 else 1.0
        inner = max((b.start - a.end for a, b in zip(run, run[1:])), default=0.0)
        score = (math.exp(-abs(math.log(max(ratio, 1e-3)))) * (0.5 + 0.5 * clear)
                 * math.exp(-max(0.0, inner - LONG_PAUSE) / LONG_PAUSE))
        scores.append(score)
        cues.append(Cue(segs[i].start, end, text, words=_spread_words(text, run), words_estimated=True,
                        path=("script", k)))
        report["per_line"].append({"text": text, "start": round(segs[i].start, 3), "end": round(end, 3),
                                   "rate_ratio": round(ratio, 3), "pause_before": round(pause, 3),
                                   "score": round(score, 3)})
    report["score"] = round(float(np.mean(scores)), 3)
    return cues, report
