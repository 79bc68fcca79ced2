"""The deflicker as a background-source wrapper, as the render loop uses it."""
from pathlib import Path

import numpy as np

from compositor.consistency import synthetic as S
from compositor.consistency.deflicker import deflicker_frames
from compositor.sources.deflickered import DeflickeredSource
from compositor.sources.base import ShotContext, Source
from coherence_media import clip


class Frames(Source):
    """A minimal real source over decoded footage (a stand-in for a video file source)."""

    def __init__(self, frames):
        self.frames = frames

    def frame(self, index):
        return self.frames[index]


def test_wrapper_matches_deflicker_frames_in_any_order(tmp_path: Path):
    frames = S.global_flicker(clip("face", 10), 0.05, seed=1)
    inner = Frames(frames)
    src = DeflickeredSource(inner, "auto")
    src.prepare(ShotContext("s1", (720, 480), 8.0, len(frames), tmp_path, tmp_path))
    expected = deflicker_frames(frames, "auto")
    for i in (7, 0, 9, 3):
        assert np.array_equal(src.frame(i), expected[i])
    assert "deflicker[auto]" in src.identity()
