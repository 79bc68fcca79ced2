"""Mix a 60 s soundtrack (music bed with fades, six voice takes, four clicks) with compositor.audio.mix and
with moviepy 2's CompositeAudioClip, and print the time ratio.

moviepy does the same placement, gains and fades but has no sidechain ducking or loudness normalisation, so
two of our timings are printed: the full mix (ducking, BS.1770 loudness, true-peak limiter) and the plain
sum (placement, gains, fades only), which is the like-for-like comparison.

    python bench/audio_mix.py
"""
from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compositor.audio import AudioSpec, mix, place_clips, write_wav  # noqa: E402
from compositor.audio.decode import _decode_cached  # noqa: E402

RATE = 48000
SECONDS = 60.0


def material(folder: Path) -> AudioSpec:
    t = np.arange(int(SECONDS * RATE)) / RATE
    x = 0.3 * np.sin(2 * np.pi * 220 * t) * (0.8 + 0.2 * np.sin(2 * np.pi * 2 * t))
    write_wav(folder / "music.wav", np.stack([x, x], 1))
    click = np.zeros(2400)
    click[:48] = 0.8 * np.hanning(48)
    write_wav(folder / "click.wav", np.stack([click, click], 1))
    for name in ("vo_01", "vo_02", "vo_03"):
        shutil.copy(ROOT / "tests" / "data" / "audio" / f"{name}.wav", folder / f"{name}.wav")
    voice = [{"file": f"vo_0{1 + i % 3}.wav", "at": 2.0 + 9.0 * i} for i in range(6)]
    sfx = [{"file": "click.wav", "at": 5.0 + 13.0 * i} for i in range(4)]
    return AudioSpec.model_validate({"music": {"file": "music.wav", "gain": "-14dB", "fade_in": 1, "fade_out": 2,
                                               "duck": {"by": "-12dB"}},
                                     "voice": voice, "sfx": sfx, "loudness": "-16 LUFS"})


def ours(spec: AudioSpec, folder: Path, plain: bool) -> float:
    _decode_cached.cache_clear()                      # decoding counts, as it does for moviepy
    t0 = time.perf_counter()
    if plain:
        spec = spec.model_copy(update={"music": spec.music.model_copy(update={"duck": None})})
    mix(spec, place_clips(spec, {}, folder), SECONDS, folder, master=not plain)
    return time.perf_counter() - t0


def peer(spec: AudioSpec, folder: Path) -> float:
    from moviepy import AudioFileClip, CompositeAudioClip
    from moviepy.audio.fx import AudioFadeIn, AudioFadeOut, MultiplyVolume

    t0 = time.perf_counter()
    clips = []
    m = spec.music
    music = AudioFileClip(str(folder / m.file), fps=RATE).with_effects(
        [MultiplyVolume(10 ** (m.gain / 20)), AudioFadeIn(m.fade_in), AudioFadeOut(m.fade_out)])
    clips.append(music)
    placed = place_clips(spec, {}, folder)
    for p in placed:
        if p.kind != "music":
            clips.append(AudioFileClip(str(p.file), fps=RATE).with_start(p.start))
    out = CompositeAudioClip(clips).with_duration(SECONDS)
    out.to_soundarray(fps=RATE)
    for c in clips:
        c.close()
    return time.perf_counter() - t0


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        spec = material(folder)
        place_clips(spec, {}, folder)                 # warm imports
        runs = 3
        full = min(ours(spec, folder, plain=False) for _ in range(runs))
        plain = min(ours(spec, folder, plain=True) for _ in range(runs))
        theirs = min(peer(spec, folder) for _ in range(runs))
    print(f"60 s stereo mix at 48 kHz, best of {runs}")
    print(f"  moviepy CompositeAudioClip (place, gain, fades):           {theirs:6.2f} s")
    print(f"  compositor.audio.mix, same work (no ducking, no loudness):  {plain:6.2f} s  "
          f"-> {theirs / plain:5.1f}x faster")
    print(f"  compositor.audio.mix, full (ducking, LUFS, true-peak limit): {full:6.2f} s  "
          f"-> {theirs / full:5.1f}x moviepy's time")


if __name__ == "__main__":
    main()
