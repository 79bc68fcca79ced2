"""Radial gradients given the radius Skottie draws: the end point put level with the centre.

A radial gradient fill or stroke (`t` 2) is centred on its start point `s` and reaches its end point `e`: the
radius is their distance in Skottie (Skia's shapelayer/Gradient.cpp), lottie-web and lottie-android. The player
estimates that distance as the larger offset plus 0.375 of the smaller, which is exact only when one offset is 0:
a gradient whose end lies diagonally from its centre is drawn up to 8 % too wide (rlottie's insta_camera: a
background ramp 685 x 344 units across, drawn 6.6 % wide, mean 7 levels off Skottie).

A gradient with static points has its end moved to the right of the centre at the same distance. Its highlight
(`h`, the focal point along the gradient's direction turned by `a` degrees, which the player and lottie-web draw
and Skottie leaves out) keeps its place: the direction's turn is added to `a`. Moving points have no such fixed
form and are left as they are.
"""
from __future__ import annotations

import math
from typing import Iterator

from .lottie_file import animated_values


def level_radial_ends(data: dict) -> None:
    """Rewrite every radial gradient of `data` with static points in place (see the module docstring)."""
    for gradient in _radial_gradients(data):
        start, end = _static_point(gradient.get("s")), _static_point(gradient.get("e"))
        if start is None or end is None:
            continue
        dx, dy = end[0] - start[0], end[1] - start[1]
        if dx == 0 or dy == 0:
            continue                                   # the player's estimate is exact
        radius = math.hypot(dx, dy)
        gradient["e"]["k"] = [start[0] + radius, start[1]] + list(gradient["e"]["k"][2:])
        if _has_highlight(gradient.get("h")):
            _turn(gradient, math.degrees(math.atan2(dy, dx)))


def _turn(gradient: dict, degrees: float) -> None:
    """Add `degrees` to the highlight angle `a`, static or keyframed."""
    angle = gradient.get("a")
    if not isinstance(angle, dict):
        gradient["a"] = {"a": 0, "k": degrees}
        return
    k = angle.get("k", 0)
    if isinstance(k, (int, float)):
        angle["k"] = k + degrees
        return
    for values in animated_values(angle):
        if values and isinstance(values[0], (int, float)):
            values[0] += degrees
    if isinstance(k, list):
        for key in k:
            if isinstance(key, dict):
                for side in ("s", "e"):
                    if isinstance(key.get(side), (int, float)):
                        key[side] = key[side] + degrees


def _has_highlight(h) -> bool:
    """Whether the highlight length may be other than 0 (then the angle matters)."""
    if not isinstance(h, dict):
        return False
    k = h.get("k", 0)
    if isinstance(k, list) and len(k) == 1 and isinstance(k[0], (int, float)):
        k = k[0]
    return not (isinstance(k, (int, float)) and k == 0)


def _static_point(prop) -> tuple[float, float] | None:
    if not isinstance(prop, dict) or prop.get("a") == 1:
        return None
    k = prop.get("k")
    if isinstance(k, list) and len(k) >= 2 and all(isinstance(v, (int, float)) for v in k[:2]):
        return float(k[0]), float(k[1])
    return None


def _radial_gradients(node) -> Iterator[dict]:
    if isinstance(node, list):
        for item in node:
            yield from _radial_gradients(item)
    elif isinstance(node, dict):
        if node.get("ty") in ("gf", "gs") and node.get("t") == 2:
            yield node
        for value in node.values():
            if isinstance(value, (list, dict)):
                yield from _radial_gradients(value)
