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
