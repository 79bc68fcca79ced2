"""A shape or text layer's Drop Shadow and Gaussian Blur measured in the composition's pixels, as After Effects
measures them.

After Effects applies the effects of a shape or text layer after the layer's transform (its content is rasterised
continuously at the final size), those of a precomposition, solid or image layer before it; Skottie follows the
same split (`kTransformEffects` in its Layer.cpp). So a Drop Shadow of distance 40 on a shape layer scaled 226 %
falls 40 px from the shape, not 90. The player applies every effect in the layer's own space, scaled with it
(lottie-android's ShadowPosition2: the shadow 90 px away, 255 levels off), and so a blur's size too (a square on a
layer scaled 250 % blurred by 20 was drawn with a blur 2.5 times wider than Skottie's: mean 13.3, p99 105 levels
off; bench/lottie_blur_cases.py).

The layer is moved, effects removed, into a new precomposition of its composition's size (with the layers it
hangs from, as nulls), and a precomposition layer with no transform that carries the effects, the opacity, the
blend mode and the matte flags takes its place: the player then applies the shadow in composition pixels. Layers
parented to the moved layer, or mattes named by `tp`, keep working: a null with the layer's index and transform
stays behind for children, and the precomposition layer gets a fresh index that `tp` references follow.
"""
from __future__ import annotations

import copy
from typing import Iterator

DROP_SHADOW, GAUSSIAN_BLUR = 25, 29
MEASURED_EFFECTS = (DROP_SHADOW, GAUSSIAN_BLUR)       # effects with a size or distance in pixels
AFTER_TRANSFORM = (4, 5)                       # shape and text layers: effects after the transform
MOVED_FLAGS = ("td", "tt", "tp", "hd", "bm", "ef", "ip", "op")


def shadows_in_comp_space(data: dict) -> None:
    for comp in list(_compositions(data)):
        layers = comp["layers"]
        for pos in range(len(layers)):
            layer = layers[pos]
            if isinstance(layer, dict) and layer.get("ty") in AFTER_TRANSFORM and _has_measured_effect(layer) \
                    and layer.get("ddd") != 1:
                _precompose(data, comp, layers, pos)


def _compositions(data: dict) -> Iterator[dict]:
    yield data
    for asset in list(data.get("assets") or []):
        if isinstance(asset.get("layers"), list):
            yield asset


def _has_measured_effect(layer: dict) -> bool:
    return any(isinstance(e, dict) and e.get("ty") in MEASURED_EFFECTS and e.get("en", 1) != 0
               for e in layer.get("ef") or [])


def _precompose(data: dict, comp: dict, layers: list, pos: int) -> None:
    layer = layers[pos]
    w, h = comp.get("w", data["w"]), comp.get("h", data["h"])
    assets = data.setdefault("assets", [])
    asset_id = f"__effect_space{len(assets)}"
    inner = {k: copy.deepcopy(v) for k, v in layer.items() if k not in ("ef", "td", "tt", "tp", "hd", "bm")}
    ks = inner.setdefault("ks", {})
    opacity = ks.get("o")
    ks["o"] = {"a": 0, "k": 100}
    moved = [inner] + [_as_null(p) for p in _parent_chain(layers, layer)]
    assets.append({"id": asset_id, "w": w, "h": h, "layers": moved})
    static = lambda v: {"a": 0, "k": v}                     # noqa: E731 - a tiny local constructor
    wrapper = {"ddd": 0, "ty": 0, "nm": layer.get("nm", "layer"), "refId": asset_id, "w": w, "h": h, "st": 0,
               "sr": 1, "ks": {"o": opacity if opacity is not None else static(100), "r": static(0),
                               "p": static([0, 0, 0]), "a": static([0, 0, 0]), "s": static([100, 100, 100])}}
    wrapper.update({k: copy.deepcopy(layer[k]) for k in MOVED_FLAGS if k in layer})
    wrapper["ind"] = _keep_index(layers, layer, wrapper)
    layers[pos] = wrapper


def _keep_index(layers: list, layer: dict, wrapper: dict):
    """The wrapper's index: the layer's own, unless children hang from it (they keep a null of that index)."""
    ind = layer.get("ind")
    if ind is None or not any(isinstance(l, dict) and l.get("parent") == ind for l in layers):
        return ind
    layers.append(_as_null(layer))
    fresh = max((l.get("ind") for l in layers if isinstance(l, dict) and isinstance(l.get("ind"), int)),
                default=0) + 1
    for l in layers:
        if isinstance(l, dict) and l.get("tp") == ind:
            l["tp"] = fresh
    return fresh


def _parent_chain(layers: list, layer: dict) -> list[dict]:
    by_index = {l.get("ind"): l for l in layers if isinstance(l, dict)}
    chain, seen = [], set()
    parent = layer.get("parent")
    while parent in by_index and parent not in seen:
        seen.add(parent)
        chain.append(by_index[parent])
        parent = by_index[parent].get("parent")
    return chain


def _as_null(layer: dict) -> dict:
    keep = ("ind", "parent", "ks", "ip", "op", "st", "sr", "nm", "ao")
    return {**{k: copy.deepcopy(v) for k, v in layer.items() if k in keep}, "ty": 3, "ddd": 0}
