"""Run the shipped built-in pipeline the way the diffusion core does (for evaluation, tests and the bench).

The core calls the same `WanPipeline` through its own loader; these helpers exist so evaluation and tests
exercise the identical `DiffusionPipeline.from_pretrained` path with the model's recommended settings.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import torch

from . import architecture as arch

MODEL_DIR = Path(__file__).resolve().parent / "model"
# Recommended call settings (the model card lists them; the core uses them when a project gives none).
from .config import DEFAULT_GUIDANCE, DEFAULT_NEGATIVE, DEFAULT_STEPS  # noqa: F401  (sampling's public defaults)


def load_pipeline(folder: Path | str = MODEL_DIR):
    from diffusers import DiffusionPipeline

    pipe = DiffusionPipeline.from_pretrained(str(folder))
    pipe.set_progress_bar_config(disable=True)
    return pipe


def generate_luminance(pipe, prompt: str, seed: int, size: tuple[int, int] = arch.NATIVE_SIZES[0],
                       frames: int = arch.NATIVE_FRAMES, steps: int = DEFAULT_STEPS,
                       guidance: float = DEFAULT_GUIDANCE, negative: str = DEFAULT_NEGATIVE) -> np.ndarray:
    """Generate one clip; returns (frames, H, W, 3) uint8 grey RGB (the structure map before palette mapping)."""
    width, height = size
    with torch.no_grad():
        out = pipe(prompt=prompt, negative_prompt=negative, height=height, width=width, num_frames=frames,
                   num_inference_steps=steps, guidance_scale=guidance,
                   generator=torch.Generator("cpu").manual_seed(seed), output_type="np").frames[0]
    return np.round(np.clip(out, 0.0, 1.0) * 255).astype(np.uint8)
