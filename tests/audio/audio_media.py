"""Test material made on the fly (deterministic) and measurements taken from decoded files."""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np

from compositor.audio import write_wav

RATE = 48000
DATA = Path(__file__).resolve().parent.parent / "data" / "audio"
MARKER_HZ = 12500.0      # a tone only the music carries: espeak speech (22.05 kHz) has nothing above 11 kHz


def make_music(path: Path, seconds: float = 12.0) -> Path:
    """A chord pad plus a steady marker tone, so the music's level can be read under the voice."""
    t = np.arange(int(seconds * RATE)) / RATE
    pad = (0.25 * np.sin(2 * np.pi * 220 * t) + 0.15 * np.sin(2 * np.pi * 277.2 * t)
           + 0.12 * np.sin(2 * np.pi * 329.6 * t)) * (0.8 + 0.2 * np.sin(2 * np.pi * 2 * t))
    x = pad + 0.08 * np.sin(2 * np.pi * MARKER_HZ * t)
    return write_wav(path, np.stack([x, x], axis=1))


def make_click(path: Path, peak: float = 0.9) -> Path:
    """A 1 ms click with a sharp onset, then 49 ms of silence."""
    x = np.zeros(2400)
    x[:48] = peak * np.sin(np.linspace(0, np.pi, 48))
    return write_wav(path, np.stack([x, x], axis=1))


def project_dir(tmp: Path) -> Path:
    """A folder with music.wav, click.wav and the espeak-ng voice clips."""
    make_music(tmp / "music.wav")
    make_click(tmp / "click.wav")
    for f in ("vo_01.wav", "vo_02.wav", "vo_03.wav"):
        shutil.copy(DATA / f, tmp / f)
    return tmp


def render_flash_video(path: Path, fps: int = 30, frames: int = 150, flash: int = 45, size=(64, 64)) -> Path:
    """Black frames with one white frame at index `flash` (an A/V sync target)."""
    from compositor.encode import open_writer

    with open_writer(path, size=size, fps=fps) as w:
        for i in range(frames):
            w.write(np.full((size[1], size[0], 3), 255 if i == flash else 0, np.uint8))
    return path


def decode_timed_audio(path: Path) -> tuple[np.ndarray, float]:
    """(samples (n, 2) float, time of the first sample) straight from PyAV, priming already trimmed."""
    import av

    with av.open(str(path)) as c:
        s = c.streams.audio[0]
        frames = list(c.decode(s))
        start = frames[0].time
        chunks = []
        for f in frames:
            a = f.to_ndarray()
            if a.dtype.kind == "i":
                a = a / float(np.iinfo(a.dtype).max)
            if f.format.is_planar:
                a = a.T
            else:
                a = a.reshape(-1, len(f.layout.channels))
            chunks.append(a.astype(np.float64))
        return np.concatenate(chunks), start


def flash_time(path: Path) -> float:
    import av

    with av.open(str(path)) as c:
        for f in c.decode(video=0):
            if f.to_ndarray(format="gray").mean() > 128:
                return f.time
    raise AssertionError("no flash frame decoded")


def tone_level_db(x: np.ndarray, start: float, end: float, freq: float = MARKER_HZ, win: float = 0.1) -> float:
    """Median amplitude (dB) of a tone over [start, end) in 0.1 s windows (whole cycles, rectangular window)."""
    mono = x.mean(axis=1) if x.ndim == 2 else x
    n = int(win * RATE)
    levels = []
    for s in range(int(start * RATE), int(end * RATE) - n + 1, n):
        seg = mono[s:s + n]
        ph = np.exp(-2j * np.pi * freq * np.arange(n) / RATE)
        levels.append(20 * np.log10(2 * abs(np.dot(seg, ph)) / n + 1e-12))
    return float(np.median(levels))
