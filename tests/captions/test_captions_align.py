"""Script-to-voice placement on real synthetic speech (espeak-ng clips in tests/data/audio)."""
from pathlib import Path

import numpy as np
import pytest

from compositor.audio import AudioSpec, decode_audio, place_clips, write_wav
from compositor.captions import CaptionsSpec, build_cues

DATA = Path(__file__).resolve().parent.parent / "data" / "audio"
RATE = 48000
LINES = ["Welcome to the product tour.", "Drag any file into the window, and it syncs everywhere.",
         "Start your free trial today."]


def onset(x: np.ndarray) -> float:
    """Ground truth: the first sample of the clean take that is not silence."""
    return float(np.flatnonzero(np.abs(x).max(axis=1) > 1e-3)[0]) / RATE


def one_take(tmp: Path, noise_dbfs: float = -50.0, gaps=(0.7, 0.9, 0.6)) -> tuple[Path, list[float]]:
    """The three lines read as one recording with pauses and a noise floor; returns the truth onsets."""
    rng = np.random.default_rng(7)
    parts, truth, t = [], [], 0.0
    for gap, name in zip(gaps, ("vo_01", "vo_02", "vo_03")):
        x = np.asarray(decode_audio(DATA / f"{name}.wav"))
        parts += [np.zeros((int(gap * RATE), 2), np.float32), x]
        truth.append(t + gap + onset(x))
        t += gap + len(x) / RATE
    parts.append(np.zeros((int(0.5 * RATE), 2), np.float32))
    take = np.concatenate(parts)
    take = take + (10 ** (noise_dbfs / 20) * rng.standard_normal(take.shape)).astype(np.float32)
    return write_wav(tmp / "take.wav", take), truth


def test_lines_start_within_0_3s_of_speech_in_one_take(tmp_path):
    take, truth = one_take(tmp_path)
    audio = AudioSpec.model_validate({"voice": [{"id": "vo", "file": "take.wav", "at": 1.0}]})
    placed = place_clips(audio, {}, tmp_path)
    report = {}
    cues = build_cues(CaptionsSpec(script=LINES), placed, tmp_path, report=report)
    assert [c.text for c in cues] == LINES
    errors = [abs(c.start - (1.0 + t)) for c, t in zip(cues, truth)]
    assert max(errors) < 0.3, errors
    assert report["fit"]["score"] >= 0.8 and not report["warnings"]
    assert all(a.end <= b.start for a, b in zip(cues, cues[1:]))
    # estimated word times stay inside the line and in order
    for c in cues:
        assert c.words_estimated and len(c.words) == len(c.text.split())
        assert c.words[0].start == pytest.approx(c.start) and c.words[-1].end <= c.end
        assert all(a.end <= b.start + 1e-6 for a, b in zip(c.words, c.words[1:]))


def test_lines_follow_separate_clips_placed_on_shots(tmp_path):
    for name in ("vo_01", "vo_02", "vo_03"):
        (tmp_path / f"{name}.wav").write_bytes((DATA / f"{name}.wav").read_bytes())
    audio = AudioSpec.model_validate({"voice": [{"id": "a", "file": "vo_01.wav", "at": "open", "offset": 0.4},
                                                {"id": "b", "file": "vo_02.wav", "at": "demo"},
                                                {"id": "c", "file": "vo_03.wav", "after": "b", "offset": 0.5}]})
    placed = place_clips(audio, {"open": 0.0, "demo": 3.0}, tmp_path)
    cues = build_cues(CaptionsSpec(script="\n".join(LINES)), placed, tmp_path)
    truth = [p.start + onset(np.asarray(decode_audio(p.file))) for p in placed]
    assert max(abs(c.start - t) for c, t in zip(cues, truth)) < 0.3


WRONG = ["Hi.", "Welcome to the product tour, drag any file into the window.", "And it syncs.",
         "Start your free trial today, and tell all of your friends and your family about it."]


@pytest.mark.parametrize("script", [WRONG, LINES[:2], LINES + ["Thanks for watching."]],
                         ids=["rewritten", "line-missing", "line-extra"])
def test_a_script_that_does_not_match_is_reported(tmp_path, script):
    one_take(tmp_path)
    audio = AudioSpec.model_validate({"voice": [{"file": "take.wav"}]})
    report = {}
    build_cues(CaptionsSpec(script=script), place_clips(audio, {}, tmp_path), tmp_path, report=report)
    assert report["fit"]["score"] < CaptionsSpec(script=["x"]).min_fit
    assert report["warnings"] and report["warnings"][0].path == ("script",)


def test_script_needs_a_voice(tmp_path):
    from compositor.errors import FieldError

    with pytest.raises(FieldError) as e:
        build_cues(CaptionsSpec(script=LINES), [], tmp_path)
    assert e.value.path == ("script",)
    take, _ = one_take(tmp_path)
    placed = place_clips(AudioSpec.model_validate({"voice": [{"id": "vo", "file": "take.wav"}]}), {}, tmp_path)
    with pytest.raises(FieldError) as e:
        build_cues(CaptionsSpec(script=LINES, voice=["narrator"]), placed, tmp_path)
    assert e.value.path == ("voice", 0) and "vo" in e.value.fix
