"""`{icon: NAME}`: an icon in one colour — the kit's own (an SVG under `icons:` in brand.yaml, drawn in the
icon's colour with its alpha kept), else one of the built-in vector set below (stroked paths, no font involved)."""
from __future__ import annotations

import math
from typing import Callable, Optional

import skia

from brand.colors import RGBA
from overlays.base import paint
from overlays.raster import SAMPLING, device_scale, svg_to_image

from .node import Node
from .theme import Theme


def _path(points) -> skia.Path:
    p = skia.Path()
    p.moveTo(*points[0])
    for pt in points[1:]:
        p.lineTo(*pt)
    return p


# each draws into the unit box (0..1) with a stroke paint already scaled; `fill` paints solid parts
def _check(c, s, f):
    c.drawPath(_path([(0.18, 0.52), (0.4, 0.74), (0.82, 0.28)]), s)


def _cross(c, s, f):
    c.drawLine(0.25, 0.25, 0.75, 0.75, s)
    c.drawLine(0.75, 0.25, 0.25, 0.75, s)


def _plus(c, s, f):
    c.drawLine(0.5, 0.2, 0.5, 0.8, s)
    c.drawLine(0.2, 0.5, 0.8, 0.5, s)


def _minus(c, s, f):
    c.drawLine(0.2, 0.5, 0.8, 0.5, s)


def _arrow_up(c, s, f):
    c.drawLine(0.5, 0.82, 0.5, 0.2, s)
    c.drawPath(_path([(0.24, 0.44), (0.5, 0.18), (0.76, 0.44)]), s)


def _arrow_down(c, s, f):
    c.drawLine(0.5, 0.18, 0.5, 0.8, s)
    c.drawPath(_path([(0.24, 0.56), (0.5, 0.82), (0.76, 0.56)]), s)


def _dot(c, s, f):
    c.drawCircle(0.5, 0.5, 0.22, f)


def _clock(c, s, f):
    c.drawCircle(0.5, 0.5, 0.36, s)
    c.drawPath(_path([(0.5, 0.3), (0.5, 0.5), (0.64, 0.6)]), s)


def _alert(c, s, f):
    tri = _path([(0.5, 0.14), (0.88, 0.82), (0.12, 0.82)])
    tri.close()
    c.drawPath(tri, s)
    c.drawLine(0.5, 0.4, 0.5, 0.58, s)
    c.drawPoint(0.5, 0.7, s)


def _info(c, s, f):
    c.drawCircle(0.5, 0.5, 0.36, s)
    c.drawLine(0.5, 0.47, 0.5, 0.66, s)
    c.drawPoint(0.5, 0.34, s)


def _star(c, s, f):
    pts = []
    for k in range(10):
        r = 0.4 if k % 2 == 0 else 0.17
        a = -math.pi / 2 + k * math.pi / 5
        pts.append((0.5 + r * math.cos(a), 0.53 + r * math.sin(a)))
    star = _path(pts)
    star.close()
    c.drawPath(star, f)


BUILTIN: dict[str, Callable] = {
    "check": _check, "cross": _cross, "plus": _plus, "minus": _minus, "arrow-up": _arrow_up,
    "arrow-down": _arrow_down, "dot": _dot, "clock": _clock, "alert": _alert, "info": _info, "star": _star,
}


class Icon(Node):
    """A square icon `size` px wide, vertically centred in its box and aligned left/center/right."""

    def __init__(self, theme: Theme, name: str, colour: RGBA, size: float, svg: Optional[bytes] = None,
                 align: str = "left", id=None):
        super().__init__(theme, id)
        self.name, self.colour, self.size, self.svg, self.align = name, colour, size, svg, align

    def natural_width(self):
        return self.fixed_width or self.size

    def measure(self, width):
        return self.fixed_height or self.size

    def paint(self, canvas, t):
        r, d = self.rect, self.size
        x = r.x + {"left": 0.0, "center": (r.w - d) / 2, "right": r.w - d}[self.align]
        y = r.y + (r.h - d) / 2
        if self.svg is not None:
            from overlays.media import tint_paint

            px = max(1, math.ceil(d * device_scale(canvas)))
            canvas.drawImageRect(svg_to_image(self.svg, px, px), skia.Rect.MakeXYWH(x, y, d, d), SAMPLING,
                                 tint_paint(self.colour))
            return
        canvas.save()
        canvas.translate(x, y)
        canvas.scale(d, d)
        stroke = paint(self.colour, 0.1)
        stroke.setStrokeCap(skia.Paint.kRound_Cap)
        stroke.setStrokeJoin(skia.Paint.kRound_Join)
        BUILTIN[self.name](canvas, stroke, paint(self.colour))
        canvas.restore()
