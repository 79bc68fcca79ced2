"""Repeaters written out as the copies they draw, so the player never sees `ty: rp`.

A repeater draws `c` copies of everything above it in its group. Copy `i` (Skottie's RepeaterRenderNode, as
After Effects draws it) is placed by translate(t·position + anchor) · rotate(t·rotation) · scale(scale^t) ·
translate(-anchor), with t = offset + i: exactly a group transform with position t·p + a, anchor a, rotation
t·r and scale 100·(s/100)^t. Its opacity is start + (end - start)·i/c (c, not c - 1: After Effects' own
spacing), applied to the copy as a whole. Composite "below" (`m: 1`) puts copy 0 on top, "above" the last copy.

The player draws repeaters otherwise: each path's copies all together (so the copies of a star and of a circle
above it do not interleave as copies), opacity spaced by (i + 1)/c, scale applied before rotation, and, under
two repeaters in one group, the first one's copies painted once more before the second repeats them. Written
out as groups, copies draw as groups do. Bare paths above a repeater are copied too, so the paints below it
fill every copy (After Effects' rule; lottie-web, lottie-android and rlottie draw them so).

Animated repeaters: a copy count already turned into hold keyframes of whole numbers (`lottie_repeaters`) gives
as many copies as its largest value, each shown (opacity held at 0 otherwise) while the count exceeds its index;
animated offsets, transforms and opacities become the copies' keyframes, exact where one input is animated and
the copy's value is linear in it, sampled at every frame otherwise (`lottie_keyframes`). A repeater whose copies
would be too many to write out, or whose values cannot be read, is left to the player.
"""
from __future__ import annotations

import copy
import json
import math
from typing import Iterator, Optional

import numpy as np

from .lottie_keyframes import Prop, as_property

MAX_COUNT = 1024                 # Skottie's own limit on a repeater's copies
MAX_WRITTEN = 4_000_000          # characters of JSON the copies of one repeater may take
COPY = "x-repeater-copy"         # marks a group written out for a repeater copy
PAINTS = ("fl", "st", "gf", "gs")


def expand_repeaters(layers: Iterator[dict]) -> None:
    for layer in layers:
        if isinstance(layer, dict) and isinstance(layer.get("shapes"), list):
            _expand(layer["shapes"])


def _expand(items: list) -> None:
    for s in items:
        if isinstance(s, dict) and s.get("ty") == "gr" and isinstance(s.get("it"), list):
            _expand(s["it"])                           # inner repeaters first: their copies are then copied
    left = set()
    while True:
        at = next((i for i, s in enumerate(items) if isinstance(s, dict) and s.get("ty") == "rp"
                   and id(s) not in left), None)
        if at is None:
            return
        rp = items[at]
        if rp.get("hd") is True:
            del items[at]                              # a hidden repeater repeats nothing
            continue
        copies = _copies(rp, items[:at])
        if copies is None:
            left.add(id(rp))
            continue
        items[:at + 1] = copies


def _copies(rp: dict, above: list) -> Optional[list]:
    tr = rp.get("tr") if isinstance(rp.get("tr"), dict) else {}
    try:
        count, offset = Prop(rp.get("c"), 0), Prop(rp.get("o"), 0)
        anchor, position = Prop(tr.get("a"), [0, 0]), Prop(tr.get("p"), [0, 0])
        scale, rotation = Prop(tr.get("s"), [100, 100]), Prop(tr.get("r"), 0)
        start, end = Prop(tr.get("so"), 100), Prop(tr.get("eo"), 100)
    except ValueError:
        return None
    if not count.static and any(not k.get("h") for k in count.keys[:-1]):
        return None                                    # a count not in whole-number holds
    counts = [count.at(0.0)] if count.static else [count.at(t) for t in count.times()]
    most = max(_whole(float(c[0])) for c in counts)
    if most * len(json.dumps(above)) > MAX_WRITTEN:
        return None
    if any(len(p.at(t)) < 2 for p in (anchor, position, scale) for t in ([0.0] + p.times())):
        return None

    def opacity(i: int, t: float) -> list:
        c = _whole(float(count.at(t)[0]))
        if i >= c:
            return [0.0]
        lo, hi = (min(max(float(p.at(t)[0]) / 100, 0.0), 1.0) for p in (start, end))
        return [100 * max(lo + ((hi - lo) / c if c > 1 else 0.0) * i, 0.0)]

    copies = []
    for i in range(most):
        step = lambda t, i=i: float(offset.at(t)[0]) + i                      # noqa: E731
        group_scale = lambda t, step=step: 100 * np.power(scale.at(t)[:2] / 100, step(t))  # noqa: E731
        if not all(np.all(np.isfinite(group_scale(t))) for t in [0.0] + scale.times() + offset.times()):
            return None                                # a negative scale to a fractional power
        transform = {
            "ty": "tr",
            "p": as_property(lambda t, step=step: step(t) * position.at(t)[:2] + anchor.at(t)[:2],
                             [offset, position, anchor]),
            "a": as_property(lambda t: anchor.at(t)[:2], [anchor]),
            "s": as_property(group_scale, [offset, scale]),
            "r": as_property(lambda t, step=step: [step(t) * float(rotation.at(t)[0])], [offset, rotation]),
            "o": as_property(lambda t, i=i: opacity(i, t), [start, end, count]),
            "sk": {"a": 0, "k": 0}, "sa": {"a": 0, "k": 0}, "nm": "Transform"}
        copies.append({"ty": "gr", "nm": f"{rp.get('nm', 'Repeater')} copy {i + 1}", "np": len(above),
                       "it": copy.deepcopy(above) + [transform], COPY: 1})
    return copies if rp.get("m", 1) == 1 else copies[::-1]


def _whole(c: float) -> int:
    """Skottie's count: pinned to 0..1024 and rounded, halves up (`lottie_repeaters` rounded it already)."""
    return int(math.floor(min(max(c, 0.0), MAX_COUNT) + 0.5))


def isolate_faded_copies(layer_lists: Iterator[list]) -> None:
    """Copies at the top of a shape layer that fade and hold more than one paint become layers of their own.

    Skottie draws each copy as a whole at its opacity (a star over its circle stays opaque within the copy);
    the player applies a group's opacity to each paint inside it (the circle shows through the faded star). A
    layer's opacity applies to the layer as a whole, so such copies are split into one shape layer per copy
    (same transform, parent and timing; the first keeps the layer's index), the copy's opacity times the
    layer's as the layer's opacity. Only where nothing else acts on the layer as a whole: no masks, mattes,
    effects, styles, blend mode or animated layer opacity, and nothing but groups below the copies."""
    for layers in layer_lists:
        at = 0
        while at < len(layers):
            split = _split(layers[at], layers)
            if split:
                layers[at:at + 1] = split
                at += len(split)
            else:
                at += 1


def _split(layer, layers: list) -> Optional[list]:
    if not isinstance(layer, dict) or layer.get("ty") != 4 or not isinstance(layer.get("shapes"), list):
        return None
    shapes = layer["shapes"]
    copies = [s for s in shapes if isinstance(s, dict) and s.get(COPY)]
    if not copies or any(not (isinstance(s, dict) and s.get(COPY)) for s in shapes[:len(copies)]):
        return None
    rest = shapes[len(copies):]
    if any(not isinstance(s, dict) or s.get("ty") != "gr" or s.get(COPY) for s in rest):
        return None
    if layer.get("tt") or layer.get("td") or layer.get("masksProperties") or layer.get("bm", 0) != 0 \
            or any(isinstance(e, dict) and e.get("en", 1) != 0 for e in (layer.get("ef") or []) + (layer.get("sy") or [])):
        return None
    ks = layer.get("ks") or {}
    layer_opacity = Prop(ks.get("o"), 100) if isinstance(ks.get("o"), (dict, type(None))) else None
    if layer_opacity is None or not layer_opacity.static:
        return None
    if not any(_fades(c) and _paints(c["it"]) > 1 for c in copies):
        return None
    scale = float(layer_opacity.at(0.0)[0]) / 100
    inds = [l.get("ind") for l in layers if isinstance(l, dict) and isinstance(l.get("ind"), (int, float))]
    next_ind = int(max(inds, default=0)) + 1
    out = []
    for n, group in enumerate(copies + ([{"rest": rest}] if rest else [])):
        new = copy.deepcopy({k: v for k, v in layer.items() if k != "shapes"})
        new["ks"] = new.get("ks") or {}
        if "rest" in group:
            new["shapes"] = group["rest"]
        else:
            transform = group["it"][-1]                 # the layer is replaced: its groups can be moved
            opacity = transform.get("o") or {"a": 0, "k": 100}
            transform["o"] = {"a": 0, "k": 100}
            new["ks"]["o"] = _scaled(opacity, scale)
            new["shapes"] = [group]
        if n > 0:
            new["ind"], next_ind = next_ind, next_ind + 1
            new["nm"] = f"{layer.get('nm', 'layer')} {n + 1}"
        out.append(new)
    return out


def _fades(group: dict) -> bool:
    o = group["it"][-1].get("o") if group.get("it") else None
    prop = Prop(o, 100)
    return not prop.static or float(prop.at(0.0)[0]) < 100


def _paints(items: list) -> int:
    n = 0
    for s in items or []:
        if isinstance(s, dict):
            n += s.get("ty") in PAINTS
            if s.get("ty") == "gr":
                n += _paints(s.get("it"))
    return n


def _scaled(prop: dict, factor: float) -> dict:
    out = copy.deepcopy(prop)
    k = out.get("k")
    if isinstance(k, list) and k and isinstance(k[0], dict):
        for key in k:
            if isinstance(key.get("s"), list):
                key["s"] = [v * factor for v in key["s"]]
    elif isinstance(k, list):
        out["k"] = [v * factor for v in k]
    elif isinstance(k, (int, float)):
        out["k"] = k * factor
    return out
