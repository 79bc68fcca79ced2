"""Which kit colours generated footage is mapped to when the kit names none (`look.palette`): a calm backdrop.

A kit's colours include state colours (error red, success green …) and loud accents meant for a button or a
highlight; a backdrop that uses all of them comes out as rainbow stripes. The default is the kit's primary and
its dark and neutral colours: never a state colour (by name), never another saturated colour. A kit that wants
others names them in `look.palette`.
"""
from __future__ import annotations

import re
from typing import Mapping

STATE_WORDS = ("error", "success", "warning", "warn", "danger", "info", "critical", "alert", "positive",
               "negative", "destructive", "ok", "fail", "failure", "valid", "invalid")
PRIMARY_WORDS = ("primary", "brand")
DARK_L = 30.0        # CIELAB L* below this: a dark colour (ink, navy) that reads calm at any saturation
NEUTRAL_C = 22.0     # CIELAB chroma below this: a neutral (paper, greys, muted tones)


def is_state(name: str) -> bool:
    """A token named for a UI state (`danger`, `success-bg`, `text_error`)."""
    return any(part in STATE_WORDS for part in re.split(r"[^a-z0-9]+", name.lower()))


def lab(rgb) -> tuple[float, float, float]:
    """sRGB 0..255 -> CIELAB (D65)."""
    def lin(c):
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(float(c)) for c in rgb[:3])
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116
    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def calm_names(colors: Mapping[str, tuple]) -> list[str]:
    """The default palette's tokens, in kit order: the primary, dark colours and neutrals; never a state colour
    or a transparent one. Falls back to every non-state colour when that leaves nothing."""
    usable = [n for n, c in colors.items() if not is_state(n) and (len(c) < 4 or c[3] == 255)]
    calm = []
    for name in usable:
        L, a, b = lab(colors[name])
        if name.lower() in PRIMARY_WORDS or L < DARK_L or (a * a + b * b) ** 0.5 < NEUTRAL_C:
            calm.append(name)
    return calm or usable or list(colors)
