"""The shipped model folder: a standard diffusers pipeline that loads with no custom code and generates
deterministic, structured, brand-coloured clips."""
import json

import numpy as np
import pytest

from compositor.diffusion.builtin.colour import palette_match
from compositor.diffusion.builtin.training.metrics import clip_distance, warping_error
from compositor.diffusion.builtin.palette import map_to_palette
from compositor.diffusion.builtin.sampling import MODEL_DIR, generate_luminance, load_pipeline

pytestmark = pytest.mark.skipif(not (MODEL_DIR / "model_index.json").exists(), reason="model folder not built")
SIZE, FRAMES, STEPS = (160, 96), 9, 6


@pytest.fixture(scope="module")
def pipe():
    import torch
    torch.set_num_threads(2)
    return load_pipeline(MODEL_DIR)


def test_folder_is_a_small_standard_wan_pipeline_with_safetensors():
    index = json.loads((MODEL_DIR / "model_index.json").read_text())
    assert index["_class_name"] == "WanPipeline"
    files = [p for p in MODEL_DIR.rglob("*") if p.is_file()]
    assert sum(p.stat().st_size for p in files) <= 50 * 2 ** 20
    weights = [p for p in files if p.suffix in (".safetensors", ".bin", ".pt", ".ckpt")]
    assert weights and all(p.suffix == ".safetensors" for p in weights)
    assert (MODEL_DIR / "README.md").exists()
    hints = json.loads((MODEL_DIR / "compositor.json").read_text())
    assert hints["native_size"] == list(SIZE)


def test_loads_through_diffusion_pipeline_and_is_deterministic(pipe):
    assert type(pipe).__name__ == "WanPipeline"
    a = generate_luminance(pipe, "slow flowing waves, soft", 0, SIZE, FRAMES, STEPS)
    b = generate_luminance(pipe, "slow flowing waves, soft", 0, SIZE, FRAMES, STEPS)
    assert a.shape == (FRAMES, SIZE[1], SIZE[0], 3) and a.dtype == np.uint8
    assert np.array_equal(a, b)
    c = generate_luminance(pipe, "slow flowing waves, soft", 1, SIZE, FRAMES, STEPS)
    assert clip_distance(a, c) > 0.01  # another seed is another clip


def test_output_has_structure_and_is_temporally_coherent(pipe):
    clip = generate_luminance(pipe, "slow soft bokeh, moving right", 3, SIZE, FRAMES, STEPS)
    grey = clip[..., 0].astype(np.float32) / 255
    assert grey.std() > 0.04  # not a flat frame
    assert warping_error(clip) < 0.05  # no flicker: flow-compensated frame change is small


def test_unknown_words_do_not_crash_and_prompts_matter(pipe):
    waves = generate_luminance(pipe, "flowing waves", 0, SIZE, FRAMES, STEPS)
    odd = generate_luminance(pipe, "zyxxy Überschall 🚀 office with people", 0, SIZE, FRAMES, STEPS)
    particles = generate_luminance(pipe, "dense particle field", 0, SIZE, FRAMES, STEPS)
    assert odd.shape == waves.shape
    assert clip_distance(waves, particles) > 0.02


def test_generated_clip_maps_onto_the_brand_palette(pipe):
    clip = generate_luminance(pipe, "slow drifting gradient, soft", 2, SIZE, FRAMES, STEPS)
    for palette in ([(12, 30, 70), (0, 150, 160), (245, 235, 210)], [(90, 40, 200), (250, 120, 60)]):
        dists, _ = palette_match(map_to_palette(clip, palette), palette)
        assert dists.max() <= 10.0


def test_generated_backdrop_is_a_smooth_grade_not_posterized(pipe):
    """Real generated frames, upscaled to 1080p as the core does: fewer hard colour edges than the hard
    mapping, no block grid, dominant colours still the palette's, same seed -> same frames."""
    import cv2

    from compositor.diffusion.builtin.look import blockiness, hard_edge_share
    from compositor.diffusion.builtin.palette import grade_to_palette

    palette = [(12, 30, 70), (0, 150, 160), (245, 235, 210)]
    grey = generate_luminance(pipe, "slow soft bokeh, moving up right, sparse", 0, SIZE, FRAMES, STEPS)
    graded = grade_to_palette(grey, palette)
    assert np.array_equal(graded, grade_to_palette(grey, palette))
    big = cv2.resize(graded[FRAMES // 2], (1920, 1080), interpolation=cv2.INTER_LANCZOS4)
    hard = cv2.resize(map_to_palette(grey, palette)[FRAMES // 2], (1920, 1080), interpolation=cv2.INTER_LANCZOS4)
    assert hard_edge_share(big) < 0.5 * hard_edge_share(hard) + 1e-4
    assert hard_edge_share(big) < 0.01
    assert 0.8 < blockiness(big, 8) < 1.2 and 0.8 < blockiness(big, 48) < 1.25
    dists, _ = palette_match(graded, palette)
    assert dists.max() <= 10.0
