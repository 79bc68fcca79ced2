"""`ui.chart`: bar, line and donut charts drawn from data, with exact axis numbers and value labels.

Bars/points/slices grow from zero and can move to new data later (at a time, or when a target is clicked).
The card, title, gridlines and axis labels are static; only the marks and their value labels are redrawn, and
`key(t)` stops changing the moment the marks stop moving, so a settled chart is cached like any still.
"""
from __future__ import annotations

import math
from typing import Optional

import skia

from brand.colors import RGBA
from compositor.animate import ease
from overlays.base import paint
from overlays.textblock import TextBlock

from .node import Node, Rect, card_surface, fit_text
from .theme import Theme

DEFAULT_HEIGHT = {"bar": 340.0, "line": 340.0, "donut": 300.0}


def nice_ticks(top: float, count: int = 4) -> list[float]:
    """0 … a round number ≥ top in `count` equal round steps (1, 2, 2.5, 5 × 10^n)."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw - 1e-12)
    n = math.ceil(top / step - 1e-9)
    return [i * step for i in range(n + 1)]


class Chart(Node):
    def __init__(self, theme: Theme, kind: str, labels: list[str], values: list[float], title: Optional[str],
                 colours: list[RGBA], grow: Optional[tuple[float, float]], update, show_values: bool, axis: bool,
                 fmt, path, id=None):
        super().__init__(theme, id)
        self.kind, self.labels, self.values, self.title = kind, labels, values, title
        self.colours, self.grow, self.show_values, self.axis = colours, grow, show_values, axis
        self.fmt, self.path = fmt, path
        # update: (labels must match) new values, at-time or None, on-target or None, duration
        self.update = update
        self.update_at: Optional[float] = update[1] if update else None
        self.pad = theme.spacing[3]
        self.fixed_height = None

    # --- data over time -------------------------------------------------------------------------------------
    def on_event(self, name, target, t):
        if name == "click" and self.update and self.update[2] == target:
            self.update_at = t

    @property
    def dynamic(self):
        return self.grow is not None or self.update_at is not None

    def data_at(self, t: float) -> list[float]:
        u = 1.0
        if self.grow is not None:
            start, dur = self.grow
            u = 1.0 if dur <= 0 else ease("cubic-out", (t - start) / dur)
        vals = [v * u for v in self.values]
        if self.update and self.update_at is not None and t >= self.update_at:
            new, dur = self.update[0], self.update[3]
            w = 1.0 if dur <= 0 else ease("cubic-in-out", (t - self.update_at) / dur)
            vals = [a + (b - a) * w for a, b in zip(vals, new)]
        return vals

    def key(self, t):
        return tuple(round(v, 4) for v in self.data_at(t))

    def top(self) -> float:
        every = self.values + (list(self.update[0]) if self.update else [])
        return max([0.0] + every)

    # --- layout -----------------------------------------------------------------------------------------------
    def measure(self, width):
        return self.fixed_height or DEFAULT_HEIGHT[self.kind]

    def place(self, x, y, w, h):
        super().place(x, y, w, h)
        th = self.theme
        p = self.pad
        self.title_block = fit_text(self.title, th.font_bold, th.size * 1.0, th.text, w - 2 * p, "ellipsize",
                                    self.path + ("title",)) if self.title else None
        top = y + p + (self.title_block.height + th.spacing[2] if self.title_block else 0)
        self.small = th.size * 0.72
        self.label_h = TextBlock("Hg", th.font, self.small, th.muted).height
        if self.kind == "donut":
            self._place_donut(Rect(x + p, top, w - 2 * p, y + h - p - top))
        else:
            self._place_xy(Rect(x + p, top, w - 2 * p, y + h - p - top))

    def _place_xy(self, area: Rect):
        th = self.theme
        self.ticks = nice_ticks(self.top()) if self.axis else [0.0, self.top() or 1.0]
        tick_text = [self.fmt(v) for v in self.ticks]
        axis_w = max(TextBlock(s, th.font, self.small, th.muted).width for s in tick_text) + th.spacing[1] \
            if self.axis else 0
        value_h = self.label_h + th.spacing[0] if self.show_values else 0
        self.plot = Rect(area.x + axis_w, area.y + value_h, area.w - axis_w,
                         area.h - value_h - self.label_h - th.spacing[1])
        self.tick_blocks = [(TextBlock(s, th.font, self.small, th.muted, align="right", width=axis_w - th.spacing[1]),
                             v) for s, v in zip(tick_text, self.ticks)] if self.axis else []
        n = len(self.values)
        self.slot = self.plot.w / n
        self.x_blocks = [fit_text(lab, th.font, self.small, th.muted, self.slot - 4, "ellipsize",
                                  self.path + ("data", lab), align="center") for lab in self.labels]

    def _place_donut(self, area: Rect):
        th = self.theme
        d = min(area.h, area.w * 0.5)
        self.ring = Rect(area.x, area.y + (area.h - d) / 2, d, d)
        total = sum(self.values)
        self.legend = []
        lx = area.x + d + th.spacing[4]
        row_h = TextBlock("Hg", th.font, th.size * 0.85, th.text).height + th.spacing[1]
        ly = area.y + (area.h - row_h * len(self.values)) / 2
        for i, (lab, v) in enumerate(zip(self.labels, self.values)):
            name = TextBlock(lab, th.font, th.size * 0.85, th.text)
            val = TextBlock(self.fmt(v), th.font_medium, th.size * 0.85, th.text, align="right",
                            width=max(10.0, area.x + area.w - lx - th.spacing[3] - 14 - name.width))
            self.legend.append((i, lx, ly + i * row_h, name, val))
        self.total_size = th.size * 1.3

    # --- paint ----------------------------------------------------------------------------------------------
    def colour(self, i: int) -> RGBA:
        return self.colours[i % len(self.colours)]

    def paint_base(self, canvas):
        th = self.theme
        card_surface(canvas, self.rect, th)
        if self.title_block:
            self.title_block.paint(canvas, self.rect.x + self.pad, self.rect.y + self.pad)
        if self.kind == "donut":
            for i, lx, ly, name, val in self.legend:
                canvas.drawCircle(lx + 6, ly + name.height / 2, 6, paint(self.colour(i)))
                name.paint(canvas, lx + 20, ly)
                val.paint(canvas, lx + 20 + name.width + th.spacing[3] - 6, ly)
            c = self.ring.center
            canvas.drawCircle(c[0], c[1], self.ring.w * 0.39, paint(th.border, self.ring.w * 0.2))
            return
        grid = paint(th.border, 1.0)
        for block, v in self.tick_blocks:
            yy = self._y(v)
            canvas.drawLine(self.plot.x, yy, self.plot.x + self.plot.w, yy, grid)
            block.paint(canvas, self.rect.x + self.pad, yy - block.height / 2)
        base_y = self.plot.y + self.plot.h
        for i, block in enumerate(self.x_blocks):
            block.paint(canvas, self.plot.x + i * self.slot + 2, base_y + self.theme.spacing[1])

    def _y(self, v: float) -> float:
        return self.plot.y + self.plot.h * (1 - v / (self.ticks[-1] or 1.0))

    def paint(self, canvas, t):
        if not self.dynamic:
            self.paint_base(canvas)
        vals = self.data_at(t)
        {"bar": self._bars, "line": self._line, "donut": self._donut}[self.kind](canvas, vals)

    def _value_label(self, canvas, v, cx, y):
        if not self.show_values:
            return
        th = self.theme
        b = TextBlock(self.fmt(v), th.font_medium, self.small, th.text)
        b.paint(canvas, cx - b.text_width / 2 - 1, y - b.height - th.spacing[0])

    def _bars(self, canvas, vals):
        bw = min(self.slot * 0.56, 96)
        base = self.plot.y + self.plot.h
        for i, v in enumerate(vals):
            cx = self.plot.x + (i + 0.5) * self.slot
            top = self._y(max(0.0, v))
            if base - top > 0.5:
                rad = min(self.theme.radius * 0.6, bw / 2, base - top)
                rr = skia.RRect()
                rr.setRectRadii(skia.Rect.MakeLTRB(cx - bw / 2, top, cx + bw / 2, base),
                                [skia.Point(rad, rad)] * 2 + [skia.Point(0, 0)] * 2)
                canvas.drawRRect(rr, paint(self.colour(i)))
            self._value_label(canvas, v, cx, top)

    def _line(self, canvas, vals):
        pts = [(self.plot.x + (i + 0.5) * self.slot, self._y(max(0.0, v))) for i, v in enumerate(vals)]
        base = self.plot.y + self.plot.h
        area = skia.Path()
        area.moveTo(pts[0][0], base)
        for p in pts:
            area.lineTo(*p)
        area.lineTo(pts[-1][0], base)
        area.close()
        canvas.drawPath(area, paint(self.theme.subtle(self.colour(0), 0.82)))
        line = skia.Path()
        line.moveTo(*pts[0])
        for p in pts[1:]:
            line.lineTo(*p)
        stroke = paint(self.colour(0), 4.0)
        stroke.setStrokeJoin(skia.Paint.kRound_Join)
        canvas.drawPath(line, stroke)
        for (x, y), v in zip(pts, vals):
            canvas.drawCircle(x, y, 7, paint(self.theme.surface))
            canvas.drawCircle(x, y, 7, paint(self.colour(0), 3.0))
            self._value_label(canvas, v, x, y - 6)

    def _donut(self, canvas, vals):
        th = self.theme
        total_final = sum(self.values) or 1.0
        r = self.ring
        ring_w = r.w * 0.2
        oval = skia.Rect.MakeXYWH(r.x + ring_w / 2, r.y + ring_w / 2, r.w - ring_w, r.h - ring_w)
        start = -90.0
        for i, v in enumerate(vals):
            sweep = 360.0 * max(0.0, v) / max(total_final, sum(vals) or 1.0)
            if sweep > 0.05:
                p = paint(self.colour(i), ring_w)
                canvas.drawArc(oval, start, max(0.0, sweep - 0.8), False, p)
            start += sweep
        total = TextBlock(self.fmt(sum(vals)), th.font_bold, self.total_size, th.text)
        c = r.center
        total.paint(canvas, c[0] - total.text_width / 2 - 1, c[1] - total.height / 2)
