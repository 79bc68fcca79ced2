"""Lottie test pictures laid out as a grid of cells (one case each), drawn through a real `lottie:` layer and
compared with Skottie's frames cell by cell: shared by the effect, blur and Tritone tests."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "foundation"))
from foundation_media import render_png_frames, write_project  # noqa: E402


def render_lottie(tmp_path: Path, data: dict, size: tuple[int, int], fps: int, name: str = "fx.json") -> list:
    """The Lottie `data` filling a `size` frame over mid grey, rendered for 0.8 s at `fps`: decoded frames."""
    w, h = size
    (tmp_path / name).write_text(json.dumps(data))
    p = write_project(tmp_path, f"""
        compositor: 1
        brand: neutral
        output: {{size: [{w}, {h}], fps: {fps}, file: frames}}
        shots:
          - id: a
            duration: 0.8
            background: {{color: "#808080"}}
            layers:
              - lottie: {name}
                at: [0, 0]
                anchor: top-left
                width: {w}
                height: {h}
        """)
    return render_png_frames(p, tmp_path / "frames")


def cell_differences(a: np.ndarray, b: np.ndarray, cell: int):
    """(cell index, mean absolute difference, 99th percentile of the largest channel difference) per cell,
    row by row."""
    d = np.abs(a.astype(int) - b.astype(int))
    columns = a.shape[1] // cell
    for i in range(columns * (a.shape[0] // cell)):
        x, y = (i % columns) * cell, (i // columns) * cell
        part = d[y:y + cell, x:x + cell]
        yield i, part.mean(), np.percentile(part.max(axis=2), 99)
