"""Effects that draw nothing are dropped at load, so they no longer keep a layer from being drawn as it shows.

An effect is a reason to draw a layer in a pass of its own, and a precomposition whose layer carries one is not
drawn as a sub-animation (`lottie_nest`): what it holds that needs finishing (a Color blend mode two
precompositions down in lottie-android's `ph_onboarding_.json`) was refused. Exporters leave effects switched on
at settings that change no pixel: a Drop Shadow at opacity 0 (unless Shadow Only, which then hides the layer) and
a Gaussian Blur of blurriness 0. Every player draws such a layer as if the effect were not there; so does the
layer now, and only effects whose values are 0 at every keyframe are dropped.
"""
from __future__ import annotations

from .lottie_file import drop_entries

DROP_SHADOW, GAUSSIAN_BLUR = 25, 29
# effect type -> (the parameter that must be 0 throughout, the parameter that must be off) by position, as
# Skia's Skottie binds them: Drop Shadow's opacity and Shadow Only; Gaussian Blur's blurriness.
NOOP_WHEN_ZERO = {DROP_SHADOW: (1, 5), GAUSSIAN_BLUR: (0, None)}


def drop_noop_effects(layers) -> int:
    """Remove, in place, every enabled effect of `layers` that draws nothing; how many were removed."""
    return drop_entries(layers, "ef", _draws_nothing)


def _draws_nothing(effect) -> bool:
    if not isinstance(effect, dict) or effect.get("ty") not in NOOP_WHEN_ZERO:
        return False
    zero, off = NOOP_WHEN_ZERO[effect["ty"]]
    return _always_zero(effect, zero) and (off is None or _always_zero(effect, off, missing=True))


def _always_zero(effect: dict, index: int, missing: bool = False) -> bool:
    """Whether the parameter at `index` is 0 at every keyframe (`missing`: what an absent one counts as)."""
    params = effect.get("ef") or []
    if index >= len(params) or not isinstance(params[index], dict) or "v" not in params[index]:
        return missing
    v = params[index]["v"]
    k = v.get("k") if isinstance(v, dict) else v
    if isinstance(k, list) and k and all(isinstance(key, dict) for key in k):
        values = [x for key in k for name in ("s", "e") for x in _numbers(key.get(name))]
        return bool(values) and all(x == 0 for x in values)
    values = _numbers(k)
    return bool(values) and all(x == 0 for x in values)


def _numbers(v) -> list:
    if isinstance(v, (int, float)):
        return [v]
    if isinstance(v, list) and all(isinstance(x, (int, float)) for x in v):
        return list(v)
    return []
