"""Layer styles that no Lottie player draws are dropped at load: the layer is drawn as Skia's Skottie,
lottie-web and lottie-android draw it.

Bodymovin exports every After Effects layer style in `sy`, but players draw only some: Skottie builds Drop
Shadow, Inner Shadow, Outer Glow and Inner Glow (types 1-4) and leaves Stroke (0), Bevel and Emboss (5), Satin (6)
and Gradient Overlay (8) out, as lottie-web and lottie-android leave out every style. Measured with Skottie on
lottie-android's `cubo_livre.json` (two squares with a 2 px Stroke style): its frames with those styles are
identical to its frames without them, so a file previewed in any player looks the way the layer now draws it,
where it used to be refused. The styles Skottie draws stay, for `lottie_passes` to finish (or the layer to be
refused where it cannot).
"""
from __future__ import annotations

from .lottie_file import drop_entries

UNPLAYED = {0: "Stroke", 5: "Bevel and Emboss", 6: "Satin", 8: "Gradient Overlay"}


def drop_unplayed_styles(layers) -> int:
    """Remove, in place, every layer style no player draws from `layers`; how many were removed."""
    return drop_entries(layers, "sy", lambda s: isinstance(s, dict) and s.get("ty") in UNPLAYED)
