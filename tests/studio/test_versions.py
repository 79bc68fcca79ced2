"""The studio shows one version of a campaign project at a time: a variant, a row of the data file, typed values.
POST /api/version switches it (through the token guard), the frames are that version's (its size, its colours),
a value that does not load answers 409 with its FILE:LINE and the shown version keeps serving, and Render writes
the file that version names."""
from __future__ import annotations

import time

import cv2
import numpy as np
import pytest
from starlette.testclient import TestClient

from compositor.studio.server import create_app

PROJECT = """\
compositor: 1
title: Studio versions
params:
  bg: {type: color, default: "#ffffff"}
  name: {type: text, default: Hello}
  size: {type: choice, options: [small, big], default: small}
output:
  size: [320, 180]
  fps: 10
  file: "out-{{name}}.mp4"
variants:
  vertical: {size: [180, 320]}
shots:
  - id: intro
    duration: 1
    background: {color: "{{bg}}"}
    layers:
      - rect: {size: [40, 40], fill: black}
        at: [20, 20]
"""
ROWS = "bg,name\n#0000ff,Globex\n#00ff00,Initech\n,Umbrella\n"


@pytest.fixture
def studio(tmp_path):
    (tmp_path / "project.yaml").write_text(PROJECT)
    (tmp_path / "rows.csv").write_text(ROWS)
    app = create_app(tmp_path / "project.yaml", allowed_hosts=["testserver"], watch=False,
                     data=tmp_path / "rows.csv")
    with TestClient(app) as c:
        c.headers["X-Compositor-Token"] = app.token
        yield c, tmp_path


def _frame(c) -> np.ndarray:
    r = c.get("/api/frame?t=0.5")
    assert r.status_code == 200, r.text
    return cv2.imdecode(np.frombuffer(r.content, np.uint8), cv2.IMREAD_COLOR)     # BGR


def test_the_project_reports_the_version_and_the_choices(studio):
    c, tmp = studio
    p = c.get("/api/project").json()
    assert (p["variant"], p["row"], p["params"]) == (None, 1, {})       # --data alone starts on row 1
    ch = p["choices"]
    assert ch["variants"] == ["vertical"] and ch["data"] == str(tmp / "rows.csv")
    assert [r["label"] for r in ch["rows"]] == ["1: #0000ff · Globex", "2: #00ff00 · Initech", "3: Umbrella"]
    form = {f["name"]: f for f in ch["params"]}
    assert (form["bg"]["type"], form["bg"]["value"]) == ("color", "#0000ff")      # the row's value
    assert (form["size"]["type"], form["size"]["options"]) == ("choice", ["small", "big"])
    assert p["output"] == str(tmp / "out-Globex.mp4")


def test_switching_the_variant_changes_the_frame_size(studio):
    c, _ = studio
    assert _frame(c).shape[:2] == (180, 320)
    before = c.get("/api/project").json()["version"]
    r = c.post("/api/version", json={"variant": "vertical"})
    assert r.status_code == 200, r.text
    assert r.json()["version"] > before and r.json()["variant"] == "vertical" and r.json()["row"] == 1
    assert _frame(c).shape[:2] == (320, 180)
    assert c.get("/api/project").json()["size"] == [180, 320]
    assert c.post("/api/version", json={"variant": None}).status_code == 200
    assert _frame(c).shape[:2] == (180, 320)


def test_a_row_and_a_typed_value_change_the_pixels(studio):
    c, _ = studio
    assert tuple(_frame(c)[150, 300]) == (255, 0, 0)                   # row 1: blue (BGR)
    assert c.post("/api/version", json={"row": 2}).status_code == 200
    assert tuple(_frame(c)[150, 300]) == (0, 255, 0)                   # row 2: green
    assert c.post("/api/version", json={"row": 3}).status_code == 200
    assert tuple(_frame(c)[150, 300]) == (255, 255, 255)               # an empty cell keeps the default
    assert c.post("/api/version", json={"params": {"bg": "#ff0000"}}).status_code == 200
    assert tuple(_frame(c)[150, 300]) == (0, 0, 255)                   # typed over the row
    assert tuple(_frame(c)[20, 20]) == (0, 0, 0)


def test_a_bad_value_is_409_with_its_line_and_the_shown_version_keeps_serving(studio):
    c, tmp = studio
    assert c.post("/api/version", json={"row": 2}).status_code == 200
    good = c.get("/api/frame?t=0.5").content
    version = c.get("/api/project").json()["version"]
    r = c.post("/api/version", json={"params": {"bg": "nocolour"}})
    assert r.status_code == 409, r.text
    err = r.json()
    assert err["message"].startswith(f"{tmp / 'project.yaml'}:16: shots[0].background.color: parameter 'bg'")
    assert "nocolour" in err["message"]
    assert err["line"] == 16 and any(row["here"] and "{{bg}}" in row["text"] for row in err["context"])
    assert c.get("/api/frame?t=0.5").content == good                     # no error state: the last good serves
    p = c.get("/api/project").json()
    assert (p["version"], p["row"], p["params"], p["error"]) == (version, 2, {}, None)
    for body, what in (({"variant": "square"}, "no variant 'square'"), ({"row": 9}, "row 9"),
                       ({"params": {"bg": [1]}}, "params must be"), ({"colour": 1}, "unknown key")):
        r = c.post("/api/version", json=body)
        assert r.status_code == 400 and what in r.json()["error"], (body, r.text)
    r = c.post("/api/version", json={"params": {"nope": "1"}})
    assert r.status_code == 409 and "unknown parameter 'nope'" in r.json()["message"]


def test_the_endpoint_needs_the_token_and_the_page_origin(studio):
    c, _ = studio
    for headers in ({"X-Compositor-Token": ""}, {"X-Compositor-Token": "guess"},
                    {"Origin": "http://evil.example"}):
        r = c.post("/api/version", json={"variant": "vertical"}, headers=headers)
        assert r.status_code == 403, r.text
    del c.headers["X-Compositor-Token"]
    assert c.post("/api/version", json={"variant": "vertical"}).status_code == 403
    assert c.get("/api/project").json()["variant"] is None
    assert _frame(c).shape[:2] == (180, 320)


def test_render_writes_the_file_the_chosen_version_names(studio):
    c, tmp = studio
    assert c.post("/api/version", json={"variant": "vertical", "row": 2}).status_code == 200
    out = c.get("/api/project").json()["output"]
    assert out == str(tmp / "out-Initech-vertical.mp4")
    r = c.post("/api/render")
    assert r.status_code == 200 and r.json()["output"] == out
    deadline = time.time() + 60
    while not (tmp / "out-Initech-vertical.mp4").exists() and time.time() < deadline:
        time.sleep(0.2)
    import av

    with av.open(out) as f:
        frame = next(f.decode(video=0)).to_ndarray(format="rgb24")
    assert frame.shape[:2] == (320, 180) and abs(int(frame[300, 150, 1]) - 255) < 8 and frame[300, 150, 0] < 8


def test_the_command_line_starts_on_a_version(tmp_path, compositor_cli):
    (tmp_path / "project.yaml").write_text(PROJECT)
    (tmp_path / "rows.csv").write_text(ROWS)
    r = compositor_cli("studio", tmp_path / "project.yaml", "--no-open", "--data", tmp_path / "rows.csv",
                       "--row", "7", timeout=60)
    assert r.returncode == 2 and "there is no row 7 (3 rows here)" in r.stderr and "Traceback" not in r.stderr
    r = compositor_cli("studio", tmp_path / "project.yaml", "--no-open", "--set", "bg=nocolour", timeout=60)
    assert r.returncode == 2 and f"{tmp_path / 'project.yaml'}:16:" in r.stderr and "Traceback" not in r.stderr
    app = create_app(tmp_path / "project.yaml", allowed_hosts=["testserver"], watch=False, variant="vertical",
                     data=tmp_path / "rows.csv", row=2, params={"name": "Hooli"})
    with TestClient(app) as c:
        p = c.get("/api/project").json()
        assert (p["variant"], p["row"], p["params"], p["size"]) == ("vertical", 2, {"name": "Hooli"}, [180, 320])
        assert p["output"] == str(tmp_path / "out-Hooli-vertical.mp4")
