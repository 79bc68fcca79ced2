"""Device and app frames: `ui.window` (macOS / Windows / minimal chrome), `ui.browser` (tabs + exact URL),
`ui.phone` and `ui.laptop`. Each shows composed content or a real screenshot in its viewport, optionally scrolled.

The chrome is drawn from the theme only (traffic lights use the kit's danger/accent/success), so a locked kit
stays on-brand. The viewport isolates its content (`isolates = True`): it is cached on its own, in content
coordinates, and a scroll just moves that cached image.
"""
from __future__ import annotations

from typing import Optional

import numpy as np
import skia

from compositor.animate import Track
from overlays.base import paint
from overlays.raster import rgba_to_image
from overlays.textblock import TextBlock

from .cache import SubtreeCache
from .node import Node, Rect, fill_rrect, fit_text, rrect, shadow, stroke_rrect
from .theme import Theme

# Catmull-Rom interpolates: a screenshot shown at 1:1 keeps its exact pixels, and scaled ones stay sharp
SHOT_SAMPLING = skia.SamplingOptions(skia.CubicResampler.CatmullRom())
DEFAULT_WIDTH = {"window": 1280.0, "browser": 1440.0, "phone": 390.0, "laptop": 1400.0}


class Frame(Node):
    isolates = True

    def __init__(self, theme: Theme, kind: str, body: Optional[Node], screenshot: Optional[np.ndarray],
                 scroll: Optional[list], padding: float, path, title: str = "", chrome: str = "macos",
                 url: str = "", tabs: Optional[list[str]] = None, clock: str = "9:41", id=None):
        super().__init__(theme, id)
        self.kind, self.body, self.path = kind, body, path
        self.image = rgba_to_image(screenshot) if screenshot is not None else None
        self.image_size = (screenshot.shape[1], screenshot.shape[0]) if screenshot is not None else None
        self.scroll = Track.build([(k[0], k[1]) for k in scroll], "cubic-in-out") if scroll else None
        self.padding = padding if body is not None else 0.0
        self.title, self.chrome, self.url, self.tabs, self.clock = title, chrome, url, tabs, clock
        self.bar = round(theme.size * 1.9)
        self.cache: Optional[SubtreeCache] = None

    def children(self):
        return [self.body] if self.body is not None else []

    # --- geometry ---------------------------------------------------------------------------------------------
    def natural_width(self):
        return self.fixed_width or DEFAULT_WIDTH[self.kind]

    def _chrome_top(self) -> float:
        if self.kind == "window":
            return self.bar if self.chrome != "minimal" else round(self.bar * 0.75)
        if self.kind == "browser":
            return self.bar + round(self.theme.size * 2.6)
        return 0.0

    def _content_h(self, vw: float) -> float:
        if self.image_size:
            return self.image_size[1] * vw / self.image_size[0]
        if self.body is None:
            return 0.0
        return self.body.measure(vw - 2 * self.padding) + 2 * self.padding

    def _phone(self, w):
        b = round(w * 0.035)
        return b, w * 2.05, round(self.theme.size * 2.2)

    def _laptop(self, w):
        x0, lid_w = w * 0.07, w * 0.86
        b = round(w * 0.016)
        sw = lid_w - 2 * b
        sh = round(sw * 10 / 16)
        return x0, lid_w, b, sw, sh

    def measure(self, width):
        if self.fixed_height:
            return self.fixed_height
        if self.kind == "phone":
            return self._phone(width)[1]
        if self.kind == "laptop":
            x0, lid_w, b, sw, sh = self._laptop(width)
            return sh + 2.6 * b + width * 0.035
        return self._chrome_top() + self._content_h(width)

    def viewport(self) -> Rect:
        r = self.rect
        if self.kind == "phone":
            b, _, status = self._phone(r.w)
            return Rect(r.x + b, r.y + b + status, r.w - 2 * b, r.h - 2 * b - status)
        if self.kind == "laptop":
            x0, lid_w, b, sw, sh = self._laptop(r.w)
            return Rect(r.x + x0 + b, r.y + b, sw, sh)
        top = self._chrome_top()
        return Rect(r.x, r.y + top, r.w, r.h - top)

    def place(self, x, y, w, h):
        super().place(x, y, w, h)
        vp = self.viewport()
        self.vp = Rect(round(vp.x), round(vp.y), round(vp.w), round(vp.h))
        self.content_h = self._content_h(self.vp.w)
        if self.body is not None:
            self.body.place(self.padding, self.padding, self.vp.w - 2 * self.padding, self.content_h - 2 * self.padding)
            self.cache = SubtreeCache(self.body, Rect(0, 0, self.vp.w, max(self.content_h, self.vp.h)))
        self.max_scroll = max(0.0, self.content_h - self.vp.h)
        if self.kind == "browser":
            self._place_browser()
        self.title_block = self._title_block(True) if self.kind == "window" and self.title else None

    def _title_block(self, warn: bool):
        th = self.theme
        return fit_text(self.title, th.font_medium, th.size * 0.8, th.muted, self.rect.w - 320, "ellipsize",
                        self.path + ("title",), align="left", warn=warn)

    def _place_browser(self):
        th = self.theme
        tool = Rect(self.rect.x, self.rect.y + self.bar, self.rect.w, round(th.size * 2.6))
        h = round(th.size * 1.75)
        left = tool.x + th.spacing[3] + 3 * th.size * 1.5
        self.url_rect = Rect(left, tool.y + (tool.h - h) / 2, tool.w - (left - tool.x) - th.spacing[3], h)
        lock = th.size * 1.4
        room = self.url_rect.w - lock - 2 * th.spacing[3]
        self.url_block = fit_text(self.url, th.font, th.size * 0.95, th.text, room, "error",
                                  self.path + ("url",)) if self.url else None
        self.tab_blocks = []
        tx = self.rect.x + th.spacing[3] + 3 * 22 + th.spacing[3]
        for i, name in enumerate(self.tabs or []):
            b = fit_text(name, th.font_medium if i == 0 else th.font, th.size * 0.78, th.text if i == 0 else th.muted,
                         220, "ellipsize", self.path + ("tabs", i))
            self.tab_blocks.append((Rect(tx, self.rect.y + 6, 220 + 2 * th.spacing[3], self.bar - 6), b))
            tx += 220 + 2 * th.spacing[3] + 4

    # --- time -----------------------------------------------------------------------------------------------
    def scroll_at(self, t: float) -> float:
        if self.scroll is None:
            return 0.0
        return round(max(0.0, min(self.max_scroll, self.scroll.at(t))))

    @property
    def dynamic(self):
        return self.scrolls or (self.cache is not None and self.cache.dynamic)

    def key(self, t):
        return self.scroll_at(t), self.cache.key(t) if self.cache else None

    def refresh(self):
        if self.cache is not None:
            self.cache.refresh()

    def content_offset(self, t: float) -> tuple[float, float]:
        """Where content coordinates (0, 0) are in the frame's coordinate space at time t."""
        return self.vp.x, self.vp.y - self.scroll_at(t)

    # --- paint ----------------------------------------------------------------------------------------------
    @property
    def scrolls(self) -> bool:
        return self.scroll is not None and len(set(self.scroll.values)) > 1

    def paint_base(self, canvas):
        getattr(self, "_chrome_" + self.kind)(canvas)
        if not self.scrolls:                 # a still page: its still parts join the parent's cached raster
            self._viewport(canvas, 0.0, moving=False)

    def paint(self, canvas, t):
        if self.scrolls:
            self._viewport(canvas, t, moving=True, still=True)
        else:                                # still parts are already drawn (paint_base): add the moving ones
            self._viewport(canvas, t, moving=True, still=False, cheap_clip=True)

    def _clip(self, canvas, cheap: bool):
        vp = self.vp
        if cheap:
            canvas.clipRect(vp.sk())
        elif self.kind == "phone":
            status = self._phone(self.rect.w)[2]
            canvas.clipRRect(rrect(Rect(vp.x, vp.y - status, vp.w, vp.h + status), self.rect.w * 0.11),
                             doAntiAlias=True)
        elif self.kind in ("window", "browser"):
            rr = skia.RRect()
            rad = self.theme.card_radius
            rr.setRectRadii(vp.sk(), [skia.Point(0, 0)] * 2 + [skia.Point(rad, rad)] * 2)
            canvas.clipRRect(rr, doAntiAlias=True)
        else:
            canvas.clipRect(vp.sk())

    def _viewport(self, canvas, t, moving: bool, still: bool = True, cheap_clip: bool = False):
        """Content (or screenshot) in the viewport: `still` parts and/or `moving` parts, offset by the scroll."""
        canvas.save()
        self._clip(canvas, cheap_clip)
        ox, oy = self.content_offset(t)
        canvas.translate(ox, oy)
        if self.image is not None:
            if still:
                w, h = self.image_size
                dst = skia.Rect.MakeXYWH(0, 0, self.vp.w, h * self.vp.w / w)
                canvas.drawImageRect(self.image, dst, SHOT_SAMPLING)
        elif self.cache is not None:
            if still:
                self.cache.draw_static(canvas)
            if moving:
                self.cache.draw_moving(canvas, t)
        canvas.restore()

    def _body(self, canvas, radius):
        th, r = self.theme, self.rect
        shadow(canvas, r, radius, th, 1.6)
        fill_rrect(canvas, r, radius, th.background)

    def _lights(self, canvas, x, cy):
        th = self.theme
        for i, c in enumerate((th.danger, th.accent, th.success)):
            canvas.drawCircle(x + 7 + i * 22, cy, 7, paint(c))

    def _chrome_window(self, canvas):
        th, r = self.theme, self.rect
        rad = th.card_radius
        self._body(canvas, rad)
        top = self._chrome_top()
        bar = Rect(r.x, r.y, r.w, top)
        canvas.save()
        canvas.clipRect(bar.sk())
        fill_rrect(canvas, r, rad, th.surface)
        canvas.restore()
        canvas.drawRect(Rect(r.x, r.y + top - 1, r.w, 1).sk(), paint(th.border))
        if self.chrome == "macos":
            self._lights(canvas, r.x + th.spacing[3], r.y + top / 2)
        elif self.chrome == "windows":
            p = paint(th.muted, 1.5)
            cy, s = r.y + top / 2, 6
            for i, x in enumerate((r.x + r.w - 130, r.x + r.w - 84, r.x + r.w - 38)):
                if i == 0:
                    canvas.drawLine(x - s, cy, x + s, cy, p)
                elif i == 1:
                    canvas.drawRect(skia.Rect.MakeXYWH(x - s, cy - s, 2 * s, 2 * s), p)
                else:
                    canvas.drawLine(x - s, cy - s, x + s, cy + s, p)
                    canvas.drawLine(x - s, cy + s, x + s, cy - s, p)
        if self.title:
            b = self.title_block or self._title_block(False)
            x = r.x + (r.w - b.text_width) / 2 if self.chrome != "windows" else r.x + th.spacing[3]
            b.paint(canvas, x, r.y + (top - b.height) / 2)
        stroke_rrect(canvas, r, rad, th.border, 1.0)

    def _chrome_browser(self, canvas):
        th, r = self.theme, self.rect
        rad = th.card_radius
        self._body(canvas, rad)
        strip = Rect(r.x, r.y, r.w, self.bar)
        canvas.save()
        canvas.clipRect(strip.sk())
        fill_rrect(canvas, r, rad, th.background if th.mode == "light" else th.surface)
        canvas.restore()
        self._lights(canvas, r.x + th.spacing[3], r.y + self.bar / 2)
        tool = Rect(r.x, r.y + self.bar, r.w, round(th.size * 2.6))
        fill_rrect(canvas, tool, 0, th.surface)
        for tr, b in self.tab_blocks[:1]:
            top_round = skia.RRect()
            top_round.setRectRadii(tr.sk(), [skia.Point(10, 10)] * 2 + [skia.Point(0, 0)] * 2)
            canvas.drawRRect(top_round, paint(th.surface))
        for tr, b in self.tab_blocks:
            b.paint(canvas, tr.x + th.spacing[3], tr.y + (tr.h - b.height) / 2)
        canvas.drawRect(Rect(r.x, tool.y + tool.h - 1, r.w, 1).sk(), paint(th.border))
        # back / forward / reload, as strokes
        p = paint(th.muted, 2.0)
        p.setStrokeCap(skia.Paint.kRound_Cap)
        cy, s = tool.y + tool.h / 2, th.size * 0.28
        x = r.x + th.spacing[3] + th.size * 0.5
        for dx, sign in ((0, 1), (th.size * 1.5, -1)):
            canvas.drawLine(x + dx + sign * s * 0.5, cy - s, x + dx - sign * s * 0.5, cy, p)
            canvas.drawLine(x + dx - sign * s * 0.5, cy, x + dx + sign * s * 0.5, cy + s, p)
        rx = x + th.size * 3.0
        canvas.drawArc(skia.Rect.MakeXYWH(rx - s, cy - s, 2 * s, 2 * s), -60, 300, False, p)
        u = self.url_rect
        fill_rrect(canvas, u, u.h / 2, th.background)
        # padlock
        lx, ly = u.x + th.spacing[3], u.y + u.h / 2
        lp = paint(th.muted, 1.8)
        canvas.drawArc(skia.Rect.MakeXYWH(lx + 2, ly - 9, 10, 10), 180, 180, False, lp)
        canvas.drawRRect(skia.RRect.MakeRectXY(skia.Rect.MakeXYWH(lx, ly - 4, 14, 11), 2, 2), paint(th.muted))
        if self.url_block:
            self.url_block.paint(canvas, lx + th.size * 1.4, u.y + (u.h - self.url_block.height) / 2)
        stroke_rrect(canvas, r, rad, th.border, 1.0)

    def _chrome_phone(self, canvas):
        th, r = self.theme, self.rect
        b, _, status = self._phone(r.w)
        outer = r.w * 0.145
        body = th.text if th.mode == "light" else th.border
        shadow(canvas, r, outer, th, 1.6)
        fill_rrect(canvas, r, outer, body)
        screen = Rect(r.x + b, r.y + b, r.w - 2 * b, r.h - 2 * b)
        fill_rrect(canvas, screen, r.w * 0.11, th.background)
        # status bar: clock, island, signal + battery
        clock = TextBlock(self.clock, th.font_bold, th.size * 0.8, th.text)
        clock.paint(canvas, screen.x + screen.w * 0.1, screen.y + (status - clock.height) / 2 + 4)
        island = Rect(r.x + r.w / 2 - r.w * 0.15, screen.y + 10, r.w * 0.3, status - 16)
        fill_rrect(canvas, island, island.h / 2, body)
        bx, by = screen.x + screen.w * 0.9 - 30, screen.y + status / 2 + 2
        stroke_rrect(canvas, Rect(bx, by - 7, 28, 14), 4, th.text, 1.5)
        fill_rrect(canvas, Rect(bx + 3, by - 4, 19, 8), 2, th.text)
        for i in range(4):
            hh = 4 + i * 3
            fill_rrect(canvas, Rect(bx - 34 + i * 6, by + 6 - hh, 4, hh), 1, th.text)

    def _chrome_laptop(self, canvas):
        th, r = self.theme, self.rect
        x0, lid_w, b, sw, sh = self._laptop(r.w)
        body = th.text if th.mode == "light" else th.border
        lid = Rect(r.x + x0, r.y, lid_w, sh + 2.6 * b)
        shadow(canvas, lid, b * 1.5, th, 1.4)
        fill_rrect(canvas, lid, b * 1.5, body)
        fill_rrect(canvas, self.vp, 2, th.background)
        canvas.drawCircle(lid.x + lid.w / 2, r.y + b / 2, max(2.0, b * 0.2), paint(th.muted))
        base_h = r.h - lid.h
        base = Rect(r.x, lid.y + lid.h, r.w, base_h)
        rr = skia.RRect()
        rr.setRectRadii(base.sk(), [skia.Point(2, 2)] * 2 + [skia.Point(base_h * 0.8, base_h * 0.6)] * 2)
        canvas.drawRRect(rr, paint(th.border if th.mode == "light" else th.muted))
        notch = Rect(r.x + r.w / 2 - r.w * 0.07, base.y, r.w * 0.14, base_h * 0.35)
        rn = skia.RRect()
        rn.setRectRadii(notch.sk(), [skia.Point(0, 0)] * 2 + [skia.Point(6, 6)] * 2)
        canvas.drawRRect(rn, paint(th.muted))
