"""Radial Wipe at its two ends: the layer as it is (completion 0) or hidden (completion 100).

Skottie (modules/skottie/src/effects/RadialWipeEffect.cpp) draws the layer untouched at a Transition Completion
of 0 or less and nothing at 100 or more; in between it masks the layer with a sweep gradient about the Wipe
Center, a point in the layer's own units. Those two ends are drawn here; a completion that ever lies between
them (static or keyframed) is refused, as the angular mask is not drawn.
"""
from __future__ import annotations

import numpy as np

from .lottie_pixel_ops import EFFECTS, PixelOp, Unsupported, param

COMPLETION = 0                 # parameter index, as Skottie binds them


def radial_wipe(effect: dict) -> PixelOp:
    completion = param(effect, COMPLETION, 0.0)
    values = [float(completion.at(t)[0]) for t in completion.times()] or [float(completion.value[0])]
    if all(v <= 0.0 for v in values):
        return lambda rgba, frame: rgba
    if all(v >= 100.0 for v in values):
        return lambda rgba, frame: np.zeros_like(rgba)
    raise Unsupported("a Transition Completion between 0 and 100 (only the layer untouched at 0 or hidden at "
                      "100 is drawn)")


EFFECTS["ADBE Radial Wipe"] = radial_wipe
