"""The CLI and the Python API are one service: the same project gives the same file and the same refusal."""
from __future__ import annotations

import hashlib
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
