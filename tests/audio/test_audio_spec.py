import pytest
from pydantic import ValidationError

from compositor.audio.spec import AudioSpec, parse_db, parse_lufs


@pytest.mark.parametrize("text,value", [("-14dB", -14.0), ("-14 dB", -14.0), (" -3.5DB ", -3.5), (-6, -6.0),
                                        ("0", 0.0), ("+2dB", 2.0)])
def test_db_strings(text, value):
    assert parse_db(text) == value


@pytest.mark.parametrize("text", ["-14 dBFS", "loud", "", True, "--3dB"])
def test_bad_db_strings_say_how_to_write_them(text):
    with pytest.raises(ValueError) as e:
        parse_db(text)
    assert "-14dB" in str(e.value)


def test_lufs_and_range():
    assert parse_lufs("-16 LUFS") == -16.0
    assert parse_lufs("-23LKFS") == -23.0
    assert parse_lufs(-14) == -14.0
    with pytest.raises(ValueError, match="LUFS"):
        parse_lufs("-16 dB")
    with pytest.raises(ValueError, match="-70"):
        parse_lufs("+3 LUFS")


def test_the_issue_example_validates():
    spec = AudioSpec.model_validate({
        "music": {"file": "assets/music.mp3", "gain": "-14dB", "fade_in": 1, "fade_out": 2,
                  "duck": {"under": "voice", "by": "-12dB", "attack": 0.2, "release": 0.5}},
        "voice": [{"file": "assets/vo/01.wav", "at": "open"},
                  {"file": "assets/vo/02.wav", "at": "footage", "offset": 0.3}],
        "sfx": [{"file": "assets/click.wav", "at": 7.4}],
        "loudness": "-16 LUFS"})
    assert spec.music.gain == -14.0 and spec.music.duck.by == -12.0
    assert spec.voice[1].at == "footage" and spec.voice[1].offset == 0.3
    assert spec.sfx[0].at == 7.4 and spec.loudness == -16.0 and spec.true_peak == -1.0


def _errors(data):
    with pytest.raises(ValidationError) as e:
        AudioSpec.model_validate(data)
    return e.value.errors()


def test_errors_name_the_field():
    err = _errors({"music": {"file": "m.wav", "gain": "-14 dBFS"}})[0]
    assert err["loc"][:2] == ("music", "gain") and "dBFS" in err["msg"]
    err = _errors({"voice": [{"file": "a.wav", "at": "open", "after": "x"}]})[0]
    assert err["loc"][:2] == ("voice", 0) and "not both" in err["msg"]
    err = _errors({"music": {"file": "m.wav", "duck": {"by": "6dB"}}})[0]
    assert err["loc"][:3] == ("music", "duck", "by") and "cut" in err["msg"]
    err = _errors({"voice": [{"file": "a.wav", "strat": 1}]})[0]
    assert err["type"] == "extra_forbidden"
    assert "no place" in _errors({"sfx": [{"file": "c.wav"}]})[0]["msg"]
    assert "own id" in _errors({"voice": [{"id": "a", "file": "a.wav"}], "sfx": [{"id": "a", "file": "c.wav",
                                                                                 "at": 1}]})[0]["msg"]


def test_seconds_with_unit_are_times_not_shot_ids():
    spec = AudioSpec.model_validate({"sfx": [{"file": "c.wav", "at": "7.4s"}, {"file": "c.wav", "at": "intro"}, {"file": "c.wav", "at": "2"}]})
    assert spec.sfx[0].at == 7.4 and spec.sfx[1].at == "intro" and spec.sfx[2].at == 2.0
