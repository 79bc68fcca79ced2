"""Chunk planning and seam joining, measured with a stand-in model whose motion is known.

The stand-in behaves like an image-to-video model with an imperfect VAE: it continues the scene from the
conditioning frame (a texture panning right one pixel a frame) but re-renders that frame with a colour bias.
"""
from dataclasses import replace

import numpy as np

from compositor.diffusion.continuity import Request, generate, plan
from compositor.diffusion.families import Family

I2V = Family("t", "Test", 4, 16, 8, (32, 32), 9, 2, 1.0, "T2V", "I2V", ())
T2V = replace(I2V, i2v_class=None)
W = 48


def texture(offset: float) -> np.ndarray:
    x = np.arange(W, dtype=np.float32)[None, :, None] - offset
    base = 0.5 + 0.4 * np.sin(x / 5.0) * np.ones((32, 1, 3), np.float32)
    return base


def stand_in(seed, frames, image, on_step):
    if image is None:     # text-to-video: each seed starts the pan at a different place
        start = (seed % 97) * 3.0
        return np.stack([texture(start + j) for j in range(frames)])
    img = np.asarray(image, np.float32) / 255.0
    bias = np.float32(0.06)
    return np.stack([np.clip(np.roll(img, j, axis=1) + bias, 0, 1) for j in range(frames)])


def frame_steps(frames: np.ndarray) -> np.ndarray:
    return np.abs(np.diff(frames.astype(np.float32), axis=0)).mean(axis=(1, 2, 3))


def test_plan_covers_exactly():
    for n in (1, 5, 9, 10, 17, 30, 100):
        for fam in (I2V, T2V):
            chunks = plan(fam, n, False, False)
            made = sum(c.frames - c.drop_first - c.overlap for c in chunks)
            assert made >= n and made - n < fam.temporal + 1
            assert all((c.frames - 1) % fam.temporal == 0 and c.frames <= fam.window for c in chunks)


def test_conditioned_chunks_join_without_a_seam():
    req = Request("p", "", 3, 2, 1.0, None, W, 32, 30)
    res = generate(req, I2V, stand_in)
    assert res.frames.shape == (30, 32, W, 3)
    assert len(res.chunks) == 4
    steps = frame_steps(res.frames)
    inside = np.median(steps)
    for first, _ in res.chunks[1:]:
        # the first frame of chunk k+1 follows the last of chunk k like any other frame pair
        assert steps[first - 1] < inside + 3.0     # the 0.06 bias alone would add ~15
    assert all(abs(o - 0.06 * 255) < 2 for o in res.seam_offsets)   # the bias was measured, then removed


def test_text_only_chunks_are_crossfaded():
    req = Request("p", "", 3, 2, 1.0, None, W, 32, 20)
    res = generate(req, T2V, stand_in)
    assert res.frames.shape[0] == 20 and "crossfade" in res.notes[-1]
    steps = frame_steps(res.frames)
    hard_cut = np.abs(texture(9.0) - texture(1_000_003 * 3 % 97 * 3.0)).mean() * 255
    assert steps.max() < 0.6 * hard_cut      # no frame pair jumps like a cut


def test_image_start_is_kept_and_continue_start_is_dropped():
    start = (texture(0) * 255).astype(np.uint8)
    res = generate(Request("p", "", 0, 2, 1.0, None, W, 32, 6, start=start), I2V, stand_in)
    assert np.abs(res.frames[0].astype(int) - start).max() <= 1          # the user's image is frame 0
    res = generate(Request("p", "", 0, 2, 1.0, None, W, 32, 6, start=start, start_is_previous=True), I2V, stand_in)
    assert np.abs(res.frames[0].astype(int) - np.roll(start, 1, axis=1)).mean() < 6   # continues the motion


def test_loop_closes():
    req = Request("p", "", 3, 2, 1.0, None, W, 32, 16, loop=True)
    res = generate(req, I2V, stand_in)
    assert res.frames.shape[0] == 16
    steps = frame_steps(res.frames)
    wrap = np.abs(res.frames[-1].astype(np.float32) - res.frames[0]).mean()
    assert wrap < 2.0 * np.median(steps) + 0.5
