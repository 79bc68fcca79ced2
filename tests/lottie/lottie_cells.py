"""Lottie test pictures laid out as a grid of cells (one case each), drawn through a real `lottie:` layer and
compared with Skottie's frames cell by cell: shared by the effect, blur and Tritone tests. Also the project a
Lottie test renders its file through, and the check of a refusal (exit 2, no traceback), kept in one place so
that every test checks it the same way."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "foundation"))
from foundation_media import read_png, render_png_frames, write_project  # noqa: E402

SHOT_TIMES = {0: 0.0, 21: 0.7}                      # Lottie frame (30 fps) of a golden -> shot time


def lottie_project(tmp_path: Path, name: str, size: tuple[int, int], fps: int, duration: float = 0.8,
                   **layer) -> Path:
    """A project of one shot over mid grey whose `lottie:` layer (file `name` in `tmp_path`) fills the frame;
    `layer` adds keys to that layer (`fit="fill"`, `frames="[45, 75]"`)."""
    w, h = size
    more = "".join(f"\n                {key}: {value}" for key, value in layer.items())
    return write_project(tmp_path, f"""
        compositor: 1
        brand: neutral
        output: {{size: [{w}, {h}], fps: {fps}, file: frames}}
        shots:
          - id: a
            duration: {duration:g}
            background: {{color: "#808080"}}
            layers:
              - lottie: {name}
                at: [0, 0]
                anchor: top-left
                width: {w}
                height: {h}{more}
        """)


def render_lottie(tmp_path: Path, data: dict, size: tuple[int, int], fps: int, name: str = "fx.json") -> list:
    """The Lottie `data` filling a `size` frame over mid grey, rendered for 0.8 s at `fps`: decoded frames."""
    (tmp_path / name).write_text(json.dumps(data))
    return render_png_frames(lottie_project(tmp_path, name, size, fps), tmp_path / "frames")


def refusal(tmp_path: Path, compositor_cli, name: str, text: str | None = None) -> str:
    """What `validate` says of a project showing the Lottie file `name` in `tmp_path` (written from `text` when
    given; its layout sets the line numbers named): it must refuse it with exit 2 and a message, never a
    traceback."""
    if text is not None:
        (tmp_path / name).write_text(text)
    p = write_project(tmp_path, f"""
        compositor: 1
        brand: neutral
        output: {{size: [64, 64], fps: 10, file: frames}}
        shots:
          - id: a
            duration: 0.5
            layers:
              - lottie: {name}
        """)
    r = compositor_cli("validate", p)
    out = r.stdout + r.stderr
    assert r.returncode == 2, out
    assert "Traceback" not in out
    return out


def frame_difference(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Mean absolute difference, and the 99th percentile of the largest channel difference."""
    d = np.abs(a.astype(int) - b.astype(int))
    return float(d.mean()), float(np.percentile(d.max(axis=2), 99))


def golden_pair(png: Path) -> tuple[np.ndarray, np.ndarray]:
    """A pixel-op golden: Skottie's frame of the layer without the effect (left half) and with it (right half),
    premultiplied RGBA."""
    from PIL import Image
    px = np.asarray(Image.open(png).convert("RGBA"))
    w = px.shape[1] // 2
    return px[:, :w], px[:, w:]


def cell_differences(a: np.ndarray, b: np.ndarray, cell: int):
    """(cell index, mean absolute difference, 99th percentile of the largest channel difference) per cell,
    row by row."""
    columns = a.shape[1] // cell
    for i in range(columns * (a.shape[0] // cell)):
        x, y = (i % columns) * cell, (i // columns) * cell
        yield (i, *frame_difference(a[y:y + cell, x:x + cell], b[y:y + cell, x:x + cell]))


def golden_cell_differences(frames: list, golden: Path, fps: int, cell: int, prefix: str = "frame"):
    """(Lottie frame, cell index, mean, p99) for each golden `<prefix>-<frame>.png` in `golden` against the
    rendered frame shown at its time (`SHOT_TIMES`)."""
    for lottie_frame, t in SHOT_TIMES.items():
        ref = read_png(golden / f"{prefix}-{lottie_frame}.png")
        for cell_index, mean, p99 in cell_differences(frames[round(t * fps)], ref, cell):
            yield lottie_frame, cell_index, mean, p99
