"""Solids with a Gradient Ramp effect, rewritten into the gradient-filled rectangle Skottie draws.

After Effects' Gradient Ramp ("ADBE Ramp") paints a ramp over the layer's pixels. Skottie (Skia's
effects/GradientEffect.cpp) reads its parameters by position (0 Start of Ramp, 1 Start Color, 2 End of Ramp, 3 End
Color, 4 Ramp Shape, 5 Ramp Scatter, 6 Blend With Original) and shades the layer's coverage with a gradient in
layer coordinates: linear from start to end when the shape rounds to 1, otherwise radial, centred on the start,
reaching the end; Ramp Scatter and Blend With Original are left out (drawn as 0). The player ignores the effect.

On a solid layer (`ty` 1) whose first enabled effect is the ramp, the coverage is the `sw` x `sh` rectangle, so
the layer becomes a shape layer with that rectangle filled by the equivalent gradient fill; everything else of
the layer (transform, parent, timing, masks, mattes, the effects after the ramp) is kept. A radial ramp's end is
put level with its centre (see `_radius_end`). Animated points of a linear ramp are copied as they are (the
player interpolates them as Skottie does); animated colours become animated gradient stops when both colours
share their keyframe times and easings, or one of them is static. A ramp with an animated shape, a radial ramp
with moving points, translucent colours, spatial tangents or per-channel easings is left on the solid (and
refused).
"""
from __future__ import annotations

import copy
import math
from typing import Iterator, Optional

RAMP = "ADBE Ramp"


def gradient_ramp_solids(data: dict) -> None:
    for layer in _all_layers(data):
        if layer.get("ty") != 1 or not isinstance(layer.get("sc"), str):
            continue
        effects = layer.get("ef") or []
        first = next((i for i, e in enumerate(effects) if isinstance(e, dict) and e.get("en", 1) != 0), None)
        if first is None or effects[first].get("mn") != RAMP:
            continue
        fill = _gradient_fill(effects[first])
        if fill is None:
            continue
        w, h = float(layer.get("sw", 0)), float(layer.get("sh", 0))
        for key in ("sc", "sw", "sh"):
            layer.pop(key, None)
        layer["ef"] = effects[:first] + effects[first + 1:]
        if not layer["ef"]:
            del layer["ef"]
        layer["ty"] = 4
        layer["shapes"] = [{"ty": "gr", "nm": "ramp", "it": [
            {"ty": "rc", "d": 1, "s": _static([w, h]), "p": _static([w / 2, h / 2]), "r": _static(0)},
            fill,
            {"ty": "tr", "p": _static([0, 0]), "a": _static([0, 0]), "s": _static([100, 100]), "r": _static(0),
             "o": _static(100)}]}]


def _gradient_fill(effect: dict) -> Optional[dict]:
    params = [p.get("v") if isinstance(p, dict) else None for p in effect.get("ef") or []]
    if len(params) < 5 or not all(isinstance(p, dict) for p in params[:5]):
        return None
    start, start_colour, end, end_colour, shape = params[:5]
    shape = _constant(shape)
    start, end = _points(start), _points(end)
    stops = _stops(start_colour, end_colour)
    if shape is None or start is None or end is None or stops is None:
        return None
    linear = round(shape) == 1
    if not linear:
        end = _radius_end(start, end)
        if end is None:
            return None
    return {"ty": "gf", "nm": "ramp", "o": _static(100), "r": 1, "t": 1 if linear else 2,
            "s": start, "e": end, "h": _static(0), "a": _static(0), "g": {"p": 2, "k": stops}}


def _radius_end(start: dict, end: dict) -> Optional[dict]:
    """The end point, moved level with the centre at the same distance: the player takes a radial gradient's
    radius as the larger offset plus 0.375 of the smaller (an estimate of the distance), exact only when one offset
    is 0. The radius of moving points has no such form: None."""
    if start.get("a") or end.get("a"):
        return None
    (sx, sy), (ex, ey) = start["k"], end["k"]
    return _static([sx + math.hypot(ex - sx, ey - sy), sy])


def _static(v) -> dict:
    return {"a": 0, "k": v}


def _keyframes(prop: dict) -> Optional[list]:
    k = prop.get("k")
    if prop.get("a") == 1 or (isinstance(k, list) and k and isinstance(k[0], dict)):
        return k if all(isinstance(f, dict) and "t" in f for f in k) else None
    return None


def _constant(prop: dict) -> Optional[float]:
    """A scalar that never changes, or None."""
    frames = _keyframes(prop)
    values = [f.get("s") for f in frames if "s" in f] if frames is not None else [prop.get("k")]
    values = [v[0] if isinstance(v, list) and v else v for v in values]
    if not values or not all(isinstance(v, (int, float)) for v in values) or len(set(values)) != 1:
        return None
    return float(values[0])


def _points(prop: dict) -> Optional[dict]:
    """The point as a gradient point property: a copy without z, or None where it moves along a curve."""
    frames = _keyframes(prop)
    if frames is None:
        k = prop.get("k")
        return _static([float(k[0]), float(k[1])]) if _numbers(k, 2) else None
    out = []
    for f in frames:
        if any(any(abs(x) > 1e-9 for x in f.get(t) or [] if isinstance(x, (int, float))) for t in ("ti", "to")) \
                or "e" in f or ("s" in f and not _numbers(f["s"], 2)):
            return None
        g = {key: copy.deepcopy(v) for key, v in f.items() if key not in ("ti", "to")}
        if "s" in g:
            g["s"] = [float(g["s"][0]), float(g["s"][1])]
        out.append(g)
    return {"a": 1, "k": out}


def _stops(a: dict, b: dict) -> Optional[object]:
    """The two colours as gradient stops [0, r, g, b, 1, r, g, b], keyframed when either is."""
    fa, fb = _keyframes(a), _keyframes(b)
    if fa is None and fb is None:
        ca, cb = _colour(a.get("k")), _colour(b.get("k"))
        return _static([0, *ca, 1, *cb]) if ca and cb else None
    if fa is not None and fb is not None and [_timing(f) for f in fa] != [_timing(f) for f in fb]:
        return None
    frames = fa if fa is not None else fb
    out = []
    for i, f in enumerate(frames):
        if "e" in f or not all(_scalar_easing(f.get(t)) for t in ("i", "o")):
            return None
        g = {key: copy.deepcopy(v) for key, v in f.items() if key in ("t", "i", "o", "h")}
        if "s" in f:
            ca = _colour(fa[i].get("s")) if fa is not None else _colour(a.get("k"))
            cb = _colour(fb[i].get("s")) if fb is not None else _colour(b.get("k"))
            if not ca or not cb:
                return None
            g["s"] = [0, *ca, 1, *cb]
        for t in ("i", "o"):
            if t in g:
                g[t] = {axis: [_first(g[t][axis])] for axis in ("x", "y")}
        out.append(g)
    return {"a": 1, "k": out}


def _timing(f: dict):
    return f.get("t"), f.get("h", 0), repr(f.get("i")), repr(f.get("o")), "s" in f


def _scalar_easing(e) -> bool:
    """An easing absent, or the same for every channel (gradient stops are eased as one)."""
    if e is None:
        return True
    if not isinstance(e, dict) or "x" not in e or "y" not in e:
        return False
    return all(len({round(float(v), 9) for v in (e[a] if isinstance(e[a], list) else [e[a]])}) == 1
               for a in ("x", "y"))


def _first(v):
    return v[0] if isinstance(v, list) else v


def _colour(v) -> Optional[list]:
    """Opaque r, g, b in 0-1, or None (a translucent colour needs opacity stops Skottie draws differently)."""
    if not _numbers(v, 3) or (len(v) > 3 and isinstance(v[3], (int, float)) and v[3] < 1):
        return None
    return [float(c) for c in v[:3]]


def _numbers(v, n: int) -> bool:
    return isinstance(v, list) and len(v) >= n and all(isinstance(x, (int, float)) for x in v[:n])


def _all_layers(data: dict) -> Iterator[dict]:
    for comp in [data] + [a for a in data.get("assets") or [] if isinstance(a, dict)]:
        for layer in comp.get("layers") or []:
            if isinstance(layer, dict):
                yield layer
