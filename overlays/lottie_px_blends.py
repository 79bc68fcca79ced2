"""Lottie layer blend modes (`bm` 1..17) on pixels, as Skia's Skottie blends a layer into the layers below it.

Skottie maps `bm` 1..16 to Skia's blend modes (modules/skottie/src/BlendModes.cpp) and Skia's raster pipeline
blends premultiplied colours by the W3C compositing formulas rewritten for premultiplied inputs
(src/opts/SkRasterPipeline_opts.h): with s, d the layer's and the backdrop's premultiplied channels and sa, da
their alphas, each result is s·(1−da) + d·(1−sa) + the blended part, alpha sa + da − sa·da. So over a
transparent backdrop the layer stays as drawn, and where the layer is transparent the backdrop stays. Add is
min(s + d, 1) on every channel, alpha included.

Hue, Saturation, Color and Luminosity use Skia's non-separable code: luminance 0.30/0.59/0.11, saturation
max − min, the colour clipped into 0..sa·da around its luminance.

Hard Mix (17) is no Skia blend mode: Skottie blends it with a runtime blender that adds the unpremultiplied
colours, floors the sum to 0 or 1, scales by the layer's alpha and draws that over the backdrop (source over).
Over a transparent backdrop a layer colour below 1 thus becomes black.

Every blend takes the backdrop and the layer as premultiplied RGBA float32 (h, w, 4) in 0..1 and returns the
composite, clamped as Skia stores it.
"""
from __future__ import annotations

import numpy as np

from .lottie_pixel_ops import BLENDS

LUM = (0.30, 0.59, 0.11)


def _split(x: np.ndarray):
    x = x.astype(np.float32, copy=False)
    return x[..., :3], x[..., 3:4]


def _finish(rgb: np.ndarray, a: np.ndarray) -> np.ndarray:
    return np.clip(np.concatenate([rgb, a], axis=-1), 0.0, 1.0).astype(np.float32)


def _separable(channel):
    """A blend whose colour is `channel(s, d, sa, da)` per channel and whose alpha is source-over."""
    def blend(backdrop: np.ndarray, layer: np.ndarray) -> np.ndarray:
        d, da = _split(backdrop)
        s, sa = _split(layer)
        return _finish(channel(s, d, sa, da), sa + da - sa * da)
    return blend


def _multiply(s, d, sa, da):
    return s * (1 - da) + d * (1 - sa) + s * d


def _screen(s, d, sa, da):
    return s + d - s * d


def _darken(s, d, sa, da):
    return s + d - np.maximum(s * da, d * sa)


def _lighten(s, d, sa, da):
    return s + d - np.minimum(s * da, d * sa)


def _difference(s, d, sa, da):
    return s + d - 2 * np.minimum(s * da, d * sa)


def _exclusion(s, d, sa, da):
    return s + d - 2 * s * d


def _hard_light(s, d, sa, da):
    return s * (1 - da) + d * (1 - sa) + np.where(2 * s <= sa, 2 * s * d, sa * da - 2 * (da - d) * (sa - s))


def _overlay(s, d, sa, da):
    return _hard_light(d, s, da, sa)


def _ratio(num, den):
    return np.divide(num, den, out=np.zeros_like(num), where=den != 0)


def _colour_dodge(s, d, sa, da):
    rest = s * (1 - da) + d * (1 - sa)
    mid = sa * np.minimum(da, _ratio(d * sa, sa - s)) + rest
    return np.where(d == 0, s * (1 - da), np.where(s == sa, s + d * (1 - sa), mid))


def _colour_burn(s, d, sa, da):
    rest = s * (1 - da) + d * (1 - sa)
    mid = sa * (da - np.minimum(da, _ratio((da - d) * sa, s))) + rest
    return np.where(d == da, d + s * (1 - da), np.where(s == 0, d * (1 - sa), mid))


def _soft_light(s, d, sa, da):
    m = _ratio(d, da)
    s2 = 2 * s
    m4 = 4 * m
    dark_src = d * (sa + (s2 - sa) * (1 - m))
    dark_dst = (m4 * m4 + m4) * (m - 1) + 7 * m
    lite_dst = np.sqrt(np.maximum(m, 0)) - m
    lite_src = d * sa + da * (s2 - sa) * np.where(4 * d <= da, dark_dst, lite_dst)
    return s * (1 - da) + d * (1 - sa) + np.where(s2 <= sa, dark_src, lite_src)


def _add(backdrop: np.ndarray, layer: np.ndarray) -> np.ndarray:
    return np.clip(backdrop.astype(np.float32) + layer.astype(np.float32), 0.0, 1.0)


def _lum(c):
    return c[..., 0:1] * LUM[0] + c[..., 1:2] * LUM[1] + c[..., 2:3] * LUM[2]


def _sat(c):
    return c.max(axis=-1, keepdims=True) - c.min(axis=-1, keepdims=True)


def _set_sat(c, s):
    mn = c.min(axis=-1, keepdims=True)
    spread = _sat(c)
    return np.divide((c - mn) * s, spread, out=np.zeros_like(c), where=spread != 0)


def _set_lum(c, lum):
    return c + (lum - _lum(c))


def _clip_colour(c, a):
    mn = c.min(axis=-1, keepdims=True)
    mx = c.max(axis=-1, keepdims=True)
    lum = _lum(c)
    low = (mn < 0) & (lum != mn)
    c = np.where(low, lum + (c - lum) * _ratio(lum, lum - mn), c)
    high = (mx > a) & (lum != mx)
    c = np.where(high, lum + (c - lum) * _ratio(a - lum, mx - lum), c)
    return np.maximum(c, 0.0)


def _non_separable(blended):
    """A blend whose blended part `blended(s, d, sa, da)` is premultiplied by sa·da, then clipped into gamut."""
    def blend(backdrop: np.ndarray, layer: np.ndarray) -> np.ndarray:
        d, da = _split(backdrop)
        s, sa = _split(layer)
        mixed = _clip_colour(blended(s, d, sa, da), sa * da)
        return _finish(s * (1 - da) + d * (1 - sa) + mixed, sa + da - sa * da)
    return blend


def _hue(s, d, sa, da):
    return _set_lum(_set_sat(s * sa, _sat(d) * sa), _lum(d) * sa)


def _saturation(s, d, sa, da):
    return _set_lum(_set_sat(d * sa, _sat(s) * da), _lum(d) * sa)


def _colour(s, d, sa, da):
    return _set_lum(s * da, _lum(d) * sa)


def _luminosity(s, d, sa, da):
    return _set_lum(d * sa, _lum(s) * da)


def _hard_mix(backdrop: np.ndarray, layer: np.ndarray) -> np.ndarray:
    """Skottie's runtime blender: floor(unpremul(src) + unpremul(dst)), at most 1, times sa, source-over dst."""
    d, da = _split(backdrop)
    s, sa = _split(layer)
    total = s / np.maximum(sa, np.float32(1e-4)) + d / np.maximum(da, np.float32(1e-4))
    rgb = np.minimum(np.floor(total), 1) * sa
    return _finish(rgb + (1 - sa) * d, sa + (1 - sa) * da)


def _where_drawn(blend):
    """The blend computed only where the layer has paint: elsewhere every mode leaves the backdrop as it is, and a
    layer usually covers a small part of the frame."""
    def only_there(backdrop: np.ndarray, layer: np.ndarray) -> np.ndarray:
        drawn = layer.any(axis=-1)
        if drawn.all():
            return blend(backdrop, layer)
        out = np.clip(backdrop, 0.0, 1.0).astype(np.float32)
        if drawn.any():
            out[drawn] = blend(backdrop[drawn], layer[drawn])
        return out
    return only_there


BLENDS.update({bm: _where_drawn(blend) for bm, blend in {
    1: _separable(_multiply),
    2: _separable(_screen),
    3: _separable(_overlay),
    4: _separable(_darken),
    5: _separable(_lighten),
    6: _separable(_colour_dodge),
    7: _separable(_colour_burn),
    8: _separable(_hard_light),
    9: _separable(_soft_light),
    10: _separable(_difference),
    11: _separable(_exclusion),
    12: _non_separable(_hue),
    13: _non_separable(_saturation),
    14: _non_separable(_colour),
    15: _non_separable(_luminosity),
    16: _add,
    17: _hard_mix,
}.items()})
