"""Generation through the project file and the CLI: a tiny Wan pipeline saved to a folder (the real loading path)
fills a shot; the render is exact in frames and size, a second render reuses the cached clip, the cache commands
see it, and a card pinned to a track on the generated footage sits where the tracker says."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "diffusion"))

PROJECT = """
compositor: 1
title: Generated
brand: northwind
output: {{size: [320, 192], fps: 8, file: out}}
shots:
  - id: gen
    duration: 2
    background:
      generate: {{model: {model}, prompt: "a slow drifting gradient", seed: 7, steps: 2}}
    tracks:
      panel: {{corners: [[100, 60], [220, 64], [218, 140], [102, 136]], at: 0}}
    layers:
      - rect: {{size: [200, 120], fill: accent}}
        pin: panel
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    from diffusion_tiny_models import build_wan_t2v

    d = tmp_path_factory.mktemp("generated")
    build_wan_t2v(d / "tiny-wan")
    # the folder's own hints (what a model card would say): its trained size, rate and window
    (d / "tiny-wan" / "compositor.json").write_text(json.dumps(
        {"native_size": [32, 32], "native_fps": 8, "window": 9, "steps": 2, "max_sequence_length": 16}))
    (d / "project.yaml").write_text(PROJECT.format(model="tiny-wan"))
    return d


def test_generated_render_cache_and_pin(folder, compositor_cli):
    r = compositor_cli("render", folder / "project.yaml", cwd=folder, timeout=600)
    assert r.returncode == 0, r.stderr
    frames = sorted((folder / "out").glob("frame_*.png"))
    assert len(frames) == 16
    assert cv2.imread(str(frames[0])).shape == (192, 320, 3)

    listing = compositor_cli("cache", "list", folder, cwd=folder)
    assert listing.returncode == 0 and "1 generated clip(s)" in listing.stdout

    first = [cv2.imread(str(f)) for f in frames]
    again = compositor_cli("render", folder / "project.yaml", cwd=folder, timeout=600)
    assert again.returncode == 0, again.stderr
    assert "generating" not in again.stderr                  # no denoising: the clip came from the cache
    assert all(np.array_equal(a, cv2.imread(str(f))) for a, f in zip(first, frames))   # deterministic

    t = compositor_cli("track", folder / "project.yaml", "--shot", "gen", "-o", folder / "dbg.mp4", cwd=folder)
    assert t.returncode == 0, t.stderr
    corners = json.loads((folder / "gen.tracks.json").read_text())["tracks"]["panel"]["corners"]
    accent = np.array([0x3D, 0x6A, 0xFF])                     # BGR
    for i in (0, 8, 15):
        img = cv2.imread(str(frames[i])).astype(int)
        mask = (np.abs(img - accent).max(axis=2) < 40).astype(np.uint8)
        expected = np.zeros_like(mask)
        cv2.fillPoly(expected, [np.round(np.array(corners[i])).astype(np.int32)], 1)
        iou = (mask & expected).sum() / max(1, (mask | expected).sum())
        assert iou > 0.9, f"frame {i}: IoU {iou:.3f}"

    cleared = compositor_cli("cache", "clear", folder, cwd=folder)
    assert cleared.returncode == 0 and "removed 1 generated clip(s)" in cleared.stdout


def test_missing_model_folder_is_a_user_error(folder, compositor_cli):
    bad = folder / "bad.yaml"
    bad.write_text(PROJECT.format(model="models/not-here"))
    r = compositor_cli("validate", bad, cwd=folder)
    assert r.returncode == 2, r.stderr
    assert "bad.yaml:10: shots[0].background.generate.model" in r.stderr and "Traceback" not in r.stderr
