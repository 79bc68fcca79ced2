"""`rect:`, `ellipse:`, `line:` and `arrow:` layers — brand-coloured vector shapes.

Rect/ellipse are placed like any layer (`at` + `anchor`). Line/arrow take absolute `from`/`to` points in output
pixels; their layer is positioned on those points unless `at` is given. `enter: {typewriter: d}` draws a line on.
"""
from __future__ import annotations

import math
from typing import Literal, Optional

import skia
from pydantic import Field

from compositor.vocab.bounds import MAX_SIZE, MAX_STROKE, Length, Point
from compositor.vocab.layer import LayerCommon, Strict

from .base import BuildContext, Overlay, paint
from .registry import register


class BoxShape(Strict):
    size: tuple[Length, Length]
    radius: float = Field(0, ge=0, le=MAX_SIZE)
    fill: Optional[str] = None
    stroke: Optional[str] = None
    stroke_width: float = Field(2, gt=0, le=MAX_STROKE)


class LineShape(Strict):
    from_: Point = Field(alias="from")
    to: Point
    color: str = "ink"
    width: float = Field(4, gt=0, le=MAX_STROKE)
    head: float = Field(0, ge=0, le=MAX_STROKE)     # arrow head length in px (arrow: default 24)
    cap: Literal["round", "butt", "square"] = "round"


class RectLayer(LayerCommon):
    rect: BoxShape


class EllipseLayer(LayerCommon):
    ellipse: BoxShape


class LineLayer(LayerCommon):
    line: LineShape


class ArrowLayer(LayerCommon):
    arrow: LineShape


class BoxOverlay(Overlay):
    def __init__(self, w, h, radius, fill, stroke, stroke_width, oval: bool):
        self.width, self.height = float(w), float(h)
        self.radius, self.fill, self.stroke, self.stroke_width, self.oval = radius, fill, stroke, stroke_width, oval

    def draw(self, canvas: skia.Canvas, t: float, reveal: float = 1.0) -> None:
        inset = self.stroke_width / 2 if self.stroke else 0.0
        rect = skia.Rect.MakeXYWH(inset, inset, self.width - 2 * inset, self.height - 2 * inset)
        for colour, stroke in ((self.fill, None), (self.stroke, self.stroke_width)):
            if colour is None:
                continue
            p = paint(colour, stroke)
            if self.oval:
                canvas.drawOval(rect, p)
            else:
                r = min(self.radius, rect.width() / 2, rect.height() / 2)
                canvas.drawRRect(skia.RRect.MakeRectXY(rect, r, r), p)


class LineOverlay(Overlay):
    """A stroke from a to b (in overlay coordinates, with margin for caps and the head)."""

    def __init__(self, a, b, color, width, head, cap: str = "round"):
        self.cap = {"round": skia.Paint.kRound_Cap, "butt": skia.Paint.kButt_Cap, "square": skia.Paint.kSquare_Cap}[cap]
        self.margin = width + head
        x0, y0 = min(a[0], b[0]) - self.margin, min(a[1], b[1]) - self.margin
        self.origin = (x0, y0)
        self.a = (a[0] - x0, a[1] - y0)
        self.b = (b[0] - x0, b[1] - y0)
        self.width = abs(a[0] - b[0]) + 2 * self.margin
        self.height = abs(a[1] - b[1]) + 2 * self.margin
        self.color, self.stroke, self.head = color, width, head

    def content_key(self, t: float, reveal: float = 1.0):
        return None if reveal >= 1 else ("reveal", round(reveal, 3))

    def draw(self, canvas: skia.Canvas, t: float, reveal: float = 1.0) -> None:
        ax, ay = self.a
        bx, by = self.b
        ex, ey = ax + (bx - ax) * reveal, ay + (by - ay) * reveal
        p = paint(self.color, self.stroke)
        p.setStrokeCap(self.cap)
        angle = math.atan2(by - ay, bx - ax)
        shaft_end = (ex - math.cos(angle) * self.head * 0.6, ey - math.sin(angle) * self.head * 0.6) \
            if self.head else (ex, ey)
        canvas.drawLine(ax, ay, shaft_end[0], shaft_end[1], p)
        if self.head and reveal > 0:
            h = self.head
            spread = math.radians(28)
            pts = [(ex, ey),
                   (ex - h * math.cos(angle - spread), ey - h * math.sin(angle - spread)),
                   (ex - h * math.cos(angle + spread), ey - h * math.sin(angle + spread))]
            path = skia.Path()
            path.moveTo(*pts[0])
            path.lineTo(*pts[1])
            path.lineTo(*pts[2])
            path.close()
            canvas.drawPath(path, paint(self.color))


def _box(shape: BoxShape, ctx: BuildContext, path: tuple, oval: bool) -> BoxOverlay:
    fill = ctx.color(shape.fill, path + ("fill",)) if shape.fill else None
    stroke = ctx.color(shape.stroke, path + ("stroke",)) if shape.stroke else None
    if fill is None and stroke is None:
        fill = ctx.color("primary", path + ("fill",)) if "primary" in ctx.kit.colors else (0, 0, 0, 255)
    return BoxOverlay(shape.size[0], shape.size[1], shape.radius, fill, stroke, shape.stroke_width, oval)


def _line(shape: LineShape, ctx: BuildContext, path: tuple, head: float) -> LineOverlay:
    overlay = LineOverlay(shape.from_, shape.to, ctx.color(shape.color, path + ("color",)), shape.width, head,
                          shape.cap)
    # placed on its own points unless the layer says otherwise
    overlay.default_at = (overlay.origin[0] + overlay.width / 2, overlay.origin[1] + overlay.height / 2)
    return overlay


register("rect", RectLayer, lambda l, c, p: _box(l.rect, c, p + ("rect",), False))
register("ellipse", EllipseLayer, lambda l, c, p: _box(l.ellipse, c, p + ("ellipse",), True))
register("line", LineLayer, lambda l, c, p: _line(l.line, c, p + ("line",), l.line.head))
register("arrow", ArrowLayer, lambda l, c, p: _line(l.arrow, c, p + ("arrow",), l.arrow.head or 24.0))
