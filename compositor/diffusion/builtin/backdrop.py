"""From the built-in model's grey clip to a finished backdrop: the brand grade, kept in float, and the grain that
rounds it to 8 bits at the output size.

What the diffusion core does with a `model: builtin` shot, in one place: `finish(clip, palette, seed)` returns
the native float clip the Resampler interpolates and upscales, and the `Grain` it ends each frame with. Without
a palette the grey clip is kept (as float) and still gets the grain, so it never bands either.
"""
from __future__ import annotations

from typing import Optional, Sequence

import numpy as np

from .grain import Grain
from .palette import grade_to_palette_float

LOOK_VERSION = "float-grade-grain-2"  # part of a shot's cache identity: bump when the look changes


def finish(clip: np.ndarray, palette: Optional[Sequence], seed: int) -> tuple[np.ndarray, Grain, list[str]]:
    """(native float32 clip, grain for the output frames, notes for the render report)."""
    grain = Grain(seed)
    if palette:
        graded = grade_to_palette_float(np.asarray(clip, np.uint8), palette)
        return graded, grain, [f"graded smoothly through the brand palette ({len(palette)} colours), in float"]
    return np.asarray(clip, np.float32), grain, []
