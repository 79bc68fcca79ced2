"""Tracking through the project file and the CLI: a solid brand card pinned to a planar surface in real
(AI-generated, moving-camera) footage lands on the hand-annotated quad in the rendered frames; `compositor track`
reports confidence and writes the debug video and exports."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import cv2
import numpy as np
import pytest

DATA = Path(__file__).resolve().parent.parent / "data" / "tracking"
DOTS = json.loads((DATA / "mural_wall.dots.json").read_text())

PROJECT = """
compositor: 1
title: Pinned card
brand: northwind
output: {{size: [720, 480], fps: 8, file: out}}
shots:
  - id: wall
    duration: 6
    background: {{video: mural_wall.mp4}}
    tracks:
      panel:
        corners: {corners}
        at: 0
    layers:
      - rect: {{size: [400, 300], fill: accent}}
        pin: panel
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("pin")
    shutil.copy(DATA / "mural_wall.mp4", d / "mural_wall.mp4")
    corners = [list(map(float, p)) for p in DOTS["frames"]["0"][:4]]
    (d / "project.yaml").write_text(PROJECT.format(corners=json.dumps(corners)))
    return d


def test_pinned_card_covers_the_tracked_quad(folder, compositor_cli):
    r = compositor_cli("render", folder / "project.yaml", "-o", folder / "frames", cwd=folder, timeout=600)
    assert r.returncode == 0, r.stderr
    accent = np.array([0xFF, 0x6A, 0x3D])
    for f in ("0", "24", "47"):
        key = f if f in DOTS["frames"] else "48"
        img = cv2.cvtColor(cv2.imread(str(folder / "frames" / f"frame_{int(f):06d}.png")), cv2.COLOR_BGR2RGB)
        mask = (np.abs(img.astype(int) - accent).max(axis=2) < 40).astype(np.uint8)
        quad = np.round(np.array(DOTS["frames"][key][:4])).astype(np.int32)
        expected = np.zeros_like(mask)
        cv2.fillPoly(expected, [quad], 1)
        inter = (mask & expected).sum()
        union = (mask | expected).sum()
        assert inter / union > 0.93, f"frame {f}: IoU {inter / union:.3f}"


def test_track_command_reports_and_exports(folder, compositor_cli):
    r = compositor_cli("track", folder / "project.yaml", "--shot", "wall", "-o", folder / "debug.mp4", cwd=folder,
                       timeout=600)
    assert r.returncode == 0, r.stderr
    assert "panel" in r.stdout and "confidence" in r.stdout
    assert (folder / "debug.mp4").stat().st_size > 0
    data = json.loads((folder / "wall.tracks.json").read_text())
    assert "panel" in json.dumps(data)
    assert any(p.name.endswith(".ae.txt") for p in folder.iterdir())


def test_unknown_shot_for_track_is_a_user_error(folder, compositor_cli):
    r = compositor_cli("track", folder / "project.yaml", "--shot", "nope", cwd=folder)
    assert r.returncode == 2 and "project.yaml:" in r.stderr and "Traceback" not in r.stderr
