"""Text is exact: OCR (tesseract) of a decoded frame reads back the project's words, wrapped text keeps every
word, and glyphs are never clipped (descenders and accents included)."""
import shutil

import numpy as np
import pytest

from foundation_media import coverage, decode_video, hex_rgb, render_png_frames, render_to, write_project

pytesseract = pytest.importorskip("pytesseract")
if shutil.which("tesseract") is None:  # pragma: no cover
    pytest.skip("tesseract is not installed", allow_module_level=True)

# words a careful reader cannot misread: no I/l/1 or O/0 pairs, large, dark on light
HEADLINE = "Ship better video, faster."
WRAPPED = "Audit trails in seconds, on every brand."

PROJECT = f"""
compositor: 1
brand: northwind
output: {{size: [960, 360], fps: 10, file: out.mp4, preset: ultrafast}}
shots:
  - id: words
    duration: 0.2
    background: {{color: paper}}
    layers:
      - text: "{HEADLINE}"
        style: headline
        size: 64
        at: [480, 110]
      - text: "{WRAPPED}"
        style: body
        width: 520
        at: [480, 260]
"""


@pytest.fixture(scope="module")
def frame(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ocr")
    out = render_to(write_project(folder, PROJECT), folder / "out.mp4")
    return decode_video(out)[1]


def ocr(image, psm: int) -> str:
    return pytesseract.image_to_string(image, config=f"--psm {psm}").strip()


def test_ocr_reads_the_headline_exactly(frame):
    assert ocr(frame[40:180], psm=7) == HEADLINE


def test_wrapped_text_reads_back_on_two_lines(frame):
    lines = [ln for ln in ocr(frame[180:], psm=6).splitlines() if ln.strip()]
    assert len(lines) == 2, lines
    assert " ".join(lines) == WRAPPED


def test_wrapped_text_stays_inside_its_width(frame):
    ink = coverage(frame[180:], hex_rgb("#0B1020"), tol=120)
    cols = np.nonzero(ink.any(axis=0))[0]
    assert cols.min() >= 480 - 260 - 1 and cols.max() <= 480 + 260 + 1, (cols.min(), cols.max())


GLYPHS = """
compositor: 1
brand: northwind
output: {size: [640, 240], fps: 10, file: frames}
shots:
  - id: glyphs
    duration: 0.1
    background: {color: paper}
    layers:
      - text: "ÉÅg jpqy Çy"
        style: headline
        size: 120
        at: center
"""


def test_glyphs_are_never_clipped(tmp_path):
    """The ink in the frame spans as tall as the font says these glyphs are: accents above, descenders below."""
    import skia

    from brand.kit import find_kit, load_kit

    frame = render_png_frames(write_project(tmp_path, GLYPHS), tmp_path / "frames")[0]
    ink_rows = np.nonzero(coverage(frame, hex_rgb("#0B1020"), tol=150).any(axis=1))[0]
    measured = ink_rows.max() - ink_rows.min() + 1
    kit = load_kit(find_kit("northwind", tmp_path))
    font = skia.Font(skia.Typeface.MakeFromFile(str(kit.fonts["display"])), 120)
    glyphs = font.textToGlyphs("ÉÅg jpqy Çy")
    bounds = [b for b in font.getBounds(glyphs) if not b.isEmpty()]
    expected = max(b.bottom() for b in bounds) - min(b.top() for b in bounds)
    assert measured >= expected - 2, f"ink {measured}px tall, glyphs {expected:.1f}px: something was clipped"
    assert ink_rows.min() > 0 and ink_rows.max() < frame.shape[0] - 1


TYPEWRITER = """
compositor: 1
brand: northwind
output: {size: [640, 200], fps: 10, file: frames}
shots:
  - id: typing
    duration: 1.3
    background: {color: paper}
    layers:
      - text: "Exact words typed on a brand new line every time"
        style: body
        width: 400
        at: [320, 100]
        enter: {typewriter: 1}
"""


def test_typewriter_reveals_in_place_without_rewrapping(tmp_path):
    """Every glyph shown while typing sits exactly where the finished text has it, and more shows each frame."""
    frames = render_png_frames(write_project(tmp_path, TYPEWRITER), tmp_path / "frames")
    ink = [coverage(f, hex_rgb("#0B1020"), tol=150) for f in frames]
    final = ink[-1]
    counts = [int(m.sum()) for m in ink]
    assert counts[0] < counts[5] < counts[9] < counts[10] == counts[-1], counts
    for i, mask in enumerate(ink[:10]):
        assert not (mask & ~final).any(), f"frame {i}: ink where the finished text has none (re-wrapped)"
