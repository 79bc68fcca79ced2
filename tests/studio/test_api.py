"""The studio's HTTP contract on a small real project: project JSON with lines, frames pixel-identical to
`compositor preview`, hit-testing, the Host guard, bad queries (400, never 500) and a broken file (409)."""
from __future__ import annotations

import cv2
import numpy as np
import pytest
from starlette.testclient import TestClient

from compositor.studio.server import create_app

from .project import PROJECT


@pytest.fixture
def studio(tmp_path):
    (tmp_path / "project.yaml").write_text(PROJECT)
    with TestClient(create_app(tmp_path / "project.yaml", allowed_hosts=["testserver"], watch=False)) as c:
        yield c, tmp_path


def _png(data: bytes) -> np.ndarray:
    return cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)


def test_project_json_has_the_contract_keys_and_lines(studio):
    c, _ = studio
    p = c.get("/api/project").json()
    assert {"title", "fps", "size", "frames", "shots"} <= set(p)
    assert (p["title"], p["fps"], p["size"], p["frames"]) == ("Studio test", 10.0, [320, 180], 25)
    intro, outro = p["shots"]
    assert (intro["id"], intro["start"], intro["end"], intro["line"]) == ("intro", 0.0, 2.0, 8)
    assert [(l["index"], l["kind"], l["line"]) for l in intro["layers"]] == [(0, "rect", 12), (1, "text", 14)]
    assert (outro["start"], outro["end"], outro["layers"][0]["line"]) == (1.5, 2.5, 22)


@pytest.mark.parametrize("t", [0.5, 1.7, 2.4])
def test_frame_is_pixel_identical_to_preview(studio, compositor_cli, t):
    c, tmp = studio
    r = compositor_cli("preview", tmp / "project.yaml", "--at", t, "-o", tmp / "p.png")
    assert r.returncode == 0, r.stderr
    got = c.get(f"/api/frame?t={t}")
    assert got.status_code == 200 and got.headers["content-type"] == "image/png"
    assert np.array_equal(_png(got.content), cv2.imread(str(tmp / "p.png"), cv2.IMREAD_UNCHANGED))
    half = _png(c.get(f"/api/frame?t={t}&scale=0.5").content)
    assert half.shape[:2] == (90, 160)
    jpeg = c.get(f"/api/frame?t={t}&format=jpeg")
    assert jpeg.headers["content-type"] == "image/jpeg" and jpeg.content[:2] == b"\xff\xd8"


def test_hit_picks_the_topmost_layer(studio):
    c, _ = studio
    frame = _png(c.get("/api/frame?t=0.5").content)    # BGR
    ys, xs = np.nonzero((frame[..., 2] > 200) & (frame[..., 1] < 60))   # the red text over the black rect
    y, x = int(ys[len(ys) // 2]), int(xs[len(xs) // 2])
    assert c.get(f"/api/hit?t=0.5&x={x}&y={y}").json()["layer"]["index"] == 1
    rect = c.get("/api/hit?t=0.5&x=70&y=50").json()["layer"]
    assert (rect["shot"], rect["index"], rect["kind"], rect["line"]) == ("intro", 0, "rect", 12)
    assert c.get("/api/hit?t=0.5&x=5&y=5").json() == {"layer": None}
    assert c.get("/api/hit?t=2.4&x=60&y=60").json()["layer"]["shot"] == "outro"


def test_host_header_guard_refuses_other_hosts(studio):
    c, _ = studio
    for path in ("/", "/api/project", "/api/frame?t=0"):
        r = c.get(path, headers={"host": "attacker.example"})
        assert r.status_code == 403 and "DNS-rebinding" in r.text


@pytest.mark.parametrize("query", ["t=-1", "t=1e9", "t=nan", "t=abc", "", "t=1&foo=2", "t=1&scale=3",
                                   "t=1&format=gif"])
def test_bad_frame_queries_are_400_with_a_reason(studio, query):
    c, _ = studio
    r = c.get(f"/api/frame?{query}")
    assert r.status_code == 400 and r.json()["error"]


def test_bad_hit_queries_are_400(studio):
    c, _ = studio
    for q in ("t=0.5&x=9999&y=1", "t=0.5&x=1", "t=0.5&x=1&y=1&z=2"):
        assert c.get(f"/api/hit?{q}").status_code == 400


def test_broken_file_is_409_with_the_cli_message_and_keeps_the_last_good_frame(studio, compositor_cli):
    c, tmp = studio
    good = c.get("/api/frame?t=0.5").content
    (tmp / "project.yaml").write_text(PROJECT.replace("fill: black", "fill: nocolour"))
    cli = compositor_cli("validate", tmp / "project.yaml")
    assert cli.returncode == 2
    assert c.app.state.reload() is False        # what the watcher does on a save
    r = c.get("/api/frame?t=0.5")
    assert r.status_code == 409
    err = r.json()
    assert err["message"] == cli.stderr.strip() and err["line"] == 12
    assert any(row["here"] and "nocolour" in row["text"] for row in err["context"])
    assert c.get("/api/frame?t=0.5&last_good=1").content == good
    assert c.get("/api/project").json()["error"]["line"] == 12
