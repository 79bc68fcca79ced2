"""A track matte whose matte layer has a track matte of its own, put in the form the player draws.

In After Effects (and Skottie) a matte layer can itself be matted: layer L is shown through M, and M through
M2 (the layer above it). The player ignores the inner matte and shows L through all of M. The pair M2, M is the
same picture as a precomposition of the two (M shown through M2), so the pair is moved into a new precomposition
of the composition's size, and a precomposition layer that shows it takes M's place as L's matte (with M's
index, flags and timing untouched inside). Done where it keeps the animation the same: the pair is adjacent and
named by position (no `tp`), M2 has no matte itself, and no other layer is parented to either of them; other
cases stay refused by `lottie_support`.
"""
from __future__ import annotations

import copy
from typing import Iterator


def precompose_matte_chains(data: dict) -> None:
    for comp in _compositions(data):
        layers = comp["layers"]
        pos = 0
        while pos < len(layers):
            if _flattenable(layers, pos):
                _precompose(data, comp, layers, pos)
            pos += 1


def _compositions(data: dict) -> Iterator[dict]:
    yield data
    for asset in list(data.get("assets") or []):
        if isinstance(asset.get("layers"), list):
            yield asset


def _flattenable(layers: list, pos: int) -> bool:
    if pos < 2 or not all(isinstance(l, dict) for l in layers[pos - 2:pos + 1]):
        return False
    shown, matte, outer = layers[pos], layers[pos - 1], layers[pos - 2]
    if not shown.get("tt") or not matte.get("tt") or outer.get("tt") or not outer.get("td"):
        return False
    if any("tp" in l for l in (shown, matte)):
        return False
    moved = {matte.get("ind"), outer.get("ind")} - {None}
    return not any(l.get("parent") in moved for i, l in enumerate(layers)
                   if isinstance(l, dict) and i not in (pos - 1, pos - 2))


def _precompose(data: dict, comp: dict, layers: list, pos: int) -> None:
    outer, matte = layers[pos - 2], layers[pos - 1]
    w, h = comp.get("w", data["w"]), comp.get("h", data["h"])
    assets = data.setdefault("assets", [])
    asset_id = f"__matte_chain{len(assets)}"
    inner = [copy.deepcopy(outer), {k: v for k, v in copy.deepcopy(matte).items() if k != "td"}]
    parents = {l.get("parent") for l in inner} - {None, outer.get("ind"), matte.get("ind")}
    for p in parents:                          # the parents they hang from come along (as nulls: not drawn)
        src = next((l for l in layers if isinstance(l, dict) and l.get("ind") == p), None)
        if src is not None:
            inner.append(_as_null(src))
    assets.append({"id": asset_id, "w": w, "h": h, "layers": inner})
    static = lambda v: {"a": 0, "k": v}                     # noqa: E731 - a tiny local constructor
    layer = {"ddd": 0, "ind": matte.get("ind"), "ty": 0, "nm": matte.get("nm", "matte"), "refId": asset_id,
             "w": w, "h": h, "ip": min(outer.get("ip", 0), matte.get("ip", 0)),
             "op": max(outer.get("op", 0), matte.get("op", 0)), "st": 0, "sr": 1, "bm": 0,
             "ks": {"o": static(100), "r": static(0), "p": static([0, 0, 0]), "a": static([0, 0, 0]),
                    "s": static([100, 100, 100])}}
    if matte.get("td"):
        layer["td"] = 1                        # else M is drawn too, and `lottie_mattes` gives it a hidden copy
    layers[pos - 2:pos] = [layer]


def _as_null(layer: dict) -> dict:
    keep = ("ind", "parent", "ks", "ip", "op", "st", "sr", "nm", "ao")
    return {**{k: copy.deepcopy(v) for k, v in layer.items() if k in keep}, "ty": 3, "ddd": 0}
