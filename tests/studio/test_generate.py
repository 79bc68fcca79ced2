"""Generated footage in the studio: a shot whose clip is not cached shows a labelled placeholder while scrubbing
(nothing generates), and the generate action runs the built-in model into the cache, after which the frame is
the real footage — the same pixels a fresh renderer draws from that cache."""
from __future__ import annotations

import cv2
import numpy as np
from starlette.testclient import TestClient

from compositor.project.load import load_project
from compositor.render import FrameRenderer
from compositor.studio.server import create_app

PROJECT = """\
compositor: 1
title: Studio generate
output:
  size: [320, 180]
  fps: 10
  file: out.mp4
shots:
  - id: intro
    duration: 1
    background: {color: white}
  - id: waves
    duration: 1
    background:
      generate: {model: builtin, prompt: "slow flowing waves", seed: 3, steps: 2}
    layers:
      - rect: {size: [40, 40], fill: white}
        at: [30, 30]
"""


def _rgb(data: bytes) -> np.ndarray:
    return cv2.cvtColor(cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)


def _striped_grey(img: np.ndarray) -> float:
    """Share of pixels in the placeholder's two stripe greys (44 and 58 on every channel)."""
    grey = (img[..., 0] == img[..., 1]) & (img[..., 1] == img[..., 2])
    return float((grey & np.isin(img[..., 0], (44, 58))).mean())


def test_placeholder_while_scrubbing_then_generate_shows_the_footage(tmp_path):
    f = tmp_path / "project.yaml"
    f.write_text(PROJECT)
    clips = tmp_path / ".compositor-cache" / "generate"
    with TestClient(create_app(f, allowed_hosts=["testserver"], watch=False)) as c:
        c.headers["X-Compositor-Token"] = c.app.token          # what the page sends
        shots = {s["id"]: s for s in c.get("/api/project").json()["shots"]}
        assert shots["waves"]["placeholder"] is True and shots["intro"]["placeholder"] is False
        for t in (1.0, 1.5, 1.9):                                       # a scrub over the shot
            frame = _rgb(c.get(f"/api/frame?t={t}").content)
            assert _striped_grey(frame) > 0.8                           # the stripes, not footage
            assert (frame[70:110, 40:280] > 200).all(axis=2).any()      # the label's light text in the middle
            assert (frame[30, 30] == 255).all()                         # the layers still draw over it
        assert not clips.exists() or not any(clips.iterdir())           # the scrub generated nothing

        assert c.post("/api/generate?shot=nope").status_code == 400
        assert c.post("/api/generate?shot=intro").status_code == 400    # a colour: nothing to generate
        r = c.post("/api/generate?shot=waves")
        assert r.status_code == 200 and r.json()["generated"] == "waves", r.text
        assert any(clips.iterdir())                                     # the clip is in the project's cache
        assert c.get("/api/project").json()["shots"][1]["placeholder"] is False
        got = _rgb(c.get("/api/frame?t=1.5").content)

    assert _striped_grey(got) < 0.05
    fresh = FrameRenderer(load_project(f), use_cache=True, offline=True)   # a new session reads that cache
    try:
        want = fresh.frame(15)
        assert not fresh.prepare(fresh.project.shots[1]).placeholder
    finally:
        fresh.close()
    assert np.array_equal(got, want)
