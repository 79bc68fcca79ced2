"""A small two-shot project (textured video + animated layers, a crossfade, a colour shot) built in a temp
folder: 320x180, 81 frames, so chunked and distributed renders finish in seconds."""
from __future__ import annotations

import hashlib
from pathlib import Path

import av
import numpy as np
import pytest

PROJECT = """\
compositor: 1
title: perf test
output: {size: [320, 180], fps: 30, file: out.mp4}
shots:
  - id: footage
    duration: 1.5
    background: {video: clip.mp4, fit: cover, loop: true}
    layers:
      - text: "Chunked"
        at: [160, 60]
        enter: {rise: 0.5}
      - rect: {size: [120, 40], radius: 8, fill: "#ff8800"}
        at: [160, 130]
        animate: {x: [[0, -40], [1.5, 40]]}
  - id: plain
    duration: 1.5
    background: {color: "#203040"}
    transition: {crossfade: 0.3}
    layers:
      - ellipse: {size: [60, 60], fill: "#ffffff"}
        at: center
        enter: {fade: 0.4}
"""
N_FRAMES = 81       # 1.5 s + 1.5 s - 0.3 s of overlap, at 30 fps
SEGMENT = 15        # frames per segment in these tests: several joins inside each shot and the transition


def write_clip(path: Path, frames: int = 40) -> None:
    """A textured 24 fps clip that moves every frame (a looping background at another rate than the output)."""
    rng = np.random.default_rng(1)
    base = rng.integers(0, 255, (240, 320, 3), dtype=np.uint8)
    with av.open(str(path), "w") as c:
        s = c.add_stream("libx264", rate=24)
        s.width, s.height, s.pix_fmt = 320, 240, "yuv420p"
        s.options = {"crf": "20", "preset": "ultrafast"}
        for i in range(frames):
            img = np.roll(base, 3 * i, axis=1)
            img[:, :, 0] = (np.arange(320)[None, :] + 5 * i) % 256
            for p in s.encode(av.VideoFrame.from_ndarray(img, format="rgb24")):
                c.mux(p)
        for p in s.encode():
            c.mux(p)


@pytest.fixture(scope="session")
def small_project(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("perf-project")
    write_clip(folder / "clip.mp4")
    (folder / "project.yaml").write_text(PROJECT)
    return folder / "project.yaml"


def decoded(path: Path) -> list[tuple[int, str]]:
    """(pts in frames, md5 of the RGB pixels) for every decoded frame."""
    out = []
    with av.open(str(path)) as c:
        s = c.streams.video[0]
        per_frame = 1 / (s.time_base * s.average_rate)
        for f in c.decode(s):
            out.append((int(round(f.pts / per_frame)), hashlib.md5(f.to_ndarray(format="rgb24").tobytes()).hexdigest()))
    return out


def keyframes(path: Path) -> int:
    with av.open(str(path)) as c:
        return sum(1 for p in c.demux(video=0) if p.is_keyframe and p.size)
