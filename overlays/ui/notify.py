"""`ui.toast` (a notification card with a tone icon) and `ui.sidebar` (app navigation with an active item)."""
from __future__ import annotations

from typing import Optional, Union

import skia

from compositor.errors import FieldError
from overlays.base import paint
from overlays.textblock import TextBlock

from .controls import Badge, tone_colour
from .node import Node, Rect, card_surface, fill_rrect, fit_text
from .theme import Theme

TOAST_MAX_WIDTH = 560.0


def draw_icon(canvas: skia.Canvas, cx: float, cy: float, r: float, tone: str, colour, ink) -> None:
    """A round tone icon: a check for success, '!' for danger, 'i' otherwise — vector, no font involved."""
    canvas.drawCircle(cx, cy, r, paint(colour))
    p = paint(ink, r * 0.22)
    p.setStrokeCap(skia.Paint.kRound_Cap)
    p.setStrokeJoin(skia.Paint.kRound_Join)
    if tone == "success":
        path = skia.Path()
        path.moveTo(cx - r * 0.42, cy + r * 0.02)
        path.lineTo(cx - r * 0.1, cy + r * 0.34)
        path.lineTo(cx + r * 0.45, cy - r * 0.3)
        canvas.drawPath(path, p)
    elif tone == "danger":
        canvas.drawLine(cx, cy - r * 0.45, cx, cy + r * 0.1, p)
        canvas.drawPoint(cx, cy + r * 0.42, p)
    else:
        canvas.drawPoint(cx, cy - r * 0.42, p)
        canvas.drawLine(cx, cy - r * 0.08, cx, cy + r * 0.45, p)


class Toast(Node):
    def __init__(self, theme: Theme, text: str, title: Optional[str], tone: str, overflow, path, id=None):
        super().__init__(theme, id)
        self.text, self.title, self.tone, self.overflow, self.path = text, title, tone, overflow, path
        self.colour = tone_colour(theme, tone)
        self.icon = theme.size * 0.8
        self.pad = theme.spacing[3]

    def _text_x(self):
        return self.pad + 2 * self.icon + self.theme.spacing[2]

    def natural_width(self):
        if self.fixed_width:
            return self.fixed_width
        th = self.theme
        widest = max(TextBlock(self.text, th.font, th.size, th.text).width,
                     TextBlock(self.title, th.font_bold, th.size, th.text).width if self.title else 0)
        return min(TOAST_MAX_WIDTH, widest + self._text_x() + self.pad)

    def _blocks(self, width):
        th = self.theme
        inner = width - self._text_x() - self.pad
        out = []
        if self.title:
            out.append(fit_text(self.title, th.font_bold, th.size, th.text, inner, self.overflow,
                                self.path + ("title",), max_lines=1))
        out.append(fit_text(self.text, th.font, th.size * (0.9 if self.title else 1.0),
                            th.muted if self.title else th.text, inner, self.overflow, self.path + ("text",),
                            max_lines=3))
        return out

    def measure(self, width):
        h = sum(b.height for b in self._blocks(width))
        return self.fixed_height or max(h, 2 * self.icon) + 2 * self.pad

    def place(self, x, y, w, h):
        super().place(x, y, w, h)
        self.blocks = self._blocks(w)

    def paint(self, canvas, t):
        th, r = self.theme, self.rect
        card_surface(canvas, r, th)
        cy = r.y + r.h / 2
        draw_icon(canvas, r.x + self.pad + self.icon, cy, self.icon, self.tone, self.colour, th.on(self.colour))
        total = sum(b.height for b in self.blocks)
        y = r.y + (r.h - total) / 2
        for b in self.blocks:
            b.paint(canvas, r.x + self._text_x(), y)
            y += b.height


class Sidebar(Node):
    """A navigation column. Items with an `id` are cursor targets; clicking one makes it the active item."""

    WIDTH = 280.0

    def __init__(self, theme: Theme, title: Optional[str], items: list, active: Union[int, str], path, id=None):
        super().__init__(theme, id)
        self.items = [(i if isinstance(i, str) else i.label, None if isinstance(i, str) else i.badge,
                       None if isinstance(i, str) else i.id) for i in items]
        labels = [it[0] for it in self.items]
        if isinstance(active, str):
            if active not in labels:
                raise FieldError(path + ("active",), f"no item is called {active!r}",
                                 f"use one of: {', '.join(labels)}")
            active = labels.index(active)
        self.active, self.switch = active, None     # switch: (time, new index) from a click
        self.title, self.path = title, path
        self.pad = theme.spacing[3]
        self.item_h = TextBlock("Hg", theme.font_medium, theme.size * 0.9, theme.text).height + 2 * theme.spacing[2]
        self.title_block = TextBlock(title, theme.font_bold, theme.size * 1.1, theme.text) if title else None

    def natural_width(self):
        return self.fixed_width or self.WIDTH

    def measure(self, width):
        head = self.title_block.height + self.theme.spacing[4] if self.title_block else 0
        return self.fixed_height or 2 * self.pad + head + self.item_h * len(self.items)

    def place(self, x, y, w, h):
        super().place(x, y, w, h)
        th = self.theme
        head = self.title_block.height + th.spacing[4] if self.title_block else 0
        self.item_rects = [Rect(x + th.spacing[2], y + self.pad + head + i * self.item_h, w - 2 * th.spacing[2],
                                self.item_h) for i in range(len(self.items))]
        self.badges = []
        for (label, badge, _), r in zip(self.items, self.item_rects):
            if badge:
                b = Badge(th, badge, "primary")
                bw = b.natural_width()
                b.place(r.x + r.w - bw - th.spacing[2], r.y, bw, r.h)
                self.badges.append(b)
        for (label, badge, _), r in zip(self.items, self.item_rects):
            fit_text(label, th.font_medium, th.size * 0.9, th.text, r.w - 2 * th.spacing[2] - (90 if badge else 0),
                     "error", self.path + ("items",))

    def extra_targets(self) -> dict:
        return {iid: r for (_, _, iid), r in zip(self.items, self.item_rects) if iid}

    def on_event(self, name, target, t):
        ids = [it[2] for it in self.items]
        if name == "click" and target in ids:
            self.switch = (t, ids.index(target))

    @property
    def dynamic(self):
        return self.switch is not None

    def active_at(self, t):
        return self.switch[1] if self.switch and t >= self.switch[0] else self.active

    def key(self, t):
        return self.active_at(t)

    def paint_base(self, canvas):
        th, r = self.theme, self.rect
        fill_rrect(canvas, r, 0, th.surface)
        canvas.drawRect(Rect(r.x + r.w - 1, r.y, 1, r.h).sk(), paint(th.border))
        if self.title_block:
            self.title_block.paint(canvas, r.x + self.pad, r.y + self.pad)

    def paint(self, canvas, t):
        th = self.theme
        if not self.dynamic:
            self.paint_base(canvas)
        active = self.active_at(t)
        for i, ((label, badge, _), ir) in enumerate(zip(self.items, self.item_rects)):
            on = i == active
            if on:
                fill_rrect(canvas, ir, th.radius, th.subtle(th.primary, 0.86 if th.mode == "light" else 0.7))
            b = TextBlock(label, th.font_medium, th.size * 0.9, th.primary if on else th.text)
            b.paint(canvas, ir.x + th.spacing[2], ir.y + (ir.h - b.height) / 2)
        for b in self.badges:
            b.paint(canvas, t)
