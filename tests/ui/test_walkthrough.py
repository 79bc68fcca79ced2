"""The example project projects/product-walkthrough renders as written, and what it shows can be read back:
OCR finds every string exactly (URL, numbers with thousands separators, table cells, axis labels, code), the
cursor's click changes the button and the chart, the toast appears on time, and colours are the kit's tokens."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
import pytesseract
from PIL import Image, ImageOps

from compositor.project.load import load_project
from compositor.render import FrameRenderer
from overlays.ui import CursorOverlay, UiOverlay

PROJECT = Path(__file__).resolve().parents[2] / "projects" / "product-walkthrough" / "project.yaml"

DASHBOARD_TEXT = ["app.northwind.example/reviews", "Open reviews", "1,284", "Resolved today", "342", "+12%",
                  "Reviews resolved", "200", "400", "600", "800", "120", "180", "150", "210", "602",
                  "Mon", "Tue", "Wed", "Thu", "Fri", "VENDOR", "RISK", "OWNER", "Acme Freight", "High", "J. Ortiz",
                  "Blue Harbor", "Low", "M. Chen", "Done", "342 reviews approved"]
CODE = ["from northwind import Client", "client = Client(team=REVIEWS)", "result = client.approve(risk=LOW)",
        "print(result.count)"]


@pytest.fixture(scope="module")
def walkthrough():
    project = load_project(PROJECT)
    return project, FrameRenderer(project, use_cache=False)


def frame_at(walkthrough, t: float) -> np.ndarray:
    project, renderer = walkthrough
    return renderer.frame(int(round(t * project.fps)))[..., :3]


def ocr_lines(img: np.ndarray, psm: int = 11, invert: bool = False) -> list[str]:
    grey = Image.fromarray(img).convert("L")
    if invert:
        grey = ImageOps.invert(grey)
    text = pytesseract.image_to_string(grey, config=f"--psm {psm}")
    return [re.sub(r"\s+", " ", line).strip() for line in text.splitlines() if line.strip()]


def missing(expected: list[str], lines: list[str]) -> list[str]:
    """Single words must be whole OCR tokens (so '0' is not found inside '602'); phrases whole line parts."""
    words = {w for line in lines for w in line.split()}
    return [e for e in expected if not ((e in words) if " " not in e else any(e in line for line in lines))]


def ui_layer(project, shot: int = 0):
    return next(l for l in project.shots[shot].layers if isinstance(l.overlay, UiOverlay))


def out_box(layer, rect, t: float, pad: float = 6) -> tuple[int, int, int, int]:
    """A rect of the layer's overlay (x, y, w, h) in output pixels (x0, y0, x1, y1), padded."""
    m = layer.state(t, 0).matrix
    x0, y0 = (m @ np.array([rect[0], rect[1], 1.0]))[:2]
    x1, y1 = (m @ np.array([rect[0] + rect[2], rect[1] + rect[3], 1.0]))[:2]
    return int(x0 - pad), int(y0 - pad), int(x1 + pad), int(y1 + pad)


def in_page(layer, rect, t: float = 4.4) -> tuple:
    """A rect in the browser's page (content coordinates) -> the overlay's coordinates at t (scroll included)."""
    ox, oy = layer.overlay.root.content_offset(t)
    return rect[0] + ox, rect[1] + oy, rect[2], rect[3]


def crop(img, box):
    x0, y0, x1, y1 = box
    return img[max(0, y0):y1, max(0, x0):x1]


def test_every_dashboard_string_reads_back_exactly(walkthrough):
    project, _ = walkthrough
    img = frame_at(walkthrough, 4.4)
    assert missing(DASHBOARD_TEXT, ocr_lines(img)) == []
    layer = ui_layer(project)
    button = layer.overlay.targets()["approve"]
    assert ocr_lines(crop(img, out_box(layer, button, 4.4)), psm=7) == ["Approved"]
    chart = next(n for n in layer.overlay.root.walk() if type(n).__name__ == "Chart")
    axis = (chart.rect.x + chart.pad, chart.plot.y - 14, chart.plot.x - chart.rect.x - chart.pad, chart.plot.h + 28)
    ticks = ocr_lines(crop(img, out_box(layer, in_page(layer, axis), 4.4, pad=0)), psm=6)
    assert ticks == ["800", "600", "400", "200", "0"]


def test_before_the_click_the_page_shows_its_first_state(walkthrough):
    project, _ = walkthrough
    img = frame_at(walkthrough, 1.25)
    lines = ocr_lines(img)
    assert missing(["260", "1,284", "Acme Freight"], lines) == []
    assert "602" not in {w for l in lines for w in l.split()} and not any("approved" in l for l in lines)
    layer = ui_layer(project)
    assert ocr_lines(crop(img, out_box(layer, layer.overlay.targets()["approve"], 0.8)), psm=7) == ["Approve all"]


def test_code_reads_back_exactly(walkthrough):
    img = frame_at(walkthrough, 7.4)
    lines = [l.replace(" ", "") for l in ocr_lines(img, psm=6, invert=True)]
    for want in CODE:
        assert any(l.endswith(want.replace(" ", "")) for l in lines), (want, lines)


def test_click_toast_and_chart_update_happen_on_time(walkthrough):
    project, _ = walkthrough
    layer = ui_layer(project)
    ov = layer.overlay
    primary = np.array(project.kit.colors["primary"][:3])
    x, y, w, h = ov.targets()["approve"]
    bx0, by0, bx1, by1 = out_box(layer, (x, y, w, h), 1.0, pad=-3)
    sample = lambda img: img[by0 + 2, bx0 + 2].astype(int)
    idle, hover, settled = (frame_at(walkthrough, t) for t in (1.25, 2.35, 4.4))
    assert np.abs(sample(idle) - primary).max() <= 2 and np.abs(sample(settled) - primary).max() <= 2
    assert sample(hover).sum() < primary.sum() - 30                    # hovered / pressed: darker than the token
    # the toast (top-right, start 2.7 s) is absent before and present after its entrance
    toast = next(l for l in project.shots[0].layers if type(l.overlay).__name__ == "UiOverlay"
                 and l.overlay.root.__class__.__name__ == "Toast")
    tb = out_box(toast, (0, 0, toast.overlay.width, toast.overlay.height), 3.5, pad=-8)
    early, late, shown = (crop(frame_at(walkthrough, t), tb).astype(int) for t in (1.25, 2.6, 3.5))
    assert np.array_equal(early, late)
    assert np.abs(shown - late).max() > 60
    surface = np.array(toast.overlay.root.theme.surface[:3])
    assert (np.abs(shown - surface).max(axis=2) <= 2).mean() > 0.3
    # Friday's bar grows from 260 to 602 after the click: measured on the frame, in its brand colour
    chart = next(n for n in ov.root.walk() if type(n).__name__ == "Chart")

    def fri_height(img) -> int:
        cx = chart.plot.x + 4.5 * chart.slot
        col_x = out_box(layer, in_page(layer, (cx, 0, 0, 0)), 4.4, pad=0)[0]
        top = out_box(layer, in_page(layer, (0, chart.plot.y, 0, chart.plot.h)), 4.4, pad=0)
        column = img[top[1]:top[3], col_x].astype(int)
        return int((np.abs(column - primary).max(axis=1) <= 2).sum())
    before, after = fri_height(idle), fri_height(settled)
    assert abs(before / after - 260 / 602) < 0.02


def test_cursor_lands_on_the_button_it_clicks(walkthrough):
    project, _ = walkthrough
    cursor = next(l for l in project.shots[0].layers if isinstance(l.overlay, CursorOverlay)).overlay
    layer = ui_layer(project)
    x0, y0, x1, y1 = out_box(layer, layer.overlay.targets()["approve"], 2.4, pad=0)
    cx, cy = cursor.position(2.4)
    assert x0 < cx < x1 and y0 < cy < y1
    assert abs(cx - (x0 + x1) / 2) < 1 and abs(cy - (y0 + y1) / 2) < 1


def test_cli_preview_frame_reads_back(compositor_cli, tmp_path):
    out = tmp_path / "frame.png"
    res = compositor_cli("preview", PROJECT, "--at", "4.4", "-o", out)
    assert res.returncode == 0, res.stderr
    img = np.asarray(Image.open(out).convert("RGB"))
    assert img.shape == (1080, 1920, 3)
    assert missing(["app.northwind.example/reviews", "1,284", "602", "Acme Freight", "342 reviews approved"],
                   ocr_lines(img)) == []


@pytest.mark.slow
def test_cli_render_decodes_with_every_string(compositor_cli, tmp_path):
    import av

    out = tmp_path / "walkthrough.mp4"
    res = compositor_cli("render", PROJECT, "-o", out, timeout=600)
    assert res.returncode == 0, res.stderr
    with av.open(str(out)) as container:
        frames = [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]
    assert len(frames) == round(7.6 * 30)
    assert missing(DASHBOARD_TEXT, ocr_lines(frames[132])) == []
