"""The brand lock applied inside a Lottie: its fills and strokes recoloured to kit tokens, literals refused.

`colors: {"#ff0000": primary}` rewrites every solid fill, stroke, gradient stop, solid layer and text colour
equal to #ff0000 (after rounding to 8 bits) to the token's value, animated keys included. Under a strict kit
any colour left unmapped, and any text whose font is not one of the kit's, is refused.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

from brand.colors import is_literal, parse_literal
from compositor.errors import FieldError

from .lottie_file import LottieDoc, _where, animated_values

Hex = str


def _hex(rgb) -> Hex:
    """Lottie colours are 0..1 floats (0..255 in some old exports)."""
    scale = 1.0 if any(c > 1.0 for c in rgb[:3]) else 255.0
    return "#" + "".join(f"{max(0, min(255, round(c * scale))):02x}" for c in rgb[:3])


def _colour_values(prop) -> Iterator[list]:
    """Every [r, g, b(, a)] list of an animatable colour property (static or keyframed)."""
    return (v for v in animated_values(prop) if len(v) >= 3)


def _gradient_stops(shape) -> Iterator[tuple[list, int]]:
    """(values, offset) of each colour stop of a gradient fill/stroke: [pos, r, g, b] * count, then opacity."""
    g = shape.get("g")
    if not isinstance(g, dict):
        return
    count = int(g.get("p", 0))
    for values in _colour_values(g.get("k")):
        for i in range(count):
            if 4 * i + 3 < len(values):
                yield values, 4 * i + 1


def visit_colours(node, set_colour: Callable[[Hex], Hex | None]) -> None:
    """Walk the animation; `set_colour(hex)` returns the replacement hex (or None to keep it)."""
    def replace(values: list, at: int) -> None:
        new = set_colour(_hex(values[at:at + 3]))
        if new:
            r, g, b, _ = parse_literal(new)
            values[at:at + 3] = [r / 255.0, g / 255.0, b / 255.0]

    def walk(obj) -> None:
        if isinstance(obj, list):
            for item in obj:
                walk(item)
            return
        if not isinstance(obj, dict):
            return
        ty = obj.get("ty")
        if ty in ("fl", "st"):
            for values in _colour_values(obj.get("c")):
                replace(values, 0)
        elif ty in ("gf", "gs"):
            for values, at in _gradient_stops(obj):
                replace(values, at)
        if ty == 1 and isinstance(obj.get("sc"), str) and is_literal(obj["sc"]):
            new = set_colour(obj["sc"][:7].lower())
            if new:
                obj["sc"] = new[:7]
        if ty == 5:                                       # text: document keyframes carry fill/stroke colours
            for key in ((obj.get("t") or {}).get("d") or {}).get("k") or []:
                doc = key.get("s") if isinstance(key, dict) else None
                for name in ("fc", "sc"):
                    if isinstance(doc, dict) and isinstance(doc.get(name), list) and len(doc[name]) >= 3:
                        replace(doc[name], 0)
        for value in obj.values():
            if isinstance(value, (list, dict)):
                walk(value)

    walk(node)


def apply_brand(doc: LottieDoc, colors: dict[str, str], kit, base_dir: Path, field: tuple) -> None:
    """Recolour `doc` in place to the kit's tokens; refuse what a strict kit does not allow."""
    mapping: dict[Hex, Hex] = {}
    for literal, token in colors.items():
        if not is_literal(literal):
            raise FieldError(field + ("colors", literal), f"{literal!r} is not a '#RRGGBB' colour",
                             "key each entry by the colour used in the Lottie, e.g. \"#ff0000\": primary")
        if token not in kit.colors:
            raise FieldError(field + ("colors", literal), f"{token!r} is not a colour token of the kit "
                                                           f"'{kit.name}'",
                             f"use one of: {kit._names(kit.colors)}")
        r, g, b, _ = kit.colors[token]
        mapping[literal[:7].lower()] = f"#{r:02x}{g:02x}{b:02x}"
    unmapped: list[Hex] = []

    def set_colour(hex_: Hex):
        if hex_ in mapping:
            return mapping[hex_]
        if hex_ not in unmapped:
            unmapped.append(hex_)
        return None

    visit_colours(doc.data, set_colour)
    if kit.strict and unmapped:
        unmapped.sort()
        example = ", ".join(f'"{h}": {next(iter(kit.colors), "primary")}' for h in unmapped[:3])
        raise FieldError(field + ("colors",), f"{_where(doc.file, base_dir, 1)}: literal colours "
                                              f"{', '.join(unmapped)} are off-brand (the kit '{kit.name}' is locked)",
                         f"map each to a token: colors: {{{example}}}")
    if kit.strict:
        _check_fonts(doc, kit, base_dir, field)


@lru_cache(maxsize=64)
def _family(font: Path) -> str:
    import skia
    face = skia.Typeface.MakeFromFile(str(font))
    return face.getFamilyName() if face is not None else ""


def _check_fonts(doc: LottieDoc, kit, base_dir: Path, field: tuple) -> None:
    has_text = any(layer.get("ty") == 5 for layer in _all_layers(doc.data))
    if not has_text:
        return
    allowed = {_family(p).lower() for p in kit.fonts.values() if p.exists()}
    for font in (doc.data.get("fonts") or {}).get("list") or []:
        family = str(font.get("fFamily") or font.get("fName") or "")
        if family.lower() not in allowed:
            line = doc.line_of(r'"fFamily"\s*:\s*"' + re.escape(family) + '"')
            raise FieldError(field, f"{_where(doc.file, base_dir, line)}: text in font {family!r} is not the "
                                    f"kit's (the kit '{kit.name}' is locked)",
                             f"set the text in one of the kit's fonts ({', '.join(sorted(allowed)) or 'none'}) "
                             f"before exporting, or convert it to shapes")


def _all_layers(data: dict) -> Iterator[dict]:
    yield from data.get("layers") or []
    for asset in data.get("assets") or []:
        yield from asset.get("layers") or []
