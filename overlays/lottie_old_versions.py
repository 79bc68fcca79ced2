"""Bodymovin 3.x and early 4.x files put in the form of later exports, as lottie-web reads them.

lottie-web (player/js/utils/DataManager.js) plays files from Bodymovin 3 on by upgrading, at load, what older
exporters wrote differently; every other key is the same. The same steps here, by the file's version `v`:
- before 4.1.9: fill and stroke colours are 0-255, divided by 255 (a near-black 7, 6, 6 would otherwise be read as
  white: Skia's Skottie does not upgrade, and draws lottie-android's dalek_converted.json white);
- before 4.4.14: a text layer's document (`t.d`) is one document, not keyframes: it becomes one keyframe at 0;
- before 4.4.18: a path's closed flag sits on the path item (`closed`) or the mask (`cl`), not in the path's
  value (`c`): it is copied into every value;
- the animated flag `a`, which such files leave out, is set from the value's form (keyframes or not), as the
  rewrites that follow read it.
Glyph outlines (`chars`) are left as they are: lottie-web converts those of files from 4.7.99 on to absolute
tangents for its own drawing and reads older ones as already so, but lottie-android's toggle.json (4.5.3, with
`chars`) is drawn as Skottie draws it without any change, so they are not touched.
"""
from __future__ import annotations

import re
from typing import Iterator, Optional

COLOURS_0_255_BEFORE = (4, 1, 9)
TEXT_DOCUMENT_BEFORE = (4, 4, 14)
CLOSED_FLAG_BEFORE = (4, 4, 18)
OLDEST_MAJOR = 3


def version_of(data: dict) -> Optional[tuple[int, int, int]]:
    m = re.match(r"^(\d+)(?:\.(\d+))?(?:\.(\d+))?", str(data.get("v", "")))
    return tuple(int(g or 0) for g in m.groups()) if m else None


def upgrade_old_versions(data: dict) -> None:
    v = version_of(data)
    if v is None or v >= CLOSED_FLAG_BEFORE:
        return
    layers = list(_layers(data))
    for layer in layers:
        if v < COLOURS_0_255_BEFORE and layer.get("ty") == 4:
            _colours_from_255(layer.get("shapes") or [])
        if v < TEXT_DOCUMENT_BEFORE and layer.get("ty") == 5:
            _text_document_as_keyframe(layer)
        _closed_flags(layer)
    _animated_flags(data)


def _layers(data: dict) -> Iterator[dict]:
    for layer in data.get("layers") or []:
        if isinstance(layer, dict):
            yield layer
    for asset in data.get("assets") or []:
        for layer in (asset.get("layers") or []) if isinstance(asset, dict) else []:
            if isinstance(layer, dict):
                yield layer


def _shapes(items: list) -> Iterator[dict]:
    for s in items or []:
        if isinstance(s, dict):
            yield s
            if s.get("ty") == "gr":
                yield from _shapes(s.get("it"))


def _values(prop) -> Iterator:
    """The values of a property: its static `k`, or each keyframe's `s` and `e`."""
    if not isinstance(prop, dict):
        return
    k = prop.get("k")
    if isinstance(k, list) and k and isinstance(k[0], dict) and "t" in k[0]:
        for key in k:
            for side in ("s", "e"):
                if isinstance(key, dict) and side in key:
                    yield key, side
    elif k is not None:
        yield prop, "k"


def _colours_from_255(shapes: list) -> None:
    for s in _shapes(shapes):
        if s.get("ty") in ("fl", "st"):
            for holder, key in _values(s.get("c")):
                value = holder[key]
                if isinstance(value, list):
                    holder[key] = [c / 255.0 if isinstance(c, (int, float)) else c for c in value]


def _text_document_as_keyframe(layer: dict) -> None:
    text = layer.get("t")
    if isinstance(text, dict) and isinstance(text.get("d"), dict) and "k" not in text["d"]:
        text["d"] = {"k": [{"s": text["d"], "t": 0}]}


def _closed_flags(layer: dict) -> None:
    for mask in layer.get("masksProperties") or []:
        if isinstance(mask, dict) and "cl" in mask:
            _set_closed(mask.get("pt"), bool(mask["cl"]))
    for s in _shapes(layer.get("shapes") or []):
        if s.get("ty") == "sh" and "closed" in s:
            _set_closed(s.get("ks"), bool(s["closed"]))


def _set_closed(prop, closed: bool) -> None:
    for holder, key in _values(prop):
        value = holder[key]
        for path in value if isinstance(value, list) else [value]:
            if isinstance(path, dict) and "v" in path:
                path["c"] = closed


def _animated_flags(node) -> None:
    """`a` on every property that lacks it: 1 for keyframes, 0 for a static value."""
    if isinstance(node, dict):
        k = node.get("k")
        holder = isinstance(k, dict) and "k" in k            # a gradient's `g`: the property is inside
        if "k" in node and "a" not in node and not holder and not isinstance(node.get("ty"), str):
            keyed = isinstance(k, list) and bool(k) and isinstance(k[0], dict) and "t" in k[0]
            node["a"] = 1 if keyed else 0
        for value in node.values():
            _animated_flags(value)
    elif isinstance(node, list):
        for value in node:
            _animated_flags(value)
