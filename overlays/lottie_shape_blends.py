"""Blend modes on the shape groups of a shape layer, written out as layers the pass mechanism blends.

The player blends a group's blend mode (`bm` on a `gr` item) by its own formulas: Hard Mix as Normal, and Hue,
Color, Luminosity, Lighten, Soft Light and Difference far from Skottie (bench/lottie_shape_blend_cases.py).
Skia's Skottie wraps the group's draws in a blender (modules/skottie/src/layers/shapelayer/ShapeLayer.cpp: every
draw gets `attachBlendMode`): the group, drawn as a unit (sksg::Group isolates overlapping draws), is blended
onto whatever lies on the canvas under it: the layer's lower groups and every layer below, unless something up
the tree isolates the layer into a layer of its own: its opacity below 100 %, a mask, a track matte, an effect
or a layer style (sksg::RenderContext::requiresIsolation). Without those, a layer whose top-level items are all
groups draws exactly as one layer per group, in the same stacking order, each blended by the group's mode:
Skottie's picture of the split file is the same (bench/lottie_shape_blend_cases.py), and top-level layers with
a blend mode are finished on their pixels (`lottie_passes`).

So such a shape layer of the main composition becomes a null layer (same `ind`, `parent`, transform and times,
so its children follow it as before) with one shape layer per visible top-level group above it, each parented
to the null with a neutral transform, the layer's times, opacity 100 (a layer's opacity is not inherited; only
a constant 100 % is rewritten) and the group's blend mode as its own. A top-level shape transform, which moves
every group, goes with each. A layer where the split would not be exact is left as it is: with masks, mattes
(as source or user), effects, styles, a blend mode of its own, an opacity other than a constant 100 %, 3D or
auto-orient, a top-level paint or modifier (it applies across groups), more than one top-level transform or
one below 100 % (that also draws the groups into one layer). Precompositions are left too: their layers are not
finished on their pixels.
"""
from __future__ import annotations

import copy

SHAPE_LAYER, NULL_LAYER = 4, 3
KEPT_ON_NULL = ("ind", "parent", "ks", "ip", "op", "st", "sr", "ddd", "ao", "nm")
KEPT_ON_PARTS = ("ip", "op", "st", "sr", "nm")     # the layer's name: a refusal names it and finds its line
LAST_MODE = 17                  # Hard Mix; Skottie draws higher modes as Normal (modules/skottie/src/BlendModes.cpp)


def split_blended_groups(data: dict) -> None:
    layers = data.get("layers")
    if not isinstance(layers, list):
        return
    out: list = []
    next_ind = 1 + max((l["ind"] for l in layers if isinstance(l, dict) and isinstance(l.get("ind"), int)),
                       default=0)
    for pos, layer in enumerate(layers):
        below = layers[pos + 1] if pos + 1 < len(layers) else None
        if not _splittable(layer, below, layers):
            out.append(layer)
            continue
        null = {k: copy.deepcopy(layer[k]) for k in KEPT_ON_NULL if k in layer}
        null["ty"] = NULL_LAYER
        if not isinstance(null.get("ind"), int):
            null["ind"], next_ind = next_ind, next_ind + 1
        transforms = [s for s in _visible(layer["shapes"]) if s.get("ty") == "tr"]
        for group in (s for s in _visible(layer["shapes"]) if s.get("ty") == "gr"):
            part = {k: copy.deepcopy(layer[k]) for k in KEPT_ON_PARTS if k in layer}
            shape = copy.deepcopy(group)
            mode = _mode(shape.pop("bm", 0))
            part.update({"ty": SHAPE_LAYER, "ddd": 0, "ind": next_ind, "parent": null["ind"],
                         "ks": _neutral(), "bm": mode, "shapes": [shape, *copy.deepcopy(transforms)]})
            next_ind += 1
            out.append(part)
        out.append(null)
    layers[:] = out


def _splittable(layer, below, layers: list) -> bool:
    if not isinstance(layer, dict) or layer.get("ty") != SHAPE_LAYER or layer.get("hd") is True:
        return False
    shapes = layer.get("shapes")
    if not isinstance(shapes, list) or not shapes:
        return False
    items = _visible(shapes)
    if any(not isinstance(s, dict) or s.get("ty") not in ("gr", "tr") for s in items):
        return False
    transforms = [s for s in items if s["ty"] == "tr"]
    if len(transforms) > 1 or any(not _opaque(s) for s in transforms):
        return False                                 # its opacity would draw the layer's groups into one layer
    groups = [s for s in items if s["ty"] == "gr"]
    if not any(_mode(g.get("bm")) for g in groups):
        return False
    if layer.get("bm", 0) != 0 or layer.get("td") or layer.get("tt") or layer.get("tp") is not None:
        return False
    if layer.get("masksProperties") or layer.get("hasMask") or layer.get("sy"):
        return False
    if any(isinstance(e, dict) and e.get("en", 1) != 0 for e in layer.get("ef") or []):
        return False
    if layer.get("ddd") == 1 or layer.get("ao") == 1 or not _opaque(layer):
        return False
    if isinstance(below, dict) and below.get("tt") and below.get("tp") is None:
        return False                                 # the layer is the matte of the one below it
    ind = layer.get("ind")
    return not any(isinstance(l, dict) and l.get("tp") == ind for l in layers if ind is not None)


def _mode(bm) -> int:
    """A group's blend mode as Skottie reads it: 1..17, anything else Normal (0)."""
    if isinstance(bm, bool) or not isinstance(bm, (int, float)) or not float(bm).is_integer():
        return 0
    return int(bm) if 1 <= bm <= LAST_MODE else 0


def _visible(shapes: list) -> list:
    return [s for s in shapes if not (isinstance(s, dict) and s.get("hd") is True)]


def _opaque(layer: dict) -> bool:
    """The layer's (or a shape transform's) opacity is a constant 100 %."""
    o = (layer.get("ks") or {}).get("o") if layer.get("ty") != "tr" else layer.get("o")
    if o is None:
        return True
    if not isinstance(o, dict) or o.get("a") == 1 or o.get("x"):
        return False
    k = o.get("k", 100)
    if isinstance(k, list):
        k = k[0] if len(k) == 1 else None
    return isinstance(k, (int, float)) and k == 100


def _neutral() -> dict:
    static = lambda v: {"a": 0, "k": v}                     # noqa: E731 - a tiny local constructor
    return {"a": static([0, 0, 0]), "p": static([0, 0, 0]), "s": static([100, 100, 100]), "r": static(0),
            "o": static(100)}
