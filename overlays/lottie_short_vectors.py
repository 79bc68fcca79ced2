"""Transform vectors written with fewer than two numbers, read as Skottie reads them.

A layer's or shape group's anchor, position and scale are 2D values. A file may hold one as a single number in a
list (lottie-ios's pr_1599.json: an anchor of `[9.688]`). Skottie cannot read such a value as a 2D point, drops
the property and draws the layer with its default (anchor and position at 0, 0; scale 100 %); the player reads
the missing component as garbage and draws nothing. The property is written as that default. A keyframed value
with any such keyframe is dropped as a whole, as Skottie drops the whole animation.
"""
from __future__ import annotations

from typing import Iterator

DEFAULTS = {"a": [0, 0], "p": [0, 0], "s": [100, 100]}


def default_short_vectors(layers: Iterator[dict]) -> None:
    """Rewrite, in place, every short 2D transform value of the layers (and their shape groups)."""
    for layer in layers:
        if not isinstance(layer, dict):
            continue
        _fix_transform(layer.get("ks"))
        _fix_shapes(layer.get("shapes"))


def _fix_shapes(shapes) -> None:
    for shape in shapes if isinstance(shapes, list) else []:
        if not isinstance(shape, dict):
            continue
        if shape.get("ty") == "tr":
            _fix_transform(shape)
        elif shape.get("ty") == "gr":
            _fix_shapes(shape.get("it"))


def _fix_transform(transform) -> None:
    if not isinstance(transform, dict):
        return
    for key, default in DEFAULTS.items():
        prop = transform.get(key)
        if isinstance(prop, dict) and not prop.get("s") and _is_short(prop.get("k")):
            transform[key] = {"a": 0, "k": list(default)}


def _is_short(k) -> bool:
    """A value list of fewer than two numbers, static or as any keyframe's start or end value."""
    if isinstance(k, list) and (not k or isinstance(k[0], (int, float))):
        return len(k) < 2
    if isinstance(k, list):
        return any(isinstance(key, dict) and isinstance(key.get(side), list) and len(key[side]) < 2
                   for key in k for side in ("s", "e"))
    return False
