"""Specs -> nodes: resolves every colour through the kit (the brand lock applies), reads assets once, sets the
time base (component times are shot seconds; a missing `at` means the layer's start)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from compositor.errors import FieldError
from compositor.listing import first
from overlays.base import BuildContext
from overlays.raster import check_svg, load_bitmap

from . import models as M
from .chart import Chart
from .code import Code
from .controls import Avatar, Badge, Button, Input, Toggle, tone_colour
from .icons import BUILTIN, Icon
from .frames import Frame
from .glyphs import check_rows, check_spec
from .layout import Card, Grid, Row, Stack, Text
from .node import Node, text_h
from .notify import Sidebar, Toast
from .stat import Stat, format_number
from .table import Table, cell_label, cell_text, read_csv
from .theme import Theme, theme_of

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".bmp")


@dataclass
class Builder:
    ctx: BuildContext
    t0: float = 0.0            # the layer's start (shot seconds)

    def theme(self) -> Theme:
        return theme_of(self.ctx.kit)

    def colour(self, value: str, path: tuple):
        return self.ctx.color(value, path)

    def span(self, value, default_duration: float) -> Optional[tuple[float, float]]:
        if value is False:
            return None
        if value is True:
            return self.t0, default_duration
        return (value.at if value.at is not None else self.t0), value.duration

    # --- dispatch ---------------------------------------------------------------------------------------------
    def node(self, item, theme: Theme, path: tuple) -> Node:
        """A nested component model -> node (path: the item's path; the key is appended)."""
        key, spec = M.spec_of(item)
        return self.spec(key, spec, theme, path + (key,))

    def children(self, spec, theme, path) -> list[Node]:
        return [self.node(c, theme, spec.child_path(path, i)) for i, c in enumerate(spec.children)]

    def spec(self, key: str, s: M.Spec, theme: Theme, path: tuple) -> Node:
        check_spec(s, theme, self.ctx.kit, path)
        node = getattr(self, "_" + key.split(".", 1)[1])(s, theme, path)
        if s.width and node.fixed_width is None:
            node.fixed_width = s.width
        if s.height and node.fixed_height is None:
            node.fixed_height = s.height
        return node

    # --- layout -----------------------------------------------------------------------------------------------
    def _fill(self, s, path):
        return self.colour(s.fill, path + ("fill",)) if s.fill else None

    def _stack(self, s: M.StackSpec, th, path):
        return Stack(th, self.children(s, th, path), th.space(s.gap, path + ("gap",)),
                     th.space(s.padding, path + ("padding",)), s.align, self._fill(s, path), s.id)

    def _row(self, s: M.RowSpec, th, path):
        return Row(th, self.children(s, th, path), th.space(s.gap, path + ("gap",)),
                   th.space(s.padding, path + ("padding",)), s.align, s.justify, self._fill(s, path), s.id)

    def _grid(self, s: M.GridSpec, th, path):
        return Grid(th, self.children(s, th, path), th.space(s.gap, path + ("gap",)),
                    th.space(s.padding, path + ("padding",)), s.columns, self._fill(s, path), s.id)

    def _card(self, s: M.CardSpec, th, path):
        return Card(th, self.children(s, th, path), th.space(s.gap, path + ("gap",)),
                    th.space(s.padding, path + ("padding",)), s.title, s.subtitle, self._fill(s, path), s.elevated,
                    s.overflow, path, s.id)

    def _text(self, s: M.TextSpec, th, path):
        colour = self.colour(s.color, path + ("color",)) if s.color else None
        return Text(th, s.text, s.role, colour, s.align, s.overflow, path, s.id)

    # --- data -----------------------------------------------------------------------------------------------
    def _stat(self, s: M.StatSpec, th, path):
        return Stat(th, s.label, s.value, s.delta, s.delta_tone, s.prefix, s.suffix, s.decimals, s.separator,
                    self.span(s.count, 1.2), s.overflow, path, s.id)

    def _chart(self, s: M.ChartSpec, th, path):
        pairs = list(s.data.items()) if isinstance(s.data, dict) else [tuple(p) for p in s.data]
        labels, values = [p[0] for p in pairs], [float(p[1]) for p in pairs]
        if s.type == "donut" and any(v < 0 for v in values):
            raise FieldError(path + ("data",), "a donut cannot show negative values", "use a bar chart")
        colours = [self.colour(c, path + ("colors", i)) for i, c in enumerate(s.colors)] if s.colors else \
            ([th.primary] if s.type != "donut" else [th.primary, th.accent, th.success, th.muted, th.danger])
        update = None
        if s.update:
            u = s.update
            new = dict(u.data) if isinstance(u.data, dict) else dict(u.data)
            if list(new) != labels:
                raise FieldError(path + ("update", "data"), "the update must give the same labels, in order",
                                 f"use: {', '.join(labels)}")
            update = ([float(v) for v in new.values()], u.at, u.trigger, u.duration)
        fmt = lambda v: format_number(v, s.decimals, s.separator, "", s.suffix)
        return Chart(th, s.type, labels, values, s.title, colours, self.span(s.grow, 1.0), update, s.values, s.axis,
                     fmt, path, s.id)

    def _table(self, s: M.TableSpec, th, path):
        if s.csv is not None:
            header, rows = read_csv(self.ctx.asset(s.csv, path + ("csv",), (".csv",)), path + ("csv",))
            check_rows([header] + rows, th, self.ctx.kit, path + ("csv",))
            columns = s.columns or header
        else:
            columns, rows = s.columns, s.rows
        if s.max_rows:
            rows = rows[: s.max_rows]
        hi = s.highlight
        if isinstance(hi, str):
            firsts = [cell_label(r[0]) for r in rows]
            if hi not in firsts:
                raise FieldError(path + ("highlight",), f"no row starts with {hi!r}",
                                 f"use a row index or one of: {first(firsts, 8)}")
            hi = firsts.index(hi)
        elif hi is not None and not 0 <= hi < len(rows):
            raise FieldError(path + ("highlight",), f"row {hi} does not exist ({len(rows)} rows)",
                             "rows count from 0")
        if s.rows is not None:
            rows = [[self.cell(c, th, path + ("rows", i, j)) for j, c in enumerate(r)] for i, r in enumerate(rows)]
        return Table(th, list(columns), rows, hi, s.highlight_at, s.align, s.overflow, path, s.id)

    def cell(self, c, th: Theme, path: tuple):
        """A table cell: its text, or the component a `{pill|avatar|icon: …}` mapping asks for, sized to a row."""
        if isinstance(c, M.PillCell):
            colour = self.colour(c.color, path + ("color",)) if c.color else None
            return Badge(th, c.pill, c.tone, colour)
        if isinstance(c, M.AvatarCell):
            colour = self.colour(c.color, path + ("color",)) if c.color else None
            image = load_bitmap(self.ctx.kit_asset(c.image, path + ("image",), IMAGE_SUFFIXES)) if c.image else None
            return Avatar(th, c.avatar, round(text_h(th, th.size) * 1.2), colour, image)
        if isinstance(c, M.IconCell):
            return self.icon(c, th, path)
        return cell_text(c)

    def icon(self, c: M.IconCell, th: Theme, path: tuple) -> Icon:
        kit_icons = getattr(self.ctx.kit, "icons", {})
        if c.icon not in kit_icons and c.icon not in BUILTIN:
            raise FieldError(path + ("icon",), f"unknown icon {c.icon!r}",
                             "use one of: " + ", ".join(sorted(kit_icons) + sorted(set(BUILTIN) - set(kit_icons))))
        colour = self.colour(c.color, path + ("color",)) if c.color else \
            tone_colour(th, c.tone) if c.tone else th.text
        svg = None
        if c.icon in kit_icons:
            svg = kit_icons[c.icon].read_bytes()
            problem = check_svg(svg)
            if problem:
                raise FieldError(path + ("icon",), f"the kit's icon {c.icon!r} ({kit_icons[c.icon].name}) cannot be "
                                 f"drawn: {problem}", "fix the SVG file the kit's icons: names")
        return Icon(th, c.icon, colour, round(text_h(th, th.size)), svg)

    def _code(self, s: M.CodeSpec, th, path):
        typing = None if s.typing is None else (s.typing.at if s.typing.at is not None else self.t0, s.typing.speed)
        return Code(th.variant(s.theme), s.code, s.language, s.title, s.highlight, s.line_numbers, typing, s.size,
                    path, s.id)

    # --- controls ---------------------------------------------------------------------------------------------
    def _button(self, s: M.ButtonSpec, th, path):
        return Button(th, s.label, s.variant, s.state, s.done_label, s.overflow, path, s.id)

    def _input(self, s: M.InputSpec, th, path):
        typing = None
        if s.typing is True:
            typing = (self.t0, 14.0)
        elif s.typing:
            typing = (s.typing.at if s.typing.at is not None else self.t0, s.typing.speed)
        return Input(th, s.label, s.text, s.placeholder, typing, s.focused, s.overflow, path, s.id)

    def _toggle(self, s: M.ToggleSpec, th, path):
        return Toggle(th, s.label, s.checked, s.id)

    def _badge(self, s: M.BadgeSpec, th, path):
        colour = self.colour(s.color, path + ("color",)) if s.color else None
        return Badge(th, s.text, s.tone, colour, s.id)

    def _avatar(self, s: M.AvatarSpec, th, path):
        colour = self.colour(s.color, path + ("color",)) if s.color else None
        image = load_bitmap(self.ctx.asset(s.image, path + ("image",), IMAGE_SUFFIXES)) if s.image else None
        return Avatar(th, s.name, s.size, colour, image, s.id)

    def _toast(self, s: M.ToastSpec, th, path):
        return Toast(th, s.text, s.title, s.tone, s.overflow, path, s.id)

    def _sidebar(self, s: M.SidebarSpec, th, path):
        return Sidebar(th, s.title, s.items, s.active, path, s.id)

    # --- frames ---------------------------------------------------------------------------------------------
    def frame(self, kind: str, s: M.FrameSpec, th: Theme, path: tuple) -> Frame:
        th = th.variant(s.theme)
        body = None
        if s.content is not None:
            kids = [self.node(c, th, s.content_path(path, i)) for i, c in enumerate(s.content)]
            body = kids[0] if len(kids) == 1 else Stack(th, kids, th.spacing[4], 0, "stretch")
        shot = load_bitmap(self.ctx.asset(s.screenshot, path + ("screenshot",), IMAGE_SUFFIXES)) \
            if s.screenshot else None
        if s.scroll:
            times = [k[0] for k in s.scroll]
            if times != sorted(times):
                raise FieldError(path + ("scroll",), "scroll keys must be in time order", "sort [[t, y], ...] by t")
        extra = {}
        if isinstance(s, M.WindowSpec):
            extra = dict(title=s.title, chrome=s.chrome)
        elif isinstance(s, M.BrowserSpec):
            extra = dict(url=s.url, tabs=s.tabs)
        elif isinstance(s, M.PhoneSpec):
            extra = dict(clock=s.time)
        return Frame(th, kind, body, shot, s.scroll, th.space(s.padding, path + ("padding",)), path, id=s.id,
                     **extra)

    def _window(self, s, th, path):
        return self.frame("window", s, th, path)

    def _browser(self, s, th, path):
        return self.frame("browser", s, th, path)

    def _phone(self, s, th, path):
        return self.frame("phone", s, th, path)

    def _laptop(self, s, th, path):
        return self.frame("laptop", s, th, path)
