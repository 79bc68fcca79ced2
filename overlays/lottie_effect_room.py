"""Room for a blur or shadow past the edge of a precomposition and of the picture, as After Effects leaves it.

After Effects (and Skia's Skottie) clip a precomposition layer's content to its width and height, then blur it:
the blur spreads past that edge and fades the content near it. The player clips the effect itself to the
precomposition's box: content flush with the box edge stays hard, and nothing spreads past it (a 100 px square
filling its precomposition, blurred by 10: 255 at the edge where Skottie has 143). A precomposition layer with a
Gaussian Blur or Drop Shadow is therefore wrapped: a new precomposition, larger by the effect's reach on every side,
takes the layer's transform, effects, opacity, blend mode and matte flags, and holds the original layer (its clip
and masks, which After Effects applies before the effects) untransformed. Its anchor moves by the reach, so
every point lands where it did.

The player also clips everything to the composition, so a blur near the picture's edge reads no content beyond
it and does not fade where the content ends there (lottie-android's PrecompBlur: the blurred logo's sides, 119
levels off). `bleed_reach` says how far such effects reach in composition units, and `with_bleed` is the
animation on a composition grown by that much on every side (each top-level layer hung from a null that shifts
it), which the player draws and crops back to the picture.
"""
from __future__ import annotations

import copy
import math
from typing import Iterator

DROP_SHADOW, GAUSSIAN_BLUR = 25, 29
PRECOMP, NULL = 0, 3
CAMERA = 13
BLUR_REACH = 0.9            # 3 sigma, sigma = 0.3 x Blurriness (Skottie's kBlurSizeToSigma)
ROOM_STEP = 8               # the room in whole steps, so a slightly animated blur keeps one layout
FOREVER = 1e7               # in and out points of a wrapped layer: the wrapper keeps the real ones


def make_room_for_effects(data: dict) -> None:
    """Wrap every precomposition layer with a blur or shadow in a precomposition with room for it."""
    for comp in list(_compositions(data)):
        layers = comp["layers"]
        for pos, layer in enumerate(layers):
            if isinstance(layer, dict) and layer.get("ty") == PRECOMP and layer.get("ddd") != 1 \
                    and isinstance(layer.get("w"), (int, float)) and isinstance(layer.get("h"), (int, float)):
                reach = effect_reach(layer)
                if reach > 0:
                    layers[pos] = _wrapped(data, layer, math.ceil(reach / ROOM_STEP) * ROOM_STEP)


def effect_reach(layer: dict) -> float:
    """How far the layer's enabled blurs and shadows reach past its content, in the layer's own units."""
    reach = 0.0
    for e in layer.get("ef") or []:
        if not isinstance(e, dict) or e.get("en", 1) == 0:
            continue
        params = [p for p in e.get("ef") or [] if isinstance(p, dict)]
        if e.get("ty") == GAUSSIAN_BLUR and params:
            reach += BLUR_REACH * _largest(params[0].get("v"))
        elif e.get("ty") == DROP_SHADOW and len(params) >= 5:
            reach += _largest(params[3].get("v")) + _largest(params[4].get("v"))
    return reach


def _wrapped(data: dict, layer: dict, room: float) -> dict:
    assets = data.setdefault("assets", [])
    asset_id = f"__effect_room{len(assets)}"
    static = lambda v: {"a": 0, "k": v}                     # noqa: E731 - a tiny local constructor
    inner = {k: copy.deepcopy(v) for k, v in layer.items()
             if k not in ("ef", "ks", "parent", "td", "tt", "tp", "bm", "ind", "st", "sr", "tm", "ip", "op", "ao")}
    inner.update({"ind": 1, "st": 0, "sr": 1, "ip": -FOREVER, "op": FOREVER,
                  "ks": {"o": static(100), "r": static(0), "p": static([room, room, 0]), "a": static([0, 0, 0]),
                         "s": static([100, 100, 100])}})
    assets.append({"id": asset_id, "w": layer["w"] + 2 * room, "h": layer["h"] + 2 * room, "layers": [inner]})
    outer = {k: v for k, v in layer.items() if k not in ("masksProperties", "hasMask")}
    outer.update({"refId": asset_id, "w": layer["w"] + 2 * room, "h": layer["h"] + 2 * room})
    outer["ks"] = ks = copy.deepcopy(layer.get("ks") or {})
    ks["a"] = _shifted(ks.get("a"), room)
    return outer


def _shifted(anchor, room: float) -> dict:
    if not isinstance(anchor, dict):
        return {"a": 0, "k": [room, room, 0]}
    k = anchor.get("k")
    if isinstance(k, list) and k and isinstance(k[0], (int, float)):
        anchor["k"] = [k[0] + room, k[1] + room] + list(k[2:]) if len(k) >= 2 else k
        return anchor
    for key in k if isinstance(k, list) else []:
        for side in ("s", "e"):
            v = key.get(side) if isinstance(key, dict) else None
            if isinstance(v, list) and len(v) >= 2:
                key[side] = [v[0] + room, v[1] + room] + list(v[2:])
    return anchor


def bleed_reach(data: dict) -> float:
    """How far past the composition's edge the animation's blurs and shadows read content, in composition units
    (0 with none, or with a camera, whose view the grown composition would move)."""
    scales = _comp_scales(data)
    reach = 0.0
    for comp_id, layers in _layer_lists(data):
        if comp_id is None and any(isinstance(l, dict) and l.get("ty") == CAMERA for l in layers):
            return 0.0
        for layer in layers:
            if isinstance(layer, dict):
                r = effect_reach(layer)
                if r > 0:
                    reach = max(reach, r * _chain_scale(layers, layer) * scales.get(comp_id, 0.0))
    return reach


def with_bleed(data: dict, mx: float, my: float) -> dict:
    """The animation on a composition `mx` wider on the left and right and `my` taller on top and below."""
    out = dict(data)
    layers = [l for l in data.get("layers") or []]
    ind = max((l.get("ind") for l in layers if isinstance(l, dict) and isinstance(l.get("ind"), int)), default=0) + 1
    static = lambda v: {"a": 0, "k": v}                     # noqa: E731 - a tiny local constructor
    shifted = []
    for l in layers:
        if isinstance(l, dict) and l.get("parent") is None:
            l = {**l, "parent": ind}
        shifted.append(l)
    shifted.append({"ddd": 0, "ty": NULL, "ind": ind, "nm": "bleed", "ip": -FOREVER, "op": FOREVER, "st": 0,
                    "sr": 1, "ks": {"o": static(100), "r": static(0), "p": static([mx, my, 0]),
                                    "a": static([0, 0, 0]), "s": static([100, 100, 100])}})
    out["layers"] = shifted
    out["w"], out["h"] = float(data["w"]) + 2 * mx, float(data["h"]) + 2 * my
    return out


def _comp_scales(data: dict) -> dict:
    """The largest scale from each composition's units to the main composition's (None: the main one)."""
    scales = {None: 1.0}
    lists = dict(_layer_lists(data))
    for _ in range(len(lists)):                      # nesting deeper than the number of compositions is a cycle
        changed = False
        for comp_id, layers in lists.items():
            if comp_id not in scales:
                continue
            for layer in layers:
                if isinstance(layer, dict) and layer.get("ty") == PRECOMP and layer.get("refId") in lists:
                    s = scales[comp_id] * _chain_scale(layers, layer)
                    if s > scales.get(layer["refId"], 0.0):
                        scales[layer["refId"]] = s
                        changed = True
        if not changed:
            break
    return scales


def _chain_scale(layers: list, layer: dict) -> float:
    by_index = {l.get("ind"): l for l in layers if isinstance(l, dict)}
    scale, seen, current = 1.0, set(), layer
    while isinstance(current, dict) and id(current) not in seen:
        seen.add(id(current))
        scale *= _largest_scale((current.get("ks") or {}).get("s"))
        current = by_index.get(current.get("parent")) if current.get("parent") is not None else None
    return scale


def _largest_scale(prop) -> float:
    values = [abs(v) for vs in _values(prop) for v in vs[:2] if isinstance(v, (int, float))]
    return max(values) / 100.0 if values else 1.0


def _largest(prop) -> float:
    return max((abs(v) for vs in _values(prop) for v in vs[:1] if isinstance(v, (int, float))), default=0.0)


def _values(prop) -> Iterator[list]:
    if not isinstance(prop, dict):
        return
    k = prop.get("k")
    if isinstance(k, (int, float)):
        yield [k]
    elif isinstance(k, list) and k and isinstance(k[0], (int, float)):
        yield k
    elif isinstance(k, list):
        for key in k:
            for side in ("s", "e"):
                v = key.get(side) if isinstance(key, dict) else None
                if isinstance(v, list):
                    yield v
                elif isinstance(v, (int, float)):
                    yield [v]


def _compositions(data: dict) -> Iterator[dict]:
    yield data
    for asset in list(data.get("assets") or []):
        if isinstance(asset.get("layers"), list):
            yield asset


def _layer_lists(data: dict) -> Iterator[tuple]:
    yield None, data.get("layers") or []
    for asset in data.get("assets") or []:
        if isinstance(asset, dict) and isinstance(asset.get("layers"), list):
            yield asset.get("id"), asset["layers"]
