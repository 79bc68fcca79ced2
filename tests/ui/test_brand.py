"""Colours come from the kit: sampled pixels of buttons, cards, charts and badges equal their brand tokens;
the kit's `ui:` section changes them; a locked kit refuses a literal colour anywhere inside a component."""
from __future__ import annotations

import pytest

from compositor.errors import FieldError
from overlays.ui.theme import theme_of

from ui_helpers import build, px, render

DASH = """
ui.stack:
  width: 900
  children:
    - ui.row:
        - ui.stat: {id: kpi, label: Open reviews, value: 1284, count: false}
        - ui.button: {id: go, label: Approve all}
    - ui.chart: {id: bars, type: bar, data: {Mon: 120, Tue: 180}, grow: false}
"""


def _centre_of(overlay, tid):
    x, y, w, h = overlay.targets()[tid]
    return x + w / 2, y + h / 2


def _near(a, b, tol=3):
    return all(abs(int(p) - int(q)) <= tol for p, q in zip(a, b))


def test_button_card_and_bar_pixels_are_brand_tokens(northwind):
    _, ov = build(DASH, northwind)
    img = render(ov)
    theme = theme_of(northwind)
    primary = northwind.colors["primary"]
    # the button's fill, sampled left of its label
    x, y, w, h = ov.targets()["go"]
    assert _near(px(img, x + 6, y + h / 2), primary)
    # the stat card's surface, inside its padding
    x, y, w, h = ov.targets()["kpi"]
    assert _near(px(img, x + w - 8, y + h - 8), theme.surface)
    # a bar, low in the plot (bars are the primary token)
    chart = next(n for n in ov.root.walk() if n.id == "bars")
    base = chart.plot.y + chart.plot.h - 4
    assert _near(px(img, chart.plot.x + chart.slot * 0.5, base), primary)
    assert _near(px(img, chart.plot.x + chart.slot * 1.5, base), primary)


def test_tones_and_delta_badge_use_their_tokens(northwind):
    _, ov = build("ui.toast: {text: Saved, tone: danger}", northwind)
    toast = ov.root
    img = render(ov)
    cx = toast.pad + toast.icon
    # the icon disc, just inside its rim (away from the glyph)
    assert _near(px(img, cx - toast.icon * 0.85, toast.rect.h / 2), northwind.colors["danger"])
    _, ov = build("ui.stat: {label: Resolved, value: 342, delta: '+12%', count: false}", northwind)
    badge = ov.root.badge
    fill = px(render(ov), badge.rect.x + 3, badge.rect.y + badge.rect.h / 2)
    assert _near(fill, theme_of(northwind).subtle(northwind.colors["success"], 0.84), tol=4)


def test_kit_ui_section_drives_surface_and_radius(open_kit):
    open_kit.spec.ui.update({"surface": "accent", "radius": 0})
    try:
        from overlays.ui import theme as theme_mod
        theme_mod._CACHE.clear()
        _, ov = build("ui.card: {title: Hello, width: 300}", open_kit)
        img = render(ov)
        assert _near(px(img, 150, ov.height - 6), open_kit.colors["accent"])
        assert _near(px(img, 1, 1), open_kit.colors["accent"], tol=40)   # square corner: filled, not transparent
    finally:
        open_kit.spec.ui.clear()
        theme_mod._CACHE.clear()


def test_strict_kit_rejects_a_literal_colour_inside_a_component(northwind):
    assert northwind.strict
    layer = """
ui.browser:
  url: app.northwind.example
  content:
    ui.stack:
      - ui.badge: {text: Hot, color: "#FF0000"}
"""
    with pytest.raises(FieldError) as err:
        build(layer, northwind)
    assert err.value.path == ("layers", 0, "ui.browser", "content", "ui.stack", 0, "ui.badge", "color")
    assert "off-brand" in err.value.message
    # the same component with a token is fine, and an open kit takes the literal
    build(layer.replace('"#FF0000"', "danger"), northwind)


def test_open_kit_accepts_the_literal(open_kit):
    _, ov = build('ui.badge: {text: Hot, color: "#FF0000"}', open_kit)
    assert ov.root.colour == (255, 0, 0, 255)


def test_bad_ui_section_is_a_field_error(open_kit):
    open_kit.spec.ui.update({"radious": 4})
    try:
        from overlays.ui import theme as theme_mod
        theme_mod._CACHE.clear()
        with pytest.raises(FieldError) as err:
            build("ui.badge: {text: x}", open_kit)
        assert err.value.path == ("layers", 0, "ui.badge") and "ui.radious" in err.value.message
        assert "brand.yaml" in err.value.fix
    finally:
        open_kit.spec.ui.clear()
        theme_mod._CACHE.clear()


def test_dark_variant_is_derived_from_the_kit(northwind):
    _, light = build("ui.window: {title: T, width: 400, content: {ui.text: {text: Hi}}}", northwind)
    _, dark = build("ui.window: {title: T, width: 400, theme: dark, content: {ui.text: {text: Hi}}}", northwind)
    lum = lambda c: (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) / 255
    y = light.height - 10
    assert lum(px(render(light), 200, y)) > 0.85
    assert lum(px(render(dark), 200, y)) < 0.12
    # the dark ink is the kit's own ink, darkened — not an invented colour
    ink = northwind.colors["ink"]
    assert all(c <= i for c, i in zip(px(render(dark), 200, y)[:3], ink[:3]))


def test_doc_ui_section_validates_and_the_neutral_kit_falls_back_to_its_script_fonts():
    """docs/ui-kit.md's `ui:` block is a valid `ui:` section (with `fallback:`); the default kit's UI fonts are
    chains that end in its Arabic, Devanagari and Thai fonts, so a UI string in those scripts is drawn."""
    from pathlib import Path

    import yaml

    from brand.kit import default_kit
    from overlays.textblock import uncovered
    from overlays.ui.theme import UiTokens

    from tests.docblocks import fenced_all

    doc = (Path(__file__).resolve().parents[2] / "docs" / "ui-kit.md").read_text()
    block = next(b for b in fenced_all(doc, "yaml") if b.startswith("ui:\n"))
    tokens = UiTokens.model_validate(yaml.safe_load(block)["ui"])
    assert tokens.fallback == ["arabic"]
    th = theme_of(default_kit())
    assert [p.name for p in th.font] == ["NotoSans-Regular.ttf", "NotoSansArabic-Regular.ttf",
                                         "NotoSansDevanagari-Regular.ttf", "NotoSansThai-Regular.ttf"]
    for chain in (th.font, th.font_medium, th.font_bold):
        assert uncovered("مرحبا नमस्ते สวัสดี", chain) == ""
