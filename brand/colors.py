"""Colour literals: '#RGB', '#RRGGBB', '#RRGGBBAA', 'transparent'. Tokens are resolved by the kit."""
from __future__ import annotations

import re

RGBA = tuple[int, int, int, int]

_HEX = re.compile(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")


def is_literal(value: str) -> bool:
    return isinstance(value, str) and (bool(_HEX.match(value.strip())) or value.strip() == "transparent")


def parse_literal(value: str) -> RGBA:
    """'#1F4FFF' -> (31, 79, 255, 255); raises ValueError for anything else."""
    value = value.strip()
    if value == "transparent":
        return (0, 0, 0, 0)
    m = _HEX.match(value)
    if not m:
        raise ValueError(f"not a colour: {value!r}")
    h = m.group(1)
    if len(h) in (3, 4):
        h = "".join(c * 2 for c in h)
    if len(h) == 6:
        h += "ff"
    return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4, 6))  # type: ignore[return-value]


def with_alpha(rgba: RGBA, opacity: float) -> RGBA:
    return (rgba[0], rgba[1], rgba[2], int(round(rgba[3] * max(0.0, min(1.0, opacity)))))


def mix(a: RGBA, b: RGBA, t: float) -> RGBA:
    return tuple(int(round(x + (y - x) * t)) for x, y in zip(a, b))  # type: ignore[return-value]


def luminance(rgba: RGBA) -> float:
    """Relative luminance (WCAG) of the colour, 0..1: picks readable text on a fill and derives dark variants."""
    def lin(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(c) for c in rgba[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
