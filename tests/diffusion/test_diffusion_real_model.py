"""Opt-in: a real downloaded model on a GPU. Set COMPOSITOR_TEST_MODEL=/path/to/a/diffusers/pipeline/folder."""
import os
from pathlib import Path

import numpy as np
import pytest

from diffusion_helpers import Steps, make_ctx

MODEL = os.environ.get("COMPOSITOR_TEST_MODEL")
if MODEL:      # the folder's store is the user's model store (COMPOSITOR_MODELS), as on their machine
    os.environ["COMPOSITOR_MODELS"] = os.pathsep.join(
        p for p in (os.environ.get("COMPOSITOR_MODELS"), str(Path(MODEL).resolve().parent)) if p)


def _cuda() -> bool:
    try:
        import torch

        return torch.cuda.is_available()
    except ImportError:
        return False


pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not MODEL, reason="set COMPOSITOR_TEST_MODEL to a downloaded diffusers video pipeline folder"),
    pytest.mark.skipif(not _cuda(), reason="needs a CUDA GPU (real weights are far too slow on a CPU)"),
]


def test_real_model_two_second_shot(tmp_path):
    from compositor.sources.generate import GenerateSource

    steps = Steps()
    src = GenerateSource({"prompt": "slow dolly across a bright open-plan office, morning light",
                          "model": str(Path(MODEL).resolve()), "seed": 42, "steps": 20}, tmp_path)
    ctx = make_ctx(tmp_path, size=(1280, 720), fps=30.0, n_frames=60, progress=steps)
    src.prepare(ctx)
    frames = np.stack([src.frame(i) for i in range(0, 60, 10)])
    assert frames.shape == (6, 720, 1280, 3) and steps.count >= 20
    assert frames.std() > 10           # a real picture
    again = GenerateSource(src.spec, tmp_path)
    again.prepare(make_ctx(tmp_path, size=(1280, 720), fps=30.0, n_frames=60))
    assert again.report["cache_hits"] == [True]


def test_real_model_with_a_reference_and_a_locked_product(tmp_path):
    """The folder's family takes a reference as it declares (VACE subjects, else the first frame), and an exact
    product lands pixel-exact at its region on the first frame."""
    from PIL import Image

    from compositor.diffusion.references import References, ReferenceSpec, resolve
    from compositor.sources.generate import GenerateSource
    from compositor.sources.locked import LockedSource

    still = np.zeros((720, 1280, 3), np.uint8)
    still[:, :, 0] = np.linspace(40, 220, 1280, dtype=np.uint8)[None]
    still[:, :, 2] = np.linspace(200, 60, 720, dtype=np.uint8)[:, None]
    Image.fromarray(still).save(tmp_path / "place.png")
    product = np.zeros((120, 200, 3), np.uint8)
    product[::2] = (255, 0, 255)
    Image.fromarray(product).save(tmp_path / "product.png")
    refs = References({"place": resolve("place", ReferenceSpec(image="place.png"), tmp_path),
                       "product": resolve("product", ReferenceSpec(image="product.png", exact=True), tmp_path)},
                      (1280, 720))
    src = GenerateSource({"prompt": "a laptop on a desk, morning light", "model": str(Path(MODEL).resolve()),
                          "seed": 42, "steps": 20,
                          "reference": ["place", {"name": "product", "region": [540, 300, 200, 120]}]}, tmp_path,
                         references=refs)
    shot = LockedSource(src, src.locks)
    shot.prepare(make_ctx(tmp_path, size=(1280, 720), fps=30.0, n_frames=30))
    first = shot.frame(0)
    assert np.array_equal(first[300:420, 540:740], product)
    if src.routing.how == "first_frame":
        outside = np.ones((720, 1280), bool)
        outside[290:430, 530:750] = False
        assert np.abs(first[outside].astype(int) - still[outside].astype(int)).mean() < 6
    print(src.routing.how, shot.report["locks"])
