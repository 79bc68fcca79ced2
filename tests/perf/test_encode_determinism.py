"""The mp4 encoder is a pure function of its frames: chunked and repeated renders rely on it, since a segment
encoded twice (two renders, a retried worker) must give the same bits."""
from __future__ import annotations

import numpy as np

from compositor.project.load import load_project
from compositor.render import EncodeSettings, FrameRenderer

from .conftest import decoded


def _frames(project_file, frames=range(30, 45)) -> list[np.ndarray]:
    """Frames of the perf project (moving footage under moving layers: what made x264's macroblock tree
    give different bits from one encode to the next)."""
    renderer = FrameRenderer(load_project(project_file))
    try:
        return [renderer.frame(i).copy() for i in frames]
    finally:
        renderer.close()


def test_same_frames_encode_to_the_same_file(small_project, tmp_path):
    settings = EncodeSettings((320, 180), 30, "mp4", 18, "medium", False)
    frames = _frames(small_project)
    results = []
    for k in range(16):
        path = tmp_path / f"seg{k}.mp4"
        with settings.writer(path) as w:
            for f in frames:
                w.write(f)
        results.append((path.read_bytes(), decoded(path)))
    assert len(results[0][1]) == len(frames)
    assert all(r == results[0] for r in results[1:]), "the same frames encoded to different bits"
