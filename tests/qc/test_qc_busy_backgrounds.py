"""Text over busy footage (a striped blanket, a patterned wall) is read back by the colour it is set in: OCR on the
plain crop takes the stripes' edges for letters and fails a correct video; keyed by the text's own colour it reads
what the frame shows — and a wrong string still reads wrong."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from compositor.qc.scripts import matches
from compositor.qc.text import read_text

from .conftest import ROOT

INK = (28, 36, 60)
FONT = ROOT / "brand/kits/neutral/fonts/NotoSans-Bold.ttf"
# (period, stripe width, slant) of grey stripes on a light ground, like a striped blanket behind a caption
STRIPES = [(12, 3, 0.3), (16, 4, 0.5)]


def set_over_stripes(text: str, period: int, width: int, slant: float) -> np.ndarray:
    ys, xs = np.mgrid[0:70, 0:560]
    ground = np.full((70, 560, 3), 238, np.uint8)
    ground[((xs + slant * ys) % period) < width] = (130, 128, 135)
    img = Image.fromarray(ground)
    ImageDraw.Draw(img).text((10, 8), text, font=ImageFont.truetype(str(FONT), 40), fill=INK)
    return np.asarray(img)


@pytest.mark.parametrize("stripes", STRIPES)
@pytest.mark.parametrize("text", ["$4,820.00 · due Mar 14", "2 × faster payouts"])
def test_text_over_stripes_reads_back_by_its_colour(text, stripes):
    crop = set_over_stripes(text, *stripes)
    assert not matches(text, read_text(crop, text))                 # the plain crop and its retries miss it
    assert matches(text, read_text(crop, text, color=INK))


@pytest.mark.parametrize("stripes", STRIPES)
def test_a_wrong_string_over_stripes_still_fails(stripes):
    crop = set_over_stripes("$4,820.00 · due Mar 15", *stripes)
    assert not matches("$4,820.00 · due Mar 14", read_text(crop, "$4,820.00 · due Mar 14", color=INK))
