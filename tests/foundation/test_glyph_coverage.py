"""Glyph coverage: a style may name a fallback chain of kit fonts; a run of text is shaped with the first font
that covers it, and a character no kit font of the chain covers is refused at load (never an empty box)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from foundation_media import REPO, read_png_sequence, render_to, write_project

ARABIC_FONT = REPO / "brand" / "kits" / "neutral" / "fonts" / "NotoSansArabic-Regular.ttf"   # the neutral kit's

WORD = "مرحبا"
KIT = """name: Latin with a fallback
colors: {ink: "#111827", paper: "#FFFFFF", white: "#FFFFFF"}
fonts: {body: fonts/NotoSans-Regular.ttf, display: fonts/NotoSans-Bold.ttf, arabic: fonts/NotoSansArabic-Regular.ttf}
styles:
  body: {font: body, size: 44, color: ink}
  mixed: {font: [body, arabic], size: 44, color: ink}
  caption: {font: display, size: 40, color: white}
"""


def project(folder: Path, style: str, caption: str = "") -> Path:
    kit = folder / "kit"
    (kit / "fonts").mkdir(parents=True)
    for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"):
        shutil.copy(REPO / "brand" / "kits" / "neutral" / "fonts" / name, kit / "fonts" / name)
    shutil.copy(ARABIC_FONT, kit / "fonts" / "NotoSansArabic-Regular.ttf")
    (kit / "brand.yaml").write_text(KIT, encoding="utf-8")
    captions = f'captions:\n  lines:\n    - {{text: "{caption}", start: 0, end: 0.2}}\n' if caption else ""
    return write_project(folder, f"""
compositor: 1
brand: kit
output: {{size: [640, 200], fps: 10, file: out.mp4}}
{captions}shots:
  - id: a
    duration: 0.2
    background: {{color: paper}}
    layers:
      - text: "Welcome {WORD}"
        style: {style}
""")


def test_missing_glyph_exits_2_at_validate_naming_line_characters_and_fonts(tmp_path, compositor_cli):
    p = project(tmp_path, "body")
    r = compositor_cli("validate", p, cwd=tmp_path)
    out = r.stdout + r.stderr
    assert r.returncode == 2 and "Traceback" not in out
    line = next(i for i, x in enumerate(p.read_text().splitlines(), 1) if "text:" in x)
    assert f"project.yaml:{line}: shots[0].layers[0].text: no font covers '{WORD}' (U+0645 U+0631" in out
    assert "fonts tried: body (NotoSans-Regular.ttf) — add a kit font" in out


def test_caption_with_uncovered_characters_is_an_error_at_its_line(tmp_path, compositor_cli):
    p = project(tmp_path, "mixed", caption=f"Hello {WORD}")
    r = compositor_cli("validate", p, cwd=tmp_path)
    out = r.stdout + r.stderr
    assert r.returncode == 2 and "Traceback" not in out
    assert f"project.yaml:6: captions.lines[0].text: no font covers '{WORD}'" in out
    assert "fonts tried: display (NotoSans-Bold.ttf)" in out


def test_fallback_chain_shapes_the_arabic_with_the_font_that_covers_it(tmp_path):
    from overlays.textblock import measure, uncovered

    latin = REPO / "brand" / "kits" / "neutral" / "fonts" / "NotoSans-Regular.ttf"
    assert uncovered(WORD, (latin,)) == WORD and uncovered(WORD, (latin, ARABIC_FONT)) == ""
    chain = measure(WORD, (latin, ARABIC_FONT), 44)
    assert chain == pytest.approx(measure(WORD, ARABIC_FONT, 44))                # the Arabic font's own shaping
    assert chain != pytest.approx(measure(WORD, latin, 44))                      # not the Latin font's boxes
    assert measure("Welcome", (latin, ARABIC_FONT), 44) == pytest.approx(measure("Welcome", latin, 44))
    p = project(tmp_path, "mixed")
    render_to(p, tmp_path / "frames", frames=[0])
    frame = read_png_sequence(tmp_path / "frames")[0]
    ink = frame[..., :3].astype(int).sum(axis=2) < 300
    cols = ink.any(axis=0).nonzero()[0]
    assert cols.size and cols.max() - cols.min() > measure("Welcome ", latin, 44)   # both words drawn


UI_PROJECT = """compositor: 1
brand: northwind
output: {size: [640, 360], fps: 10, file: out.mp4}
shots:
  - id: a
    duration: 0.3
    background: {color: paper}
    layers:
      - ui.table:
          columns: [Name, Status]
          rows:
            - [Ahmed, "مرحبا"]
        at: [320, 180]
"""


def test_ui_table_cell_without_a_glyph_exits_2_with_the_line_the_doc_shows(tmp_path, compositor_cli):
    """docs/brand-kits.md's glyph-coverage message, from a table cell in a Latin-only kit."""
    (tmp_path / "project.yaml").write_text(UI_PROJECT, encoding="utf-8")
    r = compositor_cli("validate", "project.yaml", cwd=tmp_path)
    out = r.stdout + r.stderr
    assert r.returncode == 2 and "Traceback" not in out
    shown = next(x for x in (REPO / "docs" / "brand-kits.md").read_text().splitlines()
                 if "ui.table.rows[0][1]: no font covers" in x)
    assert shown in out


@pytest.mark.parametrize("component, field, line", [
    ('ui.button: {label: "Buy", done_label: "تم"}', "ui.button.done_label", 9),
    ('ui.card: {title: "नया"}', "ui.card.title", 9),
    ('ui.chart: {type: bar, data: {"ม.ค.": 3, Feb: 4}}', "ui.chart.data.ม.ค.", 9),
    ('ui.browser: {url: "example.com", tabs: [Home, "שלום"]}', "ui.browser.tabs[1]", 9),
    ('ui.window:\n          content:\n            ui.stack:\n              - ui.badge: {text: "مرحبا"}',
     "ui.window.content.ui.stack[0].ui.badge.text", 12),
])
def test_every_ui_string_is_checked_at_its_own_line(tmp_path, component, field, line):
    from compositor.errors import UserError
    from compositor.project.load import load_project

    (tmp_path / "p.yaml").write_text(UI_PROJECT.replace(UI_PROJECT.split("      - ", 1)[1].rsplit("        at:", 1)[0],
                                                        component + "\n"), encoding="utf-8")
    with pytest.raises(UserError) as err:
        load_project(tmp_path / "p.yaml")
    text = str(err.value)
    assert "no font covers" in text and "fonts tried: " in text and "(ui.font" in text, text
    assert f"p.yaml:{line}: shots[0].layers[0].{field}: no font covers" in text, text


def test_ui_fallback_sets_the_script_and_a_table_of_csv_cells_is_checked(tmp_path, compositor_cli):
    """With `ui.fallback` the same table renders (the Arabic cell is drawn in the fallback's glyphs); a CSV cell
    no font covers is refused at the `csv:` line with its row and column."""
    p = project(tmp_path, "mixed")
    kit = tmp_path / "kit" / "brand.yaml"
    kit.write_text(KIT + "ui: {fallback: [arabic]}\n", encoding="utf-8")
    table = UI_PROJECT.replace("brand: northwind", "brand: kit")
    p.write_text(table, encoding="utf-8")
    r = compositor_cli("validate", p, cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    (tmp_path / "cells.csv").write_text("Name,City\nAhmed,תל אביב\n", encoding="utf-8")
    p.write_text(table.replace("""          columns: [Name, Status]
          rows:
            - [Ahmed, "مرحبا"]""", "          csv: cells.csv"), encoding="utf-8")
    r = compositor_cli("validate", p, cwd=tmp_path)
    out = r.stdout + r.stderr
    assert r.returncode == 2 and "Traceback" not in out
    assert "project.yaml:10: shots[0].layers[0].ui.table.csv: row 2, column 2: no font covers 'תלאבי'" in out


def test_neutral_kit_sets_arabic_hindi_thai_and_refuses_what_it_cannot(tmp_path, compositor_cli):
    """The default kit covers the scripts it ships fonts for; a Hebrew word is still exit 2 at validate."""
    body = """compositor: 1
output: {size: [640, 360], fps: 10, file: out.mp4}
shots:
  - id: a
    duration: 0.3
    background: {color: paper}
    layers:
      - text: "%s"
"""
    (tmp_path / "ok.yaml").write_text(body % "مرحبا नमस्ते สวัสดี Hello", encoding="utf-8")
    assert compositor_cli("validate", "ok.yaml", cwd=tmp_path).returncode == 0
    (tmp_path / "he.yaml").write_text(body % "Hello שלום", encoding="utf-8")
    r = compositor_cli("validate", "he.yaml", cwd=tmp_path)
    out = r.stdout + r.stderr
    assert r.returncode == 2 and "Traceback" not in out
    assert "he.yaml:8: shots[0].layers[0].text: no font covers 'שלום'" in out
    assert "fonts tried: body (NotoSans-Regular.ttf), arabic (NotoSansArabic-Regular.ttf), devanagari " \
           "(NotoSansDevanagari-Regular.ttf), thai (NotoSansThai-Regular.ttf)" in out


def test_a_short_arabic_line_in_a_latin_first_chain_counts_as_one_line():
    """A line's height is its tallest font's: Arabic after a Latin font is taller than `Hg`, and still one line
    (a UI card title that fits is not refused as too long)."""
    from overlays.textblock import TextBlock

    latin = REPO / "brand" / "kits" / "neutral" / "fonts" / "NotoSans-Bold.ttf"
    block = TextBlock(WORD, (latin, ARABIC_FONT), 24, (0, 0, 0, 255), width=380)
    assert block.height > TextBlock("Hg", latin, 24, (0, 0, 0, 255)).height and block.lines == 1
    wrapped = TextBlock(" ".join([WORD] * 12), (latin, ARABIC_FONT), 24, (0, 0, 0, 255), width=200)
    assert wrapped.lines > 1
