"""`ui.code`: an editor panel — pygments highlighting in the kit's colours, line numbers, highlighted lines, typing.

Text is set in a monospaced font (the kit's `mono` font token, else the bundled DejaVu Sans Mono), so every
token sits on a fixed column grid: the typed-so-far state is a character count and nothing ever re-flows.
"""
from __future__ import annotations

import math
from typing import Optional

import skia
from pygments import lex
from pygments.lexers import get_lexer_by_name
from pygments.token import Comment, Keyword, Name, Number, Operator, String, Token
from pygments.util import ClassNotFound

from brand.colors import RGBA, mix
from compositor.errors import FieldError
from overlays.base import paint
from overlays.textblock import TextBlock

from .node import Node, Rect, fill_rrect, fit_text
from .theme import WHITE, Theme


def token_colours(theme: Theme) -> dict:
    """Syntax colours from the kit: keywords in primary, strings in success, numbers in accent, comments muted."""
    lift = (lambda c: mix(c, WHITE, 0.35)) if theme.mode == "dark" else (lambda c: c)
    return {Keyword: lift(theme.primary), Name.Builtin: lift(theme.primary), Name.Function: lift(theme.accent),
            Name.Class: lift(theme.accent), Name.Decorator: lift(theme.accent), String: lift(theme.success),
            Number: lift(theme.accent), Comment: theme.muted, Operator: theme.text, Token: theme.text}


def colour_of(ttype, table) -> RGBA:
    while ttype not in table:
        ttype = ttype.parent
    return table[ttype]


class Code(Node):
    def __init__(self, theme: Theme, code: str, language: str, title: Optional[str], highlight: list[int],
                 line_numbers: bool, typing: Optional[tuple[float, float]], size: Optional[float], path, id=None):
        super().__init__(theme, id)
        try:
            lexer = get_lexer_by_name(language, stripnl=False, ensurenl=False)
        except ClassNotFound:
            raise FieldError(path + ("language",), f"unknown language {language!r}",
                             "use a pygments lexer name: python, javascript, typescript, bash, yaml, json, sql …")
        self.code = code.rstrip("\n")
        self.lines = self.code.split("\n")
        for n in highlight:
            if not 1 <= n <= len(self.lines):
                raise FieldError(path + ("highlight",), f"line {n} does not exist (the code has {len(self.lines)})",
                                 "give 1-based line numbers of the code")
        self.title, self.highlight, self.line_numbers, self.typing = title, set(highlight), line_numbers, typing
        self.path = path
        self.size = size or theme.size * 0.9
        self.font = theme.font_mono
        self.adv = TextBlock("M" * 20, self.font, self.size, theme.text).text_width / 20
        self.line_h = TextBlock("Hg", self.font, self.size, theme.text).height * 1.15
        table = token_colours(theme)
        # runs: per line, (column, text, colour); spans of equal colour merged
        self.runs: list[list[tuple[int, str, RGBA]]] = [[] for _ in self.lines]
        line, col = 0, 0
        for ttype, value in lex(self.code, lexer):
            colour = colour_of(ttype, table)
            parts = value.split("\n")
            for k, part in enumerate(parts):
                if k:
                    line, col = line + 1, 0
                if part and line < len(self.lines):
                    runs = self.runs[line]
                    if runs and runs[-1][2] == colour and runs[-1][0] + len(runs[-1][1]) == col:
                        runs[-1] = (runs[-1][0], runs[-1][1] + part, colour)
                    else:
                        runs.append((col, part, colour))
                    col += len(part)
        self.blocks = [[(c, TextBlock(s, self.font, self.size, colour), s, colour) for c, s, colour in r]
                       for r in self.runs]
        self.total = sum(len(l) for l in self.lines) + len(self.lines) - 1
        self.pad = theme.spacing[3]
        self.gutter = (len(str(len(self.lines))) + 2) * self.adv if line_numbers else 0
        self.bar_h = TextBlock("Hg", theme.font_medium, theme.size * 0.72, theme.muted).height + 2 * theme.spacing[2] \
            if title else 0

    def natural_width(self):
        return self.fixed_width or self.gutter + max(len(l) for l in self.lines) * self.adv + 2 * self.pad + 2

    def measure(self, width):
        return self.fixed_height or self.bar_h + 2 * self.pad + self.line_h * len(self.lines)

    def place(self, x, y, w, h):
        super().place(x, y, w, h)
        need = self.gutter + max(len(l) for l in self.lines) * self.adv + 2 * self.pad
        if need > w + 0.5:
            raise FieldError(self.path + ("code",), f"the longest line needs {need:.0f}px, the panel has {w:.0f}px",
                             "shorten the line, widen the component, or set a smaller size:")
        if self.bar_h and self.title:
            self.title_block = fit_text(self.title, self.theme.font_medium, self.theme.size * 0.72, self.theme.muted,
                                        w - 2 * self.pad, "ellipsize", self.path + ("title",))

    # --- time --------------------------------------------------------------------------------------------------
    @property
    def dynamic(self):
        return self.typing is not None

    def typed(self, t: float) -> int:
        if self.typing is None:
            return self.total
        start, speed = self.typing
        return max(0, min(self.total, int(math.floor((t - start) * speed + 1e-9))))

    def key(self, t):
        return self.typed(t)

    # --- paint ----------------------------------------------------------------------------------------------
    def _origin(self, line: int) -> tuple[float, float]:
        return self.rect.x + self.pad + self.gutter, self.rect.y + self.bar_h + self.pad + line * self.line_h

    def paint_base(self, canvas):
        th, r = self.theme, self.rect
        fill_rrect(canvas, r, th.card_radius, th.surface)
        if self.bar_h:
            canvas.save()
            canvas.clipRect(Rect(r.x, r.y, r.w, self.bar_h).sk())
            fill_rrect(canvas, r, th.card_radius, th.background)
            canvas.restore()
            self.title_block.paint(canvas, r.x + self.pad, r.y + (self.bar_h - self.title_block.height) / 2)
        for n in sorted(self.highlight):
            _, y = self._origin(n - 1)
            band = Rect(r.x, y, r.w, self.line_h)
            fill_rrect(canvas, band, 0, th.subtle(th.primary, 0.82 if th.mode == "light" else 0.72))
            fill_rrect(canvas, Rect(r.x, y, 4, self.line_h), 0, th.primary)
        if self.line_numbers:
            for i in range(len(self.lines)):
                num = TextBlock(str(i + 1), self.font, self.size, th.muted, align="right",
                                width=self.gutter - self.adv)
                _, y = self._origin(i)
                num.paint(canvas, r.x + self.pad, y + (self.line_h - num.height) / 2)

    def paint(self, canvas, t):
        if not self.dynamic:
            self.paint_base(canvas)
        left = self.typed(t)
        caret = None
        for i, runs in enumerate(self.blocks):
            x0, y = self._origin(i)
            dy = (self.line_h - runs[0][1].height) / 2 if runs else 0
            shown_in_line = min(left, len(self.lines[i]))
            for col, block, text, colour in runs:
                if col >= shown_in_line:
                    break
                part = shown_in_line - col
                b = block if part >= len(text) else TextBlock(text[:part], self.font, self.size, colour)
                b.paint(canvas, x0 + col * self.adv, y + dy)
            if self.typing is not None and 0 <= left <= len(self.lines[i]):
                caret = (x0 + left * self.adv, y)
            left -= len(self.lines[i]) + 1
            if left < 0:
                break
        if caret and self.typed(t) < self.total:
            canvas.drawRect(skia.Rect.MakeXYWH(caret[0], caret[1] + 3, 2, self.line_h - 6), paint(self.theme.primary))
