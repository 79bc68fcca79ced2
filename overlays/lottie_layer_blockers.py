"""What on a layer itself keeps it from being drawn as a picture placed by its transform chain — an image drawn
by Skia (`lottie_images`), a precomposition drawn as a sub-animation (`lottie_nest`): a track matte, masks, effects
that draw, layer styles, or a blend mode no op finishes. Both leave such a layer to the player (or its refusal)."""
from __future__ import annotations

from typing import Callable, Optional

from . import lottie_pixel_ops as ops
from .lottie_effects import effect_draws


def own_blocker(layer: dict, masks_block: Callable[[dict], bool]) -> Optional[str]:
    """Why the layer's own keys keep it from being placed as a picture, or None; `masks_block` says whether its
    masks count."""
    if layer.get("tt") or layer.get("td") or "tp" in layer:
        return "a track matte"
    if masks_block(layer):
        return "masks"
    if any(effect_draws(e) for e in layer.get("ef") or []):
        return "effects"
    if layer.get("sy"):
        return "layer styles"
    bm = layer.get("bm") or 0
    if bm and bm not in ops.BLENDS:
        return f"blend mode {bm}"
    return None
