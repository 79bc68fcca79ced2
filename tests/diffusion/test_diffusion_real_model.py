"""Opt-in: a real downloaded model on a GPU. Set COMPOSITOR_TEST_MODEL=/path/to/a/diffusers/pipeline/folder."""
import os
from pathlib import Path

import numpy as np
import pytest

from diffusion_helpers import Steps, make_ctx

MODEL = os.environ.get("COMPOSITOR_TEST_MODEL")


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
