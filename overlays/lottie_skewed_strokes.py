"""Strokes in a skewed group drawn as filled outlines, so the skew shears them as Skottie and lottie-web do.

Skottie strokes a shape in its group's own space and then transforms the result, so a skew shears the stroke:
its sides thin where the skew squeezes them. The player strokes the transformed outline, widening it only by the
lengths of the matrix's columns, so a stroke under a skew keeps an even width (Skia's skottie-transform-skew:
mean 1.8, p99 180 apart where every fill agrees). Here the stroke of a group whose own transform skews (`sk`,
static or animated) becomes a fill of the stroke's outline, computed in the group's space: the shapes flattened
to short lines, each line a quad of the stroke's width, the joins between lines of one curve as wedges, the
corners between segments and the ends of open paths by the stroke's join (miter within its limit, round,
bevel) and cap. The pieces all turn one way, so their nonzero fill is their union. Each paint of the group is
moved, with a copy of the shapes, into a group of its own (in the same order, so the same one is on top).
Rewritten are groups of static shapes (paths, unrounded rectangles, ellipses, polystars without roundness),
colour fills and strokes of a static width with no dashes, and a transform; others are drawn by the player.
"""
from __future__ import annotations

import copy
import math
from typing import Iterator

from .lottie_shape_paths import NotStatic, contour, cubic_point, static_number

SHAPES = {"sh", "rc", "el", "sr"}
ROUND_STEP = math.radians(10)                  # a round join or cap as a fan of 10 degree steps
FLAT_STEP = 1.0                                # curves flattened to lines of about one unit of the group


def shear_skewed_strokes(layers: Iterator[dict]) -> None:
    """Rewrite, in place, the strokes of each skewed group (see the module docstring)."""
    for layer in layers:
        if isinstance(layer, dict) and layer.get("ty") == 4:
            _rewrite_items(_list(layer.get("shapes")))


def _rewrite_items(items: list) -> None:
    for item in items:
        if isinstance(item, dict) and item.get("ty") == "gr" and not item.get("hd"):
            _rewrite_items(_list(item.get("it")))
            try:
                if _skews(item.get("it") or []):
                    item["it"] = _split(item["it"])
            except (NotStatic, AttributeError, TypeError, ValueError, KeyError, IndexError, ZeroDivisionError):
                pass                                   # not static, or not readable: drawn by the player


def _skews(items: list) -> bool:
    for item in items:
        if isinstance(item, dict) and item.get("ty") == "tr":
            sk = item.get("sk")
            if not isinstance(sk, dict):
                return False
            k = sk.get("k")
            if isinstance(k, list) and k and isinstance(k[0], dict):
                return any(v != 0 for key in k for side in ("s", "e") for v in (key.get(side) or []))
            return static_number(sk) != 0 if k is not None else False
    return False


def _split(items: list) -> list:
    live = [i for i in items if isinstance(i, dict) and not i.get("hd")]
    shapes = [i for i in live if i.get("ty") in SHAPES]
    paints = [i for i in live if i.get("ty") in ("fl", "st")]
    others = [i for i in live if i.get("ty") not in SHAPES | {"fl", "st", "tr"}]
    transform = [i for i in live if i.get("ty") == "tr"]
    if others or not shapes or not any(p.get("ty") == "st" for p in paints) or \
            any(live.index(p) < live.index(s) for p in paints for s in shapes):
        raise NotStatic                               # a paint above a shape, a modifier or a group: left alone
    contours = [contour(s) for s in shapes]
    groups = []
    for paint in paints:
        if paint.get("ty") == "fl":
            it = copy.deepcopy(shapes) + [paint]
        else:
            it = _outline(contours, paint) + [_as_fill(paint)]
        groups.append({"ty": "gr", "nm": f"{paint.get('nm', paint['ty'])} alone", "it": it + [_identity()]})
    return groups + transform


def _identity() -> dict:
    return {"ty": "tr", "p": {"a": 0, "k": [0, 0]}, "a": {"a": 0, "k": [0, 0]}, "s": {"a": 0, "k": [100, 100]},
            "r": {"a": 0, "k": 0}, "o": {"a": 0, "k": 100}}


def _as_fill(stroke: dict) -> dict:
    return {"ty": "fl", "nm": stroke.get("nm", "stroke"), "c": copy.deepcopy(stroke["c"]),
            "o": copy.deepcopy(stroke.get("o") or {"a": 0, "k": 100}), "r": 1}


def _outline(contours: list, stroke: dict) -> list:
    if stroke.get("d"):
        raise NotStatic                                # dashes
    half = static_number(stroke.get("w")) / 2
    join, cap = int(stroke.get("lj", 1)), int(stroke.get("lc", 1))
    limit = static_number(stroke["ml2"]) if isinstance(stroke.get("ml2"), dict) else float(stroke.get("ml", 4))
    pieces = []
    for start, segments, closed in contours:
        runs = _flatten(start, segments)              # one polyline per segment
        pieces += _stroke_pieces(runs, closed, half, join, cap, limit)
    return [{"ty": "sh", "nm": "stroke outline", "ks": {"a": 0, "k": {
        "v": p, "i": [[0.0, 0.0]] * len(p), "o": [[0.0, 0.0]] * len(p), "c": True}}} for p in pieces]


def _flatten(start: list, segments: list) -> list:
    runs, at = [], start
    for seg in segments:
        if seg[0] == "L":
            runs.append([at, seg[1]])
        else:
            chord = sum(math.dist(a, b) for a, b in zip([at, seg[1], seg[2]], [seg[1], seg[2], seg[3]]))
            n = max(8, min(256, math.ceil(chord / FLAT_STEP)))
            runs.append([at] + [cubic_point(at, seg[1], seg[2], seg[3], k / n) for k in range(1, n + 1)])
        at = seg[-1]
    return runs


def _stroke_pieces(runs: list, closed: bool, half: float, join: int, cap: int, limit: float) -> list:
    pieces, dirs = [], []
    for run in runs:
        run_dirs = []
        for a, b in zip(run, run[1:]):
            d = _unit(a, b)
            if d is None:
                continue
            n = [-d[1] * half, d[0] * half]
            pieces.append([_add(a, n), _add(b, n), _sub(b, n), _sub(a, n)])
            if run_dirs:                                # within one curve: a wedge closes the gap
                pieces.append(_wedge(a, run_dirs[-1], d, half, 2))
            run_dirs.append(d)
        if run_dirs:
            dirs.append((run[0], run[-1], run_dirs[0], run_dirs[-1]))
    for (_, end, _, out_dir), (start, _, in_dir, _) in zip(dirs, dirs[1:]):
        pieces.append(_wedge(end, out_dir, in_dir, half, join, limit))
    if dirs and closed:
        pieces.append(_wedge(dirs[-1][1], dirs[-1][3], dirs[0][2], half, join, limit))
    elif dirs:
        pieces += _cap(dirs[0][0], [-dirs[0][2][0], -dirs[0][2][1]], half, cap)
        pieces += _cap(dirs[-1][1], dirs[-1][3], half, cap)
    return [_positive(p) for p in pieces if len(p) >= 3]


def _wedge(at: list, d_in: list, d_out: list, half: float, join: int, limit: float = 4.0) -> list:
    """The join at `at` on the outer side of the turn from direction d_in to d_out."""
    turn = d_in[0] * d_out[1] - d_in[1] * d_out[0]
    side = -1 if turn > 0 else 1                        # the outer side's normal sign
    n_in = [-d_in[1] * half * side, d_in[0] * half * side]
    n_out = [-d_out[1] * half * side, d_out[0] * half * side]
    a, b = _add(at, n_in), _add(at, n_out)
    cos_t = max(-1.0, min(1.0, d_in[0] * d_out[0] + d_in[1] * d_out[1]))
    if join == 2:                                       # round
        a0 = math.atan2(n_in[1], n_in[0])
        sweep = math.atan2(n_in[0] * n_out[1] - n_in[1] * n_out[0], n_in[0] * n_out[0] + n_in[1] * n_out[1])
        steps = max(1, math.ceil(abs(sweep) / ROUND_STEP))
        return [at] + _arc(at, half, a0, sweep, steps)
    if join == 1:                                       # miter, within the limit (Skia: 1 / sin(half angle))
        half_angle = math.acos(cos_t) / 2              # the turn; the angle between the sides is pi - turn
        sin_between = math.cos(half_angle)
        if sin_between > 1e-6 and 1 / sin_between <= limit:
            mid = [n_in[0] + n_out[0], n_in[1] + n_out[1]]
            length = math.hypot(*mid)
            if length > 1e-9:
                reach = half / sin_between
                return [at, a, [at[0] + mid[0] / length * reach, at[1] + mid[1] / length * reach], b]
    return [at, a, b]                                   # bevel


def _cap(at: list, d: list, half: float, cap: int) -> list:
    n = [-d[1] * half, d[0] * half]
    if cap == 2:                                        # round: a half disc beyond the end
        a0 = math.atan2(n[1], n[0])
        steps = math.ceil(math.pi / ROUND_STEP)
        return [_arc(at, half, a0, -math.pi, steps)]
    if cap == 3:                                        # square: the stroke goes on by half its width
        ahead = [d[0] * half, d[1] * half]
        return [[_add(at, n), _add(_add(at, n), ahead), _add(_sub(at, n), ahead), _sub(at, n)]]
    return []


def _arc(at: list, radius: float, start: float, sweep: float, steps: int) -> list:
    return [[at[0] + radius * math.cos(start + sweep * k / steps), at[1] + radius * math.sin(start + sweep * k / steps)]
            for k in range(steps + 1)]


def _positive(poly: list) -> list:
    area = sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(poly, poly[1:] + poly[:1]))
    return poly if area >= 0 else poly[::-1]


def _unit(a, b):
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    return None if length < 1e-9 else [dx / length, dy / length]


def _add(p, q):
    return [p[0] + q[0], p[1] + q[1]]


def _sub(p, q):
    return [p[0] - q[0], p[1] - q[1]]


def _list(value) -> list:
    return value if isinstance(value, list) else []
