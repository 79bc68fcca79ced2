"""The mp4 render draws in the encoder's 4:2:0 planes (compositor.yuv420): the same overlays and transitions as
the RGB path converted the way the encoder converts it, footage closer to its own planes, brand colours at their
code values, the same colour tags in the file.

Tolerance, stated once: over the same background, each plane of a frame drawn in planes differs from the RGB
path's frame converted by libswscale by at most 1 code value on average (rounding at a different step), 2 at
its 99th percentile and 8 at worst (along hard overlay edges, where libswscale's converter and the 2x2 box of
blending in planes subsample chroma differently); inside a flat opaque fill they agree within 1 code value.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import av
import cv2
import numpy as np
import pytest

from compositor.composite import Patch
from compositor.encode import open_writer
from compositor.project.load import load_project
from compositor.render import FrameRenderer, render
from compositor.yuv420 import Yuv420, yuv_of

from .conftest import write_clip

REPO = Path(__file__).resolve().parents[2]
TRANSITIONS = ("{crossfade: 0.4}", "{wipe: 0.4, direction: left}", "{slide: 0.4, direction: up}",
               "{fade-through: 0.4, color: \"#f0e0d0\"}")
PROJECT = """\
compositor: 1
title: planes
output: {{size: [320, 180], fps: 30, file: out.mp4}}
shots:
  - id: first
    duration: 1
    background: {{gradient: {{colors: ["#0b1d3a", "#c0d8f0"], angle: 30, drift: 20}}}}
    layers:
      - text: "Planes"
        at: [161, 61]
        enter: {{rise: 0.5}}
      - rect: {{size: [121, 41], radius: 8, fill: "#1e40af"}}
        at: [160.5, 130]
        opacity: 0.7
  - id: second
    duration: 1
    background: {{color: "#102030"}}
    transition: {transition}
    layers:
      - ellipse: {{size: [61, 61], fill: "#ff8800"}}
        at: [97, 91]
        animate: {{x: [[0, 60], [1, 250]]}}
"""
FOOTAGE = """\
compositor: 1
title: footage planes
output: {{size: [{w}, {h}], fps: 30, file: out.mp4}}
shots:
  - id: footage
    duration: 1
    background: {{video: clip.mp4, fit: cover}}
"""


def _project(tmp_path, transition: str):
    (tmp_path / "project.yaml").write_text(PROJECT.format(transition=transition))
    return load_project(tmp_path / "project.yaml")


@pytest.mark.parametrize("transition", TRANSITIONS)
def test_planes_draw_what_the_rgb_path_draws(tmp_path, transition):
    project = _project(tmp_path, transition)
    renderer = FrameRenderer(project)
    try:
        for i in (0, 7, 18, 20, 24, 27, 30, 40, 47):
            planes = renderer.frame_yuv420(i)
            rgb = Yuv420.from_rgb(renderer.frame(i))
            for name, a, b in zip("YUV", planes.planes(), rgb.planes()):
                diff = np.abs(a.astype(np.int16) - b)
                assert diff.mean() <= 1.0, f"frame {i} {name}: mean difference {diff.mean():.2f}"
                p99, top = np.percentile(diff, 99), diff.max()
                assert p99 <= 2 and top <= 8, f"frame {i} {name}: 99th percentile {p99}, worst {top}"
    finally:
        renderer.close()


def test_footage_at_its_own_size_keeps_the_decoders_planes(tmp_path):
    """No scaling and an even crop: the background is the decoded picture byte for byte (never converted)."""
    write_clip(tmp_path / "clip.mp4")                 # 320x240; cover at 320x180 crops 30 rows off the top
    (tmp_path / "project.yaml").write_text(FOOTAGE.format(w=320, h=180))
    renderer = FrameRenderer(load_project(tmp_path / "project.yaml"))
    try:
        with av.open(str(tmp_path / "clip.mp4")) as c:
            first = next(c.decode(video=0)).to_ndarray()          # I420, (360, 320)
        y, u, v = first[:240], first[240:300].reshape(120, 160), first[300:].reshape(120, 160)
        got = renderer.frame_yuv420(0)
        assert np.array_equal(got.y, y[30:210])
        assert np.array_equal(got.u, u[15:105]) and np.array_equal(got.v, v[15:105])
    finally:
        renderer.close()


def test_scaled_footage_previews_as_it_encodes_and_stays_close_to_the_clip(tmp_path):
    """Real footage scaled down: planes are scaled once, and the RGB path (previews, the studio, alpha outputs)
    shows those same planes, so a preview is the render's footage."""
    shutil.copyfile(REPO / "tests/data/tracking/blocks_mat.mp4", tmp_path / "clip.mp4")     # 960x540
    (tmp_path / "project.yaml").write_text(FOOTAGE.format(w=640, h=360))
    renderer = FrameRenderer(load_project(tmp_path / "project.yaml"))
    try:
        with av.open(str(tmp_path / "clip.mp4")) as c:
            source = next(c.decode(video=0)).to_ndarray(format="rgb24").astype(np.float32)
        reference = cv2.resize(source, (640, 360), interpolation=cv2.INTER_AREA)
        planes = renderer.frame_yuv420(0)
        assert np.array_equal(renderer.frame(0), planes.to_rgb())
        # 4:2:0 chroma and Lanczos against the full-resolution area average of the RGB picture
        assert np.abs(planes.to_rgb() - reference).mean() < 4.0
    finally:
        renderer.close()


def test_an_opaque_fill_gets_the_converters_code_values():
    colour = (30, 64, 175)
    frame = Yuv420.blank((64, 48))
    frame.fill((250, 250, 250))
    rgba = np.zeros((9, 11, 4), np.uint8)
    rgba[...] = (*colour, 255)
    frame.over(Patch(3, 5, rgba))                     # odd offsets and sizes: the patch is padded to even bounds
    y, u, v = yuv_of(colour)
    assert (frame.y[5:14, 3:14] == y).all()
    assert (frame.u[3:7, 2:7] == u).all() and (frame.v[3:7, 2:7] == v).all()   # chroma blocks fully inside
    assert (frame.y[:5] == yuv_of((250, 250, 250))[0]).all()                       # nothing outside the box
    solid = Yuv420.from_rgb(np.full((8, 8, 3), colour, np.uint8))
    assert abs(int(solid.y[0, 0]) - y) <= 1 and abs(int(solid.u[0, 0]) - u) <= 1 and abs(int(solid.v[0, 0]) - v) <= 1


def test_half_covered_chroma_is_the_mean_of_blending_each_pixel():
    frame = Yuv420.blank((4, 2))
    frame.fill((0, 0, 0))
    rgba = np.zeros((2, 1, 4), np.uint8)
    rgba[...] = (255, 0, 0, 255)                      # one red column of a 2x2 chroma block
    frame.over(Patch(1, 0, rgba))
    black, red = yuv_of((0, 0, 0)), yuv_of((255, 0, 0))
    assert frame.y[0, 0] == black[0] and frame.y[0, 1] == red[0]
    assert abs(int(frame.v[0, 0]) - (black[2] + red[2]) / 2) <= 1


@pytest.mark.skipif(shutil.which("ffprobe") is None, reason="ffprobe not installed")
def test_the_file_carries_the_same_colour_tags(tmp_path):
    project = _project(tmp_path, TRANSITIONS[0])
    planes = render(project, tmp_path / "planes.mp4")
    renderer = FrameRenderer(project)
    try:
        with open_writer(tmp_path / "rgb.mp4", project.size, project.fps) as w:
            for i in range(project.timeline.n_frames):
                w.write(renderer.frame(i))
    finally:
        renderer.close()
    assert _tags(planes) == _tags(tmp_path / "rgb.mp4")


def _tags(path) -> dict:
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                          "stream=pix_fmt,color_space,color_range,color_transfer,color_primaries", "-of", "json",
                          str(path)], capture_output=True, text=True, check=True).stdout
    return json.loads(out)["streams"][0]
