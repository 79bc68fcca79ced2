"""Output variants: the same project rendered at another aspect ratio keeps each layer's relative place and
scales layers by the smaller axis ratio; an unknown variant is a user error."""
from __future__ import annotations

import cv2
import numpy as np

PROJECT = """
compositor: 1
output:
  size: [640, 360]
  fps: 10
  file: out.mp4
  variants:
    vertical: {size: [360, 640]}
shots:
  - id: a
    duration: 1
    background: {color: white}
    layers:
      - rect: {size: [100, 50], fill: black}
        at: [160, 90]
"""


def _box(png):
    img = cv2.imread(str(png), cv2.IMREAD_GRAYSCALE)
    ys, xs = np.nonzero(img < 128)
    return img.shape, (xs.min(), ys.min(), xs.max() + 1, ys.max() + 1)


def test_vertical_variant_keeps_relative_placement(tmp_path, compositor_cli):
    (tmp_path / "project.yaml").write_text(PROJECT)
    r = compositor_cli("preview", tmp_path / "project.yaml", "--at", "0.5", "--variant", "vertical", "-o",
                       tmp_path / "v.png", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    shape, (x0, y0, x1, y1) = _box(tmp_path / "v.png")
    assert shape == (640, 360)
    # centre (160, 90) of 640x360 -> (90, 160) of 360x640; size x 360/640 = 0.5625 -> 56 x 28
    assert abs((x0 + x1) / 2 - 90) <= 1 and abs((y0 + y1) / 2 - 160) <= 1
    assert abs((x1 - x0) - 56) <= 2 and abs((y1 - y0) - 28) <= 2


def test_unknown_variant_is_a_user_error(tmp_path, compositor_cli):
    (tmp_path / "project.yaml").write_text(PROJECT)
    r = compositor_cli("render", tmp_path / "project.yaml", "--variant", "square", cwd=tmp_path)
    assert r.returncode == 2 and "output.variants" in r.stderr and "vertical" in r.stderr
