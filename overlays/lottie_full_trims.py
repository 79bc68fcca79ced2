"""Trim Paths that keep the whole path, whatever their offset, left out.

Skottie (TrimPaths.cpp) draws a trim whose start and end, clamped to 0-100 %, lie a whole path apart as no trim
at all: the offset only turns where a full stretch begins, and lottie-web cuts the path there into pieces that
cover all of it. The player instead carries such a trim's offset onto a trim nested under it and moves that one's
stretch along the path (lottie-ios's issue_1979: a check mark under a 0-100 % trim at -45°, drawn an eighth of its
length short of its end). Left out are trims whose start and end are each one value throughout (static, or every
keyframe alike); the offset may be anything, animated too.
"""
from __future__ import annotations

from typing import Iterator, Optional

from .lottie_file import animated_values


def drop_full_trims(layers: Iterator[dict]) -> None:
    """Remove, in place, every Trim Paths that keeps its whole path (see the module docstring)."""
    for layer in layers:
        if isinstance(layer, dict) and layer.get("ty") == 4:
            _drop(layer.get("shapes"))


def _drop(items) -> None:
    if not isinstance(items, list):
        return
    for item in items:
        if isinstance(item, dict) and item.get("ty") == "gr":
            _drop(item.get("it"))
    items[:] = [item for item in items if not (isinstance(item, dict) and item.get("ty") == "tm" and _full(item))]


def _full(trim: dict) -> bool:
    start, end = _constant(trim.get("s"), 0.0), _constant(trim.get("e"), 100.0)
    if start is None or end is None:
        return False
    start, end = (min(max(v, 0.0), 100.0) for v in (start, end))
    return abs(end - start) >= 100.0


def _constant(prop, default: float) -> Optional[float]:
    if prop is None:
        return default
    if isinstance(prop, dict) and isinstance(prop.get("k"), (int, float)):
        return float(prop["k"])
    values = {float(vs[0]) for vs in animated_values(prop) if vs and isinstance(vs[0], (int, float))}
    return values.pop() if len(values) == 1 else None
