"""Round Corners (`ty: rd`) rewritten into the explicit paths it produces, by Skottie's rule, so the player draws
those paths instead of rounding by its own (wider) rule.

Skottie rounds with Skia's corner path effect: each straight segment is shortened at both ends by the radius (by
half its length when shorter than twice the radius) and each corner between two straight segments becomes a
quadratic curve from one shortened end to the next, with the corner as its control point; curved segments are
kept (a straight segment after a curve starts where the curve ends, one before a curve ends short of it, and the
curve is drawn from there). A 400 px square rounded by 136 px has its corners cut to 34 px from the corner along
each axis at the curve's middle; the player's own rounding put them at 43 px. Paths (`sh`, every keyframe),
unrounded rectangles (`rc`) and polystars without roundness (`sr`, as Skottie builds them, points joined by
straight lines) under the modifier become paths; ellipses are curves and stay as they are. The modifier is kept
(and drawn by the player) where its radius is animated, another modifier comes before it, or a shape cannot be
rewritten (an animated rectangle or polystar, keyframes whose segments change from straight to curved).
"""
from __future__ import annotations

import copy
import math
from typing import Iterator, Optional

MODIFIERS = {"tm", "rp", "op", "pb", "zz", "mm", "tw", "rd"}


class _Skip(Exception):
    pass


def round_corners(layers: Iterator[dict]) -> None:
    """Rewrite, in place, the shapes under each static Round Corners modifier (see the module docstring)."""
    for layer in layers:
        if isinstance(layer, dict) and layer.get("ty") == 4:
            _rewrite_items(layer.get("shapes") or [])


def _rewrite_items(items: list) -> None:
    for item in items:
        if isinstance(item, dict) and item.get("ty") == "gr":
            _rewrite_items(item.get("it") or [])
    for pos, item in enumerate(items):
        if isinstance(item, dict) and item.get("ty") == "rd" and not item.get("hd"):
            radius = _static(item.get("r"))
            if radius is None:
                return
            trial = copy.deepcopy(items[:pos])
            try:
                _round_shapes(trial, radius)
            except _Skip:
                return
            items[:pos] = trial
            del items[pos]
            return


def _round_shapes(items: list, radius: float) -> None:
    for i, item in enumerate(items):
        if not isinstance(item, dict) or item.get("hd"):
            continue
        kind = item.get("ty")
        if kind in MODIFIERS:
            raise _Skip                                # a modifier before this one: the order would change
        if kind == "gr":
            _round_shapes(item.get("it") or [], radius)
        elif kind in ("sh", "rc", "sr") and radius > 0:
            items[i] = _rounded_path(item, radius)


def _rounded_path(shape: dict, radius: float) -> dict:
    kind = shape["ty"]
    if kind == "sh":
        prop = copy.deepcopy(shape.get("ks") or {})
        k = prop.get("k")
        if isinstance(k, dict):
            prop["k"] = _round_bezier(k, radius)
        elif isinstance(k, list):
            structures = set()
            for key in k:
                for side in ("s", "e"):
                    if isinstance(key, dict) and isinstance(key.get(side), list) and key[side]:
                        structures.add(_structure(key[side][0]))
                        key[side] = [_round_bezier(key[side][0], radius)]
            if len(structures) > 1:
                raise _Skip                            # keyframes would get different vertex counts
        else:
            raise _Skip
        return dict(shape, ks=prop)
    points = _rect_points(shape) if kind == "rc" else _star_points(shape)
    zero = [[0.0, 0.0]] * len(points)
    bezier = {"v": points, "i": zero, "o": zero, "c": True}
    return {"ty": "sh", "nm": shape.get("nm", kind), "ind": shape.get("ind", 0),
            "ks": {"a": 0, "k": _round_bezier(bezier, radius)}}


def _static(prop) -> Optional[float]:
    if not isinstance(prop, dict) or prop.get("a") == 1:
        return None
    k = prop.get("k")
    k = k[0] if isinstance(k, list) and len(k) == 1 else k
    return float(k) if isinstance(k, (int, float)) else None


def _static_xy(prop) -> list:
    if not isinstance(prop, dict) or prop.get("a") == 1 or not isinstance(prop.get("k"), list) \
            or not all(isinstance(v, (int, float)) for v in prop["k"][:2]):
        raise _Skip
    return [float(v) for v in prop["k"][:2]]


def _rect_points(rect: dict) -> list:
    if rect.get("r") is not None and _static(rect.get("r")) != 0:
        raise _Skip                                    # a rounded or animated roundness: drawn by the player
    (x, y), (w, h) = _static_xy(rect.get("p")), _static_xy(rect.get("s"))
    pts = [[x + w / 2, y - h / 2], [x + w / 2, y + h / 2], [x - w / 2, y + h / 2], [x - w / 2, y - h / 2]]
    return pts[::-1] if rect.get("d") == 3 else pts


def _star_points(star: dict) -> list:
    values = {key: _static(star.get(key)) for key in ("pt", "r", "or", "ir", "os", "is")}
    kind = star.get("sy", 1)
    if any(values[key] is None for key in ("pt", "r", "or")) or (kind == 1 and values["ir"] is None) \
            or any(values[key] not in (None, 0.0) for key in ("os", "is")):
        raise _Skip                                    # animated, or roundness Skottie leaves out
    x, y = _static_xy(star.get("p"))
    count = int(math.floor(values["pt"] + 0.5 + 1e-9))           # rounded, as Skottie counts points
    if count < 1:
        raise _Skip
    arc, angle = 2 * math.pi / count, math.radians(values["r"] - 90)
    at = lambda r, a: [x + r * math.cos(a), y + r * math.sin(a)]          # noqa: E731
    pts = []
    for _ in range(count):
        pts.append(at(values["or"], angle))
        if kind == 1:
            pts.append(at(values["ir"], angle + arc / 2))
        angle += arc
    return pts


def _structure(bezier: dict) -> tuple:
    return (bool(bezier.get("c")),) + tuple(_is_line(bezier, k) for k in range(len(bezier.get("v") or [])))


def _is_line(bezier: dict, k: int) -> bool:
    """Whether the segment from vertex k to the next is straight as Skottie builds it (both tangents zero)."""
    v = bezier["v"]
    nxt = (k + 1) % len(v)
    out, inn = (bezier.get("o") or [[0, 0]] * len(v))[k], (bezier.get("i") or [[0, 0]] * len(v))[nxt]
    return out[0] == 0 and out[1] == 0 and inn[0] == 0 and inn[1] == 0


def _round_bezier(bezier: dict, radius: float) -> dict:
    """The path Skia's corner effect makes of this Lottie path, as a Lottie path (quadratics as cubics)."""
    v = [[float(a), float(b)] for a, b in bezier.get("v") or []]
    n = len(v)
    if n < 2:
        return copy.deepcopy(bezier)
    closed = bool(bezier.get("c"))
    ins = [[float(a), float(b)] for a, b in (bezier.get("i") or [[0, 0]] * n)]
    outs = [[float(a), float(b)] for a, b in (bezier.get("o") or [[0, 0]] * n)]
    segments = []                                      # (kind, from, to, c1, c2)
    for k in range(n if closed else n - 1):
        j = (k + 1) % n
        if _is_line(bezier, k):
            segments.append(("L", v[k], v[j], None, None))
        else:
            segments.append(("C", v[k], v[j], _add(v[k], outs[k]), _add(v[j], ins[j])))
    return _to_lottie(_corner_effect(segments, closed, radius), closed)


def _add(a, b):
    return [a[0] + b[0], a[1] + b[1]]


def _sub(a, b):
    return [a[0] - b[0], a[1] - b[1]]


def _step(a, b, radius):
    d = _sub(b, a)
    dist = math.hypot(*d)
    if dist <= radius * 2:
        return [d[0] / 2, d[1] / 2]
    return [d[0] * radius / dist, d[1] * radius / dist]


def _corner_effect(segments: list, closed: bool, radius: float) -> list:
    """SkCornerPathEffect over one contour; every straight segment keeps its line (of length 0 when short), so
    every keyframe of a path gets the same number of vertices."""
    out = []
    prev_valid = not closed
    first_step, step, last_corner = [0.0, 0.0], [0.0, 0.0], segments[0][1]
    if not closed:
        out.append(("M", segments[0][1]))
    for index, (kind, a, b, c1, c2) in enumerate(segments):
        if kind == "L":
            step = _step(a, b, radius)
            if not prev_valid:
                out.append(("M", _add(a, step)))
            else:
                out.append(("Q", a, _add(a, step)))
            out.append(("L", _sub(b, step)))
        else:
            if not prev_valid:
                out.append(("M", a))
            out.append(("C", c1, c2, b))
            first_step = [0.0, 0.0]
        prev_valid = True
        last_corner = b
        if index == 0 and kind == "L":
            first_step = step
    if closed:
        if first_step != [0.0, 0.0]:
            out.append(("Q", last_corner, _add(last_corner, first_step)))
    else:
        out.append(("L", last_corner))
    return out


def _to_lottie(commands: list, closed: bool) -> dict:
    v, i, o = [], [], []
    for cmd in commands:
        if cmd[0] == "M":
            v.append(cmd[1]), i.append([0.0, 0.0]), o.append([0.0, 0.0])
            continue
        start = v[-1]
        if cmd[0] == "L":
            end, c1, c2 = cmd[1], start, cmd[1]
        elif cmd[0] == "Q":
            ctrl, end = cmd[1], cmd[2]
            c1 = [start[0] + 2 / 3 * (ctrl[0] - start[0]), start[1] + 2 / 3 * (ctrl[1] - start[1])]
            c2 = [end[0] + 2 / 3 * (ctrl[0] - end[0]), end[1] + 2 / 3 * (ctrl[1] - end[1])]
        else:
            c1, c2, end = cmd[1], cmd[2], cmd[3]
        o[-1] = _sub(c1, start)
        v.append(list(end)), i.append(_sub(c2, end)), o.append([0.0, 0.0])
    if closed and len(v) > 1 and math.hypot(*_sub(v[-1], v[0])) < 1e-9:
        i[0] = i[-1]                                   # the contour ends on its first point: one vertex
        v.pop(), i.pop(), o.pop()
    return {"v": v, "i": i, "o": o, "c": closed}
