"""Training clips for the built-in model: procedural luminance clips with varied captions.

Seeds are derived from (split, index), so the training set, the VAE crops and the held-aside evaluation clips
never share a seed, and any clip can be re-created from its index.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..procedural import FAMILIES, MotionParams, caption, render, sample_params

SPLIT_OFFSET = {"train": 0, "vae": 10_000_000, "heldout": 20_000_000}


@dataclass
class Clip:
    params: MotionParams
    seed: int
    size: tuple[int, int]
    luminance: np.ndarray  # (frames, height, width) float32 in [0, 1]


def clip_spec(split: str, index: int, sizes, size_weights=None) -> tuple[MotionParams, int, tuple[int, int]]:
    """The parameters, seed and size of clip `index` of `split`: families cycle so every family is balanced."""
    seed = SPLIT_OFFSET[split] + index
    rng = np.random.default_rng(seed)
    params = sample_params(rng, FAMILIES[index % len(FAMILIES)])
    size = tuple(sizes[int(rng.choice(len(sizes), p=size_weights))])
    return params, seed, size


def make_clip(split: str, index: int, sizes, frames: int, fps: float, size_weights=None) -> Clip:
    params, seed, size = clip_spec(split, index, sizes, size_weights)
    return Clip(params, seed, size, render(params, seed, size, frames, fps))


def training_caption(params: MotionParams, rng: np.random.Generator) -> str:
    """A varied caption: 10% carry an unknown word, so unknown words are seen as harmless during training."""
    text = caption(params, rng)
    if rng.random() < 0.1:
        text = f"{text}, {rng.choice(['cinematic', 'beautiful', 'modern', 'corporate', '4k'])}"
    return text


def to_model_range(luminance: np.ndarray) -> np.ndarray:
    """(frames, h, w) in [0, 1] -> (3, frames, h, w) in [-1, 1]: the VAE sees grey RGB."""
    grey = luminance * 2.0 - 1.0
    return np.repeat(grey[None], 3, axis=0).astype(np.float32)
