"""`Escalate flagged` in a 1080p table + toast screen: OCR reads it back from every frame that shows it, and a
cell too narrow for it is never cut silently (overflow: ellipsize warns, naming the cell)."""
from __future__ import annotations

import shutil

import av
import numpy as np
import pytest

PROJECT = """
compositor: 1
title: Review queue
brand: northwind
output: {{size: [1920, 1080], fps: 5, file: out.mp4}}
shots:
  - id: queue
    duration: 1.6
    background: {{color: paper}}
    layers:
      - ui.browser:
          url: app.northwind.example/reviews
          content:
            ui.table:
              columns: [Vendor, Risk, Owner, Status, Next step]
              rows: [[Acme Freight, High, "J. Ortiz", Open, "Escalate flagged"], [Blue Harbor, Low, "M. Chen", Closed, Archive]]
        at: center
        width: {width}
      - ui.toast: {{text: "Escalate flagged"}}
        start: 0.8
"""


def _ocr(rgb: np.ndarray) -> str:
    import pytesseract
    from PIL import Image
    return " ".join(pytesseract.image_to_string(Image.fromarray(rgb)).split())


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract reads the frames")
def test_escalate_flagged_reads_back_in_every_frame(tmp_path, compositor_cli):
    (tmp_path / "project.yaml").write_text(PROJECT.format(width=1200))
    r = compositor_cli("render", tmp_path / "project.yaml", cwd=tmp_path, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "is cut to fit" not in r.stderr
    with av.open(str(tmp_path / "out.mp4")) as c:
        frames = [f.to_ndarray(format="rgb24") for f in c.decode(video=0)]
    assert len(frames) == 8
    for i, rgb in enumerate(frames):
        text = _ocr(rgb)
        # the table cell in every frame, and the toast as well once it is up (from 0.8 s: frame 4)
        assert text.count("Escalate flagged") >= (2 if i >= 5 else 1), (i, text)


def test_a_cell_too_narrow_is_not_cut_silently(tmp_path, compositor_cli):
    (tmp_path / "project.yaml").write_text(PROJECT.format(width=640))
    r = compositor_cli("preview", tmp_path / "project.yaml", "--at", "1.2", "-o", tmp_path / "f.png", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (f"warning: {tmp_path / 'project.yaml'}:16: shots[0].layers[0].ui.browser.content.ui.table.rows[0][4]: "
            "'Escalate flagged' is cut to fit" in r.stderr), r.stderr
