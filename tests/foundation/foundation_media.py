"""Small helpers for the foundation tests: write a project, render it through the public API, decode the result.

Everything here reads real files back (PyAV, OpenCV); nothing stands in for the engine.
"""
from __future__ import annotations

import hashlib
import struct
import textwrap
from pathlib import Path

import av
import cv2
import numpy as np

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden" / "foundation"
DATA = REPO / "tests" / "data"


def write_project(folder: Path, yaml_text: str, name: str = "project.yaml") -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(yaml_text).lstrip("\n"), encoding="utf-8")
    return path


def load(project: Path, output: Path | None = None):
    from compositor.project.load import load_project

    return load_project(project, output=output)


def render_to(project: Path, output: Path, frames=None) -> Path:
    """Render through the public API (the same path the CLI takes) to `output`; the format follows its suffix."""
    from compositor.render import render

    return render(load(project, output), output=output, frames=frames)


def render_png_frames(project: Path, folder: Path) -> list[np.ndarray]:
    """Render to a lossless PNG sequence and read it back (RGB, or RGBA when the project has alpha)."""
    render_to(project, folder)
    return read_png_sequence(folder)


def read_png_sequence(folder: Path) -> list[np.ndarray]:
    return [read_png(p) for p in sorted(Path(folder).glob("frame_*.png"))]


def read_png(path: Path) -> np.ndarray:
    img = cv2.imread(str(path), cv2.IMREAD_UNCHANGED)
    assert img is not None, f"not a readable PNG: {path}"
    if img.ndim == 2:
        img = cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    code = cv2.COLOR_BGRA2RGBA if img.shape[2] == 4 else cv2.COLOR_BGR2RGB
    return cv2.cvtColor(img, code)


def write_png(path: Path, rgb: np.ndarray) -> None:
    code = cv2.COLOR_RGBA2BGRA if rgb.shape[2] == 4 else cv2.COLOR_RGB2BGR
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    assert cv2.imwrite(str(path), cv2.cvtColor(rgb, code))


def decode_video(path: Path, fmt: str = "rgb24") -> list[np.ndarray]:
    """Every frame of the first video stream, decoded with the default decoder."""
    with av.open(str(path)) as c:
        return [f.to_ndarray(format=fmt) for f in c.decode(c.streams.video[0])]


def decode_vp9_alpha(path: Path) -> list[np.ndarray]:
    """VP9 keeps alpha in a side channel that only libvpx's decoder reads: decode with it to get RGBA."""
    out = []
    with av.open(str(path)) as c:
        stream = c.streams.video[0]
        ctx = av.CodecContext.create("libvpx-vp9", "r")
        for packet in c.demux(stream):
            if packet.size == 0:
                continue
            out += [f.to_ndarray(format="rgba") for f in ctx.decode(packet)]
        out += [f.to_ndarray(format="rgba") for f in ctx.decode(None)]
    return out


def top_level_atoms(path: Path) -> list[str]:
    """The ISO-BMFF boxes at the top of an MP4/MOV, in file order (moov before mdat = streamable)."""
    names = []
    data = Path(path).read_bytes()
    pos = 0
    while pos + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if size == 1:
            size = struct.unpack(">Q", data[pos + 8:pos + 16])[0]
        elif size == 0:
            size = len(data) - pos
        names.append(kind.decode("latin-1"))
        if size < 8:
            break
        pos += size
    return names


def frame_hashes(frames: list[np.ndarray]) -> list[str]:
    return [hashlib.sha256(np.ascontiguousarray(f).tobytes()).hexdigest() for f in frames]


def mean_color(frame: np.ndarray, x: int, y: int, r: int = 3) -> np.ndarray:
    """Mean RGB(A) of a (2r+1)^2 patch: chroma subsampling makes single pixels noisy."""
    return frame[y - r:y + r + 1, x - r:x + r + 1].reshape(-1, frame.shape[2]).mean(axis=0)


def assert_color(frame: np.ndarray, x: int, y: int, expected, tol: float, what: str = "") -> None:
    got = mean_color(frame, x, y)[: len(expected)]
    diff = np.abs(got - np.asarray(expected, float))
    assert diff.max() <= tol, f"{what} at ({x},{y}): got {got.round(1).tolist()}, expected {list(expected)} ± {tol}"


def hex_rgb(value: str) -> tuple[int, int, int]:
    value = value.lstrip("#")
    return tuple(int(value[i:i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def coverage(frame: np.ndarray, rgb, tol: float = 40) -> np.ndarray:
    """Boolean mask of the pixels within `tol` (max channel difference) of `rgb`."""
    return (np.abs(frame[..., :3].astype(int) - np.asarray(rgb, int)).max(axis=2) <= tol)


def cli_env() -> dict:
    """Environment for a `python -m compositor` subprocess started by hand (e.g. to interrupt it)."""
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("COMPOSITOR_DEBUG", None)
    return env
