"""Small controls: button (idle/hover/pressed, reacts to clicks), input (typing with caret), toggle, badge, avatar."""
from __future__ import annotations

import math
from typing import Optional

import skia

from brand.colors import RGBA, mix, with_alpha
from compositor.animate import ease
from overlays.base import paint
from overlays.raster import SAMPLING, rgba_to_image
from overlays.textblock import TextBlock

from .node import Node, Rect, fill_rrect, fit_text, stroke_rrect
from .theme import Theme

PRESS_TIME = 0.18     # seconds a click keeps a button visibly pressed


def tone_colour(theme: Theme, tone: str) -> RGBA:
    return {"primary": theme.primary, "accent": theme.accent, "success": theme.success, "danger": theme.danger,
            "muted": theme.muted}[tone]


class Badge(Node):
    """A pill: tinted background, tone-coloured text."""

    def __init__(self, theme: Theme, text: str, tone: str = "primary", colour: Optional[RGBA] = None, id=None):
        super().__init__(theme, id)
        self.colour = colour or tone_colour(theme, tone)
        self.bg = theme.subtle(self.colour, 0.84 if theme.mode == "light" else 0.7)
        self.fg = mix(self.colour, theme.text, 0.15) if theme.mode == "light" else mix(self.colour, theme.text, 0.4)
        self.block = TextBlock(text, theme.font_medium, theme.size * 0.78, self.fg)
        self.px, self.py = theme.spacing[2] * 0.8, theme.spacing[0] * 1.2

    def natural_width(self):
        return self.fixed_width or self.block.width + 2 * self.px

    def measure(self, width):
        return self.fixed_height or self.block.height + 2 * self.py

    def paint(self, canvas, t):
        r = self.rect
        h = self.block.height + 2 * self.py
        pill = Rect(r.x, r.y + (r.h - h) / 2, self.block.width + 2 * self.px, h)
        fill_rrect(canvas, pill, h / 2, self.bg)
        self.block.paint(canvas, pill.x + self.px, pill.y + self.py)


class Button(Node):
    """Its look follows its state at time t: the spec's state, then hover/pressed/done from scheduled events."""

    def __init__(self, theme: Theme, label: str, variant: str, state: str, done_label: Optional[str], overflow,
                 path, id=None):
        super().__init__(theme, id)
        self.label, self.variant, self.state, self.done_label = label, variant, state, done_label
        self.overflow, self.path = overflow, path
        self.hover_at: Optional[float] = None
        self.leave_at: Optional[float] = None
        self.click_at: Optional[float] = None
        self.px, self.py = theme.spacing[3] * 1.1, theme.spacing[2]
        self.size = theme.size

    def colours(self, state: str) -> tuple[RGBA, RGBA, Optional[RGBA]]:
        """(fill, text, border) for a state — all derived from the theme's tokens."""
        th = self.theme
        base = {"primary": th.primary, "danger": th.danger}.get(self.variant)
        if base is not None:
            fill, text, border = base, th.on(base), None
        elif self.variant == "secondary":
            fill, text, border = th.surface, th.text, th.border
        else:
            fill, text, border = with_alpha(th.primary, 0.0), th.primary, None
        darken = {"hover": 0.12, "pressed": 0.26}.get(state, 0.0)
        if darken:
            towards = (0, 0, 0, 255) if th.mode == "light" or base is not None else th.text
            fill = mix(fill, towards[:3] + (max(fill[3], 40),), darken) if fill[3] else \
                with_alpha(th.primary, 0.12 if state == "hover" else 0.22)
        if state == "disabled":
            fill, text = with_alpha(fill, 0.45), with_alpha(text, 0.6)
        return fill, text, border

    def _block(self, label, width, colour, warn: bool = True):
        return fit_text(label, self.theme.font_medium, self.size, colour, max(1.0, width - 2 * self.px),
                        self.overflow, self.path + ("label",), align="center", warn=warn)

    def natural_width(self):
        if self.fixed_width:
            return self.fixed_width
        labels = [self.label] + ([self.done_label] if self.done_label else [])
        return max(TextBlock(s, self.theme.font_medium, self.size, (0, 0, 0, 255)).width for s in labels) \
            + 2 * self.px

    def measure(self, width):
        return self.fixed_height or TextBlock("Hg", self.theme.font_medium, self.size, (0, 0, 0, 255)).height \
            + 2 * self.py

    def place(self, x, y, w, h):
        # a button keeps its natural width inside stretched stacks (it is a control, not a panel)
        nw = min(w, self.natural_width())
        super().place(x, y, nw, h)
        self._block(self.label, nw, (0, 0, 0, 255))   # refuse overflow at load, not at draw
        if self.done_label:
            self._block(self.done_label, nw, (0, 0, 0, 255))

    def on_event(self, name, target, t):
        if target != self.id:
            return
        if name == "hover" and (self.hover_at is None or t < self.hover_at):
            self.hover_at = t
        if name == "leave" and (self.leave_at is None or t > self.leave_at):
            self.leave_at = t
        if name == "click":
            self.click_at = t

    @property
    def dynamic(self):
        return self.hover_at is not None or self.click_at is not None

    def state_at(self, t: float) -> tuple[str, str]:
        state, label = self.state, self.label
        over = self.hover_at is not None and t >= self.hover_at and (self.leave_at is None or t < self.leave_at)
        if over:
            state = "hover"
        if self.click_at is not None and t >= self.click_at:
            if t < self.click_at + PRESS_TIME:
                state = "pressed"
            if self.done_label and t >= self.click_at + PRESS_TIME:
                label = self.done_label
        return state, label

    def key(self, t):
        return self.state_at(t)

    def paint(self, canvas, t):
        state, label = self.state_at(t)
        fill, text, border = self.colours(state)
        r = self.rect
        canvas.save()
        if state == "pressed":
            cx, cy = r.center
            canvas.translate(cx, cy)
            canvas.scale(0.96, 0.96)
            canvas.translate(-cx, -cy)
        if fill[3]:
            fill_rrect(canvas, r, self.theme.radius, fill)
        if border:
            stroke_rrect(canvas, r, self.theme.radius, border, 1.5)
        block = self._block(label, r.w, text, warn=False)     # warned about when placed
        block.paint(canvas, r.x + self.px, r.y + (r.h - block.height) / 2)
        canvas.restore()


class Input(Node):
    """A text field: label above, exact text (typed character by character when asked), caret while focused."""

    BLINK = 0.5

    def __init__(self, theme: Theme, label, text, placeholder, typing: Optional[tuple[float, float]], focused,
                 overflow, path, id=None):
        super().__init__(theme, id)
        self.label, self.text, self.placeholder = label, text, placeholder
        self.typing = typing      # (start, chars per second)
        self.focused = focused or typing is not None
        self.overflow, self.path = overflow, path
        self.px, self.py = theme.spacing[2], theme.spacing[2]
        self.label_block = TextBlock(label, theme.font_medium, theme.size * 0.78, theme.muted) if label else None
        self.field_h = TextBlock("Hg", theme.font, theme.size, theme.text).height + 2 * self.py

    def natural_width(self):
        return self.fixed_width

    def measure(self, width):
        lab = self.label_block.height + self.theme.spacing[1] if self.label_block else 0
        return self.fixed_height or lab + self.field_h

    def place(self, x, y, w, h):
        super().place(x, y, w, h)
        lab = self.label_block.height + self.theme.spacing[1] if self.label_block else 0
        self.field = Rect(x, y + lab, w, self.field_h)
        inner = w - 2 * self.px - 4
        if self.text:
            fit_text(self.text, self.theme.font, self.theme.size, self.theme.text, inner, self.overflow,
                     self.path + ("text",))

    def typed(self, t: float) -> int:
        if self.typing is None:
            return len(self.text)
        start, speed = self.typing
        return max(0, min(len(self.text), int(math.floor((t - start) * speed + 1e-9))))

    def caret_on(self, t: float) -> bool:
        if not self.focused:
            return False
        if self.typing is None:
            return True
        start, speed = self.typing
        done = start + len(self.text) / speed
        if t < done or t > done + 2.0:        # solid while typing; blinks for 2 s after; then stays
            return True
        return int((t - done) / self.BLINK) % 2 == 1

    @property
    def dynamic(self):
        return self.typing is not None

    def key(self, t):
        return self.typed(t), self.caret_on(t)

    def paint_base(self, canvas):
        th = self.theme
        if self.label_block:
            self.label_block.paint(canvas, self.rect.x, self.rect.y)
        fill_rrect(canvas, self.field, th.radius, th.surface)
        if self.focused:
            stroke_rrect(canvas, self.field, th.radius, th.primary, 2.0)
        else:
            stroke_rrect(canvas, self.field, th.radius, th.border, 1.5)

    def paint(self, canvas, t):
        th = self.theme
        if not self.dynamic:
            self.paint_base(canvas)
        n = self.typed(t)
        inner = self.field.w - 2 * self.px - 4
        x, y = self.field.x + self.px, self.field.y + self.py
        if n == 0 and self.placeholder:
            TextBlock(self.placeholder, th.font, th.size, th.muted).paint(canvas, x, y)
            end = x
        else:
            block = fit_text(self.text[:n], th.font, th.size, th.text, inner, self.overflow, self.path + ("text",),
                             warn=False)     # the whole text was fitted (and warned about) when placed
            block.paint(canvas, x, y)
            end = x + (block.text_width if n else 0)
        if self.caret_on(t):
            canvas.drawRect(skia.Rect.MakeXYWH(end + 1, y + 2, 2, self.field_h - 2 * self.py - 4), paint(th.primary))


class Toggle(Node):
    """A switch; a click on its id flips it with a short slide."""

    SLIDE = 0.2

    def __init__(self, theme: Theme, label: Optional[str], on: bool, id=None):
        super().__init__(theme, id)
        self.on, self.click_at = on, None
        self.tw, self.th = theme.size * 2.2, theme.size * 1.25
        self.label_block = TextBlock(label, theme.font, theme.size, theme.text) if label else None

    def natural_width(self):
        lab = self.label_block.width + self.theme.spacing[2] if self.label_block else 0
        return self.fixed_width or self.tw + lab

    def measure(self, width):
        return self.fixed_height or max(self.th, self.label_block.height if self.label_block else 0)

    def on_event(self, name, target, t):
        if name == "click" and target == self.id:
            self.click_at = t

    @property
    def dynamic(self):
        return self.click_at is not None

    def position(self, t: float) -> float:
        """0 = off, 1 = on."""
        p = 1.0 if self.on else 0.0
        if self.click_at is not None and t >= self.click_at:
            u = ease("cubic-out", (t - self.click_at) / self.SLIDE)
            p = p + (1 - 2 * p) * u
        return p

    def key(self, t):
        return round(self.position(t), 3)

    def paint(self, canvas, t):
        th, r = self.theme, self.rect
        p = self.position(t)
        track = Rect(r.x, r.y + (r.h - self.th) / 2, self.tw, self.th)
        fill_rrect(canvas, track, self.th / 2, mix(th.border, th.primary, p))
        knob = self.th - 6
        cx = track.x + 3 + knob / 2 + p * (self.tw - knob - 6)
        canvas.drawCircle(cx, track.y + self.th / 2, knob / 2, paint(th.on(th.primary) if p > 0.5 else th.surface))
        if self.label_block:
            self.label_block.paint(canvas, track.x + self.tw + th.spacing[2], r.y + (r.h - self.label_block.height) / 2)


def initials(name: str) -> str:
    """`Jane Doe` -> `JD`, `m. chen` -> `MC`; a name that is already initials (`JD`, `ABC`) stays as written."""
    words = name.replace(".", " ").split()
    if len(words) == 1 and len(words[0]) <= 3 and words[0].isupper():
        return words[0]
    return "".join(w[0] for w in words[:2]).upper() or "?"


class Avatar(Node):
    """A circle with initials (or a photo, cropped round)."""

    def __init__(self, theme: Theme, name: str, size: float, colour: Optional[RGBA], image=None, id=None):
        super().__init__(theme, id)
        palette = [theme.primary, theme.accent, theme.success, theme.muted]
        self.colour = colour or palette[sum(map(ord, name)) % len(palette)]
        self.d = size
        self.block = TextBlock(initials(name), theme.font_bold, size * 0.4, theme.on(self.colour))
        self.image = rgba_to_image(image) if image is not None else None

    def natural_width(self):
        return self.fixed_width or self.d

    def measure(self, width):
        return self.fixed_height or self.d

    def paint(self, canvas, t):
        r = self.rect
        cx, cy = r.x + self.d / 2, r.y + r.h / 2
        if self.image is not None:
            canvas.save()
            path = skia.Path()
            path.addCircle(cx, cy, self.d / 2)
            canvas.clipPath(path, doAntiAlias=True)
            iw, ih = self.image.width(), self.image.height()
            s = max(self.d / iw, self.d / ih)
            canvas.drawImageRect(self.image, skia.Rect.MakeXYWH(cx - iw * s / 2, cy - ih * s / 2, iw * s, ih * s),
                                 SAMPLING)
            canvas.restore()
            return
        canvas.drawCircle(cx, cy, self.d / 2, paint(self.colour))
        self.block.paint(canvas, cx - self.block.text_width / 2 - 1, cy - self.block.height / 2)
