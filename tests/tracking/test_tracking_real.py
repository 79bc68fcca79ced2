"""Real footage (tests/data/tracking/SOURCES.md): a generated clip of a painted wall with the camera panning and
a man's arm sweeping across, annotated by hand; and a static top-down clip of a cutting mat with hands moving
blocks over it, for jitter."""
import json
from pathlib import Path

import av
import cv2
import numpy as np
import pytest

from compositor.tracking import track_shot
from compositor.tracking.smooth import second_difference_rms

DATA = Path(__file__).resolve().parents[1] / "data" / "tracking"


def _decode(name: str) -> list[np.ndarray]:
    with av.open(str(DATA / name)) as c:
        return [f.to_ndarray(format="rgb24") for f in c.decode(video=0)]


@pytest.fixture(scope="module")
def mural():
    return _decode("mural_wall.mp4"), json.loads((DATA / "mural_wall.dots.json").read_text())


@pytest.mark.parametrize("ref", [0, 48])
def test_pinned_quad_lands_on_hand_annotated_dots(mural, ref):
    frames, ann = mural
    h, w = frames[0].shape[:2]
    dots = {int(k): np.array(v) for k, v in ann["frames"].items()}
    quad = dots[ref][:4]
    ts = track_shot({"wall": {"corners": quad.tolist(), "at": ref / ann["fps"]}}, lambda i: frames[i],
                    len(frames), ann["fps"], (w, h), None, "mural_wall")
    to_1080 = 1080 / h
    for f, truth in dots.items():
        pin = cv2.getPerspectiveTransform(quad.astype(np.float32), ts.corners("wall", f).astype(np.float32))
        placed = cv2.perspectiveTransform(dots[ref].reshape(-1, 1, 2), pin).reshape(-1, 2)
        err = np.linalg.norm(placed - truth, axis=1) * to_1080
        assert err.max() <= 3.0, (f, err)
    assert ts.low_confidence_spans("wall") == []


def test_static_mat_does_not_jitter_or_creep_under_moving_hands():
    frames = _decode("blocks_mat.mp4")
    h, w = frames[0].shape[:2]
    quad = np.array([[150, 190], [800, 200], [810, 520], [140, 515]], float)
    ts = track_shot({"mat": {"corners": quad.tolist(), "at": 0}}, lambda i: frames[i], len(frames), 29.97,
                    (w, h), None, "blocks_mat")
    corners = np.stack([ts.corners("mat", i) for i in range(len(frames))])
    to_1080 = 1080 / h
    assert second_difference_rms(corners) * to_1080 <= 0.3
    assert np.linalg.norm(corners - quad, axis=2).max() * to_1080 <= 3.0   # the camera is locked off
