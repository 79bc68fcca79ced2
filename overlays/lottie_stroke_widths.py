"""Stroke widths kept exact however large the shapes are drawn.

The player keeps half a stroke's width in the shape's own units as a fixed-point number with 1/64 steps,
rounded down, and scales it afterwards: a width of 0.8 units becomes 0.78125, and on a layer scaled 1820 % the
stroke is 14.2 px wide instead of 14.6 (lottie-android's file_error: two rings drawn 0.17 px thin on each edge,
62 levels off). Icons exported with tiny geometry and a large scale are common, and a `lottie:` layer drawn
larger than the file's own size scales it further.

So a shape layer with a stroke width that is not a whole number of 1/32 units (or an animated one) has its
shapes put in one group scaled down by 64, with every length inside scaled up by 64: positions, sizes, radii,
path points, stroke widths and dashes, gradient points, repeater and group offsets, corner radii, offset and
zig-zag amounts. The picture is the same; the rounding falls 64 times finer. A layer holding a shape kind not
known here is left alone.
"""
from __future__ import annotations

from typing import Iterator

from .lottie_file import animated_values

K = 64                                          # a power of two: the scaled numbers stay exact
LENGTHS = {                                     # shape type -> its properties that are lengths or points
    "sh": (), "rc": ("s", "p", "r"), "el": ("s", "p"), "sr": ("p", "ir", "or"), "st": ("w",),
    "gs": ("w", "s", "e"), "fl": (), "gf": ("s", "e"), "gr": (), "tr": ("p", "a"), "rp": (), "rd": ("r",),
    "op": ("a",), "zz": ("s",), "tw": ("c",), "pb": (), "mm": (), "tm": (),
}


def exact_stroke_widths(layers: Iterator[dict]) -> None:
    for layer in layers:
        shapes = layer.get("shapes")
        if layer.get("ty") != 4 or not isinstance(shapes, list) or not _needs_it(shapes) \
                or not all(_known(s) for s in _all(shapes)):
            continue
        for s in _all(shapes):
            _scale_shape(s)
        static = lambda v: {"a": 0, "k": v}                 # noqa: E731 - a tiny local constructor
        layer["shapes"] = [{"ty": "gr", "nm": "exact strokes", "it": shapes + [
            {"ty": "tr", "p": static([0, 0]), "a": static([0, 0]), "s": static([100 / K, 100 / K]), "r": static(0),
             "o": static(100), "sk": static(0), "sa": static(0)}]}]


def _all(shapes: list) -> Iterator[dict]:
    for s in shapes or []:
        if isinstance(s, dict):
            yield s
            if s.get("ty") == "gr":
                yield from _all(s.get("it"))
            if s.get("ty") == "rp" and isinstance(s.get("tr"), dict):
                yield {**s["tr"], "ty": "tr", "__view_of": s["tr"]}


def _known(shape: dict) -> bool:
    return shape.get("ty") in LENGTHS


def _needs_it(shapes: list) -> bool:
    for s in _all(shapes):
        if s.get("ty") in ("st", "gs") and isinstance(s.get("w"), dict):
            w = s["w"]
            if w.get("a") == 1:
                return True
            if any(isinstance(v, (int, float)) and (v * 32) % 1 for vs in _values(w) for v in vs):
                return True
    return False


def _values(prop: dict) -> Iterator[list]:
    k = prop.get("k")
    if isinstance(k, (int, float)):
        yield [k]
    else:
        yield from animated_values(prop)


def _scale_shape(shape: dict) -> None:
    target = shape.get("__view_of", shape)
    for key in LENGTHS[shape["ty"]]:
        _scale_prop(target.get(key))
    if shape["ty"] == "sh":
        _scale_path(shape.get("ks"))
    if shape["ty"] in ("st", "gs"):
        for dash in shape.get("d") or []:
            if isinstance(dash, dict):
                _scale_prop(dash.get("v"))


def _scale_prop(prop) -> None:
    if not isinstance(prop, dict):
        return
    k = prop.get("k")
    if isinstance(k, (int, float)):
        prop["k"] = k * K
        return
    for vs in animated_values(prop):
        vs[:] = [v * K if isinstance(v, (int, float)) else v for v in vs]
    if isinstance(k, list):
        for key in k:
            if isinstance(key, dict):
                for tangent in ("ti", "to"):
                    if isinstance(key.get(tangent), list):
                        key[tangent] = [v * K if isinstance(v, (int, float)) else v for v in key[tangent]]


def _scale_path(prop) -> None:
    if not isinstance(prop, dict):
        return
    k = prop.get("k")
    paths = [k] if isinstance(k, dict) else []
    if isinstance(k, list):
        for key in k:
            if isinstance(key, dict) and "v" in key:
                paths.append(key)
            elif isinstance(key, dict):
                for side in ("s", "e"):                 # a list of one path, or (hand-written files) the path
                    value = key.get(side)
                    paths.extend(p for p in (value if isinstance(value, list) else [value]) if isinstance(p, dict))
    for path in paths:
        for part in ("v", "i", "o"):
            if isinstance(path.get(part), list):
                path[part] = [[c * K if isinstance(c, (int, float)) else c for c in pt] if isinstance(pt, list)
                              else pt for pt in path[part]]
