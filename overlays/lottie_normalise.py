"""Rewrites of a Lottie's JSON, at load, into the form the player draws as After Effects would.

Each rewrite keeps what the animation shows and only changes how it is said:
- colours of Bodymovin 4.0-era files, stored as 0-255 rather than 0-1, are scaled to 0-1 (the player would wrap
  them around: 255 read as 255.0 of 1.0);
- an enabled Fill effect ("ADBE Fill", `ef` type 21) on a layer is applied to the layer's own paint: every fill,
  stroke, gradient, solid and text colour of the layer (and of its precomposition) becomes the effect's colour
  (the player ignores the effect and draws the original colours);
- masks are put in an order and form whose result the player computes correctly (see `lottie_masks`).
"""
from __future__ import annotations

import copy
from typing import Iterator

FILL_EFFECT = 21


def normalise(data: dict) -> None:
    """Rewrite `data` in place (see the module docstring)."""
    _colours_0_255(data)
    _fill_effects(data)


def _colour_props(shapes: list) -> Iterator[dict]:
    for s in shapes or []:
        if not isinstance(s, dict):
            continue
        if s.get("ty") in ("fl", "st") and isinstance(s.get("c"), dict):
            yield s["c"]
        if s.get("ty") == "gr":
            yield from _colour_props(s.get("it"))


def _layers(data: dict) -> Iterator[dict]:
    yield from data.get("layers") or []
    for asset in data.get("assets") or []:
        yield from asset.get("layers") or []


def _values(prop: dict) -> Iterator[list]:
    k = prop.get("k")
    if isinstance(k, list) and k and isinstance(k[0], (int, float)):
        yield k
    elif isinstance(k, list):
        for key in k:
            if isinstance(key, dict):
                for side in ("s", "e"):
                    if isinstance(key.get(side), list):
                        yield key[side]


def _colours_0_255(data: dict) -> None:
    """A colour property with any channel above 1 is in 0-255 (Bodymovin 4.0): scale it to 0-1."""
    for layer in _layers(data):
        for prop in _colour_props(layer.get("shapes")):
            values = list(_values(prop))
            if any(isinstance(v, (int, float)) and v > 1 for vs in values for v in vs[:3]):
                for vs in values:
                    vs[:] = [v / 255 if isinstance(v, (int, float)) else v for v in vs]


def _effect_param(effect: dict, index: int) -> dict | None:
    params = effect.get("ef") or []
    for p in params:
        if isinstance(p, dict) and p.get("mn", "").endswith(f"-{index:04d}"):
            return p.get("v")
    return None


def _fill_effects(data: dict) -> None:
    assets = {a.get("id"): a for a in data.get("assets") or [] if "layers" in a}
    copies = 0
    for layer in list(_layers(data)):
        fills = [e for e in layer.get("ef") or [] if isinstance(e, dict) and e.get("ty") == FILL_EFFECT
                 and e.get("en", 1) != 0]
        if not fills:
            continue
        colour = _effect_param(fills[-1], 2)           # ADBE Fill-0002: Color
        if not isinstance(colour, dict):
            continue
        layer["ef"] = [e for e in layer["ef"] if e not in fills]
        if layer.get("ty") == 0 and layer.get("refId") in assets:   # a precomposition: recolour a copy of it
            copies += 1
            asset = copy.deepcopy(assets[layer["refId"]])
            asset["id"] = f"{asset['id']}__fill{copies}"
            data["assets"].append(asset)
            layer["refId"] = asset["id"]
            for inner in asset["layers"]:
                _recolour(inner, colour, assets, data)
        else:
            _recolour(layer, colour, assets, data)


def _recolour(layer: dict, colour: dict, assets: dict, data: dict) -> None:
    layer.pop("ef", None)
    if layer.get("ty") == 1:
        layer["sc"] = _hex(colour)
    for shapes in (layer.get("shapes"),):
        _recolour_shapes(shapes, colour)
    if layer.get("ty") == 0 and layer.get("refId") in assets:
        asset = copy.deepcopy(assets[layer["refId"]])
        asset["id"] = f"{asset['id']}__fill{len(data['assets'])}"
        data["assets"].append(asset)
        layer["refId"] = asset["id"]
        for inner in asset["layers"]:
            _recolour(inner, colour, assets, data)


def _recolour_shapes(shapes: list, colour: dict) -> None:
    for i, s in enumerate(shapes or []):
        if not isinstance(s, dict):
            continue
        if s.get("ty") in ("fl", "st"):
            s["c"] = copy.deepcopy(colour)
        elif s.get("ty") in ("gf", "gs"):              # a gradient paints one colour under a Fill effect
            s["ty"] = "fl" if s["ty"] == "gf" else "st"
            s["c"] = copy.deepcopy(colour)
        elif s.get("ty") == "gr":
            _recolour_shapes(s.get("it"), colour)


def _hex(colour: dict) -> str:
    k = colour.get("k")
    if not (isinstance(k, list) and k and isinstance(k[0], (int, float))):
        k = (k[0].get("s") if isinstance(k, list) and k and isinstance(k[0], dict) else None) or [0, 0, 0]
    return "#" + "".join(f"{round(max(0.0, min(1.0, float(c))) * 255):02x}" for c in k[:3])
