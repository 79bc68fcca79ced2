"""Opt-in: start frames and shot memory on a real downloaded model on a GPU (as test_diffusion_real_model.py).

COMPOSITOR_TEST_MODEL=/path/to/a/diffusers/pipeline/folder that can take a first frame (Wan I2V / TI2V /
text-to-video, LTX-Video, LTX-Video condition); skipped without it or without a CUDA GPU.
"""
from pathlib import Path

import numpy as np
import pytest

from diffusion_helpers import make_ctx
from test_diffusion_real_model import MODEL, pytestmark  # noqa: F401  (the same opt-in marks)

SIZE, FPS, N = (832, 480), 16.0, 17


def _still(seed: int) -> np.ndarray:
    """A smooth two-colour scene (a real model can hold it) with a bright disc whose place depends on `seed`."""
    rng = np.random.default_rng(seed)
    h, w = SIZE[1], SIZE[0]
    top, bottom = rng.integers(30, 220, 3), rng.integers(30, 220, 3)
    img = (np.linspace(0, 1, h)[:, None, None] * (bottom - top) + top).repeat(w, 1)
    yy, xx = np.mgrid[:h, :w]
    cx, cy = rng.integers(w // 4, 3 * w // 4), rng.integers(h // 4, 3 * h // 4)
    img[(xx - cx) ** 2 + (yy - cy) ** 2 < (h // 6) ** 2] = rng.integers(180, 255, 3)
    return img.astype(np.uint8)


def _source(spec, folder, shot_id, previous=None):
    from compositor.sources.generate import GenerateSource

    src = GenerateSource({"model": str(Path(MODEL).resolve()), "steps": 20, **spec}, folder)
    src.prepare(make_ctx(folder, size=SIZE, fps=FPS, n_frames=N, shot_id=shot_id, previous=previous))
    return src


def test_real_model_starts_lands_and_remembers(tmp_path):
    from PIL import Image

    from compositor.consistency.continuity import measure
    from compositor.diffusion.families import detect

    fam = detect(Path(MODEL).resolve()).family
    if not fam.can_i2v:
        pytest.skip(f"{MODEL} ({fam.label}) cannot take a first frame")
    first, last, other = _still(1), _still(2), _still(3)
    for name, img in (("first.png", first), ("last.png", last), ("other.png", other)):
        Image.fromarray(img).save(tmp_path / name)
    spec = {"prompt": "a slow camera move across a calm, softly lit scene", "seed": 42, "start_from": "first.png"}
    if fam.last_frame:
        spec["end_on"] = "last.png"
    a = _source(spec, tmp_path, "a")
    assert np.abs(a.frame(0).astype(int) - first).mean() < 6          # frame 0 is the still (resized only)
    if fam.last_frame:
        assert np.abs(a.frame(N - 1).astype(int) - last).mean() < 6  # and it lands on the other

    b = _source({"prompt": "the same scene a moment later, softly lit", "continuity": {"with": "a", "strength": 0.6}},
                tmp_path, "b", previous={"a": a}.get)
    assert b.report["seed"] == 42 and b.report["conditioned_by"][0]["shot"] == "a"
    c = _source({"prompt": "a different scene, harsh light", "seed": 7, "start_from": "other.png"}, tmp_path, "c")

    def frames(src):
        return np.stack([src.frame(i) for i in range(0, N, 4)])
    remembered, unrelated = measure(frames(a), frames(b)), measure(frames(a), frames(c))
    print(f"{fam.label}: continuity a→b (memory) {remembered.as_dict()}, a→c (none) {unrelated.as_dict()}")
    assert remembered.score > unrelated.score
