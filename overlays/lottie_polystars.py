"""A polystar's point count as Skottie counts it: rounded to a whole number.

A fractional point count (an animated `pt` passes through 5.61 on its way from 8 to 5) has no one answer among
players: Skottie rounds it (5.3 draws 5 points, 5.5 and 5.7 draw 6), lottie-web floors it, rlottie and the
player grow the fractional point out of the last one. A star is drawn with whole points, as Skottie draws it: a
static count is rounded in place; an animated one becomes hold keyframes at the times its value crosses a half,
found on the keyframes' own easing curves (see `lottie_repeaters.whole_number_holds`).
"""
from __future__ import annotations

import math
from typing import Iterator

from .lottie_repeaters import whole_number_holds


def round_star_points(layers: Iterator[dict]) -> None:
    for layer in layers:
        for star in _stars(layer.get("shapes")):
            pt = star.get("pt")
            if not isinstance(pt, dict):
                continue
            k = pt.get("k")
            if not pt.get("a"):
                n = k[0] if isinstance(k, list) and len(k) == 1 else k
                if isinstance(n, (int, float)):
                    pt["k"] = _round(n)
                continue
            holds = whole_number_holds(k, _round)
            if holds:
                pt["k"] = holds


def _round(v: float) -> int:
    return math.floor(v + 0.5 + 1e-9)          # half up, as Skia's SkScalarRoundToInt


def _stars(shapes: list) -> Iterator[dict]:
    for s in shapes or []:
        if isinstance(s, dict):
            if s.get("ty") == "sr":
                yield s
            elif s.get("ty") == "gr":
                yield from _stars(s.get("it"))
