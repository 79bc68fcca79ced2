"""Layer blend modes the player computes with another formula than After Effects, named so the layer can be
refused instead of drawn wrongly.

After Effects, lottie-web (CSS mix-blend-mode) and Skottie (Skia's blend modes) blend by the W3C compositing
formulas. Measured against Skottie on opaque colour pairs, the player agrees for Normal, Multiply, Screen,
Overlay, Darken, Lighten, Color Dodge, Color Burn, Hard Light, Difference, Exclusion and Add (within 4 levels),
is off by up to 47 levels for Soft Light and 20 for Saturation (within the bench's bounds on lottie-android's
LayerBlend scene, so drawn), and computes Hue, Color and Luminosity with another formula (off by 80 to 111
levels: a yellow star over blue drawn light olive instead of dark) and draws Hard Mix as Normal (off by up to
230). Those four are refused.
"""
from __future__ import annotations

from typing import Optional

WRONG = {12: "Hue", 14: "Color", 15: "Luminosity", 17: "Hard Mix"}


def blend_left_out(layer: dict) -> Optional[str]:
    """The blend mode the player would draw wrongly, e.g. "the blend mode Hue (bm 12)"."""
    mode = layer.get("bm")
    if layer.get("td") or layer.get("hd") is True:        # a matte source or hidden layer: never blended
        return None
    if isinstance(mode, int) and mode in WRONG:
        return f"the blend mode {WRONG[mode]} (bm {mode})"
    return None
