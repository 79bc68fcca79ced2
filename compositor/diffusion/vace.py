"""Wan VACE's inputs: one `video` + `mask` pair says, per pixel and frame, what to keep and what to generate.

VACE's mask is black where the conditioning video is kept and white where the model generates. So a first
frame is frame 0 kept whole, a last frame is frame N-1 kept whole, and the product lock's placeholder is its
region of frame 0 kept (the model builds the scene around it and carries it with the camera, like an
image-to-video model carries a first frame). Subject references go in `reference_images`.
"""
from __future__ import annotations

from typing import Optional

import numpy as np

GREY = 127       # VACE's neutral: an unconditioned frame is 0 in [-1, 1]


def vace_inputs(frames: int, width: int, height: int, image=None, last_image=None,
                placeholder: Optional[tuple] = None, reference_images=None) -> dict:
    """Keyword arguments for WanVACEPipeline: `video`/`mask` only when something is kept, `reference_images`
    when given. `placeholder` is (x0, y0, x1, y1, pixels) in generation pixels, kept on frame 0."""
    from PIL import Image

    out: dict = {}
    if reference_images:
        out["reference_images"] = list(reference_images)
    if image is None and last_image is None and placeholder is None:
        return out
    video = np.full((frames, height, width, 3), GREY, np.uint8)
    mask = np.full((frames, height, width), 255, np.uint8)
    if image is not None:
        video[0] = np.asarray(image.convert("RGB").resize((width, height)))
        mask[0] = 0
    if last_image is not None:
        video[-1] = np.asarray(last_image.convert("RGB").resize((width, height)))
        mask[-1] = 0
    if placeholder is not None and image is None:
        x0, y0, x1, y1, pixels = placeholder
        video[0, y0:y1, x0:x1] = pixels
        mask[0, y0:y1, x0:x1] = 0
    out["video"] = [Image.fromarray(f) for f in video]
    out["mask"] = [Image.fromarray(m) for m in mask]
    return out
