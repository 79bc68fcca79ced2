"""A whole project with voice-over, a ducked music bed and script captions, rendered through the CLI:
shots fit the voice (`duration: auto`), the soundtrack is in the file, captions are burned in (OCR) and exported."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import av
import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "audio"))
from audio_media import DATA, make_music  # noqa: E402

PROJECT = """
compositor: 1
title: Soundtrack
brand: northwind
output: {size: [960, 540], fps: 25, file: out.mp4}
audio:
  music: {file: music.wav, gain: -14dB, fade_out: 1, duck: {under: voice, by: -12dB}}
  voice:
    - {id: hello, file: vo_01.wav, at: open}
    - {file: vo_03.wav, at: close, offset: 0.2}
  loudness: -16 LUFS
captions:
  script: ["Welcome to the product tour.", "Start your free trial today."]
  export: [srt, vtt]
shots:
  - id: open
    duration: auto
    background: {color: primary}
  - id: close
    duration: auto
    background: {color: paper}
"""


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    from compositor.cli import app  # noqa: F401  (import check before the subprocess)

    d = tmp_path_factory.mktemp("soundtrack")
    make_music(d / "music.wav", seconds=10)
    for f in ("vo_01.wav", "vo_03.wav"):
        shutil.copy(DATA / f, d / f)
    (d / "project.yaml").write_text(PROJECT)
    return d


def test_render_has_voice_fitted_shots_audio_and_sidecars(rendered, compositor_cli):
    r = compositor_cli("render", rendered / "project.yaml", cwd=rendered, timeout=300)
    assert r.returncode == 0, r.stderr
    out = rendered / "out.mp4"
    with av.open(str(out)) as c:
        v, a = c.streams.video[0], c.streams.audio[0]
        n = sum(1 for _ in c.decode(v))
        assert a.codec_context.name == "aac" and a.codec_context.sample_rate == 48000
        video_s = n / 25
        audio_s = float(a.duration * a.time_base)
    assert abs(audio_s - video_s) <= 1 / 25 + 0.03
    # shots fit their voice clips: vo_01 is 2.02 s (+0.5 s padding), vo_03 1.99 s + 0.2 s offset (+0.5 s)
    assert abs(video_s - (2.02 + 0.5 + 0.2 + 1.99 + 0.5)) < 0.15

    import pysrt
    import webvtt

    subs = pysrt.open(str(rendered / "out.srt"))
    assert [s.text.replace("\n", " ") for s in subs] == ["Welcome to the product tour.",
                                                         "Start your free trial today."]
    assert len(list(webvtt.read(str(rendered / "out.vtt")))) == 2
    # the second line starts on the second voice clip's speech onset (close starts at ~2.5 s, +0.2 s offset)
    start2 = subs[1].start.ordinal / 1000
    assert 2.5 < start2 < 3.0


def test_burned_in_caption_reads_back(rendered, compositor_cli, tmp_path):
    import pytesseract
    from PIL import Image

    png = tmp_path / "f.png"
    r = compositor_cli("preview", rendered / "project.yaml", "--at", "1.2", "-o", png, cwd=rendered)
    assert r.returncode == 0, r.stderr
    img = np.asarray(Image.open(png).convert("L"))
    crop = img[int(img.shape[0] * 0.6):]
    # light text on a dark plate: invert for tesseract
    text = pytesseract.image_to_string(Image.fromarray(255 - crop), config="--psm 6")
    assert " ".join(text.split()) == "Welcome to the product tour."


def test_timeline_lists_shots_clips_and_captions(rendered, compositor_cli):
    import json

    r = compositor_cli("timeline", rendered / "project.yaml", "--json", cwd=rendered)
    assert r.returncode == 0, r.stderr
    items = json.loads(r.stdout)["items"]
    kinds = [i["kind"] for i in items]
    assert kinds.count("shot") == 2 and kinds.count("voice") == 2 and kinds.count("caption") == 2
    assert "music" in kinds


def test_unknown_shot_reference_is_a_user_error(rendered, compositor_cli, tmp_path):
    bad = (rendered / "project.yaml").read_text().replace("at: close", "at: closing")
    p = rendered / "bad.yaml"
    p.write_text(bad)
    r = compositor_cli("validate", p, cwd=rendered)
    assert r.returncode == 2
    assert "bad.yaml:" in r.stderr and "audio.voice" in r.stderr and "Traceback" not in r.stderr
