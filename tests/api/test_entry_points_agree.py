"""The CLI and the Python API are one service: the same project gives the same file and the same refusal."""
from __future__ import annotations

import hashlib
import time
import subprocess
import sys
from pathlib import Path

import pytest

import compositor

PROJECT = """\
compositor: 1
title: Agree
brand: northwind
output: {size: [320, 180], fps: 10, file: renders/agree.mp4}
shots:
  - id: one
    duration: 1.2
    background: {video: clip.mp4, fit: cover}
    layers:
      - text: "Same file"
        style: headline
        at: center
        enter: {rise: 0.4}
"""


def _digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture()
def project(tmp_path) -> Path:
    root = Path(__file__).resolve().parents[2]
    (tmp_path / "clip.mp4").write_bytes((root / "tests/data/coherence/bedroom-30f.mp4").read_bytes())
    (tmp_path / "project.yaml").write_text(PROJECT)
    return tmp_path / "project.yaml"


def test_cli_and_api_write_the_same_file(project, tmp_path):
    cli = subprocess.run([sys.executable, "-m", "compositor", "render", str(project), "-o", str(tmp_path / "a.mp4"),
                          "--workers", "1"], capture_output=True, text=True)
    assert cli.returncode == 0, cli.stderr
    with compositor.load(project) as video:
        done = video.render(tmp_path / "b.mp4", workers=2)
    assert done.frames == 12
    assert _digest(tmp_path / "a.mp4") == _digest(done.path)


def test_overwriting_the_footage_is_refused_by_both(project):
    cli = subprocess.run([sys.executable, "-m", "compositor", "render", str(project), "-o",
                          str(project.parent / "clip.mp4")], capture_output=True, text=True)
    before = _digest(project.parent / "clip.mp4")
    assert cli.returncode == 2 and "would overwrite the input file 'clip.mp4'" in cli.stderr
    with pytest.raises(compositor.UserError) as exc:
        compositor.load(project).render(project.parent / "clip.mp4")
    assert "would overwrite the input file 'clip.mp4'" in str(exc.value.issues[0])
    assert _digest(project.parent / "clip.mp4") == before


def _studio_render(project: Path):
    """Press the studio's Render (as its page does: the page's origin and the launch token); the response."""
    from starlette.testclient import TestClient

    from compositor.studio.server import create_app

    app = create_app(project, allowed_hosts=["testserver"], watch=False)
    with TestClient(app) as client:
        r = client.post("/api/render", headers={"Origin": "http://testserver", "X-Compositor-Token": app.token})
        out = project.parent / "renders" / "agree.mp4"
        deadline = time.monotonic() + 300
        while r.status_code == 200 and not out.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        return r


def test_the_studio_writes_the_same_file_and_refuses_the_same_overwrite(project, tmp_path):
    cli = subprocess.run([sys.executable, "-m", "compositor", "render", str(project), "-o", str(tmp_path / "a.mp4")],
                         capture_output=True, text=True)
    assert cli.returncode == 0, cli.stderr
    r = _studio_render(project)
    assert r.status_code == 200, r.text
    assert _digest(project.parent / "renders" / "agree.mp4") == _digest(tmp_path / "a.mp4")

    project.write_text(PROJECT.replace("file: renders/agree.mp4", "file: clip.mp4"))
    before = _digest(project.parent / "clip.mp4")
    r = _studio_render(project)
    assert r.status_code == 409 and "would overwrite the input file 'clip.mp4'" in r.text
    cli = subprocess.run([sys.executable, "-m", "compositor", "render", str(project)], capture_output=True, text=True)
    assert cli.returncode == 2 and "would overwrite the input file 'clip.mp4'" in cli.stderr
    assert _digest(project.parent / "clip.mp4") == before
