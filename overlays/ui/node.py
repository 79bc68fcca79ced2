"""The building block of the UI kit: a laid-out component that paints itself and says when it changes.

Layout is width-driven: a parent offers a width, the child answers its height (`measure`), then the parent
places it (`place`). Painting is split in two so the overlay can cache: a node whose `dynamic` is False paints
once into a static raster; a dynamic node paints every frame, and its `key(t)` changes exactly when its pixels do.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Hashable, Iterator, Optional

import skia

from brand.colors import RGBA
from compositor.errors import FieldError, FieldWarning
from overlays.base import paint
from overlays.textblock import TextBlock

from .theme import Theme

OVERFLOW_MODES = ("shrink", "wrap", "ellipsize", "error")


@dataclass
class Rect:
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0

    def sk(self) -> skia.Rect:
        return skia.Rect.MakeXYWH(self.x, self.y, self.w, self.h)

    @property
    def center(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2


class Node:
    """A component. Subclasses override `measure`, `paint`, and for animation `dynamic`/`key`/`on_event`."""

    def __init__(self, theme: Theme, id: Optional[str] = None):
        self.theme = theme
        self.id = id
        self.rect = Rect()
        self.fixed_width: Optional[float] = None     # asked for by the spec (rows honour it)
        self.fixed_height: Optional[float] = None

    # --- layout -------------------------------------------------------------------------------------------
    def natural_width(self) -> Optional[float]:
        """The width the node would like in a row (None: take a share of the space)."""
        return self.fixed_width

    def measure(self, width: float) -> float:
        return self.fixed_height or 0.0

    def place(self, x: float, y: float, w: float, h: float) -> None:
        self.rect = Rect(x, y, w, h)

    def children(self) -> list["Node"]:
        return []

    def walk(self) -> Iterator["Node"]:
        yield self
        for c in self.children():
            yield from c.walk()

    # --- painting -----------------------------------------------------------------------------------------
    @property
    def dynamic(self) -> bool:
        """True when the pixels change with time (count-up, typing, events); such nodes are not cached."""
        return False

    def key(self, t: float) -> Hashable:
        return None

    def paint_base(self, canvas: skia.Canvas) -> None:
        """The never-changing part of a dynamic node (its tile, label…): painted once into the static raster."""

    def paint(self, canvas: skia.Canvas, t: float) -> None:
        """Paint this node only (not its children) inside self.rect: everything for a static node, only the
        changing part for a dynamic one (after `paint_base`)."""

    def on_event(self, name: str, target: str, t: float) -> None:
        """A click/hover on `target` (an id anywhere in the shot) at time t."""


# --- drawing helpers ----------------------------------------------------------------------------------------
def rrect(r: Rect, radius: float) -> skia.RRect:
    rad = min(radius, r.w / 2, r.h / 2)
    return skia.RRect.MakeRectXY(r.sk(), rad, rad)


def fill_rrect(canvas: skia.Canvas, r: Rect, radius: float, colour: RGBA) -> None:
    canvas.drawRRect(rrect(r, radius), paint(colour))


def stroke_rrect(canvas: skia.Canvas, r: Rect, radius: float, colour: RGBA, width: float = 1.0) -> None:
    inset = Rect(r.x + width / 2, r.y + width / 2, r.w - width, r.h - width)
    canvas.drawRRect(rrect(inset, max(0.0, radius - width / 2)), paint(colour, width))


def shadow(canvas: skia.Canvas, r: Rect, radius: float, theme: Theme, strength: float = 1.0) -> None:
    """A soft drop shadow under a rounded rect (the kit's `ui.shadow`)."""
    if theme.shadow[3] == 0 or theme.shadow_blur <= 0:
        return
    col = theme.shadow[:3] + (int(theme.shadow[3] * strength),)
    p = paint(col)
    p.setMaskFilter(skia.MaskFilter.MakeBlur(skia.kNormal_BlurStyle, theme.shadow_blur / 2))
    moved = Rect(r.x, r.y + theme.shadow_y, r.w, r.h)
    canvas.drawRRect(rrect(moved, radius), p)


def card_surface(canvas: skia.Canvas, r: Rect, theme: Theme, fill: Optional[RGBA] = None,
                 elevated: bool = True) -> None:
    if elevated:
        shadow(canvas, r, theme.card_radius, theme)
    fill_rrect(canvas, r, theme.card_radius, fill or theme.surface)
    stroke_rrect(canvas, r, theme.card_radius, theme.border, 1.0)


# --- text -------------------------------------------------------------------------------------------------
_plain_format = warnings.formatwarning


def _format(message, category, filename, lineno, line=None):
    """A field warning outside a project load (a component built alone) reads as one user line, not as a source
    excerpt; inside a load the loader turns it into `warning: FILE:LINE: …`."""
    if isinstance(category, type) and issubclass(category, FieldWarning):
        return f"warning: {message}\n"
    return _plain_format(message, category, filename, lineno, line)


warnings.formatwarning = _format


def fit_text(text: str, font, size: float, colour: RGBA, width: Optional[float], overflow: str, path: tuple,
             align: str = "left", max_lines: int = 1, warn: bool = True) -> TextBlock:
    """Text laid out to `width` without ever overflowing silently: shrink (to 70 %), wrap, ellipsize or refuse.

    `shrink` still refuses when even 70 % does not fit; the error says which modes would accept it. A cut text is
    warned about when the component is laid out (at load); `warn=False` is for painting what was laid out."""
    if width is None:
        return TextBlock(text, font, size, colour, align=align)
    width = max(1.0, width)
    block = TextBlock(text, font, size, colour, align=align, width=width)
    fits = lambda b: b.lines <= max_lines and b.text_width <= width + 0.5
    if fits(block) or overflow == "wrap":
        return block
    if overflow == "ellipsize":
        # cut text is a changed word in the video: say so (at the field's line), never silently
        if warn:
            warnings.warn(FieldWarning(path, f"{text!r} is cut to fit {width:.0f}px (overflow: ellipsize)",
                                       "widen the component, shorten the text, or set overflow: shrink|wrap|error"))
        return TextBlock(text, font, size, colour, align=align, width=width, max_lines=max_lines, ellipsize=True)
    if overflow == "shrink":
        s = size
        while s > size * 0.7:
            s *= 0.95
            block = TextBlock(text, font, s, colour, align=align, width=width)
            if fits(block):
                return block
    raise FieldError(path, f"{text!r} does not fit in {width:.0f}px",
                     "shorten it, make the component wider, or set overflow: wrap|ellipsize")


def text_h(theme: Theme, size: float, font=None) -> float:
    """Height of one line of text at `size` (for layout before the text exists)."""
    return TextBlock("Hg", font or theme.font, size, (0, 0, 0, 255)).height
