"""Effects and blend modes applied to a layer's own pixels, for what the player cannot draw.

A top-level layer whose effect or blend mode the player leaves out or computes with another formula is drawn on
its own (see `lottie_passes`) and finished here, on its pixels, as Skia's Skottie finishes it: colour effects
map each pixel (Threshold, Black & White, Hue/Saturation …), blend modes combine the layer with the picture
of the layers below it.

A layer style (`sy`: Drop Shadow, Outer Glow …) is a `StyleOp`, which also gets the layer's scale; so does an
effect that measures lengths (Directional Blur), a `MeasuredOp`. An effect placed at points of the layer (Bulge:
a centre and radii) is a `PlacedOp`, which gets the whole affine map, translation too, onto the pixels it is given.

A pixel op takes premultiplied RGBA as float32 (h, w, 4) in 0..1 and the layer's own frame (the time its
keyframes are read at) and returns the same form. A blend takes the backdrop and the layer, both so, and
returns the blended picture. Builders raise `Unsupported` naming what they cannot draw, and the layer is
refused with that reason.
"""
from __future__ import annotations

from typing import Callable, Optional

import numpy as np

from .lottie_keyframes import Prop

PixelOp = Callable[[np.ndarray, float], np.ndarray]
Blend = Callable[[np.ndarray, np.ndarray], np.ndarray]
# A layer style needs distances: (rgba, frame, linear) with `linear` the 2x2 map from the layer's own units to
# the pixels drawn at that frame (the layer's and its parents' scale, rotation and skew, and the drawing scale).
StyleOp = Callable[[np.ndarray, float, np.ndarray], np.ndarray]


class MeasuredOp:
    """An effect measured in the units Skottie applies it in: called (rgba, frame, linear) as a StyleOp, with
    `linear` the map from those units to drawn pixels, and `reach` how far (drawn pixels) it spreads the paint."""

    def __call__(self, rgba: np.ndarray, frame: float, linear: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def reach(self, frame: float, linear: np.ndarray) -> int:
        raise NotImplementedError


class PlacedOp:
    """An effect placed at points in the units Skottie applies it in: called (rgba, frame, place), with `place` the
    3x3 affine map from those units to the pixels of `rgba` (the part of the picture it is given). It spreads no
    paint beyond the layer's own, so it needs no margin."""

    def __call__(self, rgba: np.ndarray, frame: float, place: np.ndarray) -> np.ndarray:
        raise NotImplementedError


class Unsupported(Exception):
    """A form of the effect this module does not draw; the message names it."""


def param(effect: dict, index: int, default) -> Prop:
    """The effect's parameter at `index` (Skottie binds them by position), static or keyframed."""
    params = effect.get("ef") or []
    p = params[index] if index < len(params) and isinstance(params[index], dict) else {}
    v = p.get("v", default)
    try:
        return Prop(v, default)
    except ValueError as e:
        raise Unsupported(f"parameter {index} ({p.get('nm', '?')}): {e}") from None


def unpremultiply(rgba: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(straight RGB, alpha (h, w, 1)); colour 0 where alpha is 0."""
    a = rgba[..., 3:4]
    rgb = np.divide(rgba[..., :3], a, out=np.zeros_like(rgba[..., :3]), where=a > 0)
    return np.clip(rgb, 0.0, 1.0), a


def premultiply(rgb: np.ndarray, a: np.ndarray) -> np.ndarray:
    return np.concatenate([np.clip(rgb, 0.0, 1.0) * a, a], axis=-1).astype(np.float32)


def colour_op(f: Callable[[np.ndarray, float], np.ndarray]) -> PixelOp:
    """A pixel op from a map of straight RGB (..., 3) at a frame, alpha kept, as Skia applies colour filters."""
    def op(rgba: np.ndarray, frame: float) -> np.ndarray:
        rgb, a = unpremultiply(rgba)
        return premultiply(f(rgb, frame), a)
    return op


def rgb_to_hsl(rgb: np.ndarray) -> np.ndarray:
    """Skia's rgb_to_hsl stage: hue in 0..1 turns."""
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    mx, mn = rgb.max(axis=-1), rgb.min(axis=-1)
    d = mx - mn
    with np.errstate(divide="ignore", invalid="ignore"):
        rcp = 1.0 / d
        h = np.where(mx == mn, 0.0,
                     np.where(mx == r, (g - b) * rcp + np.where(g < b, 6.0, 0.0),
                              np.where(mx == g, (b - r) * rcp + 2.0, (r - g) * rcp + 4.0))) / 6.0
        l = (mx + mn) * 0.5
        s = np.where(mx == mn, 0.0, d / np.where(l > 0.5, 2.0 - mx - mn, mx + mn))
    return np.stack([h, s, l], axis=-1).astype(np.float32)


def hsl_to_rgb(hsl: np.ndarray) -> np.ndarray:
    """Skia's hsl_to_rgb stage."""
    h, s, l = hsl[..., 0], hsl[..., 1], hsl[..., 2]
    c = (1.0 - np.abs(2.0 * l - 1.0)) * s

    def channel(hue):
        q = np.clip(np.abs((hue - np.floor(hue)) * 6.0 - 3.0) - 1.0, 0.0, 1.0)
        return (q - 0.5) * c + l
    return np.stack([channel(h), channel(h + 2 / 3), channel(h + 1 / 3)], axis=-1).astype(np.float32)


# Filled in by the modules that draw each family: match name (`mn`) -> builder, blend mode (`bm`) -> blend.
EFFECTS: dict[str, Callable[[dict], PixelOp]] = {}
BLENDS: dict[int, Blend] = {}
STYLES: dict[int, Callable[[dict], StyleOp]] = {}          # layer style type (`sy[].ty`) -> builder


TYPED = {20: "ADBE Tint", 23: "ADBE Tritone"}      # effects lottie-web knows by type, exported without `mn`


def effect_op(effect: dict) -> Optional[PixelOp]:
    """The pixel op for an effect, None when none is known; `Unsupported` for a known one in a form not drawn."""
    builder = EFFECTS.get(str(effect.get("mn", ""))) or EFFECTS.get(TYPED.get(effect.get("ty"), ""))
    return builder(effect) if builder is not None else None
