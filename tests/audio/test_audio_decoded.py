"""The bars, measured on files written by mux_audio and decoded again."""
import re
import shutil
import subprocess

import av
import numpy as np
import pytest

from compositor.audio import AudioSpec, attach_audio, codec_margin_db, has_audio, integrated_lufs, mix, mux_audio, place_clips, true_peak_dbtp

from audio_media import (RATE, decode_timed_audio, flash_time, project_dir, render_flash_video, tone_level_db)

FPS = 30


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return project_dir(tmp_path_factory.mktemp("audio"))


@pytest.fixture(scope="module")
def video(folder):
    return render_flash_video(folder / "picture.mp4", fps=FPS, frames=300, flash=45)


def ducked_spec(loudness="-16 LUFS", by="-12dB"):
    return AudioSpec.model_validate({
        "music": {"file": "music.wav", "gain": "-14dB", "fade_in": 1, "fade_out": 2,
                  "duck": {"under": "voice", "by": by, "attack": 0.2, "release": 0.5}},
        "voice": [{"id": "line", "file": "vo_02.wav", "at": "open"}],
        "loudness": loudness})


@pytest.fixture(scope="module")
def ducked(folder):
    spec = ducked_spec()
    placed = place_clips(spec, {"open": 3.0}, folder)
    return spec, placed, mix(spec, placed, 10.0, folder)


@pytest.mark.parametrize("ext,codec", [("mp4", "aac"), ("webm", "opus"), ("mov", "pcm_s24le")])
def test_codec_rate_duration_and_untouched_video(folder, ducked, ext, codec):
    _, _, (samples, rate, _) = ducked
    src = render_flash_video(folder / f"src.{ext}", fps=FPS, frames=300, flash=45)
    out = mux_audio(src, samples, rate, folder / f"out.{ext}")
    with av.open(str(out)) as c:
        a, v = c.streams.audio[0], c.streams.video[0]
        assert a.codec_context.name == codec
        assert a.codec_context.sample_rate == 48000 and a.codec_context.channels == 2
    decoded, start = decode_timed_audio(out)
    assert abs(start) < 1e-6
    assert abs(len(decoded) / RATE - 10.0) <= 1 / FPS
    with av.open(str(src)) as a_in, av.open(str(out)) as b_out:       # the picture is copied, not re-encoded
        before = [bytes(p) for p in a_in.demux(video=0) if p.size]
        after = [bytes(p) for p in b_out.demux(video=0) if p.size]
    assert before == after and len(before) == 300


@pytest.mark.parametrize("ext", ["mp4", "webm"])
def test_music_ducks_by_the_configured_amount(folder, ducked, video, ext):
    spec, placed, (samples, rate, report) = ducked
    voice = next(p for p in placed if p.kind == "voice")
    out = mux_audio(video if ext == "mp4" else render_flash_video(folder / "p.webm", frames=300), samples, rate,
                    folder / f"duck.{ext}")
    x, _ = decode_timed_audio(out)
    before = tone_level_db(x, 1.5, 2.6)                       # after the fade-in, before the look-ahead ramp
    during = tone_level_db(x, voice.start + 0.3, voice.end - 0.2)
    after = tone_level_db(x, voice.end + 0.9, 7.9)            # released, before the fade-out
    assert during - before == pytest.approx(-12.0, abs=1.5)
    assert after - before == pytest.approx(0.0, abs=1.5)
    assert report["duck"]["deepest_db"] == pytest.approx(-12.0)


@pytest.mark.parametrize("target", [-16.0, -23.0])
@pytest.mark.parametrize("ext", ["mp4", "webm"])
def test_loudness_and_true_peak_of_the_delivered_file(folder, video, target, ext):
    spec = ducked_spec(loudness=f"{target} LUFS")
    spec.sfx.append(spec.voice[0].model_validate({"file": "click.wav", "at": 1.2}))   # a hot transient
    placed = place_clips(spec, {"open": 3.0}, folder)
    target_path = folder / f"loud.{ext}"
    samples, rate, report = mix(spec, placed, 10.0, folder, codec_margin_db=codec_margin_db(target_path))
    pic = video if ext == "mp4" else render_flash_video(folder / "p2.webm", frames=300)
    x, _ = decode_timed_audio(mux_audio(pic, samples, rate, target_path))
    assert integrated_lufs(x, RATE) == pytest.approx(target, abs=1.0)
    assert true_peak_dbtp(x, RATE) <= -1.0
    assert report["loudness"]["integrated_lufs"] == pytest.approx(target, abs=0.1)


@pytest.mark.parametrize("ext", ["mp4", "webm", "mov"])
def test_click_and_flash_land_together(folder, ext):
    src = render_flash_video(folder / f"sync.{ext}", fps=FPS, frames=120, flash=45)     # flash at 1.5 s
    spec = AudioSpec.model_validate({"voice": [{"file": "vo_01.wav", "at": 2.0}],
                                     "sfx": [{"file": "click.wav", "at": 45 / FPS}]})
    samples, rate, _ = mix(spec, place_clips(spec, {}, folder), 4.0, folder)
    out = mux_audio(src, samples, rate, folder / f"sync_out.{ext}")
    x, start = decode_timed_audio(out)
    mono = np.abs(x.mean(axis=1))
    lo, hi = int(1.0 * RATE), int(1.95 * RATE)
    onset = start + (lo + int(np.argmax(mono[lo:hi] > 0.05 * mono[lo:hi].max()))) / RATE
    assert abs(onset - flash_time(out)) < 1 / FPS


def test_mux_is_atomic_and_in_place(folder, video, ducked):
    _, _, (samples, rate, _) = ducked
    target = folder / "keep.mp4"
    target.write_bytes(b"the previous good render")
    with pytest.raises(Exception):
        mux_audio(folder / "missing.mp4", samples, rate, target)
    assert target.read_bytes() == b"the previous good render"
    assert not list(folder.glob(".keep.*partial*"))
    copy = folder / "inplace.mp4"
    copy.write_bytes(video.read_bytes())
    mux_audio(copy, samples, rate, copy)
    with av.open(str(copy)) as c:
        assert len(c.streams.audio) == 1 and len(c.streams.video) == 1


def test_video_only_projects_have_no_audio():
    assert not has_audio(None) and not has_audio(AudioSpec())
    assert has_audio(AudioSpec.model_validate({"voice": [{"file": "a.wav"}]}))


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="needs the ffmpeg program as an independent meter")
def test_meters_agree_with_ffmpeg_ebur128(folder, video, ducked):
    """Our BS.1770 loudness and 4x true peak against ffmpeg's own ebur128 filter on the delivered file."""
    _, _, (samples, rate, _) = ducked
    out = mux_audio(video, samples, rate, folder / "meter.mp4")
    log = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-i", str(out), "-map", "0:a",
                          "-af", "ebur128=peak=true", "-f", "null", "-"], capture_output=True, text=True).stderr
    summary = log[log.rindex("Summary:"):]
    their_i = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    their_tp = float(re.search(r"Peak:\s+(-?[\d.]+) dBFS", summary).group(1))
    x, _ = decode_timed_audio(out)
    assert integrated_lufs(x, RATE) == pytest.approx(their_i, abs=0.2)
    assert true_peak_dbtp(x, RATE) == pytest.approx(their_tp, abs=0.2)
    assert their_tp <= -1.0 and their_i == pytest.approx(-16.0, abs=1.0)


def test_attach_audio_in_place_and_beside_png_sequences(folder, ducked):
    spec, _, _ = ducked
    movie = render_flash_video(folder / "attach.mp4", fps=FPS, frames=300)
    report = attach_audio(spec, {"open": (3.0, 10.0)}, 10.0, folder, movie)
    with av.open(str(movie)) as c:
        assert c.streams.audio[0].codec_context.name == "aac"
    assert report["warnings"] == [] and report["loudness"]["integrated_lufs"] == pytest.approx(-16, abs=0.1)
    frames = folder / "frames"
    frames.mkdir()
    report = attach_audio(spec, {"open": (0.0, 2.0)}, 10.0, folder, frames)
    wav = folder / "frames.wav"
    assert report["output"] == str(wav) and integrated_lufs(decode_timed_audio(wav)[0], RATE) == pytest.approx(
        -16, abs=0.2)
    assert report["warnings"] and "past the end of shot 'open'" in report["warnings"][0].message
    assert attach_audio(AudioSpec(), {}, 10.0, folder, movie) is None
