"""Rectangles drawn with antialiased edges.

The player fills a rectangle (`rc`) with no roundness on a fast path that snaps its edges to whole pixels: a
52.236 px square at x = 22.382 covers column 22 fully and column 74 not at all, where After Effects, lottie-web
and Skottie cover both by 0.618 (lottie-android's GradientFill: 83 levels off along both sides). A rounded one is
rasterised with coverage, so a rectangle with a static roundness of 0 gets a roundness of 1/1000 px: invisible,
but off the fast path. (A path (`sh`) of the same four corners is already drawn with coverage.)

Layers with trim paths or Round Corners are left alone: the player measures a trim and rounds corners on the
outline it is given.
"""
from __future__ import annotations

from typing import Iterator

TINY_ROUNDNESS = 0.001


def antialias_rects(layers: Iterator[dict]) -> None:
    for layer in layers:
        shapes = layer.get("shapes")
        if not shapes or _has_modifier(shapes):
            continue
        for shape in _shapes(shapes):
            if shape.get("ty") != "rc":
                continue
            r = shape.get("r")
            if r is None:
                shape["r"] = {"a": 0, "k": TINY_ROUNDNESS}
            elif isinstance(r, dict) and not r.get("a") and _number(r.get("k")) == 0:
                r["k"] = TINY_ROUNDNESS


def _number(k):
    if isinstance(k, list) and len(k) == 1:
        k = k[0]
    return k if isinstance(k, (int, float)) else None


def _shapes(shapes: list) -> Iterator[dict]:
    for s in shapes or []:
        if isinstance(s, dict):
            yield s
            if s.get("ty") == "gr":
                yield from _shapes(s.get("it"))


def _has_modifier(shapes: list) -> bool:
    return any(s.get("ty") in ("tm", "rd") for s in _shapes(shapes))
