"""`motion_blur: true` smears a moving layer over the shutter interval (180°): the edge of a card moving 600 px/s
at 10 fps spreads over about 30 px, while the same card without blur keeps a hard edge; a still layer is
unaffected."""
from __future__ import annotations

import cv2
import numpy as np

PROJECT = """
compositor: 1
output: {{size: [640, 160], fps: 10, file: out}}
shots:
  - id: a
    duration: 1
    background: {{color: white}}
    layers:
      - rect: {{size: [100, 100], fill: black}}
        at: [100, 80]
        animate: {{x: [[0, 0], [1, 600]]}}
        motion_blur: {blur}
"""


def _ramp_width(folder, frame: int) -> int:
    img = cv2.imread(str(folder / "out" / f"frame_{frame:06d}.png"), cv2.IMREAD_GRAYSCALE)
    row = img[80].astype(int)
    return int(((row > 10) & (row < 245)).sum())


def test_motion_blur_spreads_moving_edges(tmp_path, compositor_cli):
    widths = {}
    for blur in ("true", "false"):
        d = tmp_path / blur
        d.mkdir()
        (d / "project.yaml").write_text(PROJECT.format(blur=blur))
        r = compositor_cli("render", d / "project.yaml", cwd=d, timeout=300)
        assert r.returncode == 0, r.stderr
        widths[blur] = _ramp_width(d, 5)
    assert widths["false"] <= 4
    assert 40 <= widths["true"] <= 80          # both edges: ~30 px each, minus the ends of the ramp


def test_still_layer_is_unchanged_by_motion_blur(tmp_path, compositor_cli):
    still = PROJECT.replace("animate: {{x: [[0, 0], [1, 600]]}}", "").format(blur="true")
    (tmp_path / "project.yaml").write_text(still)
    r = compositor_cli("render", tmp_path / "project.yaml", cwd=tmp_path, timeout=300)
    assert r.returncode == 0, r.stderr
    assert _ramp_width(tmp_path, 5) <= 4
