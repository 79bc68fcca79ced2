"""Shaped, wrapped text with the kit's own font files (skia's paragraph layout: HarfBuzz shaping, kerning, BiDi).

`TextBlock` is the one way anything in Compositor sets type — text layers, captions and UI components — so the
same string measures and draws the same everywhere. Boxes are sized from the font's real line metrics, so glyphs
are never clipped (ascenders, descenders and accents included).
"""
from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path
from typing import Optional

import skia
from skia import textlayout as tl

from brand.colors import RGBA

def _warm_up_quietly() -> None:
    """Initialise skia's fontconfig once with C-level stderr muted: its bundled fontconfig warns about newer
    system configuration syntax it does not know, which is noise (we only use font files we load ourselves)."""
    import os
    import sys

    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        skia.FontMgr.RefDefault().countFamilies()
        builder = tl.ParagraphBuilder(tl.ParagraphStyle(), tl.FontCollection(), skia.Unicode())
        builder.addText(" ")
        builder.Build().layout(10)
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


_warm_up_quietly()

_ALIGN = {"left": tl.TextAlign.kLeft, "center": tl.TextAlign.kCenter, "right": tl.TextAlign.kRight}
ELLIPSIS = "…"


Fonts = "Path | str | tuple"       # one font file, or a fallback chain (first that covers a run shapes it)


def _chain(font) -> tuple[str, ...]:
    return tuple(str(f) for f in font) if isinstance(font, (tuple, list)) else (str(font),)


@lru_cache(maxsize=64)
def _typeface(font: str) -> skia.Typeface:
    typeface = skia.Typeface.MakeFromFile(font)
    if typeface is None:
        raise ValueError(f"not a font file skia can read: {font}")
    return typeface


@lru_cache(maxsize=64)
def _collection(font) -> tuple[tl.FontCollection, list[str]]:
    """One font collection per font file or chain; the family aliases are private so system fonts never leak in,
    and the paragraph shapes each run with the first family of the chain that has its glyphs."""
    provider = tl.TypefaceFontProvider()
    aliases = []
    for f in _chain(font):
        alias = f"compositor-{abs(hash(f))}"
        provider.registerTypeface(_typeface(f), alias)
        aliases.append(alias)
    collection = tl.FontCollection()
    collection.setDefaultFontManager(provider)
    return collection, aliases


def uncovered(text: str, font) -> str:
    """The characters of `text` (in order, once each) that no font of the chain has a glyph for; spaces and
    control/format characters (joiners, marks of direction) need none."""
    import unicodedata

    chain = [_typeface(f) for f in _chain(font)]
    out = []
    for ch in dict.fromkeys(text):
        if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf"):
            continue
        if not any(t.unicharsToGlyphs([ord(ch)])[0] for t in chain):
            out.append(ch)
    return "".join(out)


def check_font(font: Path) -> Optional[str]:
    """None if skia can load the font, else why not (for validation)."""
    try:
        _collection(_chain(font))
        return None
    except Exception as exc:  # skia raises plain errors for broken files
        return str(exc)


def _style(font, size: float, color: RGBA, tracking: float, line_height: float) -> tl.TextStyle:
    _, aliases = _collection(font)
    ts = tl.TextStyle()
    ts.setFontFamilies(aliases)
    ts.setFontSize(size)
    ts.setColor(skia.Color(*color[:3], color[3]))
    if tracking:
        ts.setLetterSpacing(tracking)
    if line_height and line_height != 1.2:     # 1.2: the font's own line metrics
        ts.setHeight(line_height)
        ts.setHeightOverride(True)
    return ts


class TextBlock:
    """A laid-out paragraph. `width=None` sizes to the text; otherwise wraps inside `width`."""

    def __init__(self, text: str, font: Path | str | tuple, size: float, color: RGBA, align: str = "left",
                 width: Optional[float] = None, line_height: float = 1.2, tracking: float = 0.0,
                 max_lines: Optional[int] = None, ellipsize: bool = False, reveal: float = 1.0,
                 highlight: Optional[tuple[int, int, RGBA]] = None):
        self.text = text
        self.fonts = _chain(font)          # the fallback chain
        self.font = self.fonts[0]          # the style's own font (what checks of "which font" look at)
        self.size = float(size)
        self.color = color
        self.align = align
        self.line_height = line_height
        self.tracking = tracking
        self.max_lines = max_lines
        self.ellipsize = ellipsize
        self.paragraph = self._layout(width, reveal, highlight)

    def _layout(self, width: Optional[float], reveal: float, highlight) -> tl.Paragraph:
        collection, _ = _collection(self.fonts)
        ps = tl.ParagraphStyle()
        ps.setTextAlign(_ALIGN[self.align])
        base = _style(self.fonts, self.size, self.color, self.tracking, self.line_height)
        ps.setTextStyle(base)
        text = self.text
        if self.max_lines and self.ellipsize and width is not None:
            text = self._ellipsized(text, width)
        builder = tl.ParagraphBuilder(ps, collection, skia.Unicode())
        shown = len(text) if reveal >= 1 else int(math.floor(len(text) * max(0.0, reveal) + 1e-9))
        # hidden characters keep their place (transparent) so revealed text never re-wraps
        spans = [(0, shown, self.color)] + ([(shown, len(text), (0, 0, 0, 0))] if shown < len(text) else [])
        if highlight is not None:
            h0, h1, hcol = highlight
            spans = _split_spans(spans, h0, h1, hcol)
        for a, b, col in spans:
            if b <= a:
                continue
            builder.pushStyle(_style(self.fonts, self.size, col, self.tracking, self.line_height))
            builder.addText(text[a:b])
            builder.pop()
        para = builder.Build()
        if width is None:
            para.layout(1e6)
            width = math.ceil(para.MaxIntrinsicWidth) + 2
        para.layout(float(width))
        self.layout_width = float(width)
        return para

    def _ellipsized(self, text: str, width: float) -> str:
        """Cut at a word (then character) boundary so the text fits `max_lines` lines with an ellipsis."""
        if TextBlock(text, self.fonts, self.size, self.color, self.align, width, self.line_height,
                     self.tracking).lines <= self.max_lines:
            return text
        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            candidate = text[:mid].rstrip() + ELLIPSIS
            block = TextBlock(candidate, self.fonts, self.size, self.color, self.align, width, self.line_height,
                              self.tracking)
            if block.lines <= self.max_lines:
                lo = mid
            else:
                hi = mid - 1
        cut = text[:lo]
        space = cut.rfind(" ")
        if space > len(cut) // 2:          # prefer a word boundary when one is near
            cut = cut[:space]
        return cut.rstrip(" ,;:") + ELLIPSIS

    @property
    def width(self) -> float:
        return self.layout_width

    @property
    def height(self) -> float:
        return float(self.paragraph.Height)

    @property
    def text_width(self) -> float:
        return float(self.paragraph.LongestLine)

    @property
    def baseline(self) -> float:
        return float(self.paragraph.AlphabeticBaseline)

    @property
    def lines(self) -> int:
        """Number of laid-out lines. A line's height is its tallest font's: a line with Arabic in a Latin-first
        chain is taller than a Latin one, so lines are counted against this text's own unwrapped height."""
        hard = self.text.count("\n") + 1
        one = self.unwrapped_height() / hard
        if not one:
            return 1
        if self.height <= one * hard + 0.5:
            return hard
        return max(hard + 1, int(round(self.height / one)))

    def unwrapped_height(self) -> float:
        """The height of this text laid out without wrapping (one line per hard line break)."""
        collection, _ = _collection(self.fonts)
        ps = tl.ParagraphStyle()
        ts = _style(self.fonts, self.size, self.color, self.tracking, self.line_height)
        ps.setTextStyle(ts)
        b = tl.ParagraphBuilder(ps, collection, skia.Unicode())
        b.pushStyle(ts)
        b.addText(self.text or "Hg")
        p = b.Build()
        p.layout(1e6)
        return float(p.Height)

    def paint(self, canvas: skia.Canvas, x: float = 0.0, y: float = 0.0) -> None:
        self.paragraph.paint(canvas, x, y)


def _split_spans(spans, h0, h1, hcol):
    out = []
    for a, b, col in spans:
        if col[3] == 0 or b <= h0 or a >= h1:
            out.append((a, b, col))
            continue
        if a < h0:
            out.append((a, h0, col))
        out.append((max(a, h0), min(b, h1), hcol))
        if b > h1:
            out.append((h1, b, col))
    return out


def measure(text: str, font: Path | str | tuple, size: float, tracking: float = 0.0) -> float:
    """Width in px of `text` on one line (captions and UI use it for line breaking)."""
    return TextBlock(text, font, size, (0, 0, 0, 255), tracking=tracking).text_width
