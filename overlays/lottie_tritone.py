"""The Tritone effect as Skottie draws it, and where the player's own Tritone cannot be trusted.

Tritone (`ADBE Tritone`, `ef` type 23) maps each pixel's luminance through a three-stop ramp, shadows →
midtones → highlights, and mixes the result with the original by 100 % minus Blend With Original. Skottie
(sksg::GradientColorFilter) takes the luminance of the unpremultiplied colour with Rec. 709 weights and looks it up
in a 256-entry table: shadows to midtones over entries 0..128, midtones to highlights over 129..255. So the map is
piecewise affine in the colour, with its bends at luminance 128/255 and 129/255: where every colour under the
layer lies in one piece, or nothing under it is translucent, it is drawn by rewriting the paints
(`lottie_colour_effects`), exactly.

The player computes the luminance of the premultiplied pixel, alpha times Skottie's, so wherever the layer is
partly transparent (a fill at 75 %) it picks a darker tone than Skottie (a green circle at 75 % drawn red where
Skottie draws it orange). On opaque pixels the two agree. A Tritone left to the player (animated, or over
colours that mix across a bend) over a layer with partly transparent content is marked here, and refused by
`lottie_effects`.
"""
from __future__ import annotations

from typing import Optional

import numpy as np

TRITONE = 23
MATCH_NAME = "ADBE Tritone"
OVER_ALPHA = "x-tritone-over-alpha"             # set on a Tritone the player would draw wrongly
LUMA = np.array([0.2126, 0.7152, 0.0722])       # SK_LUM_COEFF_R/G/B


def is_tritone(effect) -> bool:
    return isinstance(effect, dict) and (effect.get("ty") == TRITONE or effect.get("mn") == MATCH_NAME)


def tritone_map(effect: dict):
    """The effect as a map of unpremultiplied RGB (..., 3), or None when a parameter is animated or unreadable."""
    params = [p for p in effect.get("ef") or [] if isinstance(p, dict)]
    colours = []
    for index in range(3):                         # highlights, midtones, shadows (Skottie binds them by position)
        value = _static(params[index] if index < len(params) else None)
        if not isinstance(value, list) or len(value) < 3:
            return None
        colours.append(np.round(np.clip(np.asarray(value[:3], float), 0, 1) * 255) / 255)   # an SkColor
    blend = _static(params[3] if len(params) > 3 else {"v": 0})
    if isinstance(blend, list):
        blend = blend[0] if blend else None
    if not isinstance(blend, (int, float)):
        return None
    high, mid, low = colours
    weight = min(max((100 - float(blend)) / 100, 0.0), 1.0)

    def apply(rgb: np.ndarray) -> np.ndarray:
        rgb = np.asarray(rgb, float)
        x = np.clip(rgb @ LUMA * 255, 0, 255)[..., None]
        lower = low + (mid - low) * np.minimum(x, 128) / 128
        upper = mid + (high - mid) * np.clip(x - 129, 0, 126) / 126
        toned = np.where(x <= 128, lower, upper)
        return rgb + (toned - rgb) * weight
    return apply


def _static(param) -> Optional[object]:
    v = param.get("v") if isinstance(param, dict) else None
    if isinstance(v, (int, float, list)):
        return v
    if not isinstance(v, dict) or v.get("a") == 1:
        return None
    k = v.get("k")
    if isinstance(k, list) and k and isinstance(k[0], dict):
        return None
    return k
