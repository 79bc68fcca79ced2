"""Layer effects and layer styles the player leaves out, named so the layer can be refused instead of drawn
without them.

The player (ThorVG 1.0) draws the After Effects Tint, Fill, Stroke, Tritone, Drop Shadow and Gaussian Blur
effects (`ef` types 20, 21, 22, 23, 25, 29; Fill is also applied at load, see `lottie_normalise`) and ignores
every other effect and every layer style (`sy`). Expression controls (sliders, colours, points, layer pickers
…) and pseudo-effects draw nothing in any player and pass. Effects that Skia's Skottie and lottie-web draw
but the player leaves out are refused: the typed ones lottie-web reads (Pro Levels, Radial Wipe, Displacement
Map, Set Matte, Twirl, Mesh Warp, Wavy, Spherize, Puppet) and those Skottie knows by match name (Levels,
Brightness & Contrast, Hue/Saturation, Invert, Black & White, Threshold, Shift Channels, CC Toner, Gradient
Ramp, Linear/Radial Wipe, Venetian Blinds, Fractal Noise, Corner Pin, Transform, Motion Tile, Directional Blur,
Bulge, Displacement Map, Sphere), unless a top-level layer's pass finishes them (`lottie_passes`). A generator no
reference player draws (lottie-android's snapshot files carry Circle, 4-Color Gradient, Echo, Puppet pins exported
as custom effects, and Skottie draws them as the player does: without) is left as it is. Colour effects that are
affine maps of colour are drawn by rewriting the paints under the layer (`lottie_colour_effects`, run at load
before this check), so they reach this list only where that rewrite cannot draw them exactly.

A Gaussian Blur with Repeat Edge Pixels on is refused: Skottie blurs with the edge pixels of the layer's bounds
repeated and keeps the result inside them (a filled square stays a crisp square), the player ignores the flag
and spreads the blur past them (mean 9.9, p99 133 levels off on a 40 px square blurred by 20;
bench/lottie_blur_cases.py).

A Tritone the paints could not be rewritten for (`lottie_colour_effects`) over partly transparent content is
refused too: the player takes the luminance of premultiplied pixels, Skottie of unpremultiplied colour
(`lottie_tritone`).
"""
from __future__ import annotations

from typing import Optional

from .lottie_tritone import OVER_ALPHA as TRITONE_OVER_ALPHA

DRAWN = {20: "Tint", 21: "Fill", 22: "Stroke", 23: "Tritone", 25: "Drop Shadow", 29: "Gaussian Blur"}
TYPED = {24: "Levels", 26: "Radial Wipe", 27: "Displacement Map", 28: "Set Matte", 30: "Twirl", 31: "Mesh Warp",
         32: "Wavy", 33: "Spherize", 34: "Puppet"}
BY_MATCH_NAME = {
    "ADBE Easy Levels2": "Levels", "ADBE Pro Levels2": "Levels", "ADBE Brightness & Contrast 2":
    "Brightness & Contrast", "ADBE HUE SATURATION": "Hue/Saturation", "ADBE Invert": "Invert",
    "ADBE Black&White": "Black & White", "ADBE Threshold2": "Threshold", "ADBE Shift Channels": "Shift Channels",
    "CC Toner": "CC Toner", "ADBE Ramp": "Gradient Ramp", "ADBE Linear Wipe": "Linear Wipe",
    "ADBE Radial Wipe": "Radial Wipe", "ADBE Venetian Blinds": "Venetian Blinds",
    "ADBE Fractal Noise": "Fractal Noise", "ADBE Corner Pin": "Corner Pin", "ADBE Geometry2": "Transform",
    "ADBE Tile": "Motion Tile", "ADBE Motion Blur": "Directional Blur", "ADBE Bulge": "Bulge",
    "ADBE Displacement Map": "Displacement Map", "CC Sphere": "CC Sphere", "ADBE Set Matte3": "Set Matte",
}
GAUSSIAN_BLUR = 29
STYLES = {0: "Stroke", 1: "Drop Shadow", 2: "Inner Shadow", 3: "Outer Glow", 4: "Inner Glow", 5: "Bevel and Emboss",
          6: "Satin", 7: "Color Overlay", 8: "Gradient Overlay"}


def effect_left_out(layer: dict) -> Optional[str]:
    """What the player would leave out of the layer's look, e.g. "the effect 'Blinds' (Venetian Blinds)"."""
    for e in layer.get("ef") or []:
        if not isinstance(e, dict) or e.get("en", 1) == 0:
            continue
        if e.get("ty") == GAUSSIAN_BLUR and _repeats_edges(e):
            return f"the effect {e.get('nm', 'Gaussian Blur')!r} (Gaussian Blur with Repeat Edge Pixels on)"
        if e.get(TRITONE_OVER_ALPHA):
            return (f"the effect {e.get('nm', 'Tritone')!r} (Tritone over partly transparent colours: the player "
                    f"takes the luminance of premultiplied pixels)")
        if e.get("ty") in DRAWN:
            continue
        kind = TYPED.get(e.get("ty")) or BY_MATCH_NAME.get(str(e.get("mn", "")))
        if kind:
            why = e.get("x-unsupported")
            return f"the effect {e.get('nm', kind)!r} ({kind}{': ' + why if why else ''})"
    for s in layer.get("sy") or []:
        if isinstance(s, dict) and s.get("en", 1) != 0:
            kind = STYLES.get(s.get("ty"), f"type {s.get('ty')}")
            return f"the layer style {s.get('nm', kind)!r} ({kind})"
    return None


def effect_draws(effect) -> bool:
    """Whether an enabled effect changes the picture in some player: not an expression control or pseudo-effect
    (those draw nothing), nor a generator no reference player draws."""
    if not isinstance(effect, dict) or effect.get("en", 1) == 0:
        return False
    return effect.get("ty") in DRAWN or effect.get("ty") in TYPED or str(effect.get("mn", "")) in BY_MATCH_NAME


def _repeats_edges(blur: dict) -> bool:
    """Repeat Edge Pixels (the blur's third parameter) on at any keyframe."""
    params = [p for p in blur.get("ef") or [] if isinstance(p, dict)]
    prop = params[2].get("v") if len(params) > 2 else None
    if not isinstance(prop, dict):
        return False
    k = prop.get("k")
    values = [kf.get("s") for kf in k if isinstance(kf, dict)] if prop.get("a") == 1 and isinstance(k, list) else [k]
    flat = [v for s in values for v in (s if isinstance(s, list) else [s])]
    return any(isinstance(v, (int, float)) and v != 0 for v in flat)
