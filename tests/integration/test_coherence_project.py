"""Coherence through the project file and CLI: `check --json` scores a flickering clip low, `deflicker: auto` in
the background fixes it, and `quality: {on_fail: fail}` stops a render with exit 2 at the quality line."""
from __future__ import annotations

import json
from pathlib import Path

import av
import numpy as np
import pytest

from compositor.consistency.synthetic import global_flicker
from compositor.encode import open_writer

CLIP = Path(__file__).resolve().parent.parent / "data" / "coherence" / "cogvideox-1-24f.mp4"

PROJECT = """
compositor: 1
title: Coherence
output: {{size: [320, 192], fps: 8, file: out.mp4}}
{quality}
shots:
  - id: clip
    duration: 3
    background: {{video: {video}{deflicker}}}
"""


def _write(d: Path, name: str, video: str, deflicker: str = "", quality: str = "") -> Path:
    p = d / name
    p.write_text(PROJECT.format(video=video, deflicker=f", deflicker: {deflicker}" if deflicker else "",
                                quality=quality))
    return p


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("coherence")
    with av.open(str(CLIP)) as c:
        frames = [f.to_ndarray(format="rgb24") for f in c.decode(video=0)]
    flick = global_flicker(frames, 0.05, seed=3)
    for name, fr in (("clean.mp4", frames), ("flicker.mp4", flick)):
        h, w = fr[0].shape[:2]
        with open_writer(d / name, (w - w % 2, h - h % 2), 8, crf=12, preset="veryfast") as wr:
            for f in fr:
                wr.write(np.ascontiguousarray(f[: h - h % 2, : w - w % 2]))
    return d


def _score(cli, project: Path) -> float:
    r = cli("check", project, "--json", cwd=project.parent, timeout=300)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)["shots"][0]["score"]


def test_check_ranks_and_deflicker_repairs(folder, compositor_cli):
    clean = _score(compositor_cli, _write(folder, "clean.yaml", "clean.mp4"))
    flicker = _score(compositor_cli, _write(folder, "flicker.yaml", "flicker.mp4"))
    fixed = _score(compositor_cli, _write(folder, "fixed.yaml", "flicker.mp4", deflicker="auto"))
    assert clean > flicker
    assert fixed > flicker + 20
    assert (folder / "out.coherence.json").exists() and (folder / "out.coherence.png").exists()


def test_quality_fail_stops_the_render_with_the_quality_line(folder, compositor_cli):
    p = _write(folder, "strict.yaml", "flicker.mp4", quality="quality: {min_coherence: 90, on_fail: fail}")
    out = folder / "out.mp4"
    out.unlink(missing_ok=True)
    r = compositor_cli("render", p, cwd=folder, timeout=300)
    assert r.returncode == 2, r.stderr
    assert "strict.yaml:5: quality.min_coherence" in r.stderr and "Traceback" not in r.stderr
    assert not out.exists()
