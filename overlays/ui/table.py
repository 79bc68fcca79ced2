"""`ui.table`: a header and rows (inline or from a CSV read at load), numbers right-aligned, one highlighted row.

A cell is text, or a small component built from the kit's tokens (a pill, an avatar, an icon: overlays/ui/build.py
makes them) that the row lays out like text: its natural width claims column space, it sits at the column's
alignment, centred in the row."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Optional, Union

import skia

from compositor.errors import FieldError
from overlays.base import paint
from overlays.textblock import TextBlock

from .node import Node, Rect, card_surface, fill_rrect, fit_text
from .theme import Theme


def read_csv(path: Path, field: tuple) -> tuple[list[str], list[list[str]]]:
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows = [r for r in csv.reader(f) if any(c.strip() for c in r)]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise FieldError(field, f"cannot read the CSV: {exc}", "save it as UTF-8 CSV with a header row")
    if not rows:
        raise FieldError(field, "the CSV is empty", "put a header row and at least one data row in it")
    return rows[0], rows[1:]


def cell_text(v) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, int) and not isinstance(v, bool):
        return f"{v:,}"
    return str(v)


def cell_label(cell) -> str:
    """What a `highlight: NAME` matches in a row's first cell: its text, a pill's text, an avatar's name."""
    for key in ("pill", "avatar", "icon"):
        if hasattr(cell, key):
            return getattr(cell, key)
    return cell_text(cell) if not isinstance(cell, str) else cell


def _numeric(s) -> bool:
    if not isinstance(s, str):
        return False
    s = s.replace(",", "").replace("%", "").replace("$", "").replace("€", "").strip()
    try:
        float(s)
        return True
    except ValueError:
        return False


Cell = Union[str, Node]      # text, or a component drawn in the cell


class Table(Node):
    def __init__(self, theme: Theme, columns: list[str], rows: list[list[Cell]], highlight: Optional[int],
                 highlight_at: Optional[float], align: Optional[list[str]], overflow, path, id=None):
        super().__init__(theme, id)
        n = len(columns)
        for i, r in enumerate(rows):
            if len(r) != n:
                raise FieldError(path + ("rows", i), f"row has {len(r)} cells, the header has {n}",
                                 "give every row one cell per column")
        self.columns, self.rows = columns, rows
        self.highlight, self.highlight_at = highlight, highlight_at
        self.align = align or ["right" if rows and all(_numeric(r[c]) for r in rows) else "left" for c in range(n)]
        if len(self.align) != n:
            raise FieldError(path + ("align",), f"{len(self.align)} alignments for {n} columns",
                             "give one of left/center/right per column")
        self.overflow, self.path = overflow, path
        self.cell_px = theme.spacing[3]
        parts = [c for r in rows for c in r if isinstance(c, Node)]
        self.row_h = max([TextBlock("Hg", theme.font, theme.size, theme.text).height]
                         + [p.measure(p.natural_width() or 0) for p in parts]) + 2 * theme.spacing[2]
        self.head_h = TextBlock("Hg", theme.font_medium, theme.size * 0.8, theme.muted).height + 2 * theme.spacing[2]

    def natural_width(self):
        return self.fixed_width

    def measure(self, width):
        return self.fixed_height or self.head_h + self.row_h * len(self.rows)

    def _col_widths(self, width: float) -> list[float]:
        """Columns share the width in proportion to their longest cell (header included)."""
        th = self.theme
        want = []
        for c, name in enumerate(self.columns):
            cells = [TextBlock(r[c], th.font, th.size, th.text).width if isinstance(r[c], str)
                     else r[c].natural_width() or 0 for r in self.rows]
            want.append(max([TextBlock(name, th.font_medium, th.size * 0.8, th.muted).width] + cells)
                        + 2 * self.cell_px)
        total = sum(want)
        return [width * w / total for w in want]

    def place(self, x, y, w, h):
        super().place(x, y, w, h)
        th = self.theme
        self.widths = self._col_widths(w)
        self.cells = []   # (painter(canvas, t), row index or None for the header)
        cx = x
        for c, cw in enumerate(self.widths):
            inner = cw - 2 * self.cell_px
            head = fit_text(self.columns[c].upper(), th.font_medium, th.size * 0.72, th.muted, inner,
                            self.overflow, self.path + ("columns", c), align=self.align[c])
            self.cells.append((_text_painter(head, cx + self.cell_px, y + (self.head_h - head.height) / 2), None))
            for i, row in enumerate(self.rows):
                ry = y + self.head_h + i * self.row_h
                self.cells.append((self._cell(row[c], cx + self.cell_px, ry, inner, self.align[c],
                                              self.path + ("rows", i, c)), i))
            cx += cw

    def _cell(self, cell: Cell, x: float, ry: float, inner: float, align: str, path: tuple):
        """A painter for one body cell: text fitted to the column, or a component at the column's alignment."""
        th = self.theme
        if isinstance(cell, str):
            block = fit_text(cell, th.font, th.size, th.text, inner, self.overflow, path, align=align)
            return _text_painter(block, x, ry + (self.row_h - block.height) / 2)
        w = cell.natural_width() or inner
        if w > inner + 0.5:
            raise FieldError(path, f"this cell is {w:.0f}px wide, its column has {inner:.0f}px",
                             "shorten the pill's text, widen the table, or give its column fewer words elsewhere")
        h = cell.measure(w)
        cell.place(x + {"left": 0.0, "center": (inner - w) / 2, "right": inner - w}[align],
                   ry + (self.row_h - h) / 2, w, h)
        return cell.paint

    @property
    def dynamic(self):
        return self.highlight is not None and self.highlight_at is not None

    def lit(self, t: float) -> bool:
        return self.highlight is not None and (self.highlight_at is None or t >= self.highlight_at)

    def key(self, t):
        return self.lit(t)

    def paint_base(self, canvas):
        th, r = self.theme, self.rect
        card_surface(canvas, r, th)
        head = Rect(r.x, r.y, r.w, self.head_h)
        canvas.save()
        canvas.clipRRect(_top_round(head, th.card_radius), doAntiAlias=True)
        fill_rrect(canvas, head, 0, th.background)
        canvas.restore()
        for i in range(len(self.rows)):
            yy = r.y + self.head_h + i * self.row_h
            canvas.drawRect(Rect(r.x + 1, yy - 0.5, r.w - 2, 1).sk(), paint(th.border))
        if self.dynamic:
            self.paint_static_cells(canvas)

    def paint(self, canvas, t):
        th, r = self.theme, self.rect
        if not self.dynamic:
            self.paint_base(canvas)
        if self.lit(t):
            i = self.highlight
            band = Rect(r.x + 1, r.y + self.head_h + i * self.row_h + 0.5, r.w - 2, self.row_h - 1)
            fill_rrect(canvas, band, 0, th.subtle(th.primary, 0.88 if th.mode == "light" else 0.75))
            fill_rrect(canvas, Rect(band.x, band.y, 4, band.h), 0, th.primary)
        for painter, row in self.cells:
            if self.dynamic and row != self.highlight:
                continue
            painter(canvas, t)

    # cells outside the highlighted row are static: draw them into the cached raster
    def paint_static_cells(self, canvas):
        for painter, row in self.cells:
            if row != self.highlight:
                painter(canvas, 0.0)


def _text_painter(block: TextBlock, x: float, y: float):
    return lambda canvas, t: block.paint(canvas, x, y)


def _top_round(r: Rect, radius: float):
    rr = skia.RRect()
    rad = [skia.Point(radius, radius), skia.Point(radius, radius), skia.Point(0, 0), skia.Point(0, 0)]
    rr.setRectRadii(r.sk(), rad)
    return rr
