"""`ui.stat`: a KPI tile — label, a big number that counts up, and a delta badge coloured by its sign."""
from __future__ import annotations

from typing import Optional

from compositor.animate import ease
from overlays.textblock import TextBlock

from .controls import Badge
from .node import Node, card_surface, fit_text
from .theme import Theme


def format_number(value: float, decimals: int, separator: str, prefix: str = "", suffix: str = "") -> str:
    """1284 -> '1,284' (the separator is the spec's; '' for none); negative numbers keep a real minus sign."""
    text = f"{abs(value):,.{decimals}f}".replace(",", "\0").replace("\0", separator)
    return ("-" if value < 0 and float(text.replace(separator, "") or 0) != 0 else "") + prefix + text + suffix


class Stat(Node):
    def __init__(self, theme: Theme, label: str, value: float, delta: Optional[str], delta_tone, prefix, suffix,
                 decimals, separator, count_span: Optional[tuple[float, float]], overflow, path, id=None):
        super().__init__(theme, id)
        self.label, self.value, self.delta = label, value, delta
        self.fmt = lambda v: format_number(v, decimals, separator, prefix, suffix)
        self.final = self.fmt(value)
        self.span = count_span          # (start, duration) in shot seconds, or None
        self.overflow, self.path = overflow, path
        self.pad = theme.spacing[3]
        self.value_size = theme.size * 2.0
        tone = delta_tone or ("danger" if delta and delta.strip().startswith(("-", "−")) else "success")
        self.badge = Badge(theme, delta, tone=tone) if delta else None

    def natural_width(self):
        if self.fixed_width:
            return self.fixed_width
        th = self.theme
        label = TextBlock(self.label, th.font_medium, th.size * 0.82, th.muted).width
        value = TextBlock(self.final, th.font_bold, self.value_size, th.text).width
        badge = self.badge.natural_width() + th.spacing[2] if self.badge else 0
        return max(label, value + badge) + 2 * self.pad

    def _blocks(self, width):
        th = self.theme
        inner = width - 2 * self.pad
        label = fit_text(self.label, th.font_medium, th.size * 0.82, th.muted, inner, self.overflow,
                         self.path + ("label",))
        badge_w = self.badge.natural_width() + th.spacing[2] if self.badge else 0
        value = fit_text(self.final, th.font_bold, self.value_size, th.text, inner - badge_w, self.overflow,
                         self.path + ("value",))
        return label, value

    def measure(self, width):
        if self.fixed_height:
            return self.fixed_height
        label, value = self._blocks(width)
        return self.pad * 2 + label.height + self.theme.spacing[1] + value.height

    def place(self, x, y, w, h):
        super().place(x, y, w, h)
        self.label_block, self.value_block = self._blocks(w)
        vy = y + self.pad + self.label_block.height + self.theme.spacing[1]
        if self.badge:
            bw = self.badge.natural_width()
            bh = self.badge.measure(bw)
            bx = x + self.pad + self.value_block.text_width + self.theme.spacing[2]
            self.badge.place(bx, vy + (self.value_block.height - bh) / 2, bw, bh)

    # the tile, label and badge never change; only the number does (while it counts)
    @property
    def dynamic(self):
        return self.span is not None

    def shown(self, t: float) -> str:
        if self.span is None:
            return self.final
        start, dur = self.span
        u = 1.0 if dur <= 0 else ease("cubic-out", (t - start) / dur)
        return self.final if u >= 1 else self.fmt(self.value * u)

    def key(self, t):
        return self.shown(t)

    def paint_base(self, canvas):
        card_surface(canvas, self.rect, self.theme)
        self.label_block.paint(canvas, self.rect.x + self.pad, self.rect.y + self.pad)
        if self.badge:
            self.badge.paint(canvas, 0)

    def paint(self, canvas, t):
        text = self.shown(t)
        vb = self.value_block
        block = vb if text == self.final else TextBlock(text, vb.font, vb.size, vb.color, width=vb.width)
        block.paint(canvas, self.rect.x + self.pad, self.rect.y + self.pad + self.label_block.height
                    + self.theme.spacing[1])
