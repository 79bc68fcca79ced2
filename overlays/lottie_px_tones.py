"""Tone maps on a layer's own pixels, as Skia's Skottie draws them: Tritone, CC Toner and Tint.

All three are one Skia filter (sksg::GradientColorFilter): the luminance of the unpremultiplied colour (Rec. 709
weights) picks a colour on a ramp, and the result is mixed with the original by a weight.

- Tint (`ADBE Tint`; Map Black To, Map White To, Amount to Tint) has two colours: a colour matrix, so the ramp is
  continuous, black + (white - black) * luminance, mixed by Amount / 100.
- Tritone (`ADBE Tritone`; Highlights, Midtones, Shadows, Blend With Original) and CC Toner (five colours) build
  a 256-entry byte table from the colours (each span filled by a float accumulator, rounded: Skia's
  MakeNColorGradient) and look the luminance up in it, rounded to 8 bits. Tritone mixes by (100 - Blend) / 100.
- CC Toner's Tones picks the five table colours: 1 duotone (shadows to highlights in quarters), 2 tritone
  (shadows, midtones, highlights with the halves between), 3 pentone (shadows, darktones, midtones, brights,
  highlights), anything else solid (midtones everywhere). Skottie never reads Blend w. Original (position 7),
  so the toned colour always replaces the original.

Colours are 8-bit SkColors (clamped, rounded), and CC Toner's in-between colours are rounded too; weights are
clamped to 0..1. Parameters are read by position at the frame the op is given, so animated colours, weights and
tone modes work. Alpha is kept.

Where a layer's shapes touch without overlapping, Skottie tones each shape before blending them, so a pixel two
of them share (one antialiased row or column) can differ from toning the blended pixel; everywhere else the op
matches (bench/lottie_px_tones_cases.py).
"""
from __future__ import annotations

import numpy as np

from .lottie_pixel_ops import (
    EFFECTS,
    PixelOp,
    Unsupported,
    param,
    premultiply,
    unpremultiply,
)

LUMA = np.array([0.2126, 0.7152, 0.0722], np.float32)     # SK_LUM_COEFF_R/G/B
BLACK, WHITE = [0.0, 0.0, 0.0, 1.0], [1.0, 1.0, 1.0, 1.0]


def sk_color(value) -> np.ndarray:
    """An animated colour value as Skia keeps it: RGB bytes (float array), clamped and rounded half up."""
    v = np.zeros(3, np.float32)
    rgb = np.asarray(value, np.float32).ravel()[:3]
    v[:len(rgb)] = rgb
    return np.floor(np.clip(v, 0, 1) * np.float32(255) + np.float32(0.5))


def lerp_color(c0: np.ndarray, c1: np.ndarray, t: float) -> np.ndarray:
    """CC Toner's colour between two SkColors, rounded back to bytes."""
    t = np.float32(t)
    return np.floor(c0 + (c1 - c0) * t + np.float32(0.5))


def gradient_table(colours: list[np.ndarray]) -> np.ndarray:
    """The (256, 3) table (0..1) for these byte colours, built once per distinct ramp."""
    key = tuple(float(v) for c in colours for v in c)
    if key not in _TABLES:
        if len(_TABLES) > 256:
            _TABLES.clear()
        _TABLES[key] = _build_table(colours)
    return _TABLES[key]


_TABLES: dict[tuple, np.ndarray] = {}


def _build_table(colours: list[np.ndarray]) -> np.ndarray:
    """The (256, 3) byte table Skia fills for N > 2 colours: span i ends at round((i + 1) * 255 / (N - 1)), each
    span walked from its first colour by float steps and rounded."""
    table = np.zeros((256, 3), np.float32)
    spans = len(colours) - 1
    start = 0
    for i in range(spans):
        stop = int(np.floor(np.float32(i + 1) * np.float32(255) / np.float32(spans) + 0.5))
        size = stop - start
        if start > stop:
            continue
        c0, c1 = colours[i], colours[i + 1]
        step = ((c1 - c0) / np.float32(size)).astype(np.float32) if size else np.zeros(3, np.float32)
        value = c0.astype(np.float32).copy()
        for j in range(start, stop + 1):
            table[j] = np.floor(value + np.float32(0.5))          # std::round of non-negative values
            value = (value + step).astype(np.float32)
        start = stop + 1
    return table / np.float32(255)


def luminance(rgb: np.ndarray) -> np.ndarray:
    return np.clip(rgb.astype(np.float32) @ LUMA, 0, 1)


def _mix(toned: np.ndarray, rgb: np.ndarray, a: np.ndarray, weight: float) -> np.ndarray:
    """Skia's Lerp(weight, original, toned) on premultiplied colour; the weight is clamped to 0..1."""
    weight = float(np.clip(weight, 0.0, 1.0))
    return premultiply(rgb + (toned - rgb) * np.float32(weight), a)


def _table_op(colours_at, weight_at) -> PixelOp:
    def op(rgba: np.ndarray, frame: float) -> np.ndarray:
        weight = weight_at(frame)
        if not weight > 0:
            return rgba
        rgb, a = unpremultiply(rgba.astype(np.float32))
        index = np.floor(luminance(rgb) * np.float32(255) + np.float32(0.5)).astype(np.intp)
        return _mix(gradient_table(colours_at(frame))[index], rgb, a, weight)
    return op


def _scalar(effect: dict, index: int, default: float):
    prop = param(effect, index, default)
    return lambda frame: float(prop.at(frame)[0])


def _colour(effect: dict, index: int, default, required: bool = True):
    params = effect.get("ef") or []
    if required and (index >= len(params) or not isinstance(params[index], dict) or "v" not in params[index]):
        raise Unsupported(f"{effect.get('nm', effect.get('mn'))}: no colour parameter at position {index + 1}")
    prop = param(effect, index, default)
    return lambda frame: sk_color(prop.at(frame))


def _disabled(effect: dict) -> bool:
    return effect.get("en", 1) in (0, False)


def _identity(rgba: np.ndarray, frame: float) -> np.ndarray:
    return rgba


def tritone(effect: dict) -> PixelOp:
    """Highlights, Midtones, Shadows, Blend With Original (by position); table from shadows to highlights."""
    if _disabled(effect):
        return _identity
    high, mid, low = (_colour(effect, i, BLACK) for i in range(3))
    blend = _scalar(effect, 3, 0.0)
    return _table_op(lambda f: [low(f), mid(f), high(f)], lambda f: (100 - blend(f)) / 100)


def cc_toner(effect: dict) -> PixelOp:
    """Tones, Highlights, Brights, Midtones, Darktones, Shadows (by position); Blend w. Original is not read."""
    if _disabled(effect):
        return _identity
    tone = _scalar(effect, 0, 0.0)
    high, bright, mid, dark, shadow = (_colour(effect, i, BLACK) for i in range(1, 6))

    def colours(f: float) -> list[np.ndarray]:
        mode = int(np.floor(tone(f) + 0.5))                          # SkScalarRoundToInt
        if mode == 1:
            lo, hi = shadow(f), high(f)
            return [lo] + [lerp_color(lo, hi, t) for t in (0.25, 0.5, 0.75)] + [hi]
        if mode == 2:
            lo, mi, hi = shadow(f), mid(f), high(f)
            return [lo, lerp_color(lo, mi, 0.5), mi, lerp_color(mi, hi, 0.5), hi]
        if mode == 3:
            return [shadow(f), dark(f), mid(f), bright(f), high(f)]
        return [mid(f)] * 5
    return _table_op(colours, lambda f: 1.0)


def tint(effect: dict) -> PixelOp:
    """Map Black To, Map White To, Amount to Tint (by position): a continuous two-colour ramp."""
    if _disabled(effect):
        return _identity
    black, white = _colour(effect, 0, BLACK), _colour(effect, 1, WHITE)
    if len(effect.get("ef") or []) < 3:
        raise Unsupported("Tint without its Amount to Tint parameter (Skottie leaves such a Tint out)")
    amount = _scalar(effect, 2, 100.0)

    def op(rgba: np.ndarray, frame: float) -> np.ndarray:
        weight = amount(frame) / 100
        if not weight > 0:
            return rgba
        rgb, a = unpremultiply(rgba.astype(np.float32))
        c0, c1 = black(frame) / np.float32(255), white(frame) / np.float32(255)
        toned = np.clip(c0 + (c1 - c0) * luminance(rgb)[..., None], 0, 1)
        return _mix(toned, rgb, a, weight)
    return op


EFFECTS["ADBE Tritone"] = tritone
EFFECTS["CC Toner"] = cc_toner
EFFECTS["ADBE Tint"] = tint
