"""Reload on save through the real watcher: a valid save pushes `project-changed` with a new version and the
frame shows the edit; a broken save pushes `project-error` with the CLI's FILE:LINE message."""
from __future__ import annotations

import json
import queue
import threading
import time

import cv2
import httpx
import numpy as np

from .live import serve
from .project import PROJECT


def _events(url, out: queue.Queue, stop: threading.Event):
    try:
        _read(url, out, stop)
    except httpx.HTTPError:     # the server stopped at the end of the test
        pass


def _read(url, out, stop):
    with httpx.stream("GET", url + "/api/events", timeout=30) as r:
        event = None
        for line in r.iter_lines():
            if stop.is_set():
                return
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: "):
                out.put((event, json.loads(line[6:])))


def _next(q: queue.Queue, name: str, timeout: float = 10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        event, data = q.get(timeout=max(0.01, deadline - time.time()))
        if event == name:
            return data
    raise AssertionError(f"no {name} event")


def test_save_pushes_changed_then_error(tmp_path):
    f = tmp_path / "project.yaml"
    f.write_text(PROJECT)
    with serve(f) as (url, _app):
        q, stop = queue.Queue(), threading.Event()
        threading.Thread(target=_events, args=(url, q, stop), daemon=True).start()
        hello = _next(q, "hello")
        before = httpx.get(url + "/api/frame?t=0.5").content
        time.sleep(0.3)
        t0 = time.time()
        f.write_text(PROJECT.replace("fill: black", 'fill: "#00ff00"'))
        changed = _next(q, "project-changed")
        assert changed["version"] > hello["version"]
        after = cv2.imdecode(np.frombuffer(httpx.get(url + "/api/frame?t=0.5").content, np.uint8), 1)
        assert time.time() - t0 < 2
        assert tuple(after[50, 70]) == (0, 255, 0) and httpx.get(url + "/api/frame?t=0.5").content != before
        f.write_text(PROJECT.replace("duration: 2", "duration: -2"))
        err = _next(q, "project-error")
        assert err["message"].startswith(f"{f}:9: ") and err["line"] == 9
        assert httpx.get(url + "/api/frame?t=0.5").status_code == 409
        stop.set()


def test_render_button_renders_with_progress_and_cancel_leaves_no_file(tmp_path):
    import av

    f = tmp_path / "project.yaml"
    f.write_text(PROJECT)
    with serve(f) as (url, app):
        token = {"X-Compositor-Token": app.token}      # what the page sends
        q, stop = queue.Queue(), threading.Event()
        threading.Thread(target=_events, args=(url, q, stop), daemon=True).start()
        _next(q, "hello")
        r = httpx.post(url + "/api/render", headers=token)
        assert r.status_code == 200 and r.json()["output"] == str(tmp_path / "out.mp4")
        progress = _next(q, "render-progress", 60)
        assert progress["total"] == 25
        done = _next(q, "render-done", 120)
        assert done["output"] == str(tmp_path / "out.mp4")
        with av.open(done["output"]) as c:
            assert sum(1 for _ in c.decode(c.streams.video[0])) == 25
        (tmp_path / "out.mp4").unlink()
        f.write_text(PROJECT.replace("duration: 2", "duration: 120"))    # long enough to cancel mid-way
        _next(q, "project-changed")
        assert httpx.post(url + "/api/render", headers=token).status_code == 200
        _next(q, "render-progress", 60)
        httpx.post(url + "/api/render/cancel", headers=token)
        _next(q, "render-cancelled", 60)
        assert not (tmp_path / "out.mp4").exists()
        stop.set()
