"""Dashed strokes on ellipses drawn as filled outlines of their dashes, each outlined as Skia strokes it.

The player strokes each dash of a dashed ellipse off its true outline once the stroke is wide against the
ellipse's curve: on a circle of radius 440 dashed 11 / 134.4, a 400 wide stroke is drawn within p99 16 levels of
Skottie, an 800 wide one 62 off and a 1162 wide one (wider than the circle, its rays crossing the centre) 111 off,
its rays of uneven width (lottie-android's G.json: rays through a growing ring matte, drawn as dots around the
letter). Skia dashes the ellipse by exact length (`SkDashPathEffect`: the stroke's dash entries are the intervals,
an odd count repeated twice, the last entry the phase) and strokes each dash as one outline: the side offset by
half the width forward, the end cap, the other side back, the start cap, filled by winding. A dash that runs over
the start of the closed ellipse is one piece (Skia joins the last dash to the first).

That outline is computed here: the ellipse (as the four cubics Skia draws) cut to fine lines, its length measured
along them, each dash's two sides offset along the curve's normals, butt, round or square caps. Rewritten are
dashed strokes of a static width and dash, in a group (or layer) holding only static ellipses drawn clockwise,
colour fills and strokes below them, and its transform, with no modifier (trim, repeater, round corners …) in the
group or around it; each paint gets a group of its own, in the same order, so the same one is on top. Others are
drawn by the player.
"""
from __future__ import annotations

import bisect
import copy
import math
from typing import Iterator

from .lottie_shape_paths import NotStatic, contour, cubic_point, static_number

MODIFIERS = {"tm", "rp", "rd", "mm", "op", "pb", "zz", "tw"}
REVERSED = 3
STEPS_PER_QUARTER = (64, 1024)                # cuts of each quarter cubic: at least, at most
STEP = 0.5                                    # ... or one per half unit of its length
ROUND_STEP = math.radians(5)                  # a round cap as a fan of 5 degree steps


def outline_dashed_ellipses(layers: Iterator[dict]) -> None:
    for layer in layers:
        if isinstance(layer, dict) and layer.get("ty") == 4 and isinstance(layer.get("shapes"), list):
            layer["shapes"] = _rewrite(layer["shapes"], modified=False)


def _rewrite(items: list, modified: bool) -> list:
    live = [i for i in items if isinstance(i, dict) and not i.get("hd")]
    modified = modified or any(i.get("ty") in MODIFIERS for i in live)
    for item in live:
        if item.get("ty") == "gr" and isinstance(item.get("it"), list):
            item["it"] = _rewrite(item["it"], modified)
    if modified or not any(i.get("ty") == "st" and i.get("d") for i in live):
        return items
    try:
        return _split(live)
    except (NotStatic, AttributeError, TypeError, ValueError, KeyError, IndexError, ZeroDivisionError):
        return items                                   # not static, or not readable: drawn by the player


def _split(live: list) -> list:
    shapes = [i for i in live if i.get("ty") == "el"]
    paints = [i for i in live if i.get("ty") in ("fl", "st")]
    transform = [i for i in live if i.get("ty") == "tr"]
    if len(shapes) + len(paints) + len(transform) != len(live) or not shapes or \
            any(live.index(p) < live.index(s) for p in paints for s in shapes) or \
            any(s.get("d") == REVERSED for s in shapes) or any(p.get("ty") == "fl" and p.get("r") == 2 for p in paints):
        raise NotStatic
    polylines = [_polyline(contour(s)) for s in shapes]
    groups = []
    for paint in paints:
        if paint.get("ty") == "st" and paint.get("d"):
            it = [_path(p) for line in polylines for p in _dash_outlines(line, paint)] + [_as_fill(paint)]
        else:
            it = copy.deepcopy(shapes) + [copy.deepcopy(paint)]
        groups.append({"ty": "gr", "nm": f"{paint.get('nm', paint['ty'])} alone", "it": it + [_identity()]})
    return groups + transform


def _polyline(shape_contour: tuple) -> list:
    """[(point, unit tangent)] along the closed contour, the first point repeated at the end."""
    at, segments, _ = shape_contour
    out = []
    for seg in segments:
        p1, p2, p3 = seg[1], seg[2], seg[3]
        chord = math.dist(at, p1) + math.dist(p1, p2) + math.dist(p2, p3)
        n = max(STEPS_PER_QUARTER[0], min(STEPS_PER_QUARTER[1], math.ceil(chord / STEP)))
        for k in range(n):
            t = k / n
            out.append((cubic_point(at, p1, p2, p3, t), _tangent(at, p1, p2, p3, t)))
        at = p3
    return out + [out[0]]


def _tangent(p0, p1, p2, p3, t) -> list:
    u = 1 - t
    d = [3 * u * u * (p1[i] - p0[i]) + 6 * u * t * (p2[i] - p1[i]) + 3 * t * t * (p3[i] - p2[i]) for i in (0, 1)]
    length = math.hypot(*d)
    if length < 1e-12:
        raise NotStatic
    return [d[0] / length, d[1] / length]


def _dash_intervals(stroke: dict) -> tuple[list, float]:
    entries = [e for e in stroke["d"] if isinstance(e, dict)]
    values = [static_number(e.get("v")) for e in entries]
    intervals, phase = values[:-1], values[-1]
    if len(intervals) % 2:
        intervals = intervals * 2
    if not intervals or any(v < 0 for v in intervals) or sum(intervals) <= 0:
        raise NotStatic                                # Skia draws such a dash undashed
    return intervals, phase


def _on_spans(total: float, intervals: list, phase: float) -> list:
    """The dashes' (start, end) along a closed contour of length `total`, as Skia's dasher lays them."""
    period = sum(intervals)
    s = -(phase % period)
    spans = []
    while s < total:
        for k, length in enumerate(intervals):
            if k % 2 == 0 and s + length >= 0 and s < total:
                spans.append((max(s, 0.0), min(s + length, total)))
            s += length
    if len(spans) > 1 and spans[0][0] == 0.0 and spans[-1][1] == total and spans[0][1] > 0:
        first = spans.pop(0)                           # one dash over the start: Skia draws it as one piece
        spans[-1] = (spans[-1][0], total + first[1])
    return spans


def _dash_outlines(line: list, stroke: dict) -> list:
    half = static_number(stroke.get("w")) / 2
    cap = int(stroke.get("lc", 1))
    intervals, phase = _dash_intervals(stroke)
    cum = [0.0]
    for (a, _), (b, _) in zip(line, line[1:]):
        cum.append(cum[-1] + math.dist(a, b))
    total = cum[-1]
    outlines = []
    for start, end in _on_spans(total, intervals, phase):
        if end - start <= 0 and cap == 1:
            continue
        run = _run(line, cum, start, end)
        left = [[p[0] - d[1] * half, p[1] + d[0] * half] for p, d in run]
        right = [[p[0] + d[1] * half, p[1] - d[0] * half] for p, d in run]
        (p_end, d_end), (p_start, d_start) = run[-1], run[0]
        outlines.append(left + _cap(p_end, d_end, half, cap) + right[::-1] +
                        _cap(p_start, [-d_start[0], -d_start[1]], half, cap))
    return outlines


def _run(line: list, cum: list, start: float, end: float) -> list:
    """The points (and tangents) from length `start` to `end`, which may run past the end onto the start."""
    total = cum[-1]
    out = [_at(line, cum, start)]
    lo = bisect.bisect_right(cum, start)
    if end <= total:
        out += line[lo:bisect.bisect_left(cum, end)]
    else:
        out += line[lo:-1] + line[:bisect.bisect_left(cum, end - total)]
    out.append(_at(line, cum, end - total if end > total else end))
    return out


def _at(line: list, cum: list, s: float) -> tuple:
    i = min(max(bisect.bisect_right(cum, s) - 1, 0), len(line) - 2)
    span = cum[i + 1] - cum[i]
    t = 0.0 if span <= 0 else (s - cum[i]) / span
    (a, da), (b, db) = line[i], line[i + 1]
    d = [da[0] + (db[0] - da[0]) * t, da[1] + (db[1] - da[1]) * t]
    length = math.hypot(*d) or 1.0
    return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t], [d[0] / length, d[1] / length]


def _cap(at: list, d: list, half: float, cap: int) -> list:
    """The points from the left side to the right side around an end going in direction d (none for butt)."""
    if cap == 2:
        a0 = math.atan2(d[0], -d[1])                   # the left normal's angle
        steps = math.ceil(math.pi / ROUND_STEP)
        return [[at[0] + half * math.cos(a0 - math.pi * k / steps), at[1] + half * math.sin(a0 - math.pi * k / steps)]
                for k in range(1, steps)]
    if cap == 3:
        n, ahead = [-d[1] * half, d[0] * half], [d[0] * half, d[1] * half]
        return [[at[0] + n[0] + ahead[0], at[1] + n[1] + ahead[1]], [at[0] - n[0] + ahead[0], at[1] - n[1] + ahead[1]]]
    return []


def _path(points: list) -> dict:
    return {"ty": "sh", "nm": "dash outline", "ks": {"a": 0, "k": {
        "v": points, "i": [[0.0, 0.0]] * len(points), "o": [[0.0, 0.0]] * len(points), "c": True}}}


def _as_fill(stroke: dict) -> dict:
    return {"ty": "fl", "nm": stroke.get("nm", "stroke"), "c": copy.deepcopy(stroke["c"]),
            "o": copy.deepcopy(stroke.get("o") or {"a": 0, "k": 100}), "r": 1}


def _identity() -> dict:
    return {"ty": "tr", "p": {"a": 0, "k": [0, 0]}, "a": {"a": 0, "k": [0, 0]}, "s": {"a": 0, "k": [100, 100]},
            "r": {"a": 0, "k": 0}, "o": {"a": 0, "k": 100}}
