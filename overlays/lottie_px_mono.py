"""Threshold, Black & White, Invert and Shift Channels on a layer's own pixels, with Skottie's formulas
(modules/skottie/src/effects/{Threshold,BlackAndWhite,Invert,ShiftChannels}Effect.cpp), parameters read by
position at the layer's frame, so keyframed ones animate.

Each is a colour filter on the layer's finished picture:
- Threshold (`ADBE Threshold2`): white where the luminance (Rec. 709 weights) of the unpremultiplied colour is
  at least Level (0..1), else black; alpha kept.
- Black & White (`ADBE Black&White`): a grey from the colour's place on the hue hexagon, weighted by the six
  sliders (Reds, Yellows, Greens, Cyans, Blues, Magentas, in percent), on premultiplied colour (the map scales
  with alpha, so that is the same as on straight colour); Tint is not read by Skottie.
- Invert (`ADBE Invert`): one channel, or all three, of RGB, of HLS (hue turned half way round), or of YIQ,
  inverted in unpremultiplied colour and clamped to 0..1. Blend With Original, which Skottie does not read,
  mixes the original back as After Effects does (and as `lottie_colour_effects` bakes it), so the two ways an
  Invert is drawn agree; at 0, the usual value, the result is Skottie's.
- Shift Channels (`ADBE Shift Channels`): each of red, green and blue taken from alpha, red, green, blue,
  luminance, full on or full off, alpha from alpha or full off; a matrix on unpremultiplied colour.

Refused, as the pixels do not tell what Skottie draws: an alpha that becomes opaque where the layer was
transparent (Invert of alpha, alpha taken from Full On), which Skottie draws over the bounds it computed for the
layer's content; alpha taken from red, green, blue or luminance, which Skottie computes on each paint before
its edge coverage when the layer's content is one shape, and on the finished picture otherwise (on a lone
ellipse the two are 144 levels apart at the 99th percentile, all at its edge). And Shift Channels' hue,
lightness and saturation sources, which Skottie leaves at 0.
"""
from __future__ import annotations

import numpy as np

from .lottie_pixel_ops import (EFFECTS, PixelOp, Unsupported, hsl_to_rgb, param, premultiply, rgb_to_hsl,
                               unpremultiply)

LUMA = np.array([0.2126, 0.7152, 0.0722], np.float32)          # SK_LUM_COEFF_R/G/B


def _name(effect: dict, kind: str) -> str:
    return f"{kind} {effect.get('nm', kind)!r}"


# --- Threshold -------------------------------------------------------------------------------------------------

def threshold(effect: dict) -> PixelOp:
    level = param(effect, 0, 0.0)

    def op(rgba: np.ndarray, frame: float) -> np.ndarray:
        t = float(level.at(frame)[0])
        a = rgba[..., 3]
        white = (rgba[..., :3] @ LUMA >= t * a) & (a > 0)     # luminance of colour / alpha >= t, without dividing
        v = np.where(white, a, 0.0).astype(np.float32)
        return np.stack([v, v, v, a.astype(np.float32)], axis=-1)
    return op


# --- Black & White ---------------------------------------------------------------------------------------------

def black_and_white(effect: dict) -> PixelOp:
    weights = [param(effect, i, 0.0) for i in range(6)]                  # Skottie's default for a missing one

    def op(rgba: np.ndarray, frame: float) -> np.ndarray:
        kr, ky, kg, kc, kb, km = (float(w.at(frame)[0]) / 100 for w in weights)
        r, g, b = rgba[..., 0], rgba[..., 1], rgba[..., 2]
        m = np.minimum(np.minimum(r, g), b)
        dr, dg, db = r - m, g - m, b - m
        wy, wc, wm = np.minimum(dr, dg), np.minimum(dg, db), np.minimum(db, dr)
        wr, wg, wb = dr - wy - wm, dg - wy - wc, db - wc - wm
        lum = m + kr * wr + ky * wy + kg * wg + kc * wc + kb * wb + km * wm
        a = rgba[..., 3]
        lum = np.clip(lum, 0.0, a)                     # premultiplied in, premultiplied out (homogeneous map)
        return np.stack([lum, lum, lum, a], axis=-1).astype(np.float32)
    return op


# --- Invert ----------------------------------------------------------------------------------------------------

RGB2YIQ = np.array([[0.2990, 0.5870, 0.1140], [0.5959, -0.2746, -0.3213], [0.2115, -0.5227, 0.3112]])
YIQ2RGB = np.array([[1, 0.9560, 0.6190], [1, -0.2720, -0.6470], [1, -1.1060, 1.7030]])
# channel -> (space, scale, translate) of the three colour components, Skottie's table (16, alpha, is refused)
INVERT = {
    1: ("rgb", (-1, -1, -1), (1, 1, 1)), 2: ("rgb", (-1, 1, 1), (1, 0, 0)),
    3: ("rgb", (1, -1, 1), (0, 1, 0)), 4: ("rgb", (1, 1, -1), (0, 0, 1)),
    6: ("hsl", (-1, -1, -1), (0.5, 1, 1)), 7: ("hsl", (-1, 1, 1), (0.5, 0, 0)),
    8: ("hsl", (1, 1, -1), (0, 0, 1)), 9: ("hsl", (1, -1, 1), (0, 1, 0)),
    11: ("yiq", (-1, -1, -1), (1, 0, 0)), 12: ("yiq", (-1, 1, 1), (1, 0, 0)),
    13: ("yiq", (1, -1, 1), (0, 0, 0)), 14: ("yiq", (1, 1, -1), (0, 0, 0)),
}


def invert(effect: dict) -> PixelOp:
    channel, blend = param(effect, 0, 0.0), param(effect, 1, 0.0)           # channel 0: Skottie inverts nothing
    reached = _integers_reached(channel, lambda v: int(v) & 0xFF)           # Skottie casts to uint8_t
    if 16 in reached:
        raise Unsupported(f"{_name(effect, 'Invert')} of alpha: Skottie fills the bounds it computed for the "
                          f"layer's content with black")
    maps = {c: _invert_map(c) for c in reached}

    def op(rgba: np.ndarray, frame: float) -> np.ndarray:
        f = maps.get(int(float(channel.at(frame)[0])) & 0xFF)
        if f is None:                                                      # a channel Skottie leaves alone
            return rgba
        rgb, a = unpremultiply(rgba)
        out = np.clip(f(rgb), 0.0, 1.0)
        b = min(max(float(blend.at(frame)[0]) / 100, 0.0), 1.0)
        if b > 0:                                                          # After Effects' mix (Skottie: none)
            out = out * (1 - b) + rgb * b
        return premultiply(out, a)
    return op


def _invert_map(channel: int):
    """Straight RGB -> inverted straight RGB (unclamped) for one of Skottie's channels, None for the others."""
    if channel not in INVERT:
        return None
    space, scale, trans = INVERT[channel]
    if space == "hsl":
        s3, t3 = np.float32(scale), np.float32(trans)
        return lambda rgb: hsl_to_rgb(rgb_to_hsl(rgb) * s3 + t3)
    m, t = np.diag(np.asarray(scale, float)), np.asarray(trans, float)
    if space == "yiq":
        m, t = YIQ2RGB @ m @ RGB2YIQ, YIQ2RGB @ t
    m32, t32 = m.T.astype(np.float32), t.astype(np.float32)
    return lambda rgb: rgb @ m32 + t32


def _integers_reached(prop, to_int) -> set:
    """The choices (`to_int` of the value) a static or keyframed parameter takes at some frame: the keyframes'
    own, and those of every whole number in between where the value moves continuously."""
    if prop.static:
        return {to_int(float(prop.at(0)[0]))}
    values = [float(prop.at(t)[0]) for t in prop.times()]
    out = {to_int(v) for v in values}
    for (a, b), key in zip(zip(values, values[1:]), prop.keys):
        if not key.get("h"):
            lo, hi = int(np.floor(min(a, b))), int(np.ceil(max(a, b)))
            out.update(to_int(float(v)) for v in range(lo, min(hi, lo + 256) + 1))
    return out


# --- Shift Channels --------------------------------------------------------------------------------------------

# source -> row of a 4x5 colour matrix over (r, g, b, a, 1)
SOURCES = {1: (0, 0, 0, 1, 0), 2: (1, 0, 0, 0, 0), 3: (0, 1, 0, 0, 0), 4: (0, 0, 1, 0, 0),
           5: (*LUMA.tolist(), 0, 0), 9: (0, 0, 0, 0, 1), 10: (0, 0, 0, 0, 0)}
SOURCE_NAMES = {6: "hue", 7: "lightness", 8: "saturation"}          # rows of 0 in Skottie
OFF = SOURCES[10]


def shift_channels(effect: dict) -> PixelOp:
    # (parameter index, Skottie's default, channel) in the order of the matrix rows: red, green, blue, alpha
    params = [(param(effect, i, d), channel) for i, d, channel in
              ((1, 2.0, "red"), (2, 3.0, "green"), (3, 4.0, "blue"), (0, 1.0, "alpha"))]
    for p, channel in params:
        reached = _integers_reached(p, _source)
        undrawn = sorted(reached & set(SOURCE_NAMES))
        if undrawn:
            raise Unsupported(f"{_name(effect, 'Shift Channels')} taking {channel} from "
                              f"{SOURCE_NAMES[undrawn[0]]}, which Skottie draws as 0")
        if channel == "alpha" and 9 in reached:
            raise Unsupported(f"{_name(effect, 'Shift Channels')} taking alpha from Full On: Skottie fills the "
                              f"bounds it computed for the layer's content")
        if channel == "alpha" and reached & {2, 3, 4, 5}:
            raise Unsupported(f"{_name(effect, 'Shift Channels')} taking alpha from a colour: Skottie takes it "
                              f"before or after the edges' coverage depending on how the layer is grouped")

    def op(rgba: np.ndarray, frame: float) -> np.ndarray:
        m = np.array([SOURCES.get(_source(float(p.at(frame)[0])), OFF) for p, _ in params], np.float32)
        rgb, a = unpremultiply(rgba)
        out = np.clip(np.concatenate([rgb, a], axis=-1) @ m[:, :4].T + m[:, 4], 0.0, 1.0)
        return premultiply(out[..., :3], out[..., 3:4])
    return op


def _source(v: float) -> int:
    return int(min(max(v, 1.0), 10.0))                  # Skottie pins to 1..10, then truncates


EFFECTS.update({"ADBE Threshold2": threshold, "ADBE Black&White": black_and_white, "ADBE Invert": invert,
                "ADBE Shift Channels": shift_channels})
