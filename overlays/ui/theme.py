"""UI design tokens, resolved once from the brand kit's `ui:` section (with defaults derived from its palette).

Components never hold a colour, font or radius of their own: they ask the `Theme`. A kit that says nothing about
UI still gets a coherent light theme (surfaces from `paper`, text from `ink`, accents from `primary`…); the dark
variant is derived from the same tokens, so a project can switch `theme: dark` without inventing colours.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from brand.colors import RGBA, is_literal, luminance, mix, parse_literal
from compositor.errors import FieldError
from compositor.vocab.bounds import MAX_BLUR, MAX_FONT, MAX_STROKE, Stroke

HERE = Path(__file__).parent
BUNDLED_MONO = HERE / "fonts" / "DejaVuSansMono.ttf"
SPACING_NAMES = ("xs", "sm", "md", "lg", "xl", "2xl")
WHITE: RGBA = (255, 255, 255, 255)
BLACK: RGBA = (0, 0, 0, 255)


class ShadowTokens(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    blur: float = Field(18, ge=0, le=MAX_BLUR)
    y: float = Field(6, ge=-MAX_STROKE, le=MAX_STROKE)
    opacity: float = Field(0.14, ge=0, le=1)
    color: Optional[str] = None          # default: the kit's ink


class UiTokens(BaseModel):
    """The kit's `ui:` section. Colour values are kit colour tokens (or '#hex', the kit defines its own brand)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    mode: Literal["light", "dark"] = "light"
    radius: float = Field(10, ge=0, le=MAX_STROKE)       # controls; cards and frames use 1.4x
    spacing: list[Stroke] = Field(default_factory=lambda: [4, 8, 14, 20, 28, 40])   # xs sm md lg xl 2xl
    shadow: ShadowTokens = Field(default_factory=ShadowTokens)
    size: float = Field(22, gt=4, le=MAX_FONT)           # base text size in px
    surface: Optional[str] = None                        # card / panel fill
    background: Optional[str] = None                     # app canvas behind cards
    border: Optional[str] = None
    text: Optional[str] = None
    muted: Optional[str] = None
    primary: Optional[str] = None
    accent: Optional[str] = None
    success: Optional[str] = None
    danger: Optional[str] = None
    font: Optional[str] = None                           # font tokens: regular / medium / bold / mono
    font_medium: Optional[str] = None
    font_bold: Optional[str] = None
    font_mono: Optional[str] = None
    fallback: list[str] = Field(default_factory=list, max_length=16)   # font tokens after every UI font


@dataclass(frozen=True)
class Theme:
    mode: str
    radius: float
    spacing: tuple
    shadow_blur: float
    shadow_y: float
    shadow: RGBA
    size: float
    surface: RGBA
    background: RGBA
    border: RGBA
    text: RGBA
    muted: RGBA
    primary: RGBA
    accent: RGBA
    success: RGBA
    danger: RGBA
    font: tuple[Path, ...]               # fallback chains: the font, then `ui.fallback` (first that covers a run)
    font_medium: tuple[Path, ...]
    font_bold: tuple[Path, ...]
    font_mono: tuple[Path, ...]
    kit: object = field(compare=False, repr=False, default=None)

    # --- derived ----------------------------------------------------------------------------------------
    def on(self, fill: RGBA) -> RGBA:
        """Readable text on `fill`: the theme's light or dark ink, whichever contrasts more."""
        light = self.background if self.mode == "light" else self.text
        dark = self.text if self.mode == "light" else self.background
        if luminance(light) < luminance(dark):
            light, dark = dark, light
        return dark if luminance(fill) > 0.4 else light

    def subtle(self, colour: RGBA, amount: float = 0.86) -> RGBA:
        """A tint of `colour` towards the surface (badge and highlight backgrounds)."""
        return mix(colour, self.surface, amount)

    def space(self, value: Union[str, float, int], path: tuple) -> float:
        if isinstance(value, (int, float)):
            return float(value)
        if value in SPACING_NAMES:
            return float(self.spacing[min(SPACING_NAMES.index(value), len(self.spacing) - 1)])
        raise FieldError(path, f"unknown spacing {value!r}", f"use pixels or one of: {', '.join(SPACING_NAMES)}")

    @property
    def text_fonts(self) -> dict[str, tuple[Path, ...]]:
        """The chains UI text is set in, by the `ui:` key that names them (what the glyph check tries)."""
        return {"font": self.font, "font_medium": self.font_medium, "font_bold": self.font_bold}

    @property
    def card_radius(self) -> float:
        return self.radius * 1.4

    def variant(self, mode: Optional[str]) -> "Theme":
        """The same kit in light or dark: surfaces and inks swap, accents stay."""
        if mode is None or mode == self.mode:
            return self
        ink, paper = (self.text, self.background) if self.mode == "light" else (self.background, self.text)
        if mode == "dark":
            base = mix(ink, BLACK, 0.25)
            return replace(self, mode="dark", background=base, surface=mix(base, paper, 0.07),
                           border=mix(base, paper, 0.18), text=paper, muted=mix(paper, base, 0.38),
                           shadow=(0, 0, 0, min(255, self.shadow[3] * 2)))
        return replace(self, mode="light", background=mix(paper, ink, 0.03), surface=mix(paper, WHITE, 0.6),
                       border=mix(paper, ink, 0.12), text=ink, muted=mix(ink, paper, 0.45),
                       shadow=(ink[0], ink[1], ink[2], self.shadow[3]))


def _kit_colour(kit, value: str, path: tuple) -> RGBA:
    if value in kit.colors:
        return kit.colors[value]
    if is_literal(value):
        return parse_literal(value)
    raise FieldError(path, f"unknown colour {value!r}", f"use a colour token of the kit: {', '.join(kit.colors)}")


def _first(kit, names, fallback: RGBA) -> RGBA:
    for n in names:
        if n in kit.colors:
            return kit.colors[n]
    return fallback


def _font(kit, token: Optional[str], names, fallback: Optional[Path], path: tuple) -> Path:
    if token is not None:
        if token not in kit.fonts:
            raise FieldError(path, f"unknown font token {token!r}", f"use one of: {', '.join(kit.fonts)}")
        return kit.fonts[token]
    for n in names:
        if n in kit.fonts:
            return kit.fonts[n]
    if fallback is not None:
        return fallback
    return next(iter(kit.fonts.values()))


_CACHE: dict = {}


def theme_of(kit) -> Theme:
    """The kit's UI theme (cached per kit object). A bad `ui:` section is a FieldError under ("ui", …)."""
    key = id(kit)
    hit = _CACHE.get(key)
    if hit is not None and hit.kit is kit:
        return hit
    raw = getattr(kit.spec, "ui", None) or {}
    try:
        tok = UiTokens.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise FieldError(("ui",) + tuple(err["loc"]), err["msg"], "see docs/ui-kit.md for the ui: keys")
    ink = _first(kit, ("ink", "text", "foreground", "black"), (17, 17, 17, 255))
    paper = _first(kit, ("paper", "background", "white"), WHITE)
    c = lambda name, default: _kit_colour(kit, getattr(tok, name), ("ui", name)) if getattr(tok, name) else default
    primary = c("primary", _first(kit, ("primary",), (37, 99, 235, 255)))
    text = c("text", ink)
    bg = c("background", mix(paper, ink, 0.03))
    shadow_col = _kit_colour(kit, tok.shadow.color, ("ui", "shadow", "color")) if tok.shadow.color else ink
    tail = tuple(_font(kit, t, (), None, ("ui", "fallback", i)) for i, t in enumerate(tok.fallback))
    regular = _font(kit, tok.font, ("body", "regular"), None, ("ui", "font"))
    medium = _font(kit, tok.font_medium, ("medium", "semibold"), regular, ("ui", "font_medium"))
    theme = Theme(
        mode="light", radius=tok.radius, spacing=tuple(tok.spacing) or (4, 8, 14, 20, 28, 40),
        shadow_blur=tok.shadow.blur, shadow_y=tok.shadow.y,
        shadow=(shadow_col[0], shadow_col[1], shadow_col[2], int(round(255 * tok.shadow.opacity))),
        size=tok.size,
        surface=c("surface", mix(paper, WHITE, 0.6)), background=bg,
        border=c("border", mix(paper, ink, 0.12)), text=text,
        muted=c("muted", _first(kit, ("muted",), mix(ink, paper, 0.45))), primary=primary,
        accent=c("accent", _first(kit, ("accent", "secondary"), primary)),
        success=c("success", _first(kit, ("success",), (22, 163, 74, 255))),
        danger=c("danger", _first(kit, ("danger", "error"), (220, 38, 38, 255))),
        font=(regular,) + tail, font_medium=(medium,) + tail,
        font_bold=(_font(kit, tok.font_bold, ("display", "bold"), medium, ("ui", "font_bold")),) + tail,
        font_mono=(_font(kit, tok.font_mono, ("mono", "code"), BUNDLED_MONO, ("ui", "font_mono")),) + tail,
        kit=kit,
    )
    if tok.mode == "dark":
        theme = theme.variant("dark")
    _CACHE[key] = theme
    return theme
