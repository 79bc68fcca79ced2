"""Ducking and loudness on material unlike the marker-tone pad: freshly synthesised espeak-ng lines over a plain
220 Hz sine bed at -6dB, rendered through the CLI. The music is measured alone, at its own frequency (a single-bin
DFT of the decoded output), so speech energy near 220 Hz cannot hide or fake the dip."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "audio"))
from audio_media import decode_timed_audio  # noqa: E402

from compositor.audio.decode import write_wav  # noqa: E402
from compositor.audio.loudness import integrated_lufs  # noqa: E402

RATE = 48000
PROJECT = """
compositor: 1
title: Tone bed
output: {size: [320, 180], fps: 25, file: out.mp4}
audio:
  music: {file: bed.wav, gain: -6dB, duck: {under: voice, by: -12dB, attack: 0.1, release: 0.3}}
  voice:
    - {id: one, file: line1.wav, at: open, offset: 1}
    - {file: line2.wav, at: close, offset: 1}
  loudness: -16 LUFS
shots:
  - id: open
    duration: 4
    background: {color: primary}
  - id: close
    duration: 4
    background: {color: paper}
"""


def level_at(x: np.ndarray, start: float, end: float, freq: float = 220.0) -> float:
    """dBFS amplitude of one sine component over [start, end) of channel 0."""
    s = x[int(start * RATE):int(end * RATE), 0].astype(np.float64)
    t = np.arange(len(s)) / RATE
    return float(20 * np.log10(abs(np.sum(s * np.exp(-2j * np.pi * freq * t))) * 2 / len(s)))


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng synthesises the voice lines")
def test_tone_bed_ducks_12db_and_mix_meets_loudness(tmp_path, compositor_cli):
    for name, text in (("line1.wav", "Welcome to the dashboard."), ("line2.wav", "Escalate flagged items now.")):
        subprocess.run(["espeak-ng", "-w", str(tmp_path / name), text], check=True)
    t = np.arange(9 * RATE) / RATE
    bed = np.sin(2 * np.pi * 220 * t)
    write_wav(tmp_path / "bed.wav", np.stack([bed, bed], axis=1))
    (tmp_path / "project.yaml").write_text(PROJECT)
    r = compositor_cli("render", tmp_path / "project.yaml", cwd=tmp_path, timeout=300)
    assert r.returncode == 0, r.stderr
    x, _ = decode_timed_audio(tmp_path / "out.mp4")
    x = np.asarray(x, np.float32)
    x = x[:, None] if x.ndim == 1 else x
    stereo = x if x.shape[1] == 2 else np.repeat(x, 2, axis=1)
    assert abs(integrated_lufs(stereo, RATE) - (-16.0)) <= 1.0
    free, first, second = level_at(x, 0.2, 0.8), level_at(x, 1.5, 2.2), level_at(x, 5.5, 6.2)
    assert abs(level_at(x, 3.5, 3.9) - free) < 1.0                 # back up between the lines
    for ducked in (first, second):
        assert -13.5 < ducked - free < -10.5, (free, first, second)
    assert "warning" not in r.stderr


def test_unreachable_loudness_is_said_with_the_figure(tmp_path, compositor_cli):
    """A ceiling far under the target: the limiter cannot get there, and the render says what it reached."""
    t = np.arange(4 * RATE) / RATE
    bed = np.sin(2 * np.pi * 220 * t)
    write_wav(tmp_path / "bed.wav", np.stack([bed, bed], axis=1))
    (tmp_path / "project.yaml").write_text(
        "compositor: 1\noutput: {size: [160, 90], fps: 25, file: out.mp4}\n"
        "audio:\n  music: {file: bed.wav, gain: -6dB}\n  loudness: -5 LUFS\n  true_peak: -8 dBTP\n"
        "shots:\n  - id: a\n    duration: 3\n    background: {color: primary}\n")
    r = compositor_cli("render", tmp_path / "project.yaml", cwd=tmp_path, timeout=300)
    assert r.returncode == 0, r.stderr
    x, _ = decode_timed_audio(tmp_path / "out.mp4")
    x = np.asarray(x, np.float32)
    stereo = x if x.ndim == 2 and x.shape[1] == 2 else np.repeat(x.reshape(len(x), -1)[:, :1], 2, axis=1)
    reached = integrated_lufs(stereo, RATE)
    assert reached < -6.0
    assert "project.yaml:5: audio.loudness: the mix reaches" in r.stderr and "not -5 LUFS" in r.stderr


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng synthesises the voice lines")
def test_limiter_flattening_the_dip_is_said(tmp_path, compositor_cli):
    """Pushed hard into the ceiling, the limiter squashes the free bed more than the ducked one: measured at
    220 Hz the dip shrinks, and the render says how deep it really is."""
    subprocess.run(["espeak-ng", "-w", str(tmp_path / "line1.wav"), "Welcome to the dashboard."], check=True)
    shutil.copy(tmp_path / "line1.wav", tmp_path / "line2.wav")
    t = np.arange(9 * RATE) / RATE
    bed = np.sin(2 * np.pi * 220 * t)
    write_wav(tmp_path / "bed.wav", np.stack([bed, bed], axis=1))
    (tmp_path / "project.yaml").write_text(PROJECT.replace("loudness: -16 LUFS", "loudness: -5 LUFS\n  true_peak: -3 dBTP"))
    r = compositor_cli("render", tmp_path / "project.yaml", cwd=tmp_path, timeout=300)
    assert r.returncode == 0, r.stderr
    x, _ = decode_timed_audio(tmp_path / "out.mp4")
    x = np.asarray(x, np.float32)
    x = x[:, None] if x.ndim == 1 else x
    measured = level_at(x, 1.5, 2.2) - level_at(x, 0.2, 0.8)
    assert measured > -10.0                                   # the dip really is shallower than asked
    assert "audio.music.duck.by: the music ducks only" in r.stderr, r.stderr
