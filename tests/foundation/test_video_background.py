"""`video:` backgrounds keep real speed: footage at 8 fps in a 10 fps project shows, at output frame i, the
source frame on screen at trim_start + i / fps — found by matching every rendered frame against every decoded
source frame."""
import math

import cv2
import numpy as np
import pytest

from foundation_media import REPO, decode_video, render_png_frames, write_project

CLIP = REPO / "projects" / "northwind-launch" / "assets" / "office.mp4"     # 720x480, 8 fps
SRC_FPS, FPS = 8, 10


@pytest.fixture(scope="module")
def source():
    """The clip's frames at the output size (720x480 -> 360x240 is an exact half: cover == a plain resize)."""
    return [cv2.resize(f, (360, 240), interpolation=cv2.INTER_AREA).astype(np.int16) for f in decode_video(CLIP)]


def best_match(frame, source) -> int:
    errors = [np.abs(frame.astype(np.int16) - s).mean() for s in source]
    return int(np.argmin(errors))


@pytest.mark.parametrize("trim", [None, (1.0, 3.0)])
def test_output_frames_show_the_source_frame_on_screen(tmp_path, source, trim):
    start = trim[0] if trim else 0.0
    trim_key = f", trim: [{trim[0]}, {trim[1]}]" if trim else ""
    project = write_project(tmp_path, f"""
        compositor: 1
        output: {{size: [360, 240], fps: {FPS}, file: frames}}
        shots:
          - id: clip
            duration: 1.5
            background: {{video: {CLIP}, fit: cover{trim_key}}}
        """)
    frames = render_png_frames(project, tmp_path / "frames")
    assert len(frames) == 15
    matched = [best_match(f, source) for f in frames]
    expected = [math.floor((start + i / FPS) * SRC_FPS + 1e-6) for i in range(len(frames))]
    assert matched == expected
    assert len(set(matched)) < len(matched), "8 fps at 10 fps repeats frames rather than speeding up"
