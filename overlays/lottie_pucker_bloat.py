"""Pucker & Bloat (`ty: pb`) rewritten into the explicit paths it produces, by Skottie's rule, so the player draws
the bloated shapes Skottie draws.

Skottie (and lottie-web) move each vertex towards the shape's centre by the amount (a percentage; negative
puckers) and each control point away from it by as much; a straight segment first becomes a cubic with its
controls 1/100 of its length from its ends, and every contour is closed. Skottie's centre is the centre of the
box around the drawn curve (lottie-web's is the mean of the vertices: the same for rectangles, ellipses and
regular polygons, not for a star or a free path). Each shape is bloated on its own. The result is linear in the
amount, so an animated amount becomes path keyframes at its own keyframe times with its own easing, exact at
every frame. Shapes in nested groups are rewritten in their own frame, which keeps the centre where the group
neither turns nor skews. The modifier is kept (and drawn by the player) where another modifier comes before it,
a shape is animated (a path with keyframes under an animated amount, any other animated shape) or rounded, or a
nested group turns or skews.
"""
from __future__ import annotations

import copy
from typing import Iterator

from .lottie_shape_paths import NotStatic, bezier_contour, contour, static_number, tight_bounds_centre

MODIFIERS = {"tm", "rp", "op", "pb", "zz", "mm", "tw", "rd"}
LINE_CONTROL = 1 / 100                      # Skottie's controls of a straight segment, as a fraction of it


def pucker_bloat(layers: Iterator[dict]) -> None:
    """Rewrite, in place, the shapes under each Pucker & Bloat modifier (see the module docstring)."""
    for layer in layers:
        if isinstance(layer, dict) and layer.get("ty") == 4:
            _rewrite_items(_list(layer.get("shapes")))


def _rewrite_items(items: list) -> None:
    for item in items:
        if isinstance(item, dict) and item.get("ty") == "gr":
            _rewrite_items(_list(item.get("it")))
    for pos, item in enumerate(items):
        if isinstance(item, dict) and item.get("ty") == "pb" and not item.get("hd"):
            amount = item.get("a") if isinstance(item.get("a"), dict) else {"a": 0, "k": 0}
            trial = copy.deepcopy(items[:pos])
            try:
                _bloat_shapes(trial, amount)
            except (NotStatic, AttributeError, TypeError, ValueError, KeyError, IndexError, ZeroDivisionError):
                return                                 # not static, or not readable: drawn by the player
            items[:pos] = trial
            del items[pos]
            return


def _bloat_shapes(items: list, amount: dict) -> None:
    for i, item in enumerate(items):
        if not isinstance(item, dict) or item.get("hd"):
            continue
        kind = item.get("ty")
        if kind in MODIFIERS:
            raise NotStatic                            # a modifier before this one: the order would change
        if kind == "gr":
            _check_upright(item.get("it") or [])
            _bloat_shapes(item.get("it") or [], amount)
        elif kind in ("sh", "rc", "el", "sr"):
            items[i] = _bloated(item, amount)


def _check_upright(items: list) -> None:
    """A nested group that turns or skews would move the box whose centre Skottie bloats towards."""
    for item in items:
        if isinstance(item, dict) and item.get("ty") == "tr":
            for key in ("r", "sk", "rx", "ry", "rz"):
                if item.get(key) is not None and static_number(item.get(key)) != 0:
                    raise NotStatic


def _bloated(shape: dict, amount: dict) -> dict:
    path_keys = (shape.get("ks") or {}).get("k") if shape.get("ty") == "sh" else None
    animated_path = isinstance(path_keys, list)
    if _animated(amount):
        if animated_path:
            raise NotStatic
        base = contour(shape)
        keys = []
        for key in amount["k"]:
            out = {k: copy.deepcopy(v) for k, v in key.items() if k not in ("s", "e")}
            for side in ("s", "e"):
                value = key.get(side)
                value = value[0] if isinstance(value, list) and value else value
                if isinstance(value, (int, float)):
                    out[side] = [_bloat(base, float(value) / 100)]
            keys.append(out)
        prop = {"a": 1, "k": keys}
    else:
        a = static_number(amount) / 100
        if animated_path:
            prop = copy.deepcopy(shape["ks"])
            for key in prop["k"]:
                for side in ("s", "e"):
                    if isinstance(key, dict) and isinstance(key.get(side), list) and key[side]:
                        key[side] = [_bloat(bezier_contour(key[side][0]), a)]
        else:
            prop = {"a": 0, "k": _bloat(contour(shape), a)}
    return {"ty": "sh", "nm": shape.get("nm", shape.get("ty")), "ind": shape.get("ind", 0), "ks": prop}


def _animated(prop: dict) -> bool:
    k = prop.get("k")
    return prop.get("a") == 1 and isinstance(k, list) and bool(k) and isinstance(k[0], dict)


def _bloat(shape_contour: tuple, a: float) -> dict:
    """The closed Lottie path Skottie draws for this contour bloated by `a` (a fraction)."""
    start, segments, _closed = shape_contour
    centre = tight_bounds_centre(start, segments)
    cubics, at = [], start
    closing = [("L", start)] if not segments or segments[-1][-1] != start else []
    for seg in list(segments) + closing:
        if seg[0] == "L":
            end = seg[1]
            c1, c2 = _lerp(at, end, LINE_CONTROL), _lerp(at, end, 1 - LINE_CONTROL)
        else:
            c1, c2, end = seg[1], seg[2], seg[3]
        cubics.append((_lerp(c1, centre, -a), _lerp(c2, centre, -a), _lerp(end, centre, a)))
        at = end
    first = _lerp(start, centre, a)
    if not cubics:
        return {"v": [first], "i": [[0.0, 0.0]], "o": [[0.0, 0.0]], "c": True}
    v = [first] + [c[2] for c in cubics[:-1]]          # the last cubic ends on the first vertex
    n = len(v)
    o = [_sub(cubics[k][0], v[k]) for k in range(n)]
    i = [_sub(cubics[k - 1][1], v[k]) for k in range(n)]
    return {"v": v, "i": i, "o": o, "c": True}


def _lerp(p, q, t):
    return [p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t]


def _sub(p, q):
    return [p[0] - q[0], p[1] - q[1]]


def _list(value) -> list:
    return value if isinstance(value, list) else []
