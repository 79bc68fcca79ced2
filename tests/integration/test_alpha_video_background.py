"""Footage with an alpha channel (VP9 WebM) as a background is composited over the background's `fill` colour,
not over black: its transparent pixels show the fill, its opaque ones the footage."""
from __future__ import annotations

import shutil
from pathlib import Path

import cv2
import numpy as np

CLIP = Path(__file__).resolve().parent.parent / "data" / "video" / "transparent.webm"
PROJECT = """
compositor: 1
output: {size: [200, 200], fps: 10, file: out}
shots:
  - id: a
    duration: 1
    background: {video: transparent.webm, fill: "#336699"}
"""


def test_alpha_footage_shows_the_fill_where_transparent(tmp_path, compositor_cli):
    import av

    shutil.copy(CLIP, tmp_path / "transparent.webm")
    (tmp_path / "project.yaml").write_text(PROJECT)
    r = compositor_cli("render", tmp_path / "project.yaml", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = cv2.cvtColor(cv2.imread(str(tmp_path / "out" / "frame_000005.png")), cv2.COLOR_BGR2RGB).astype(int)
    # the reference: the clip's own alpha at the same moment, decoded with libvpx
    with av.open(str(CLIP)) as c:
        s = c.streams.video[0]
        ctx = av.CodecContext.create("libvpx-vp9", "r")
        frames = [f for p in c.demux(s) for f in ctx.decode(p)]
    ref = frames[min(range(len(frames)), key=lambda k: abs(frames[k].time - 0.5))].to_ndarray(format="rgba")
    clear = ref[..., 3] == 0
    solid = ref[..., 3] == 255
    assert clear.any() and solid.any()
    assert np.abs(out[clear] - [0x33, 0x66, 0x99]).max() <= 3
    assert np.abs(out[solid] - ref[..., :3][solid].astype(int)).mean() <= 4
