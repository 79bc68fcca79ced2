"""A project with every kind of prepared state a render session owns: a stabilized camera shot with a pinned
image and a following text (real footage, tests/data/tracking), a generated shot (the built-in model) with
`deflicker:`, and a generated shot continuing it. 480x320 at 12 fps, so several renders fit in a test run."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[1] / "data" / "tracking"
SEGMENT = 6          # frames per segment: joins inside every shot

PROJECT = """\
compositor: 1
title: session determinism
output: {size: [480, 320], fps: 12, file: renders/out}
shots:
  - id: cam
    duration: 1.5
    background: {video: mural_wall.mp4, fit: cover}
    tracks:
      wall: {corners: [[150, 100], [330, 100], [330, 220], [150, 220]], at: 0}
      spot: {point: [240, 160], at: 0}
      camera: {stabilize: true}
    layers:
      - image: card.jpg
        pin: wall
      - text: "Tracked"
        follow: spot
  - id: dream
    duration: 1.0
    background:
      generate: {prompt: "soft bokeh lights drifting", seed: 3}
      deflicker: auto
    transition: {crossfade: 0.25}
  - id: later
    duration: 1.0
    background:
      generate: {prompt: "soft bokeh lights drifting", continue_from: dream, seed: 4}
{quality}"""


def write_project(folder: Path, quality: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA / "mural_wall.mp4", folder / "mural_wall.mp4")
    shutil.copy(DATA / "grace_hopper.jpg", folder / "card.jpg")
    path = folder / "project.yaml"
    path.write_text(PROJECT.replace("{quality}", quality))
    return path


def frame_hashes(folder: Path) -> list[str]:
    """sha256 of every decoded frame of a PNG-folder render, in order."""
    from PIL import Image

    files = sorted(Path(folder).glob("*.png"))
    assert files, f"no frames in {folder}"
    return [hashlib.sha256(np.asarray(Image.open(f).convert("RGBA")).tobytes()).hexdigest() for f in files]
