"""Containers: stack (vertical), row (horizontal), grid, card — and plain text. They place children, paint little."""
from __future__ import annotations

from typing import Optional

from brand.colors import RGBA
from overlays.textblock import TextBlock

from .node import Node, Rect, card_surface, fill_rrect, fit_text
from .theme import Theme


class Stack(Node):
    def __init__(self, theme: Theme, kids: list[Node], gap: float, padding: float, align: str,
                 fill: Optional[RGBA] = None, id=None):
        super().__init__(theme, id)
        self.kids, self.gap, self.padding, self.align, self.fill = kids, gap, padding, align, fill

    def children(self):
        return self.kids

    def natural_width(self):
        if self.fixed_width:
            return self.fixed_width
        ws = [k.natural_width() for k in self.kids]
        return None if not ws or any(w is None for w in ws) else max(ws) + 2 * self.padding

    def _kid_width(self, kid: Node, inner: float) -> float:
        if self.align == "stretch":
            return inner
        nw = kid.natural_width()
        return min(inner, nw) if nw else inner

    def measure(self, width: float) -> float:
        if self.fixed_height:
            return self.fixed_height
        inner = width - 2 * self.padding
        hs = [k.measure(self._kid_width(k, inner)) for k in self.kids]
        return sum(hs) + self.gap * max(0, len(hs) - 1) + 2 * self.padding

    def place(self, x, y, w, h):
        super().place(x, y, w, h)
        inner = w - 2 * self.padding
        cy = y + self.padding
        for k in self.kids:
            kw = self._kid_width(k, inner)
            kh = k.measure(kw)
            off = {"center": (inner - kw) / 2, "end": inner - kw}.get(self.align, 0.0)
            k.place(x + self.padding + off, cy, kw, kh)
            cy += kh + self.gap

    def paint(self, canvas, t):
        if self.fill is not None:
            fill_rrect(canvas, self.rect, 0, self.fill)


class Row(Stack):
    def __init__(self, theme, kids, gap, padding, align, justify="fill", fill=None, id=None):
        super().__init__(theme, kids, gap, padding, align, fill, id)
        self.justify = justify

    def natural_width(self):
        if self.fixed_width:
            return self.fixed_width
        ws = [k.natural_width() for k in self.kids]
        if any(w is None for w in ws) or self.justify == "fill" and not ws:
            return None
        return sum(ws) + self.gap * max(0, len(ws) - 1) + 2 * self.padding

    def _widths(self, width: float) -> list[float]:
        inner = width - 2 * self.padding - self.gap * max(0, len(self.kids) - 1)
        natural = [k.natural_width() for k in self.kids]
        fixed = sum(n for n in natural if n is not None)
        flexible = [n is None or (self.justify == "fill" and not k.fixed_width) for k, n in zip(self.kids, natural)]
        n_flex = sum(flexible)
        if n_flex:
            fixed = sum(n for n, f in zip(natural, flexible) if not f)
            share = max(1.0, (inner - fixed) / n_flex)
            return [share if f else n for n, f in zip(natural, flexible)]
        return [float(n) for n in natural]

    def measure(self, width):
        if self.fixed_height:
            return self.fixed_height
        hs = [k.measure(w) for k, w in zip(self.kids, self._widths(width))]
        return (max(hs) if hs else 0.0) + 2 * self.padding

    def place(self, x, y, w, h):
        Node.place(self, x, y, w, h)
        widths = self._widths(w)
        inner_h = h - 2 * self.padding
        used = sum(widths) + self.gap * max(0, len(widths) - 1)
        spare = max(0.0, w - 2 * self.padding - used)
        gap = self.gap + (spare / (len(widths) - 1) if self.justify == "between" and len(widths) > 1 else 0)
        cx = x + self.padding + {"center": spare / 2, "end": spare}.get(self.justify, 0.0)
        for k, kw in zip(self.kids, widths):
            kh = inner_h if self.align == "stretch" else min(inner_h, k.measure(kw))
            off = {"center": (inner_h - kh) / 2, "end": inner_h - kh}.get(self.align, 0.0)
            k.place(cx, y + self.padding + off, kw, kh)
            cx += kw + gap


class Grid(Stack):
    def __init__(self, theme, kids, gap, padding, columns, fill=None, id=None):
        super().__init__(theme, kids, gap, padding, "stretch", fill, id)
        self.columns = columns

    def natural_width(self):
        return self.fixed_width

    def _cell_w(self, width):
        return (width - 2 * self.padding - self.gap * (self.columns - 1)) / self.columns

    def _rows(self):
        return [self.kids[i:i + self.columns] for i in range(0, len(self.kids), self.columns)]

    def measure(self, width):
        if self.fixed_height:
            return self.fixed_height
        cw = self._cell_w(width)
        rows = self._rows()
        return sum(max(k.measure(cw) for k in r) for r in rows) + self.gap * max(0, len(rows) - 1) \
            + 2 * self.padding

    def place(self, x, y, w, h):
        Node.place(self, x, y, w, h)
        cw = self._cell_w(w)
        cy = y + self.padding
        for r in self._rows():
            rh = max(k.measure(cw) for k in r)
            for i, k in enumerate(r):
                k.place(x + self.padding + i * (cw + self.gap), cy, cw, rh)
            cy += rh + self.gap


class Card(Stack):
    """A surface with the kit's radius, border and shadow; optional title/subtitle above its children."""

    def __init__(self, theme, kids, gap, padding, title, subtitle, fill, elevated, overflow, path, id=None):
        super().__init__(theme, kids, gap, padding, "stretch", None, id)
        self.card_fill, self.elevated = fill, elevated
        self.title, self.subtitle, self.overflow, self.path = title, subtitle, overflow, path
        self.heads: list[TextBlock] = []

    def _head_blocks(self, width: float) -> list[TextBlock]:
        th = self.theme
        inner = width - 2 * self.padding
        out = []
        if self.title:
            out.append(fit_text(self.title, th.font_bold, th.size * 1.1, th.text, inner, self.overflow,
                                self.path + ("title",)))
        if self.subtitle:
            out.append(fit_text(self.subtitle, th.font, th.size * 0.8, th.muted, inner, self.overflow,
                                self.path + ("subtitle",)))
        return out

    def _head_h(self, width):
        blocks = self._head_blocks(width)
        return sum(b.height for b in blocks) + (self.gap if blocks and self.kids else 0)

    def measure(self, width):
        if self.fixed_height:
            return self.fixed_height
        body = super().measure(width) - (2 * self.padding if not self.kids else 0)
        return body + self._head_h(width) + (2 * self.padding if not self.kids else 0)

    def place(self, x, y, w, h):
        self.heads = self._head_blocks(w)
        head = self._head_h(w)
        Stack.place(self, x, y + head, w, h - head)
        self.rect = Rect(x, y, w, h)

    def paint(self, canvas, t):
        card_surface(canvas, self.rect, self.theme, self.card_fill, self.elevated)
        y = self.rect.y + self.padding
        for b in self.heads:
            b.paint(canvas, self.rect.x + self.padding, y)
            y += b.height


ROLE_SIZES = {"title": (1.9, "bold"), "heading": (1.3, "bold"), "body": (1.0, "regular"),
              "label": (0.82, "medium"), "caption": (0.72, "regular")}


class Text(Node):
    def __init__(self, theme, text, role, colour, align, overflow, path, id=None):
        super().__init__(theme, id)
        scale, weight = ROLE_SIZES[role]
        self.font = {"bold": theme.font_bold, "medium": theme.font_medium}.get(weight, theme.font)
        self.size = theme.size * scale
        self.colour = colour or (theme.muted if role in ("label", "caption") else theme.text)
        self.text, self.align, self.overflow, self.path = text, align, overflow, path
        self.block: Optional[TextBlock] = None

    def natural_width(self):
        return self.fixed_width or TextBlock(self.text, self.font, self.size, self.colour).width

    def _block(self, width):
        return fit_text(self.text, self.font, self.size, self.colour, width, self.overflow, self.path + ("text",),
                        self.align)

    def measure(self, width):
        return self.fixed_height or self._block(width).height

    def place(self, x, y, w, h):
        super().place(x, y, w, h)
        self.block = self._block(w)

    def paint(self, canvas, t):
        self.block.paint(canvas, self.rect.x, self.rect.y + (self.rect.h - self.block.height) / 2)
