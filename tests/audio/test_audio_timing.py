import wave

import pytest

from compositor.audio import AudioSpec, auto_shot_duration, check_voice_fit, place_clips, voice_clip_durations
from compositor.errors import FieldError

from audio_media import DATA, project_dir


def wav_seconds(path):
    with wave.open(str(path)) as w:
        return w.getnframes() / w.getframerate()


@pytest.fixture
def folder(tmp_path):
    return project_dir(tmp_path)


def spec(**data):
    return AudioSpec.model_validate(data)


def test_voice_durations_are_the_files_lengths(folder):
    s = spec(voice=[{"id": "hello", "file": "vo_01.wav"}, {"file": "vo_02.wav"}])
    d = voice_clip_durations(s, folder)
    assert set(d) == {"hello", "voice[1]"}
    assert d["hello"] == pytest.approx(wav_seconds(DATA / "vo_01.wav"), abs=1e-3)
    assert d["voice[1]"] == pytest.approx(wav_seconds(DATA / "vo_02.wav"), abs=1e-3)


def test_auto_shot_fits_its_voice_including_after_chains(folder):
    s = spec(voice=[{"id": "a", "file": "vo_01.wav", "at": "open", "offset": 0.25},
                    {"file": "vo_02.wav", "after": "a", "offset": 0.4},
                    {"file": "vo_03.wav", "at": "end"}])
    d1, d2, d3 = (wav_seconds(DATA / f) for f in ("vo_01.wav", "vo_02.wav", "vo_03.wav"))
    assert auto_shot_duration("open", s, folder, padding=0.5) == pytest.approx(0.25 + d1 + 0.4 + d2 + 0.5, abs=2e-3)
    assert auto_shot_duration("end", s, folder, padding=0.0) == pytest.approx(d3, abs=2e-3)
    assert auto_shot_duration("middle", s, folder) is None


def test_place_resolves_at_after_offset_and_default_follow(folder):
    s = spec(music={"file": "music.wav"},
             voice=[{"id": "a", "file": "vo_01.wav", "at": "open", "offset": 0.3},
                    {"file": "vo_02.wav"},                          # follows a
                    {"file": "vo_03.wav", "at": 9.0}],
             sfx=[{"file": "click.wav", "after": "a", "offset": -0.1}, {"file": "click.wav", "at": "cta"}])
    placed = {p.id: p for p in place_clips(s, {"open": 2.0, "cta": 7.5}, folder)}
    d1 = wav_seconds(DATA / "vo_01.wav")
    assert placed["music"].start == 0.0 and placed["music"].kind == "music"
    assert placed["a"].start == pytest.approx(2.3)
    assert placed["voice[1]"].start == pytest.approx(2.3 + d1, abs=1e-3)
    assert placed["voice[2]"].start == 9.0
    assert placed["sfx[0]"].start == pytest.approx(2.3 + d1 - 0.1, abs=1e-3)
    assert placed["sfx[1]"].start == 7.5
    # re-placing after the shots moved keeps every clip on its shot
    moved = {p.id: p for p in place_clips(s, {"open": 3.0, "cta": 8.0}, folder)}
    assert moved["a"].start - placed["a"].start == pytest.approx(1.0)
    assert moved["sfx[1]"].start == 8.0


def test_errors_point_at_the_field(folder):
    with pytest.raises(FieldError) as e:
        place_clips(spec(voice=[{"file": "vo_01.wav", "at": "nope"}]), {"open": 0.0}, folder)
    assert e.value.path == ("voice", 0, "at") and "open" in e.value.fix
    with pytest.raises(FieldError) as e:
        place_clips(spec(voice=[{"id": "a", "file": "vo_01.wav", "after": "b"},
                                {"id": "b", "file": "vo_02.wav", "after": "a"}]), {}, folder)
    assert "circle" in e.value.message
    with pytest.raises(FieldError) as e:
        voice_clip_durations(spec(voice=[{"file": "vo_01.wav"}, {"file": "missing.wav"}]), folder)
    assert e.value.path == ("voice", 1, "file") and "does not exist" in e.value.message
    (folder / "bad.wav").write_bytes(b"RIFF not really a wave file")
    with pytest.raises(FieldError) as e:
        voice_clip_durations(spec(voice=[{"file": "bad.wav"}]), folder)
    assert e.value.path == ("voice", 0, "file") and "bad.wav" in e.value.message
    with pytest.raises(FieldError) as e:
        place_clips(spec(voice=[{"file": "vo_01.wav", "at": "open", "offset": -1}]), {"open": 0.5}, folder)
    assert e.value.path == ("voice", 0, "offset")
    with pytest.raises(FieldError) as e:
        place_clips(spec(sfx=[{"file": "click.wav", "after": "ghost"}]), {}, folder)
    assert e.value.path == ("sfx", 0, "after")


def test_fit_checks(folder):
    s = spec(voice=[{"file": "vo_02.wav", "at": "open"}, {"file": "vo_01.wav", "at": 3.0}])
    placed = place_clips(s, {"open": 0.0}, folder)
    warnings = check_voice_fit(placed, {"open": (0.0, 2.0)}, 10.0, s)
    assert any(w.path == ("voice", 0) and "past the end of shot 'open'" in w.message for w in warnings)
    assert any(w.path == ("voice", 1) and "before" in w.message for w in warnings)       # overlaps voice[0]
    with pytest.raises(FieldError):
        check_voice_fit(placed, {"open": (0.0, 2.0)}, 10.0, s, strict=True)
    assert not [w for w in check_voice_fit(placed, {"open": (0.0, 2.0)}, 10.0, s, auto_shots=("open",))
                if "shot" in w.message]
    with pytest.raises(FieldError) as e:
        check_voice_fit(placed, {"open": (0.0, 4.0)}, 4.0, s)      # voice[1] would be cut off by the end
    assert e.value.path == ("voice", 1) and "cut off" in e.value.message
