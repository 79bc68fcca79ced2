"""Deflicker on real footage with injected flicker: the bars are measured, not assumed.

Bars (deflicker: auto): warping error down >= 60 %, variance-of-Laplacian sharpness down <= 5 %,
a clean clip passes at PSNR >= 40 dB."""
import numpy as np
import pytest

from compositor.consistency import synthetic as S
from compositor.consistency.deflicker import Deflicker, deflicker_frames, deflicker_stream
from compositor.consistency.score import analyze
from coherence_media import clip, fps, psnr, sharpness

CLIPS = ["ship", "bedroom", pytest.param("mural", marks=pytest.mark.slow), pytest.param("face", marks=pytest.mark.slow)]
N = 16


def _werr(frames, rate):
    return analyze(frames, rate).metrics["warp_error"]


@pytest.mark.parametrize("kind", ["global", "local"])
@pytest.mark.parametrize("name", CLIPS)
def test_auto_removes_flicker_and_keeps_detail(name, kind):
    frames = clip(name, N)
    flickered = (S.global_flicker(frames, 0.05, seed=1) if kind == "global"
                 else S.local_flicker(frames, 0.1, seed=2))
    out = deflicker_frames(flickered, "auto")
    before, after = _werr(flickered, fps(name)), _werr(out, fps(name))
    assert after <= 0.4 * before, (before, after)
    assert sharpness(out) >= 0.95 * sharpness(flickered)
    assert psnr(out, frames) > psnr(flickered, frames) + 3.0      # closer to the real footage than before


@pytest.mark.parametrize("name", CLIPS)
def test_clean_clip_passes_almost_unchanged(name):
    frames = clip(name, N)
    assert psnr(deflicker_frames(frames, "auto"), frames) >= 40.0


def test_modes_trade_strength():
    frames = clip("ship", N)
    flickered = S.local_flicker(frames, 0.1, seed=2)
    errs = {m: _werr(deflicker_frames(flickered, m), 8) for m in ("light", "auto", "strong")}
    assert errs["strong"] <= errs["auto"] < errs["light"] < _werr(flickered, 8), errs


def test_random_access_matches_a_sequential_pass():
    frames = S.global_flicker(clip("face", 12), 0.05, seed=1)
    seq = deflicker_frames(frames, "auto")
    d = Deflicker(lambda i: frames[i], len(frames), "auto")
    for i in (9, 2, 11, 0, 5):                      # chunks render in any order
        assert np.array_equal(d(i), seq[i])
    streamed = list(deflicker_stream(iter(frames), len(frames), "auto"))
    assert all(np.array_equal(a, b) for a, b in zip(streamed, seq))
    # a clip longer than the cache: the stream never re-reads a frame it has let go
    small = S.global_flicker(S.pan_zoom(clip("bedroom", 1)[0], 48, (192, 128)), 0.05, seed=5)
    streamed = list(deflicker_stream(iter(small), len(small), "strong"))
    assert all(np.array_equal(a, b) for a, b in zip(streamed, deflicker_frames(small, "strong")))


def test_off_and_cuts():
    frames = clip("face", 6)
    assert all(a is b for a, b in zip(deflicker_frames(frames, "off"), frames))
    cut = clip("face", 6) + clip("ship", 6)          # a hard cut: nothing is averaged across it
    out = deflicker_frames(cut, "auto")
    assert psnr(out[6:], cut[6:]) > 40 and psnr(out[:6], cut[:6]) > 40
    with pytest.raises(ValueError):
        Deflicker(lambda i: frames[i], 6, "medium")
