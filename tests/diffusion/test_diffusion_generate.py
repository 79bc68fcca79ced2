"""GenerateSource end to end on real (tiny, random-weight) Wan and LTX pipeline folders."""
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from compositor.diffusion import cache
from compositor.errors import FieldError
from compositor.sources.generate import GenerateSource
from diffusion_helpers import Steps, make_ctx

REPO = Path(__file__).resolve().parents[2]


def prepared(project, spec, **ctx_kw):
    src = GenerateSource(spec, project)
    src.prepare(make_ctx(project, **ctx_kw))
    return src


def all_frames(src):
    return np.stack([src.frame(i) for i in range(src.ctx.n_frames)])


@pytest.mark.parametrize("model", ["models/wan_t2v", "models/ltx", "models/wan_plain"])
def test_frames_at_project_size_and_rate(project, model):
    steps = Steps()
    src = prepared(project, {"prompt": "bright office", "model": model, "seed": 1},
                   size=(64, 36), fps=24.0, n_frames=30, progress=steps)
    frames = all_frames(src)
    assert frames.shape == (30, 36, 64, 3) and frames.dtype == np.uint8
    # 30 frames at 24 fps = 1.25 s = 10 native frames at 8 fps (+1 to interpolate the tail) -> 2 chunks
    assert src.report["native_frames"] == 11
    assert len(src.report["chunks"][1]) == 2
    assert steps.count == 2 * 2                                     # two chunks of two steps
    assert {c[0].split("(")[1].split(",")[0] for c in steps.calls} == {"seed 1"}
    notes = " ".join(src.report["adjusted"])
    assert "Lanczos" in notes and "optical-flow" in notes and "8 fps" in notes
    assert ("crossfade" in notes) == model.endswith("plain")        # otherwise: continued from the last frame
    assert frames.std() > 1.0                                       # real decoded pixels, not a blank frame


def test_chunks_continue_from_the_previous_chunk(project):
    src = prepared(project, {"prompt": "ocean waves", "model": "models/wan_i2v", "image": "first.png", "seed": 2},
                   size=(32, 32), fps=8.0, n_frames=20, use_cache=False)
    native = src._resampler.native.astype(np.float32)
    chunks = src.report["chunks"][2]
    assert len(chunks) == 3
    # the model's raw first frame of each continued chunk re-renders the previous chunk's last frame
    offsets = src.report["seam_offsets"][2]
    assert all(o < 20 for o in offsets[1:]), offsets
    steps = np.abs(np.diff(native, axis=0)).mean(axis=(1, 2, 3))
    for first, _ in chunks[1:]:
        assert steps[first - 1] <= np.percentile(steps, 90) + 1.0   # no jump at the join
    img = np.asarray(__import__("PIL.Image", fromlist=["Image"]).open(project / "first.png"))
    assert np.abs(native[0] - img).max() <= 1                       # the shot starts on the given image


def test_wan_text_to_video_starts_on_the_image(project):
    src = prepared(project, {"prompt": "ocean waves", "model": "models/wan_t2v", "image": "first.png", "seed": 2},
                   size=(32, 32), fps=8.0, n_frames=12, use_cache=False)
    offsets = src.report["seam_offsets"][2]
    assert len(offsets) == 2 and offsets[1] < 20        # the pinned frame comes back through the VAE
    img = np.asarray(__import__("PIL.Image", fromlist=["Image"]).open(project / "first.png")).astype(np.float32)
    assert np.abs(src._resampler.native[0].astype(np.float32) - img).max() <= 1


def test_wan_ti2v_starts_on_the_image(project):
    src = prepared(project, {"prompt": "ocean", "model": "models/wan_ti2v", "image": "first.png"},
                   size=(32, 32), fps=8.0, n_frames=12, use_cache=False)
    native = src._resampler.native
    img = np.asarray(__import__("PIL.Image", fromlist=["Image"]).open(project / "first.png"))
    assert np.abs(native[0].astype(int) - img).max() <= 1 and len(src.report["chunks"][0]) == 2


def test_continue_from_another_shot(project):
    a = prepared(project, {"prompt": "city street night", "model": "models/wan_i2v", "image": "first.png"},
                 size=(32, 32), fps=8.0, n_frames=4, shot_id="a")
    last = a.frame(3).astype(np.float32)
    b = GenerateSource({"prompt": "city street rain", "model": "models/wan_i2v", "continue_from": "a"}, project)
    b.prepare(make_ctx(project, size=(32, 32), fps=8.0, n_frames=4, shot_id="b",
                       previous=lambda sid: {"a": a}[sid]))
    first = b.frame(0).astype(np.float32)
    fresh = prepared(project, {"prompt": "city street rain", "model": "models/wan_i2v", "image": "first.png"},
                     size=(32, 32), fps=8.0, n_frames=4, shot_id="c").frame(0).astype(np.float32)
    jump = np.abs(first - last).mean()
    assert jump < 0.25 * np.abs(fresh - last).mean()
    steps = np.abs(np.diff(all_frames(b).astype(np.float32), axis=0)).mean(axis=(1, 2, 3))
    assert jump <= steps.max() + 1.0       # b's first frame follows a's last like b's own frames follow


def test_cache_hit_skips_denoising_and_reproduces(project):
    spec = {"prompt": "forest mountain", "model": "models/ltx", "seed": 3}
    first_steps, again_steps = Steps(), Steps()
    a = prepared(project, spec, progress=first_steps)
    b = prepared(project, spec, progress=again_steps)
    assert first_steps.count > 0 and again_steps.count == 0
    assert b.report["cache_hits"] == [True]
    assert np.array_equal(all_frames(a), all_frames(b))
    assert a.identity() == b.identity()
    entries = cache.list_entries(project / ".cache")
    assert [e["key"] for e in entries] == [a.report["key"]] and entries[0]["prompt"] == "forest mountain"


@pytest.mark.parametrize("change", [{"prompt": "forest sunset"}, {"seed": 4}, {"steps": 3}, {"guidance": 2.0},
                                    {"negative": "logo"}])
def test_cache_invalidates_when_a_field_changes(project, shared_cache, change):
    spec = {"prompt": "forest mountain", "model": "models/ltx", "seed": 3}
    base = prepared(project, spec, cache_dir=shared_cache)
    steps = Steps()
    changed = prepared(project, {**spec, **change}, progress=steps, cache_dir=shared_cache)
    assert steps.count > 0 and changed.report["key"] != base.report["key"]
    assert changed.identity() != base.identity()


def test_prepared_source_pickles_for_other_processes(project):
    import pickle

    src = prepared(project, {"prompt": "forest", "model": "models/ltx"}, size=(64, 36), fps=24.0, n_frames=6,
                   progress=Steps(), previous=lambda sid: None)
    copy = pickle.loads(pickle.dumps(src))
    assert all(np.array_equal(copy.frame(i), src.frame(i)) for i in range(6))


def test_cache_invalidates_when_the_image_or_size_changes(project):
    from PIL import Image

    spec = {"prompt": "ocean", "model": "models/ltx", "image": "first.png"}
    base = prepared(project, spec)
    Image.fromarray(np.full((32, 32, 3), 90, np.uint8)).save(project / "first.png")
    assert prepared(project, spec).report["key"] != base.report["key"]
    assert prepared(project, spec, size=(96, 32)).report["key"] != base.report["key"]


def test_corrupt_entry_is_regenerated(project):
    spec = {"prompt": "neon city", "model": "models/ltx", "seed": 9}
    good = all_frames(prepared(project, spec))
    path = next((project / ".cache" / "generate").glob("*.npz"))
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    steps = Steps()
    again = prepared(project, spec, progress=steps)
    assert steps.count > 0 and again.report["cache_hits"] == [False]
    assert np.array_equal(all_frames(again), good)
    assert cache.load(project / ".cache", again.report["key"]) is not None    # rewritten intact


def test_scheduler_swap(project):
    spec = {"prompt": "forest", "model": "models/wan_t2v", "seed": 3}
    own = all_frames(prepared(project, spec, use_cache=False))
    unipc = prepared(project, {**spec, "scheduler": "unipc"}, use_cache=False)
    from compositor.diffusion.pipeline import _loaded

    pipe = next(v.pipe for k, v in _loaded.items() if k[0].endswith("wan_t2v"))
    assert type(pipe.scheduler).__name__ == "UniPCMultistepScheduler"
    assert pipe.scheduler.config.prediction_type == "flow_prediction"      # kept the flow-matching settings
    assert not np.array_equal(all_frames(unipc), own)


def test_deterministic_without_cache(project):
    spec = {"prompt": "warm soft product desk", "model": "models/ltx_condition", "seed": 11}
    a = all_frames(prepared(project, spec, use_cache=False))
    b = all_frames(prepared(project, spec, use_cache=False))
    c = all_frames(prepared(project, {**spec, "seed": 12}, use_cache=False))
    assert np.array_equal(a, b) and not np.array_equal(a, c)


def test_brand_look_reaches_the_prompt(project, shared_cache):
    brand = SimpleNamespace(look_prompt="clean minimal blue", look_negative="watermark", palette=lambda: [])
    spec = {"prompt": "forest mountain", "model": "models/ltx", "seed": 3}
    plain = prepared(project, spec, cache_dir=shared_cache)
    branded = prepared(project, spec, brand=brand)
    entry = {e["key"]: e for e in cache.list_entries(project / ".cache")}[branded.report["key"]]
    assert entry["prompt"] == "forest mountain, clean minimal blue" and entry["negative"] == "watermark"
    assert plain.report["key"] != branded.report["key"]


def test_loop_returns_to_the_first_frame(project):
    src = prepared(project, {"prompt": "ocean waves", "model": "models/ltx", "loop": True, "seed": 1},
                   size=(32, 32), fps=8.0, n_frames=12)
    native = src._resampler.native.astype(np.float32)
    steps = np.abs(np.diff(native, axis=0)).mean(axis=(1, 2, 3))
    assert np.abs(native[-1] - native[0]).mean() <= steps.max() + 1.0


def test_best_of_n(project):
    pytest.importorskip("compositor.consistency.score", reason="the coherence scorer is not installed yet")
    steps = Steps()
    src = prepared(project, {"prompt": "camera pan", "model": "models/ltx", "seed": 20, "candidates": 3},
                   progress=steps)
    assert len(src.report["scores"]) == 3 and src.report["seed"] == 20 + src.report["chosen"]
    assert {c[0].split("(")[1].split(",")[0] for c in steps.calls} == {"seed 20", "seed 21", "seed 22"}
    assert len(src.report["keys"]) == 3


def test_cache_hit_does_not_import_torch(project):
    spec = {"prompt": "laptop desk", "model": "models/ltx", "seed": 1}
    prepared(project, spec)
    code = (
        "import sys; from pathlib import Path\n"
        "from compositor.sources.generate import GenerateSource\n"
        "from compositor.sources.base import ShotContext\n"
        f"p = Path({str(project)!r})\n"
        f"s = GenerateSource({spec!r}, p)\n"
        "s.prepare(ShotContext('s1', (48, 32), 8.0, 4, p, p / '.cache'))\n"
        "s.frame(3)\n"
        "print('torch' in sys.modules, 'diffusers' in sys.modules, s.report['cache_hits'])\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(REPO)})
    assert out.stdout.split() == ["False", "False", "[True]"], out.stderr


def test_cache_clear(project):
    prepared(project, {"prompt": "a", "model": "models/ltx"})
    prepared(project, {"prompt": "b", "model": "models/ltx"})
    assert len(cache.list_entries(project / ".cache")) == 2
    assert cache.clear(project / ".cache") == 2
    assert cache.list_entries(project / ".cache") == []


# ---- errors ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("spec,field,words", [
    ({"model": "models/nothing"}, "model", "not found"),
    ({"model": "first.png"}, "model", "not a diffusers pipeline folder"),
    ({"model": "models/wan_plain", "image": "first.png"}, "image", "cannot start from an image"),
    ({"model": "models/wan_plain", "continue_from": "a"}, "continue_from", "cannot start from an image"),
    ({"model": "models/wan_i2v"}, "image", "needs a first frame"),
    ({"model": "models/ltx", "image": "missing.png"}, "image", "not found"),
    ({"model": "models/ltx", "image": "first.png", "continue_from": "a"}, "continue_from", "both"),
    ({"model": "models/wan_t2v", "scheduler": "warp9"}, "scheduler", "unknown scheduler"),
    ({"model": "models/ltx", "scheduler": "unipc"}, "scheduler", "does not work"),
])
def test_errors_name_the_field(project, spec, field, words):
    with pytest.raises(FieldError) as e:
        GenerateSource({"prompt": "x", **spec}, project)
    assert e.value.path == ("generate", field) and words in e.value.message and e.value.fix


def test_unsupported_pipeline(project):
    folder = project / "sd"
    folder.mkdir()
    (folder / "model_index.json").write_text('{"_class_name": "StableDiffusionXLPipeline"}')
    with pytest.raises(FieldError) as e:
        GenerateSource({"prompt": "x", "model": "sd"}, project)
    assert e.value.path == ("generate", "model") and "cannot make video" in e.value.message


def test_impossible_size(project):
    src = GenerateSource({"prompt": "x", "model": "models/wan_t2v"}, project)
    with pytest.raises(FieldError) as e:
        src.prepare(make_ctx(project, size=(1920, 100)))
    assert e.value.path == ("generate", "model") and "1920×100" in e.value.message


def test_unknown_continue_from_shot(project):
    src = GenerateSource({"prompt": "x", "model": "models/ltx", "continue_from": "nope"}, project)
    with pytest.raises(FieldError) as e:
        src.prepare(make_ctx(project, previous=lambda sid: None))
    assert e.value.path == ("generate", "continue_from")


def test_builtin_missing_is_a_field_error(project, monkeypatch):
    import compositor.diffusion.generation as gen

    monkeypatch.setattr(gen, "BUILTIN", project / "no-builtin")
    with pytest.raises(FieldError) as e:
        GenerateSource({"prompt": "x"}, project)
    assert e.value.path == ("generate", "model") and "built-in" in e.value.message


def test_unknown_key_is_refused():
    from pydantic import ValidationError

    from compositor.diffusion.spec import GenerateSpec

    with pytest.raises(ValidationError):
        GenerateSpec(prompt="x", sead=3)
    assert GenerateSpec(prompt="x").model == "builtin"


def test_first_frame_anchor_pins_the_first_latent_frame(models):
    """Through a real WanPipeline call: the final first latent frame is exactly the encoded image."""
    import torch
    from PIL import Image

    from compositor.diffusion import pipeline
    from compositor.diffusion.families import detect

    loaded = pipeline.load(detect(models / "wan_t2v"), "cpu")
    pipe = loaded.pipe
    image = Image.fromarray(np.tile(np.linspace(0, 255, 32, dtype=np.uint8)[None, :, None], (32, 1, 3)))
    kw = pipeline.first_frame_anchor(pipe, image, 32, 32, 9, 0, lambda p, i, t, k: k)
    latents = pipe(prompt="ocean", num_frames=9, height=32, width=32, num_inference_steps=3, output_type="latent",
                   max_sequence_length=16, generator=pipeline.generator(0), **kw).frames
    free = pipe(prompt="ocean", num_frames=9, height=32, width=32, num_inference_steps=3, output_type="latent",
                max_sequence_length=16, generator=pipeline.generator(0), latents=kw["latents"].clone()).frames
    with torch.inference_mode():
        pixels = pipe.video_processor.preprocess(image, height=32, width=32).unsqueeze(2)
        z = pipe.vae.encode(pixels).latent_dist.mode()
        z = (z - torch.tensor(pipe.vae.config.latents_mean).view(1, -1, 1, 1, 1)) / \
            torch.tensor(pipe.vae.config.latents_std).view(1, -1, 1, 1, 1)
    assert torch.allclose(latents[:, :, :1], z, atol=1e-5)
    assert not torch.allclose(free[:, :, :1], z, atol=1e-1)


def test_builtin_model_maps_to_the_brand_palette(project):
    import compositor.diffusion.generation as gen

    if not (gen.BUILTIN / "model_index.json").exists():
        pytest.skip("the built-in model folder has not been trained yet")
    palette = [(10, 20, 60), (240, 120, 30), (250, 250, 245)]
    brand = SimpleNamespace(look_prompt=None, look_negative=None, palette=lambda: palette)
    src = prepared(project, {"prompt": "ocean waves", "steps": 2}, size=(160, 90), fps=6.0, n_frames=6, brand=brand)
    frames = all_frames(src).reshape(-1, 3).astype(np.float32)
    nearest = np.min([np.abs(frames - np.float32(c)).sum(axis=1) for c in palette], axis=0)
    assert "brand palette" in " ".join(src.report["adjusted"])
    assert np.median(nearest) < 60          # colours come from the palette (blends between its entries)


def test_incomplete_folder_is_a_field_error(project, models):
    folder = project / "broken"
    folder.mkdir()
    (folder / "model_index.json").write_text((models / "ltx" / "model_index.json").read_text())
    src = GenerateSource({"prompt": "x", "model": "broken"}, project)
    with pytest.raises(FieldError) as e:
        src.prepare(make_ctx(project))
    assert e.value.path == ("generate", "model") and "could not load" in e.value.message


def test_cuda_without_a_gpu_is_a_field_error(project):
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    src = GenerateSource({"prompt": "x", "model": "models/ltx", "device": "cuda"}, project)
    with pytest.raises(FieldError) as e:
        src.prepare(make_ctx(project, use_cache=False))
    assert e.value.path == ("generate", "device")


def test_conditioning_images_outside_the_project_are_refused(project, tmp_path_factory):
    """`image:` and `end_on:` are assets like any other: confined to the project folder (docs/security.md)."""
    from PIL import Image

    secret = tmp_path_factory.mktemp("secret") / "s.png"
    Image.new("RGB", (32, 32)).save(secret)
    for field, spec in (("image", {"image": str(secret)}),
                        ("end_on", {"image": "first.png", "end_on": str(secret)})):
        with pytest.raises(FieldError, match="outside the project") as exc:
            GenerateSource({"prompt": "ocean", "model": "models/wan_i2v", **spec}, project)
        assert exc.value.path[-1] == field
