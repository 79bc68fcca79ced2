"""Burned-in captions are declared in the `captions:` block, not in a shot's `layers:`: the studio's timeline
rows, outlines and hit test name them `captions` and link that block's line."""
from __future__ import annotations

import cv2
import numpy as np
import pytest
from starlette.testclient import TestClient

from compositor.studio.server import create_app

PROJECT = """\
compositor: 1
title: Captions in the studio
output:
  size: [320, 180]
  fps: 10
  file: out.mp4
captions:
  lines:
    - {text: "WELCOME", start: 0, end: 2}
shots:
  - id: intro
    duration: 2
    background: {color: white}
    layers:
      - rect: {size: [60, 40], fill: "#00ff00"}
        at: [60, 40]
"""
CAPTIONS_LINE = 7
RECT_LINE = 15


@pytest.fixture
def studio(tmp_path):
    (tmp_path / "project.yaml").write_text(PROJECT)
    with TestClient(create_app(tmp_path / "project.yaml", allowed_hosts=["testserver"], watch=False)) as c:
        yield c


def test_timeline_rows_point_captions_at_their_block(studio):
    layers = studio.get("/api/project").json()["shots"][0]["layers"]
    assert [(l["index"], l["kind"], l["line"]) for l in layers] == [(0, "rect", RECT_LINE),
                                                                   (1, "captions", CAPTIONS_LINE)]


def test_clicking_the_caption_plate_selects_the_captions_block(studio):
    frame = cv2.imdecode(np.frombuffer(studio.get("/api/frame?t=0.5").content, np.uint8), cv2.IMREAD_UNCHANGED)
    ys, xs = np.nonzero(frame[..., :3].max(axis=2) < 200)    # the caption plate: dark grey on white
    assert len(xs), "no caption plate in the frame"
    hit = studio.get(f"/api/hit?t=0.5&x={int(np.median(xs))}&y={int(np.median(ys))}").json()["layer"]
    assert (hit["index"], hit["kind"], hit["line"]) == (1, "captions", CAPTIONS_LINE)
    outlined = studio.get("/api/outlines?t=0.5").json()["layers"]
    assert {(l["kind"], l["line"]) for l in outlined} == {("rect", RECT_LINE), ("captions", CAPTIONS_LINE)}
