"""Glyph coverage of UI mockups, checked at load like text layers and captions: every string a component writes
(a table cell, a button label, a chart's labels, a tab, a URL …) must be covered by the fonts the UI theme sets
it in — the UI font, then the kit's `ui.fallback` fonts — or the project is refused with the string's line,
the characters and the fonts tried, never drawn as empty boxes."""
from __future__ import annotations

from pydantic import BaseModel

# The fields of a component spec that hold words drawn on screen (colours, ids, files and components are not)
TEXT_FIELDS = ("title", "subtitle", "text", "label", "delta", "prefix", "suffix", "separator", "data", "columns",
               "rows", "done_label", "placeholder", "name", "items", "badge", "url", "tabs", "time")
CODE_FIELDS = ("code",)        # set in the mono chain


def strings(value, path: tuple):
    """(path, string) of every string inside a field value: lists by index, a mapping's keys (a chart's labels),
    a nav item's label and badge."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k in value:
            yield from strings(k, path + (k,))
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            yield from strings(v, path + (i,))
    elif isinstance(value, BaseModel):
        for name in ("label", "badge"):
            yield from strings(getattr(value, name, None), path + (name,))


def check_spec(spec, theme, kit, path: tuple) -> None:
    """Refuse (FieldError at the string's own path) any character of the spec's own strings that a UI font chain
    does not cover; nested components are checked when they are built."""
    for name in TEXT_FIELDS + CODE_FIELDS:
        value = getattr(spec, name, None)
        chains = {"font_mono": theme.font_mono} if name in CODE_FIELDS else theme.text_fonts
        for where, text in strings(value, path + (name,)):
            check_text(text, chains, kit, where)


def check_rows(rows, theme, kit, path: tuple) -> None:
    """The cells of a table read from a CSV file (reported at the `csv:` line, with the cell's row and column)."""
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            check_text(str(cell), theme.text_fonts, kit, path, f"row {i + 1}, column {j + 1}: ")


def check_text(text: str, chains: dict, kit, path: tuple, what: str = "") -> None:
    from compositor.errors import FieldError
    from overlays.textblock import uncovered

    for key, chain in chains.items():
        missing = uncovered(text, chain)
        if missing:
            codes = " ".join(f"U+{ord(c):04X}" for c in missing[:8]) + (" …" if len(missing) > 8 else "")
            raise FieldError(path, f"{what}no font covers {missing[:20]!r} ({codes}); fonts tried: "
                             f"{kit.font_names(chain)} (ui.{key})",
                             "add a kit font that has these characters to `ui: {fallback: [...]}` in brand.yaml "
                             "(e.g. `fallback: [arabic]`), or change the text")
