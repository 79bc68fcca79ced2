import numpy as np
import pytest

from compositor.audio import AudioSpec, mix, place_clips, write_wav

RATE = 48000


def level_db(x, t0, t1):
    seg = x[int(t0 * RATE):int(t1 * RATE)]
    return 10 * np.log10(np.mean(seg.astype(np.float64) ** 2) + 1e-20)


@pytest.fixture
def folder(tmp_path):
    t = np.arange(int(3.0 * RATE)) / RATE
    x = 0.5 * np.sin(2 * np.pi * 440 * t)
    write_wav(tmp_path / "tone.wav", np.stack([x, x], 1))
    return tmp_path


def test_gain_fades_and_loop(folder):
    spec = AudioSpec.model_validate({"music": {"file": "tone.wav", "gain": "-6dB", "fade_in": 1, "fade_out": 2,
                                               "loop": True, "start": 0.5}})
    x, rate, _ = mix(spec, place_clips(spec, {}, folder), 10.0, folder, master=False)
    assert rate == RATE and x.shape == (10 * RATE, 2) and x.dtype == np.float32
    full = 20 * np.log10(0.5 / np.sqrt(2))
    assert level_db(x, 0.0, 0.5) < -100                                   # starts at 0.5 s
    assert level_db(x, 2.0, 7.0) == pytest.approx(full - 6.0, abs=0.1)     # gain, and looped past 3.5 s
    assert level_db(x, 5.0, 6.0) == pytest.approx(full - 6.0, abs=0.1)
    half_in = level_db(x, 0.95, 1.05)                                      # halfway through the fade-in
    assert half_in == pytest.approx(full - 6.0 + 20 * np.log10(0.5), abs=0.5)
    assert level_db(x, 8.95, 9.05) == pytest.approx(full - 6.0 + 20 * np.log10(0.5), abs=0.5)
    assert level_db(x, 9.99, 10.0) < full - 40


def test_without_loop_the_bed_ends_with_its_file(folder):
    spec = AudioSpec.model_validate({"music": {"file": "tone.wav"}})
    x, _, _ = mix(spec, place_clips(spec, {}, folder), 5.0, folder, master=False)
    assert level_db(x, 3.05, 5.0) < -100 and level_db(x, 1.0, 2.9) > -10
