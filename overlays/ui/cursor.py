"""`ui.cursor`: a pointer that travels between waypoints like a hand does, clicks with a ripple, and makes the
clicked component change state.

Waypoints are `[t, [x, y]]` (output pixels) or `[t, "#component-id"]`: the id is resolved, at draw time, to the
centre of that component in whatever layer of the shot holds it (see `overlays.ui.links.link_shot`), so the
cursor follows a window that moves or a page that scrolls. The overlay covers the whole frame; only the small
pointer area is ever drawn.
"""
from __future__ import annotations

import math
from typing import Callable, Optional

import skia

from compositor.errors import FieldError
from overlays.base import Overlay, paint

from .models import CursorSpec
from .theme import Theme

Resolver = Callable[[str, float], Optional[tuple[float, float]]]
RIPPLE = 0.45        # seconds a click ripple lasts
PRESS = 0.14         # seconds the pointer stays pressed


def natural(u: float) -> float:
    """Minimum-jerk profile (10u³ − 15u⁴ + 6u⁵): how a hand accelerates and settles on a target."""
    u = 0.0 if u <= 0 else 1.0 if u >= 1 else u
    return u * u * u * (10 - 15 * u + 6 * u * u)


class CursorOverlay(Overlay):
    """Full-frame by default (drawn where the pointer is). `compact=True` — for a render loop that honours
    `place_at(t)` (the output position of the overlay's top-left at t) — makes it a small sprite whose raster is
    the same whenever the pointer only moves, so it is cached and composited over ~90x90 px instead of the frame."""

    def __init__(self, spec: CursorSpec, theme: Theme, size: tuple[int, int], path: tuple,
                 resolver: Optional[Resolver] = None, compact: bool = False):
        self.spec, self.theme, self.path = spec, theme, path
        self.resolver = resolver
        self.waypoints = [(float(t), p) for t, p in spec.path]
        self.clicks = [(c.target, c.at) for c in spec.clicks]
        self.s = spec.size / 36.0
        self.compact = compact
        if compact:
            self.hot = math.ceil(44 * self.s)              # the pointer's tip inside the sprite
            self.width = self.height = float(2 * self.hot)
        else:
            self.width, self.height = float(size[0]), float(size[1])
            self.default_at = (self.width / 2, self.height / 2)      # covers the frame unless placed otherwise

    # --- targets --------------------------------------------------------------------------------------------
    def target_ids(self) -> list[tuple[tuple, str]]:
        """(field path, id) of every target this cursor refers to (for validation when the shot is linked)."""
        out = [(self.path + ("path", i, 1), p[1:]) for i, (_, p) in enumerate(self.waypoints) if isinstance(p, str)]
        out += [(self.path + ("click", i, "target"), c[0]) for i, c in enumerate(self.clicks) if c[0]]
        return out

    def bind(self, resolver: Resolver) -> None:
        self.resolver = resolver

    def _point(self, p, t: float) -> tuple[float, float]:
        if not isinstance(p, str):
            return float(p[0]), float(p[1])
        found = self.resolver(p[1:], t) if self.resolver else None
        if found is None:
            raise FieldError(self.path + ("path",), f"no component with id {p[1:]!r} in this shot",
                             "give the component an id: (e.g. ui.button: {id: approve, ...}) or use [x, y]")
        return found

    def position(self, t: float) -> tuple[float, float]:
        wps = self.waypoints
        if t <= wps[0][0] or len(wps) == 1:
            return self._point(wps[0][1], t)
        for (t0, p0), (t1, p1) in zip(wps, wps[1:]):
            if t0 <= t < t1:
                a, b = self._point(p0, t), self._point(p1, t)
                u = natural((t - t0) / (t1 - t0))
                dx, dy = b[0] - a[0], b[1] - a[1]
                bow = 0.06 * math.sin(math.pi * u)             # a slight arc, like a wrist turning
                return a[0] + dx * u - dy * bow, a[1] + dy * u + dx * bow
        return self._point(wps[-1][1], t)

    # --- clicks ---------------------------------------------------------------------------------------------
    def click_state(self, t: float) -> tuple[Optional[float], bool]:
        """(ripple progress 0..1 or None, pressed)."""
        for _, at in self.clicks:
            if at <= t < at + RIPPLE:
                return (t - at) / RIPPLE, t < at + PRESS
        return None, False

    def place_at(self, t: float) -> Optional[tuple[float, float]]:
        """compact: where the sprite's top-left goes in output pixels (whole pixels; the rest is drawn); a
        full-frame cursor is placed by its layer."""
        if not self.compact:
            return None
        x, y = self.position(t)
        return math.floor(x) - self.hot, math.floor(y) - self.hot

    def content_key(self, t: float, reveal: float = 1.0):
        x, y = self.position(t)
        ripple, pressed = self.click_state(t)
        if self.compact:                                   # only the sub-pixel phase changes the sprite
            x, y = (x - math.floor(x)) // 0.25 * 0.25, (y - math.floor(y)) // 0.25 * 0.25
        return round(x, 2), round(y, 2), None if ripple is None else round(ripple, 3), pressed

    def bounds(self, t: float) -> tuple[float, float, float, float]:
        """The part of the frame the cursor paints at t (x, y, w, h): a render loop may rasterize only this."""
        x, y = self.position(t)
        r = 40 * self.s + 4
        return x - r, y - r, 2 * r + 24 * self.s, 2 * r + 30 * self.s

    def draw(self, canvas: skia.Canvas, t: float, reveal: float = 1.0) -> None:
        th = self.theme
        x, y = self.position(t)
        if self.compact:
            x, y = self.hot + (x - math.floor(x)) // 0.25 * 0.25, self.hot + (y - math.floor(y)) // 0.25 * 0.25
        ripple, pressed = self.click_state(t)
        if ripple is not None:
            r = (14 + 26 * ripple) * self.s
            alpha = (1 - ripple) * 0.55
            col = th.primary[:3] + (int(255 * alpha),)
            canvas.drawCircle(x, y, r, paint(col))
            canvas.drawCircle(x, y, r, paint(th.primary[:3] + (int(255 * min(1.0, alpha * 1.6)),), 2.0 * self.s))
        canvas.save()
        canvas.translate(x, y)
        k = self.s * (0.88 if pressed else 1.0)
        canvas.scale(k, k)
        if self.spec.style == "dot":
            canvas.drawCircle(0, 0, 14, paint(th.text[:3] + (90,)))
            canvas.drawCircle(0, 0, 14, paint(th.surface, 2.0))
        else:
            path = skia.Path()
            for i, (px, py) in enumerate([(0, 0), (0, 25), (6.2, 19.4), (10.2, 28.6), (14.6, 26.7), (10.8, 17.8),
                                          (19, 17.6)]):
                (path.moveTo if i == 0 else path.lineTo)(px, py)
            path.close()
            sh = paint(th.shadow[:3] + (70,))
            sh.setMaskFilter(skia.MaskFilter.MakeBlur(skia.kNormal_BlurStyle, 2.0))
            canvas.save()
            canvas.translate(1.0, 2.0)
            canvas.drawPath(path, sh)
            canvas.restore()
            canvas.drawPath(path, paint(th.text))
            outline = paint(th.surface if th.mode == "light" else th.background, 2.0)
            outline.setStrokeJoin(skia.Paint.kRound_Join)
            canvas.drawPath(path, outline)
        canvas.restore()
