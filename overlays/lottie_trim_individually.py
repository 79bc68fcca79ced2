"""Trim Paths set to trim multiple shapes Individually (`m: 2`) rewritten into one Simultaneous trim per shape, by
Skottie's rule, so the player walks the shapes at the pace Skottie does.

Skottie joins the shapes above the trim, in their order, into one path and trims that path as a whole: start and
end (percentages, the smaller first) plus the offset (degrees, 360 a whole turn) select a stretch of the total
length, wrapping around its end. Each shape gets the part of that stretch that falls on it, as its own trim in a
group of its own, measured in its own length: one piece (start, end) or, where the stretch wraps around, two
pieces (start of the shape to a, b to its end) drawn as one stretch with an offset. The player drew the shapes
under one Individually trim ahead of Skottie (on Skia's skottie-trimpath-modes, the star started before
Skottie had finished the ellipse above it). A static trim gives static trims; an animated one is sampled at every
frame between its first and last keyframe (linear keyframes, held across a jump; at most 20000 frames).
Rewritten are trims whose shapes above them, in their own list, are static (paths, unrounded rectangles,
ellipses, polystars without roundness) with no group, paint or other modifier among them; others are drawn by the
player.
"""
from __future__ import annotations

import copy
import math
from typing import Iterator

from .lottie_shape_paths import NotStatic, contour, length

SHAPES = {"sh", "rc", "el", "sr"}
MAX_FRAMES = 20000
LINEAR = {"o": {"x": [0.0], "y": [0.0]}, "i": {"x": [1.0], "y": [1.0]}}


def trim_individually(layers: Iterator[dict]) -> None:
    """Rewrite, in place, each Individually trim over static shapes (see the module docstring)."""
    for layer in layers:
        if isinstance(layer, dict) and layer.get("ty") == 4:
            _rewrite_items(_list(layer.get("shapes")))


def _rewrite_items(items: list) -> None:
    for item in items:
        if isinstance(item, dict) and item.get("ty") == "gr":
            _rewrite_items(_list(item.get("it")))
    for pos, item in enumerate(items):
        if isinstance(item, dict) and item.get("ty") == "tm" and not item.get("hd") and item.get("m") == 2:
            try:
                groups = _per_shape_trims(items[:pos], item)
            except (NotStatic, AttributeError, TypeError, ValueError, KeyError, IndexError, ZeroDivisionError):
                return                                 # not static, or not readable: drawn by the player
            items[:pos + 1] = groups
            return


def _per_shape_trims(above: list, trim: dict) -> list:
    shapes = [s for s in above if isinstance(s, dict) and not s.get("hd")]
    if len(shapes) < 2 or any(s.get("ty") not in SHAPES for s in shapes):
        raise NotStatic
    lengths = [length(*contour(s)) for s in shapes]
    total = sum(lengths)
    if total <= 0:
        raise NotStatic
    spans, at = [], 0.0
    for n in lengths:
        spans.append((at / total, (at + n) / total))
        at += n
    props = [_Scalar(trim.get(key), default) for key, default in (("s", 0.0), ("e", 100.0), ("o", 0.0))]
    times = sorted({t for p in props for t in p.frames()})
    trims = _animated_trims(props, spans, times, trim) if times else _static_trims(props, spans, trim)
    out = []
    for shape, shape_trim in zip(shapes, trims):
        out.append({"ty": "gr", "nm": f"{shape.get('nm', shape.get('ty'))} trimmed", "it": [
            shape, shape_trim,
            {"ty": "tr", "p": {"a": 0, "k": [0, 0]}, "a": {"a": 0, "k": [0, 0]}, "s": {"a": 0, "k": [100, 100]},
             "r": {"a": 0, "k": 0}, "o": {"a": 0, "k": 100}}]})
    return [s for s in above if s not in shapes] + out


def _static_trims(props: list, spans: list, trim: dict) -> list:
    values = [p.at(0.0) for p in props]
    return [_trim_of(trim, {key: {"a": 0, "k": v} for key, v in zip("seo", _local(values, span))})
            for span in spans]


def _animated_trims(props: list, spans: list, times: list, trim: dict) -> list:
    first, last = times[0], times[-1]
    if last - first > MAX_FRAMES:
        raise NotStatic                                # keyframes too far apart to sample every frame
    frames = [first + k for k in range(int(math.floor(last - first)) + 1)]
    if frames[-1] < last:
        frames.append(last)
    out = []
    for span in spans:
        keys = {key: [] for key in "seo"}
        prev_form = None
        for t in frames:
            values = _local([p.at(t) for p in props], span)
            form = values[2] != 0
            for key, v in zip("seo", values):
                if keys[key] and prev_form is not None and form != prev_form:
                    keys[key][-1].pop("o", None), keys[key][-1].pop("i", None)
                    keys[key][-1]["h"] = 1
                keys[key].append(dict(copy.deepcopy(LINEAR), t=t, s=[v]))
            prev_form = form
        out.append(_trim_of(trim, {key: {"a": 1, "k": ks} for key, ks in keys.items()}))
    return out


def _trim_of(trim: dict, props: dict) -> dict:
    return dict({k: v for k, v in trim.items() if k not in ("s", "e", "o", "m")}, m=1, **props)


def _local(values: list, span: tuple) -> list:
    """[start, end, offset] of one shape's trim, from the whole trim's [start, end, offset] and the shape's
    (from, to) fractions of the total length (Skottie's TrimEffectAdapter, then SkTrimPathEffect)."""
    s, e, o = values[0] / 100, values[1] / 100, values[2] / 360
    lo, hi = min(s, e) + o, max(s, e) + o
    if hi - lo >= 1:
        pieces = [(0.0, 1.0)]
    else:
        lo, hi = lo - math.floor(lo), hi - math.floor(hi)
        pieces = [(lo, hi)] if lo <= hi else [(0.0, hi), (lo, 1.0)]
    c0, c1 = span
    local = []
    for a, b in pieces:
        a, b = max(a, c0), min(b, c1)
        if b > a:
            local.append(((a - c0) / (c1 - c0), (b - c0) / (c1 - c0)))
    if not local:
        return [0.0, 0.0, 0.0]
    if len(local) == 1:
        return [local[0][0] * 100, local[0][1] * 100, 0.0]
    (_, a), (b, _) = local                            # the stretch wraps: b to the end, then 0 to a
    return [0.0, (a + 1 - b) * 100, b * 360]


class _Scalar:
    """A 1D Lottie property read at any frame on its keyframes' easing curves."""

    def __init__(self, prop, default: float):
        self.keys, self.value = None, default
        if isinstance(prop, dict):
            k = prop.get("k")
            if isinstance(k, list) and k and isinstance(k[0], dict):
                self.keys = k
            elif k is not None:
                self.value = _first(k, default)

    def frames(self) -> list:
        return [float(k["t"]) for k in self.keys] if self.keys else []

    def at(self, t: float) -> float:
        if not self.keys:
            return self.value
        keys = self.keys
        if t <= keys[0]["t"]:
            return _first(keys[0].get("s"), 0.0)
        for a, b in zip(keys, keys[1:]):
            if t < b["t"]:
                v0 = _first(a.get("s"), 0.0)
                if a.get("h"):
                    return v0
                v1 = _first(a["e"], v0) if "e" in a else _first(b.get("s"), v0)
                x = (t - a["t"]) / (b["t"] - a["t"])
                o, i = a.get("o") or {}, a.get("i") or {}
                ease = [_first(p.get(axis), d) for p, d in ((o, 0.0), (i, 1.0)) for axis in ("x", "y")]
                return v0 + (v1 - v0) * _ease(x, *ease)
        last = keys[-1]
        if "s" in last:
            return _first(last["s"], 0.0)
        return _first(keys[-2].get("e"), _first(keys[-2].get("s"), 0.0)) if len(keys) > 1 else 0.0


def _first(v, default: float) -> float:
    if isinstance(v, list):
        v = v[0] if v else default
    return float(v) if isinstance(v, (int, float)) else default


def _ease(x: float, ox: float, oy: float, ix: float, iy: float) -> float:
    curve = lambda u, p1, p2: 3 * (1 - u) ** 2 * u * p1 + 3 * (1 - u) * u * u * p2 + u ** 3     # noqa: E731
    lo, hi = 0.0, 1.0
    for _ in range(50):                            # x(u) is monotone for control x in [0, 1]
        mid = (lo + hi) / 2
        if curve(mid, ox, ix) < x:
            lo = mid
        else:
            hi = mid
    return curve((lo + hi) / 2, oy, iy)


def _list(value) -> list:
    return value if isinstance(value, list) else []
