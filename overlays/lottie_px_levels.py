"""Levels, Brightness & Contrast and Hue/Saturation on a layer's own pixels, as Skia's Skottie draws them.

Skottie reads each effect's parameters by position and turns them into Skia colour filters; these ops compute
the same filters in numpy, step for step, so that what they leave differs from Skottie's picture only by
rounding:
- Levels (`ADBE Easy Levels2`: RGB, red, green, blue or alpha; `ADBE Pro Levels2`: every channel at once, the
  RGB curve applied after the per-channel ones, always clipped to the output range since Skottie reads no clip
  flag for it) maps a channel through an 8-bit table built from the input and
  output range, the gamma and the clip flags, looked up with the unpremultiplied value rounded to 8 bits. An
  alpha table that lifts alpha 0 is refused: Skottie lifts it only as far as the layer's content reaches;
- Brightness & Contrast (`ADBE Brightness & Contrast 2`) with Use Legacy on is a clamped scale and offset of
  unpremultiplied colour; with it off, a power curve for brightness then a cubic for contrast, both on
  premultiplied colour (Skia runs them as runtime colour filters, which see premultiplied colour);
- Hue/Saturation (`ADBE HUE SATURATION`) on the master channel applies lightness (a blend towards black or
  white), then saturation (a scale of chroma about its midpoint, on premultiplied colour, limited so no
  component leaves the range), then hue (a rotation in HSL). Skottie draws nothing for the other channel
  ranges (Reds, Yellows …) and ignores Colorize; so do these ops, to match it.
"""
from __future__ import annotations

import math
from typing import Callable, Optional

import numpy as np

from .lottie_pixel_ops import (EFFECTS, PixelOp, Unsupported, hsl_to_rgb, param, premultiply, rgb_to_hsl,
                               unpremultiply)

NEARLY_ZERO = 1.0 / 4096                              # SK_ScalarNearlyZero
F32 = np.float32
Lut = Optional[np.ndarray]                            # 256 bytes, None for "leave the channel as it is"


def _scalar(effect: dict, index: int, default: float) -> Callable[[float], float]:
    prop = param(effect, index, default)
    return lambda frame: float(prop.at(frame)[0])


def _pin(x: float, lo: float, hi: float) -> float:
    """SkTPin: std::max(lo, std::min(x, hi)); a NaN comes out as `lo`, as it does in C++."""
    x = hi if hi < x else x
    return x if lo < x else lo


# ---- Levels ------------------------------------------------------------------------------------------------------

def levels_lut(in_black: float, in_white: float, gamma: float, out_black: float, out_white: float,
               clip_black: float, clip_white: float) -> Lut:
    """The 8-bit table Skottie's ChannelMapper builds, None when the mapping is the identity."""
    in0, in1, out0, out1 = F32(in_black), F32(in_white), F32(out_black), F32(out_white)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        g = F32(1) / F32(max(gamma, 0.0))
    clip = [0.0, 1.0]
    if math.trunc(clip_black) == 1:
        clip[0 if out_black <= out_white else 1] = _pin(float(out0), 0.0, 1.0)
    if math.trunc(clip_white) == 1:
        clip[1 if out_black <= out_white else 0] = _pin(float(out1), 0.0, 1.0)
    if abs(in0 - out0) <= NEARLY_ZERO and abs(in1 - out1) <= NEARLY_ZERO and abs(g - 1) <= NEARLY_ZERO:
        return None
    d_in, d_out = F32(in1 - in0), F32(out1 - out0)
    if abs(d_in) <= NEARLY_ZERO:                      # nudged as Skottie does, so the ramp stays defined
        eps = F32(2 * NEARLY_ZERO)
        d_in = F32(d_in + math.copysign(eps, d_in))
        in0 = F32(in0 + math.copysign(eps, 0.5 - in0))
    t, dt = F32(-in0 / d_in), F32(F32(1 / 255.0) / d_in)
    lut = np.empty(256, np.uint8)
    with np.errstate(all="ignore"):
        for i in range(256):
            out = float(out0 + d_out * np.power(max(t, F32(0)), g))
            lut[i] = int(math.floor(_pin(out, clip[0], clip[1]) * 255 + 0.5))
            t = F32(t + dt)
    return lut


def _lookup(values: np.ndarray, lut: Lut) -> np.ndarray:
    """Skia's byte_tables stage: the value rounded to 8 bits picks the entry."""
    if lut is None:
        return values
    index = np.floor(np.clip(values, 0.0, 1.0) * 255 + 0.5).astype(np.intp)
    return lut[index].astype(np.float32) / 255


def _apply_tables(rgba: np.ndarray, r: Lut, g: Lut, b: Lut, a: Lut) -> np.ndarray:
    if r is None and g is None and b is None and a is None:
        return rgba
    rgb, alpha = unpremultiply(rgba)
    out = np.stack([_lookup(rgb[..., i], lut) for i, lut in enumerate((r, g, b))], axis=-1)
    return premultiply(out, _lookup(alpha, a))


def _mapper(effect: dict, first: int, clip_black, clip_white):
    """The LUT of one channel mapper whose five parameters (in black, in white, gamma, out black, out white)
    start at `first`."""
    in0, in1, gamma = _scalar(effect, first, 0.0), _scalar(effect, first + 1, 1.0), _scalar(effect, first + 2, 1.0)
    out0, out1 = _scalar(effect, first + 3, 0.0), _scalar(effect, first + 4, 1.0)
    return lambda f: levels_lut(in0(f), in1(f), gamma(f), out0(f), out1(f), clip_black(f), clip_white(f))


def _sample_frames(effect: dict, indices) -> list:
    """The frames where the parameters at `indices` have keyframes, and halfway between: where a check of
    what they make has to look."""
    times = sorted({t for i in indices for t in param(effect, i, 0.0).times()} | {0.0})
    return times + [(a + b) / 2 for a, b in zip(times, times[1:])]


def _refuse_opaque_transparency(effect: dict, lut, indices) -> None:
    """An alpha table that lifts alpha 0 gives the transparent pixels around the layer's content alpha, as far as
    Skottie's offscreen for the layer reaches (its content's bounds) or not at all (content drawn without one):
    nothing in the layer's pixels says where that is."""
    for frame in _sample_frames(effect, indices):
        table = lut(frame)
        if table is not None and table[0] > 0:
            raise Unsupported("Levels raising the alpha of transparent pixels (alpha output black above 0)")


def easy_levels(effect: dict) -> PixelOp:
    channel = _scalar(effect, 0, 1.0)
    lut = _mapper(effect, 2, _scalar(effect, 7, 1.0), _scalar(effect, 8, 1.0))
    alpha_lut = lambda f: lut(f) if math.trunc(channel(f)) == 5 else None    # noqa: E731
    _refuse_opaque_transparency(effect, alpha_lut, range(9))

    def op(rgba: np.ndarray, frame: float) -> np.ndarray:
        c = math.trunc(channel(frame))
        table = lut(frame) if 1 <= c <= 5 else None
        if table is None:
            return rgba
        pick = lambda *on: table if c in on else None      # noqa: E731 - which channels take the table
        return _apply_tables(rgba, pick(1, 2), pick(1, 3), pick(1, 4), pick(5))
    return op


def pro_levels(effect: dict) -> PixelOp:
    always = lambda frame: 1.0                       # noqa: E731 - Skottie binds no clip flag here: it clips
    rgb, r, g, b, a = (_mapper(effect, first, always, always) for first in (3, 10, 17, 24, 31))
    _refuse_opaque_transparency(effect, a, range(31, 36))

    def op(rgba: np.ndarray, frame: float) -> np.ndarray:
        out = _apply_tables(rgba, r(frame), g(frame), b(frame), a(frame))
        master = rgb(frame)
        return _apply_tables(out, master, master, master, None)     # the RGB curve composes outside
    return op


# ---- Brightness & Contrast ---------------------------------------------------------------------------------------

def brightness_contrast(effect: dict) -> PixelOp:
    brightness, contrast, legacy = _scalar(effect, 0, 0.0), _scalar(effect, 1, 0.0), _scalar(effect, 2, 0.0)

    def op(rgba: np.ndarray, frame: float) -> np.ndarray:
        b, c = brightness(frame), contrast(frame)
        if math.floor(legacy(frame) + 0.5):
            return _legacy_brightness_contrast(rgba, b, c)
        return _brightness_contrast(rgba, b, c)
    return op


def _legacy_brightness_contrast(rgba: np.ndarray, brightness: float, contrast: float) -> np.ndarray:
    b = _pin(brightness, -100.0, 100.0) / 255
    c = _pin(contrast, -100.0, 100.0) / 100
    s = 1 / max(1 - c, NEARLY_ZERO) if c > 0 else 1 + c
    offset = 0.5 * (1 - s) + b * max(s, 1.0)
    rgb, a = unpremultiply(rgba)
    return premultiply(rgb * np.float32(s) + np.float32(offset), a)


def _brightness_contrast(rgba: np.ndarray, brightness: float, contrast: float) -> np.ndarray:
    b = _pin(brightness, -150.0, 150.0) / 150
    c = _pin(contrast, -50.0, 100.0) / 100
    out = rgba.astype(np.float32, copy=True)
    rgb = out[..., :3]
    if abs(b) > NEARLY_ZERO:                          # 1 - (1 - x)^(2^(1.8 B))
        with np.errstate(invalid="ignore"):
            rgb[...] = 1 - np.power(1 - rgb, np.float32(2.0 ** (b * 1.8)))
    if abs(contrast) > NEARLY_ZERO:                   # a cubic through (0, 0), (0.5, 0.5), (1, 1)
        k = np.float32(math.pi * c)
        ca, cc = -2 * k / 3, 1 - k / 3
        rgb[...] = ((ca * rgb + k) * rgb + cc) * rgb
    rgb[...] = np.clip(np.nan_to_num(rgb, nan=0.0), 0.0, out[..., 3:4])    # premultiplied: at most alpha
    return np.clip(out, 0.0, 1.0)


# ---- Hue/Saturation ----------------------------------------------------------------------------------------------

MAX_CHROMA_SCALE = 126.0                              # After Effects' limit, as Skottie keeps it


def hue_saturation(effect: dict) -> PixelOp:
    channel = _scalar(effect, 0, 0.0)
    hue, saturation, lightness = _scalar(effect, 2, 0.0), _scalar(effect, 3, 0.0), _scalar(effect, 4, 0.0)

    def op(rgba: np.ndarray, frame: float) -> np.ndarray:
        if int(channel(frame)) != 1:
            return rgba                               # Skottie draws only the master channel
        out = rgba
        if abs(lightness(frame)) > NEARLY_ZERO:
            out = _lightness(out, lightness(frame))
        if abs(saturation(frame)) > NEARLY_ZERO:
            out = _saturate(out, saturation(frame))
        if abs(hue(frame)) > NEARLY_ZERO:
            out = _rotate_hue(out, hue(frame) / 360)
        return out
    return op


def _lightness(rgba: np.ndarray, lightness: float) -> np.ndarray:
    l = _pin(lightness / 100, -1.0, 1.0)
    scale = 1 - abs(l)
    offset = 0.0 if l < 0 else 1 - scale
    rgb, a = unpremultiply(rgba)
    return premultiply(rgb * np.float32(scale) + np.float32(offset), a)


def _saturate(rgba: np.ndarray, saturation: float) -> np.ndarray:
    s = _pin(saturation / 100, -1.0, 1.0)
    wanted = s + 1 if s < 0 else min(1 / (1 - s) if s < 1 else math.inf, MAX_CHROMA_SCALE)
    c = rgba.astype(np.float32)
    rgb, a = c[..., :3], c[..., 3:4]
    lo, hi = rgb.min(axis=-1, keepdims=True), rgb.max(axis=-1, keepdims=True)
    chroma = np.maximum(hi - lo, np.float32(0.0001))
    mid = (lo + hi) * np.float32(0.5)
    scale = np.minimum(np.float32(wanted), np.minimum(mid, a - mid) / chroma * 2)
    out = np.concatenate([mid + (rgb - mid) * scale, a], axis=-1)
    return np.clip(out, 0.0, 1.0)


def _rotate_hue(rgba: np.ndarray, turn: float) -> np.ndarray:
    """Skia's HSLA matrix with a hue offset: rgb_to_hsl, h + turn, hsl_to_rgb, clamped."""
    rgb, a = unpremultiply(rgba)
    hsl = rgb_to_hsl(rgb)
    hsl[..., 0] += np.float32(turn)
    return premultiply(hsl_to_rgb(hsl), a)


EFFECTS["ADBE Easy Levels2"] = easy_levels
EFFECTS["ADBE Pro Levels2"] = pro_levels
EFFECTS["ADBE Brightness & Contrast 2"] = brightness_contrast
EFFECTS["ADBE HUE SATURATION"] = hue_saturation
