"""Keyframes, easing and enter/exit presets: pure functions from time to property values.

Every property a layer animates is evaluated here from (spec, t) alone — no state between frames — so any frame
can be rendered on its own (previews, chunked and distributed renders).
"""
from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from typing import Callable, Optional, Sequence


def _spring(t: float, damping: float = 0.45, freq: float = 4.5) -> float:
    """A damped spring settling at 1 (overshoots a little, like a UI spring)."""
    if t <= 0:
        return 0.0
    if t >= 1:
        return 1.0
    return 1 - math.exp(-damping * 10 * t) * math.cos(freq * math.pi * t)


def _back_out(t: float, s: float = 1.70158) -> float:
    t -= 1
    return t * t * ((s + 1) * t + s) + 1


EASINGS: dict[str, Callable[[float], float]] = {
    "linear": lambda t: t,
    "quad-in": lambda t: t * t,
    "quad-out": lambda t: 1 - (1 - t) ** 2,
    "quad-in-out": lambda t: 2 * t * t if t < 0.5 else 1 - (-2 * t + 2) ** 2 / 2,
    "cubic-in": lambda t: t ** 3,
    "cubic-out": lambda t: 1 - (1 - t) ** 3,
    "cubic-in-out": lambda t: 4 * t ** 3 if t < 0.5 else 1 - (-2 * t + 2) ** 3 / 2,
    "expo-in": lambda t: 0.0 if t == 0 else 2 ** (10 * t - 10),
    "expo-out": lambda t: 1.0 if t == 1 else 1 - 2 ** (-10 * t),
    "expo-in-out": lambda t: (0.0 if t == 0 else 1.0 if t == 1 else
                              2 ** (20 * t - 10) / 2 if t < 0.5 else (2 - 2 ** (-20 * t + 10)) / 2),
    "sine-in-out": lambda t: -(math.cos(math.pi * t) - 1) / 2,
    "back-out": _back_out,
    "spring": _spring,
}
EASE_NAMES = tuple(EASINGS)


def ease(name: str, t: float) -> float:
    t = 0.0 if t <= 0 else 1.0 if t >= 1 else t
    return EASINGS[name](t)


def lerp(a, b, u: float):
    if isinstance(a, (tuple, list)):
        return tuple(x + (y - x) * u for x, y in zip(a, b))
    return a + (b - a) * u


@dataclass(frozen=True)
class Track:
    """Keyframes of one property: times ascending; value held before the first and after the last key."""

    times: tuple
    values: tuple
    eases: tuple   # ease of the segment that *ends* at key i (index 0 unused)

    @classmethod
    def build(cls, keys: Sequence, default_ease: str = "linear") -> "Track":
        keys = sorted(keys, key=lambda k: k[0])
        times = tuple(float(k[0]) for k in keys)
        values = tuple(tuple(k[1]) if isinstance(k[1], (list, tuple)) else float(k[1]) for k in keys)
        eases = tuple(k[2] if len(k) > 2 else default_ease for k in keys)
        return cls(times, values, eases)

    def at(self, t: float):
        i = bisect.bisect_right(self.times, t)
        if i == 0:
            return self.values[0]
        if i >= len(self.times):
            return self.values[-1]
        t0, t1 = self.times[i - 1], self.times[i]
        u = ease(self.eases[i], (t - t0) / (t1 - t0) if t1 > t0 else 1.0)
        return lerp(self.values[i - 1], self.values[i], u)

    @property
    def span(self) -> tuple[float, float]:
        return self.times[0], self.times[-1]


# --- enter / exit presets -------------------------------------------------------------------------------------
PRESETS = ("fade", "rise", "drop", "slide-left", "slide-right", "slide-up", "slide-down", "pop", "zoom",
           "typewriter", "wipe-left", "wipe-right")


@dataclass(frozen=True)
class Effect:
    """What a preset does at progress u (0 = hidden, 1 = in place): multiplies/adds to the layer's props."""

    opacity: float = 1.0
    dx: float = 0.0
    dy: float = 0.0
    scale: float = 1.0
    reveal: float = 1.0      # fraction of text shown (typewriter)
    wipe: Optional[tuple] = None   # (direction, fraction visible)


def preset_effect(name: str, u: float, distance: float, layer_w: float, out_w: float) -> Effect:
    """The effect of preset `name` at eased progress u in [0, 1]."""
    hidden = 1.0 - u
    if name == "fade":
        return Effect(opacity=u)
    if name == "rise":
        return Effect(opacity=u, dy=distance * hidden)
    if name == "drop":
        return Effect(opacity=u, dy=-distance * hidden)
    if name == "slide-left":       # enters from the left edge side
        return Effect(opacity=min(1.0, u * 2), dx=-distance * 4 * hidden)
    if name == "slide-right":
        return Effect(opacity=min(1.0, u * 2), dx=distance * 4 * hidden)
    if name == "slide-up":          # comes up from below
        return Effect(opacity=min(1.0, u * 2), dy=distance * 4 * hidden)
    if name == "slide-down":
        return Effect(opacity=min(1.0, u * 2), dy=-distance * 4 * hidden)
    if name == "pop":
        return Effect(opacity=min(1.0, u * 3), scale=0.5 + 0.5 * u)
    if name == "zoom":
        return Effect(opacity=u, scale=1.25 - 0.25 * u)
    if name == "typewriter":
        return Effect(reveal=u)
    if name == "wipe-left":
        return Effect(wipe=("left", u))
    if name == "wipe-right":
        return Effect(wipe=("right", u))
    raise KeyError(name)


PRESET_DEFAULT_EASE = {"pop": "back-out", "typewriter": "linear"}
