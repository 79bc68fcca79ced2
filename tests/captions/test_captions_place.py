"""Burned-in captions where they are asked to be, clear of keep-clear boxes, read back by OCR from rendered
frames: the plate is found by its pixels (the kit's ink at 200/255 over a white page)."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "foundation"))
from foundation_media import read_png_sequence, render_to, write_project  # noqa: E402

pytesseract = pytest.importorskip("pytesseract")
if shutil.which("tesseract") is None:  # pragma: no cover
    pytest.skip("tesseract is not installed", allow_module_level=True)

W, H = 960, 540
SAFE = 0.05                  # the neutral kit's safe area
PITCH = "Meet Ledgerline, invoice reconciliation on autopilot."


def project(folder: Path, captions: str, size=(W, H), duration=0.1, lines=None) -> Path:
    lines = lines or [f'{{text: "{PITCH}", start: 0, end: {duration + 1}}}']
    body = "\n".join(f"    - {x}" for x in lines)
    return write_project(folder, f"""
compositor: 1
output: {{size: [{size[0]}, {size[1]}], fps: 10, file: frames}}
captions:
  lines:
{body}
  max_lines: 3
{captions}
shots:
  - id: a
    duration: {duration}
    background: {{color: paper}}
""")


def frames(folder: Path, captions: str, **kw) -> list[np.ndarray]:
    p = project(folder, captions, **kw)
    render_to(p, folder / "frames")
    return read_png_sequence(folder / "frames")


def plate(frame: np.ndarray) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) of the caption plate: the only dark pixels on the white page."""
    ys, xs = np.nonzero(frame[..., :3].astype(int).sum(axis=2) < 400)
    assert len(xs), "no caption plate in the frame"
    return int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1


def read_lines(frame: np.ndarray) -> list[str]:
    """The caption's lines by OCR: the plate cut out, inverted to dark type on a light ground, enlarged."""
    import cv2

    left, top, right, bottom = plate(frame)
    inset = 12                    # the plate's rounded corners (0.3 x the 40 px type), inside its 14 px padding
    gray = cv2.cvtColor(np.ascontiguousarray(frame[top:bottom, left + inset:right - inset, :3]), cv2.COLOR_RGB2GRAY)
    big = cv2.resize(255 - gray, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
    text = pytesseract.image_to_string(cv2.copyMakeBorder(big, 20, 20, 20, 20, cv2.BORDER_REPLICATE),
                                       config="--psm 6")
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


def test_default_bottom_and_three_lines_allowed_still_reads_as_two(tmp_path):
    f = frames(tmp_path, "")[0]
    left, top, right, bottom = plate(f)
    assert abs(bottom - H * (1 - SAFE)) <= 2 and abs((left + right) / 2 - W / 2) <= 2
    assert read_lines(f) == ["Meet Ledgerline, invoice", "reconciliation on autopilot."]


@pytest.mark.parametrize("where", ["top", "top-left", "bottom-right", "center"])
def test_named_positions_inside_the_safe_area(tmp_path, where):
    f = frames(tmp_path, f"  position: {where}")[0]
    left, top, right, bottom = plate(f)
    m, my = W * SAFE, H * SAFE
    if "top" in where:
        assert abs(top - my) <= 2
    if "bottom" in where:
        assert abs(bottom - (H - my)) <= 2
    if "left" in where:
        assert abs(left - m) <= 2
    if "right" in where:
        assert abs(right - (W - m)) <= 2
    if where == "center":
        assert abs((left + right) / 2 - W / 2) <= 2 and abs((top + bottom) / 2 - H / 2) <= 2
    assert " ".join(read_lines(f)) == PITCH


def test_xy_position_is_the_plate_centre(tmp_path):
    left, top, right, bottom = plate(frames(tmp_path, "  position: [420, 170]")[0])
    assert abs((left + right) / 2 - 420) <= 1.5 and abs((top + bottom) / 2 - 170) <= 1.5


def _clear(box, rect) -> bool:
    left, top, right, bottom = box
    x, y, w, h = rect
    return right <= x or left >= x + w or bottom <= y or top >= y + h


@pytest.mark.parametrize("keep", [[[0, 380, 960, 160]], [[0, 380, 960, 160], [0, 0, 960, 150]]])
def test_default_place_avoids_keep_clear_boxes(tmp_path, keep):
    f = frames(tmp_path, f"  keep_clear: {keep}")[0]
    box = plate(f)
    assert all(_clear(box, k) for k in keep), (box, keep)
    assert " ".join(read_lines(f)) == PITCH


def test_portrait_split_leaves_no_orphan_card(tmp_path):
    from compositor.captions.layout import _lines_needed
    from compositor.project.load import load_project
    from overlays.textblock import measure

    text = ("Every day, when a payment does not match, Ledgerline shows you why and your team only reviews the "
            "exceptions.")
    p = project(tmp_path, "  max_lines: 2", size=(540, 960), duration=3.0,
                lines=[f'{{text: "{text}", start: 0, end: 3}}'])
    p.write_text(p.read_text().replace("  max_lines: 3\n", ""))
    proj = load_project(p)
    style = proj.kit.style("caption")
    width = 540 * (1 - 2 * SAFE) * 0.9 - style.size * 0.7
    words, i, last = text.split(), 0, []
    while i < len(words):                    # filling each card to the brim would leave a scrap
        j = i + 1
        while j < len(words) and _lines_needed(words[i:j + 1], lambda s: measure(s, style.font, style.size),
                                               width) <= 2:
            j += 1
        last, i = words[i:j], j
    assert len(last) <= 2
    cards = proj.captions
    assert len(cards) >= 2 and all(len(c.text.split()) > 2 for c in cards), [c.text for c in cards]
    mids = [int((c.start + c.end) / 2 * 10) for c in cards]
    render_to(p, tmp_path / "frames", frames=mids)
    read = [" ".join(read_lines(f)) for f in read_png_sequence(tmp_path / "frames")]
    assert " ".join(read) == text


def test_short_caption_stays_up_for_min_duration(tmp_path):
    lines = ['{text: "Start here.", start: 0, end: 0.2}', '{text: "Ship it today.", start: 2.0, end: 3.0}']
    p = project(tmp_path, "", duration=3.0, lines=lines)
    from compositor.project.load import load_project
    cues = load_project(p).captions
    assert [(c.text, c.start, c.end) for c in cues] == [("Start here.", 0.0, 1.0), ("Ship it today.", 2.0, 3.0)]
    render_to(p, tmp_path / "frames", frames=(9, 11))
    shown, gone = read_png_sequence(tmp_path / "frames")
    assert read_lines(shown) == ["Start here."]
    assert not (gone[..., :3].astype(int).sum(axis=2) < 400).any()


def test_wrong_position_or_box_exits_2_with_the_line(tmp_path, compositor_cli):
    p = project(tmp_path, "  position: bottom-middle\n  keep_clear: [[0, 0, -5, 10]]")
    r = compositor_cli("validate", p, cwd=tmp_path)
    out = r.stdout + r.stderr
    assert r.returncode == 2 and "Traceback" not in out
    assert "project.yaml:7: captions.position: 'bottom-middle' is not a caption position — use one of" in out
    assert "project.yaml:8: captions.keep_clear: a keep-clear box needs a positive width and height" in out


def test_doc_keep_clear_example_renders_verbatim(tmp_path):
    import re

    doc = (Path(__file__).resolve().parents[2] / "docs" / "audio.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", doc, re.S) if "keep_clear" in b)
    p = write_project(tmp_path, block)
    render_to(p, tmp_path / "frames", frames=[5])
    f = read_png_sequence(tmp_path / "frames")[0]
    box = plate(f)
    assert _clear(box, (0, 400, 960, 140)) and abs(box[1] - H * SAFE) <= 2       # moved to the top
    assert read_lines(f) == ["Meet Ledgerline, invoice", "reconciliation on autopilot."]
