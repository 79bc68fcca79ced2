"""LTX-2 joint audio: the model's own sound becomes a clip on the timeline, in step with the frames it came with.

Everything runs on a tiny LTX-2 folder the tests build (Gemma 3 text encoder from a config, a local tokenizer):
the sound is the pipeline's own (compared with a direct diffusers call), cached with the frames, laid on the
clip's clock across chunks, and found in the rendered file at its shot's time — a marker put at a known native
frame lands on that frame's time, and the picture there is that frame.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from compositor.diffusion import cache
from compositor.diffusion.sound import join
from compositor.errors import UserError
from compositor.sources.generate import GenerateSource
from diffusion_helpers import HINTS, make_ctx
MIX = 48000


@pytest.fixture(scope="session")
def ltx2_models(tmp_path_factory) -> Path:
    """ltx2 (LTX2Pipeline) and ltx2_condition (LTX2ConditionPipeline), built once per test session."""
    from diffusion_tiny_ltx2 import build_ltx2

    root = tmp_path_factory.mktemp("ltx2")
    build_ltx2(root / "ltx2")
    build_ltx2(root / "ltx2_condition", "LTX2ConditionPipeline")
    for name in ("ltx2", "ltx2_condition"):
        (root / name / "compositor.json").write_text(json.dumps(HINTS))
    return root


@pytest.fixture
def folder(tmp_path, ltx2_models) -> Path:
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "ltx-2").symlink_to(ltx2_models / "ltx2", target_is_directory=True)
    (tmp_path / "models" / "ltx-2-condition").symlink_to(ltx2_models / "ltx2_condition", target_is_directory=True)
    return tmp_path


def _decoded_audio(path: Path) -> np.ndarray:
    """Mono float samples of the first audio stream at 48 kHz, from the file's first sample (priming trimmed)."""
    import av

    with av.open(str(path)) as c:
        chunks = []
        for f in c.decode(c.streams.audio[0]):
            a = f.to_ndarray().astype(np.float64)
            if a.dtype.kind == "i":
                a = a / 2 ** 31
            chunks.append(a.mean(axis=0) if f.format.is_planar else a.reshape(-1, len(f.layout.channels)).mean(1))
        return np.concatenate(chunks)


def _lag(signal: np.ndarray, template: np.ndarray) -> tuple[float, float]:
    """(seconds, normalised correlation) where `template` sits in `signal` best."""
    from scipy.signal import correlate

    t = template - template.mean()
    full = correlate(signal, t, mode="valid")
    ones = np.ones(len(t))
    energy = np.sqrt(np.maximum(np.convolve(signal ** 2, ones, mode="valid")
                                - np.convolve(signal, ones, mode="valid") ** 2 / len(t), 0.0))
    score = full / (np.linalg.norm(t) * np.maximum(energy, 0.05 * energy.max()))   # silence scores nothing
    k = int(np.argmax(score))
    return k / MIX, float(score[k])


def test_ltx2_folders_are_a_family_that_makes_sound(ltx2_models):
    from compositor.diffusion.families import detect

    plain, cond = detect(ltx2_models / "ltx2").family, detect(ltx2_models / "ltx2_condition").family
    assert plain.audio and cond.audio and plain.name == cond.name == "ltx2"
    assert (plain.t2v_class, plain.i2v_class, plain.last_frame) == ("LTX2Pipeline", "LTX2ImageToVideoPipeline", "")
    assert (cond.t2v_class, cond.last_frame) == ("LTX2ConditionPipeline", "ltx2-conditions")
    assert plain.size_multiple == 32 and plain.passes_fps


def test_sound_is_the_pipelines_own_and_cached_with_the_frames(folder):
    """One call: the shot's sound equals a direct diffusers call's `.audio`; a re-render reads it from the cache."""
    import torch
    from diffusers import DiffusionPipeline

    spec = {"prompt": "ocean waves sound", "model": "models/ltx-2", "seed": 5}
    src = GenerateSource(spec, folder)
    src.prepare(make_ctx(folder, size=(32, 32), fps=8.0, n_frames=8, use_cache=True))
    samples, rate = src.sound
    pipe = DiffusionPipeline.from_pretrained(str(folder / "models" / "ltx-2"), local_files_only=True)
    out = pipe(prompt="ocean waves sound", negative_prompt="", height=32, width=32, num_frames=9, frame_rate=8,
               num_inference_steps=2, guidance_scale=3.0, generator=torch.Generator("cpu").manual_seed(5),
               output_type="np", max_sequence_length=16)
    direct = out.audio[0].float().numpy().T
    assert rate == pipe.vocoder.config.output_sampling_rate == 1600
    # the call made 9 frames (2k+1) for the shot's 8: the clip keeps 8 frames and their 1 s of sound
    assert samples.shape == (1600, 2) and np.allclose(samples, direct[:1600], atol=1e-5)
    assert np.abs(src._resampler.native / 255.0 - out.frames[0][:8]).max() <= 1 / 255 + 1e-6

    again = GenerateSource(spec, folder)
    again.prepare(make_ctx(folder, size=(32, 32), fps=8.0, n_frames=8, use_cache=True))
    assert again.report["cache_hits"] == [True]
    assert np.array_equal(again.sound[0], samples) and again.sound[1] == rate
    assert cache.load_sound(folder / ".cache", again.report["key"])[1] == rate


def test_a_long_shot_keeps_every_chunk_on_its_own_frames():
    """By construction: each call's sound has a click at its own frame 4; after joining (first frames dropped)
    every click sits at the joined clip's time of that frame, whatever length each call's sound had."""
    fps, rate = 8.0, 1600
    calls, chunks, first = [], [], 0
    for k, raw in enumerate((9, 9, 5)):
        n = int(raw / fps * rate) - 37 * (k + 1)            # every call's sound a little short, differently
        s = np.zeros((n, 2), np.float32)
        s[int(4 / fps * rate)] = 1.0
        calls.append((raw, (s, rate)))
        drop = 0 if k == 0 else 1
        chunks.append((first, raw - drop))
        first += raw - drop
    sound, r = join(calls, chunks, fps, first)
    assert r == rate and len(sound) == int(round(first / fps * rate))
    clicks = np.flatnonzero(sound[:, 0] > 0.5) / rate
    frame0 = [0, 8, 16]                                      # where each chunk's own frame 0 sits in the clip
    assert np.allclose(clicks, [(f + 4) / fps for f in frame0], atol=1 / rate)


def _project(folder: Path, body: str) -> Path:
    text = ("compositor: 1\ntitle: Sound\noutput: {size: [64, 64], fps: 8, file: out.mp4}\n" + body)
    (folder / "project.yaml").write_text(text, encoding="utf-8")
    return folder / "project.yaml"


SHOTS = """shots:
  - id: title
    duration: 1
    background: {color: "#102030"}
  - id: waves
    duration: 2
    transition: {crossfade: 0.25}
    background:
      generate: {prompt: "ocean waves sound", model: models/ltx-2, seed: 3%s}
"""


def test_marker_at_a_known_frame_lands_on_that_frames_time(folder):
    """The shot's cached sound is replaced by silence with a click at native frame 8; in the rendered file the
    click is heard at the shot's start + 8 / 8 s, within one frame (figure printed), and the picture shown then is
    native frame 8. The genuine sound, rendered first, is found at the shot's start too."""
    from compositor.project.load import load_project
    from compositor.render import render
    from compositor.session import RenderSession

    path = _project(folder, SHOTS % "")
    project = load_project(path)
    out = render(project)
    shot = project.shots[1]
    start = shot.span.first / project.fps                  # 0.75 s: 8 frames of title less the 2-frame crossfade
    session = RenderSession(project)
    src = session.prepare(shot).source.unwrap()
    samples, rate = src.sound
    from compositor.project.footage_audio import to_mix_rate

    heard = _decoded_audio(out)
    template = to_mix_rate(samples, rate)[int(0.3 * MIX):int(1.9 * MIX)].mean(axis=1)   # past the fade-in
    lag, score = _lag(heard, template)
    print(f"genuine sound found at {lag - 0.3:.4f} s (shot starts {start:.4f} s), correlation {score:.3f}")
    assert abs(lag - 0.3 - start) <= 1 / project.fps / 4 and score > 0.9

    frames, meta = cache.load(project.cache_dir, src.report["key"], with_meta=True)
    marker = np.zeros_like(samples)
    at = int(8 / 8.0 * rate)                                 # native frame 8 at the model's 8 fps
    marker[at:at + 16] = 0.8 * np.sin(np.linspace(0, np.pi, 16))[:, None] * np.sin(np.arange(16) * 2.5)[:, None]
    cache.store(project.cache_dir, src.report["key"], frames, meta, sound=(marker, rate))
    out = render(load_project(path))
    heard = _decoded_audio(out)
    env = np.abs(heard)
    onset = np.flatnonzero(env > 0.25 * env.max())[0] / MIX
    want = start + 8 / 8.0
    print(f"marker at native frame 8 heard at {onset:.4f} s, its frame's time {want:.4f} s "
          f"(off by {(onset - want) * 1000:.1f} ms, a frame is {1000 / project.fps:.0f} ms)")
    assert abs(onset - want) <= 1 / project.fps
    import av

    with av.open(str(out)) as c:
        shown = [f for f in c.decode(video=0) if abs(f.time - want) < 1e-3][0].to_ndarray(format="rgb24")
    import cv2

    native8 = cv2.resize(frames[8], (64, 64), interpolation=cv2.INTER_LANCZOS4).astype(int)
    others = [np.abs(cv2.resize(frames[j], (64, 64), interpolation=cv2.INTER_LANCZOS4).astype(int) - shown).mean()
              for j in range(len(frames)) if j != 8]
    assert np.abs(native8 - shown).mean() < min(others)


def test_audio_false_leaves_the_video_silent_and_true_is_refused_without_sound(folder, tmp_path):
    import av

    from compositor.project.load import load_project
    from compositor.render import render
    from diffusion_tiny_models import build_ltx

    out = render(load_project(_project(folder, SHOTS % ", audio: false")))
    with av.open(str(out)) as c:
        assert not c.streams.audio
    build_ltx(folder / "models" / "ltx-video")
    (folder / "models" / "ltx-video" / "compositor.json").write_text(json.dumps(HINTS))
    text = SHOTS.replace("models/ltx-2", "models/ltx-video") % ", audio: true"
    with pytest.raises(UserError) as err:
        load_project(_project(folder, text))
    line = ("compositor: 1\ntitle: Sound\noutput: x\n" + text).splitlines().index(
        '      generate: {prompt: "ocean waves sound", model: models/ltx-video, seed: 3, audio: true}') + 1
    assert f"project.yaml:{line}" in str(err.value) and "LTX2Pipeline" in str(err.value)


def _doc_example() -> str:
    text = (Path(__file__).resolve().parents[2] / "docs" / "generation.md").read_text(encoding="utf-8")
    section = text.split("## Joint audio", 1)[1].split("\n## ", 1)[0]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


def test_doc_example_mixes_the_shots_sound_and_ducks_it_under_the_voice(folder):
    """docs/generation.md's example verbatim: the waves' own sound is in the mix from the shot's start, and it
    dips under the voice (a 3 kHz tone, far above the tiny model's 800 Hz band) by about `by`."""
    from scipy.signal import butter, sosfiltfilt

    from compositor.audio import write_wav
    from compositor.project.footage_audio import to_mix_rate
    from compositor.project.load import load_project
    from compositor.render import render
    from compositor.session import RenderSession

    (folder / "assets").mkdir()
    t = np.arange(int(0.6 * MIX)) / MIX
    tone = 0.3 * np.sin(2 * np.pi * 3000 * t)
    write_wav(folder / "assets" / "vo.wav", np.stack([tone, tone], axis=1))
    (folder / "project.yaml").write_text(_doc_example(), encoding="utf-8")
    project = load_project(folder / "project.yaml")
    out = render(project)
    shot = project.shots[1]
    start = shot.span.first / project.fps
    src = RenderSession(project).prepare(shot).source.unwrap()
    expected = to_mix_rate(*src.sound).mean(axis=1)
    heard = sosfiltfilt(butter(6, 900, "lowpass", fs=MIX, output="sos"), _decoded_audio(out))
    lag, score = _lag(heard, expected[int(0.1 * MIX):int(1.9 * MIX)])     # the dip under the voice included
    assert abs(lag - 0.1 - start) <= 1 / project.fps / 4 and score > 0.8

    def gain(a, b):           # the mix's level against the shot's own sound over [a, b) seconds of the shot
        h = heard[int((start + a) * MIX):int((start + b) * MIX)]
        e = expected[int(a * MIX):int(b * MIX)]
        return 20 * np.log10(np.std(h) / np.std(e))

    free, under = gain(0.35, 0.7), gain(1.1, 1.5)            # the voice speaks from 1.0 s to 1.6 s of the shot
    print(f"footage under the voice: {under - free:+.2f} dB (asked -12 dB)")
    assert -13.5 < under - free < -10.5


def test_audio_doc_fragment_validates(tmp_path):
    """docs/audio.md's `footage:` example is a valid `audio:` section, verbatim."""
    from compositor.audio.spec import AudioSpec
    from compositor.vocab.yamlmarks import read_marked

    text = (Path(__file__).resolve().parents[2] / "docs" / "audio.md").read_text(encoding="utf-8")
    section = text.split("### Sound the model made with the picture", 1)[1]
    block = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    (tmp_path / "audio.yaml").write_text(block, encoding="utf-8")
    spec = AudioSpec.model_validate(read_marked(tmp_path / "audio.yaml")[0]["audio"])
    assert spec.footage.gain == -3.0 and spec.footage.duck.by == -10.0 and spec.footage.duck.buses == ["voice"]


def test_a_loop_folds_the_sound_as_it_folds_the_frames():
    """The frames after a loop's end crossfade into its first frames; a click just after the end is heard just
    after the start, weighted as the frame there is."""
    fps, rate = 8.0, 1600
    s = np.zeros((int(12 / fps * rate), 2), np.float32)
    s[int(8.5 / fps * rate)] = 1.0                           # half a frame after the 8-frame loop ends
    sound, _ = join([(12, (s, rate))], [(0, 12)], fps, 12, loop_frames=8)
    assert len(sound) == int(8 / fps * rate)
    k = int(np.argmax(sound[:, 0]))
    assert k == int(0.5 / fps * rate) and 0.5 < sound[k, 0] < 1.0


def test_ltx2_condition_gets_first_and_last_frames_as_conditions(folder, monkeypatch):
    """LTX2ConditionPipeline receives `LTX2VideoCondition`s at latent index 0 (image) and -1 (end_on); the shot
    starts on the image and lands on the end frame."""
    import diffusers
    from PIL import Image

    received = []
    original = diffusers.LTX2ConditionPipeline.__call__

    def spy(self, *args, **kwargs):
        received.append(kwargs)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(diffusers.LTX2ConditionPipeline, "__call__", spy)
    first = np.zeros((32, 32, 3), np.uint8)
    first[:, :16] = (220, 40, 40)
    last = np.full((32, 32, 3), (30, 160, 90), np.uint8)
    Image.fromarray(first).save(folder / "first.png")
    Image.fromarray(last).save(folder / "last.png")
    src = GenerateSource({"prompt": "ocean waves", "model": "models/ltx-2-condition", "image": "first.png",
                          "end_on": "last.png"}, folder)
    src.prepare(make_ctx(folder, size=(32, 32), fps=8.0, n_frames=8, use_cache=False))
    (kwargs,) = received
    conds = kwargs["conditions"]
    assert [c.index for c in conds] == [0, -1] and "image" not in kwargs
    assert np.array_equal(np.asarray(conds[0].frames), first) and np.array_equal(np.asarray(conds[1].frames), last)
    assert np.abs(src.frame(0)[..., :3].astype(int) - first).max() <= 1
    assert np.abs(src.frame(7)[..., :3].astype(int) - last).max() <= 1
    assert src.sound is not None and len(src.sound[0]) == 1600


def test_ltx2_image_to_video_from_the_same_folder_gets_the_image(folder, monkeypatch):
    import diffusers
    from PIL import Image

    received = []
    original = diffusers.LTX2ImageToVideoPipeline.__call__

    def spy(self, *args, **kwargs):
        received.append(kwargs)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(diffusers.LTX2ImageToVideoPipeline, "__call__", spy)
    first = np.zeros((32, 32, 3), np.uint8)
    first[16:] = (240, 200, 30)
    Image.fromarray(first).save(folder / "first.png")
    src = GenerateSource({"prompt": "ocean waves", "model": "models/ltx-2", "image": "first.png"}, folder)
    src.prepare(make_ctx(folder, size=(32, 32), fps=8.0, n_frames=8, use_cache=False))
    (kwargs,) = received
    assert np.array_equal(np.asarray(kwargs["image"]), first)
    assert np.abs(src.frame(0)[..., :3].astype(int) - first).max() <= 1 and src.sound is not None
