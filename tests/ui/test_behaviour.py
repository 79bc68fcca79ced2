"""What the components do over time and at load: caching keys, count-up, growth, typing, scrolling, clicks,
the cursor's path, overflow rules, CSV tables and validation errors."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError

from compositor.errors import FieldError
from compositor.layer import PlacedLayer
from overlays.ui import CursorOverlay, link_shot
from overlays.ui.cursor import natural

from ui_helpers import build, px, render


def test_static_component_has_no_key_and_animated_one_settles(northwind):
    _, card = build("ui.card: {title: Static, width: 300}", northwind)
    assert card.content_key(0.0) is None and card.content_key(5.0) is None
    _, chart = build("ui.chart: {type: bar, data: {A: 10, B: 20}, grow: {at: 0, duration: 1}, width: 400}",
                     northwind)
    keys = [chart.content_key(t) for t in (0.0, 0.3, 0.6, 1.0, 1.5, 9.0)]
    assert len(set(keys[:4])) == 4                       # growing: every frame differs
    assert keys[3] == keys[4] == keys[5]                 # grown: one key, so one raster for the rest
    assert not np.array_equal(render(chart, 0.3), render(chart, 1.5))


def test_stat_counts_up_to_the_exact_formatted_value(northwind):
    _, ov = build("ui.stat: {label: Open, value: 1284, count: {at: 0, duration: 1}}", northwind)
    stat = ov.root
    assert stat.shown(0.0) == "0"
    mid = int(stat.shown(0.4).replace(",", ""))
    assert 0 < mid < 1284
    assert stat.shown(1.0) == stat.shown(7.0) == "1,284"
    _, ov = build("ui.stat: {label: Rate, value: 1234567.5, decimals: 1, prefix: '$', separator: ' ', "
                  "count: false}", northwind)
    assert ov.root.shown(0) == "$1 234 567.5"


def test_input_types_exact_text_with_caret(northwind):
    _, ov = build("ui.input: {text: hello@northwind.example, placeholder: Email, typing: {at: 1, speed: 10}, "
                  "width: 500}", northwind)
    node = ov.root
    assert node.typed(0.5) == 0 and node.typed(1.35) == 3 and node.typed(9) == len("hello@northwind.example")
    a, b = render(ov, 1.35), render(ov, 1.85)
    assert not np.array_equal(a, b)
    assert node.caret_on(1.5) and ov.content_key(20.0) == ov.content_key(30.0)   # settles: cached again


def test_code_typing_and_highlight(northwind):
    layer = "ui.code: {code: \"a = 1\\nb = 2\\n\", highlight: [2], typing: {at: 0, speed: 5}, width: 400}"
    _, ov = build(layer, northwind)
    code = ov.root
    assert code.typed(0.0) == 0 and code.typed(1.0) == 5 and code.typed(10) == code.total == 11
    with pytest.raises(FieldError) as err:
        build(layer.replace("[2]", "[7]"), northwind)
    assert err.value.path[-1] == "highlight"
    with pytest.raises(FieldError):
        build(layer.replace("width: 400", "width: 400, language: no-such-language"), northwind)


def test_click_changes_the_button_and_updates_a_listening_chart(northwind):
    layer = """
ui.stack:
  width: 700
  children:
    - ui.chart: {id: c, type: bar, data: {A: 10, B: 20}, grow: false,
                 update: {trigger: go, data: {A: 10, B: 40}, duration: 0.5}}
    - ui.button: {id: go, label: Approve, done_label: Approved}
"""
    _, ov = build(layer, northwind)
    before = render(ov, 2.0)
    assert ov.content_key(0) is None
    ov.on_event("click", "go", 1.0)
    button = next(n for n in ov.root.walk() if n.id == "go")
    chart = next(n for n in ov.root.walk() if n.id == "c")
    assert button.state_at(0.5) == ("idle", "Approve")
    assert button.state_at(1.05) == ("pressed", "Approve")
    assert button.state_at(2.0)[1] == "Approved"
    assert chart.data_at(0.9) == [10, 20] and chart.data_at(1.6) == [10, 40]
    after = render(ov, 2.0)
    x, y, w, h = ov.targets()["go"]
    assert not np.array_equal(before[int(y):int(y + h)], after[int(y):int(y + h)])
    assert ov.content_key(2.0) == ov.content_key(3.0) != ov.content_key(1.2)


def test_scroll_moves_the_content_by_the_exact_offset(northwind):
    layer = """
ui.window:
  width: 600
  height: 400
  scroll: [[0, 0], [1, 120]]
  content:
    ui.stack: [%s]
""" % ", ".join("{ui.card: {id: c%d, title: Card %d}}" % (i, i) for i in range(8))
    _, ov = build(layer, northwind)
    frame = ov.root
    assert frame.scroll_at(0) == 0 and frame.scroll_at(1) == 120 and frame.scroll_at(5) == 120
    a, b = render(ov, 0.0), render(ov, 1.0)
    vp = frame.vp
    rows_a = a[int(vp.y) + 1 + 150: int(vp.y) + 1 + 250, 50:550]
    rows_b = b[int(vp.y) + 1 + 30: int(vp.y) + 1 + 130, 50:550]
    assert np.abs(rows_a.astype(int) - rows_b.astype(int)).mean() < 1.0     # same pixels, 120 px higher
    assert ov.targets_at(1.0)["c3"].y == ov.targets_at(0.0)["c3"].y - 120     # cursor targets scroll too


def test_cursor_natural_path_and_ripple(northwind):
    assert natural(0) == 0 and natural(1) == 1 and abs(natural(0.5) - 0.5) < 1e-9
    assert natural(0.01) < 0.001 and natural(0.99) > 0.999                   # starts and lands gently
    model, cur = build("ui.cursor: {path: [[0, [100, 100]], [1, [500, 300]]], click: {at: 1.2}}", northwind)
    assert isinstance(cur, CursorOverlay)
    assert cur.position(0) == (100, 100) and cur.position(1) == (500, 300) and cur.position(3) == (500, 300)
    ys = [cur.position(t / 10)[1] for t in range(11)]
    assert ys == sorted(ys)
    steps = np.diff([cur.position(t / 20)[0] for t in range(21)])
    assert steps[10] > 4 * steps[0]                                          # fastest mid-way
    assert cur.click_state(1.25)[0] is not None and cur.click_state(2.0)[0] is None
    assert cur.content_key(2.0) == cur.content_key(5.0)


def test_link_shot_resolves_ids_in_other_layers_and_delivers_clicks(northwind):
    size = (1920, 1080)
    browser_yaml = """
ui.browser:
  url: app.northwind.example
  content: {ui.stack: [{ui.text: {text: Hello}}, {ui.button: {id: approve, label: Approve}}]}
at: [700, 500]
width: 800
"""
    bm, bo = build(browser_yaml, northwind)
    cm, co = build("ui.cursor: {path: [[0, [10, 10]], [1, '#approve']], click: {target: approve, at: 1.1}}",
                   northwind)
    layers = [PlacedLayer(m, o, 4.0, size, northwind.safe_area, northwind.spec.motion) for m, o in ((bm, bo), (cm, co))]
    link_shot(layers, fps=30)
    x, y, w, h = bo.targets()["approve"]
    m = layers[0].state(1.0, 30).matrix
    want = m @ np.array([x + w / 2, y + h / 2, 1.0])
    got = co.position(1.0)
    assert abs(got[0] - want[0]) < 0.01 and abs(got[1] - want[1]) < 0.01
    button = next(n for n in bo.root.walk() if n.id == "approve")
    assert button.click_at == 1.1 and button.hover_at == 1.0
    # an id that no layer has is an error naming the cursor's field
    cm2, co2 = build("ui.cursor: {path: [[0, [10, 10]], [1, '#nope']]}", northwind)
    with pytest.raises(FieldError) as err:
        link_shot(layers[:1] + [PlacedLayer(cm2, co2, 4.0, size, northwind.safe_area)], fps=30)
    assert err.value.path[-3:] == ("path", 1, 1)


def test_text_overflow_is_never_silent(northwind):
    long = "Approve every pending review in the queue right now"
    with pytest.raises(FieldError) as err:
        build(f"ui.button: {{label: {long}, width: 200, overflow: error}}", northwind)
    assert err.value.path[-1] == "label"
    with pytest.raises(FieldError):                     # shrink gives up below 70 %: still an error
        build(f"ui.button: {{label: {long}, width: 200}}", northwind)
    _, ov = build(f"ui.button: {{label: {long}, width: 200, overflow: ellipsize}}", northwind)
    block = ov.root._block(long, 200, (0, 0, 0, 255))
    assert block.text_width <= 200 and block.paragraph is not None
    _, ov = build("ui.button: {label: Approve all reviews, width: 200}", northwind)   # shrinks a little: fits
    assert ov.width == 200


def test_table_from_csv_with_highlight_by_name(northwind):
    _, ov = build("ui.table: {csv: vendors.csv, highlight: Blue Harbor, width: 700}", northwind)
    table = ov.root
    assert table.columns == ["Vendor", "Country", "Spend"] and table.highlight == 1
    assert table.align == ["left", "left", "right"]
    img = render(ov)
    band_y = table.head_h + 1 * table.row_h + table.row_h / 2
    plain_y = table.head_h + 2 * table.row_h + table.row_h / 2
    assert px(img, 600, band_y) != px(img, 600, plain_y)
    with pytest.raises(FieldError) as err:
        build("ui.table: {csv: vendors.csv, highlight: Nobody, width: 700}", northwind)
    assert err.value.path[-1] == "highlight"
    with pytest.raises(FieldError) as err:
        build("ui.table: {csv: missing.csv, width: 700}", northwind)
    assert err.value.path[-1] == "csv"


def test_schema_rejects_unknown_keys_and_bad_shapes(northwind):
    with pytest.raises(ValidationError):
        build("ui.stack: [{ui.stat: {label: a, value: 1, colour: primary}}]", northwind)
    with pytest.raises(ValidationError):
        build("ui.stack: [{ui.nothing: {}}]", northwind)
    with pytest.raises(ValidationError):
        build("ui.table: {columns: [A], rows: [[1]], csv: x.csv}", northwind)
    with pytest.raises(ValidationError):
        build("ui.cursor: {path: [[1, '#a'], [0, [1, 2]]]}", northwind)


def test_phone_and_laptop_frames_hold_content_in_their_screen(northwind):
    for kind, w in (("phone", 360), ("laptop", 900)):
        _, ov = build(f"ui.{kind}: {{width: {w}, content: {{ui.button: {{id: b, label: Go}}}}}}", northwind)
        frame = ov.root
        x, y, bw, bh = ov.targets()["b"]
        assert frame.vp.x <= x and x + bw <= frame.vp.x + frame.vp.w
        assert frame.vp.y <= y and y + bh <= frame.vp.y + frame.vp.h
        assert px(render(ov), x + 4, y + bh / 2)[:3] == tuple(northwind.colors["primary"][:3])


def test_screenshot_fills_the_viewport_and_scrolls(northwind):
    from PIL import Image

    shot = np.asarray(Image.open(Path(__file__).resolve().parents[1] / "data" / "ui" / "screenshot.png")
                      .convert("RGB"))
    _, ov = build("ui.window: {title: Shot, screenshot: screenshot.png, width: %d, height: 200, "
                  "scroll: [[0, 0], [1, 40]]}" % shot.shape[1], northwind)
    vp = ov.root.vp
    assert vp.w == shot.shape[1] and ov.root.max_scroll == shot.shape[0] - vp.h
    a, b = render(ov, 0.0), render(ov, 1.0)
    y0 = int(vp.y) + 1
    # the screenshot's own rows appear in the viewport: at t=0 from its top, at t=1 40 px further down
    assert np.abs(a[y0 + 60, 1:-1, :3].astype(int) - shot[60]).mean() < 2
    assert np.abs(b[y0 + 60, 1:-1, :3].astype(int) - shot[100]).mean() < 2
    with pytest.raises(FieldError):
        build("ui.window: {screenshot: missing.png}", northwind)


def test_toggle_and_sidebar_react_to_clicks(northwind):
    _, ov = build("ui.stack: {width: 400, children: [{ui.toggle: {id: t, label: Alerts}}, "
                  "{ui.sidebar: {items: [Home, {label: Reports, id: rep}], height: 160}}]}", northwind)
    ov.on_event("click", "t", 1.0)
    ov.on_event("click", "rep", 2.0)
    toggle = next(n for n in ov.root.walk() if n.id == "t")
    sidebar = next(n for n in ov.root.walk() if type(n).__name__ == "Sidebar")
    assert toggle.position(0.9) == 0 and toggle.position(1.5) == 1
    assert sidebar.active_at(1.9) == 0 and sidebar.active_at(2.0) == 1
    assert "rep" in ov.targets()
    assert not np.array_equal(render(ov, 0.5), render(ov, 2.5))


def test_compact_cursor_is_a_cached_sprite_placed_at_the_pointer(northwind):
    _, full = build("ui.cursor: {path: [[0, [100, 100]], [1, [500, 300]]]}", northwind)
    _, sprite = build("ui.cursor: {path: [[0, [100, 100]], [1, [500, 300]]]}", northwind,
                      extras={"ui.compact_cursor": True})
    assert sprite.width < 100 and sprite.height < 100
    keys = {sprite.content_key(t / 30) for t in range(31)}
    assert len(keys) <= 16                                   # moving, yet only sub-pixel phases differ
    for t in (0.0, 0.37, 1.0):
        big, small = render(full, t), render(sprite, t)
        x0, y0 = (int(v) for v in sprite.place_at(t))
        window = big[y0 + 1:y0 + 1 + small.shape[0] - 2, x0 + 1:x0 + 1 + small.shape[1] - 2]
        diff = np.abs(window.astype(int) - small[1:-1, 1:-1].astype(int))
        assert diff.mean() < 1.0 and (diff.max() <= 2 if t in (0.0, 1.0) else True)   # phases: 1/4 px steps
