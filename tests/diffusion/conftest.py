"""Tiny Wan and LTX pipeline folders (random weights, built offline), shared by the diffusion tests."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent))

from diffusion_helpers import HINTS  # noqa: E402

# small enough to run on two CPU cores in a fraction of a second per call


@pytest.fixture(scope="session", autouse=True)
def _threads():
    import torch

    torch.set_num_threads(2)


@pytest.fixture(scope="session")
def models(tmp_path_factory) -> Path:
    """Pipeline folders wan_t2v, wan_i2v, wan_ti2v, ltx, ltx_condition, wan_vace (each with compositor.json hints), and
    wan_plain: wan_t2v with image conditioning switched off (chunks joined by crossfade)."""
    from diffusion_tiny_models import build_ltx, build_wan_i2v, build_wan_t2v, build_wan_ti2v, build_wan_vace

    root = tmp_path_factory.mktemp("models")
    build_wan_t2v(root / "wan_t2v")
    build_wan_i2v(root / "wan_i2v")
    build_wan_ti2v(root / "wan_ti2v")
    build_ltx(root / "ltx")
    build_ltx(root / "ltx_condition", condition=True)
    build_wan_vace(root / "wan_vace")
    for name in ("wan_t2v", "wan_i2v", "wan_ti2v", "ltx_condition", "wan_vace"):
        (root / name / "compositor.json").write_text(json.dumps(HINTS))
    shutil.copytree(root / "wan_t2v", root / "wan_plain")
    (root / "wan_plain" / "compositor.json").write_text(json.dumps({**HINTS, "image_to_video": False}))
    (root / "ltx" / "compositor.json").write_text(json.dumps({**HINTS, "native_size": [32, 32]}))
    return root


@pytest.fixture
def project(tmp_path, models) -> Path:
    """A project folder with `models` linked in and a two-colour first-frame image."""
    from PIL import Image

    (tmp_path / "models").symlink_to(models, target_is_directory=True)
    img = np.zeros((32, 32, 3), np.uint8)
    img[:, :16] = (220, 40, 40)
    img[:, 16:] = (30, 60, 200)
    Image.fromarray(img).save(tmp_path / "first.png")
    return tmp_path


@pytest.fixture
def end_image(project):
    """project/last.png: a two-band image a shot is made to land on (or start from)."""
    from PIL import Image

    img = np.zeros((32, 32, 3), np.uint8)
    img[:16] = (240, 200, 30)
    img[16:] = (20, 140, 90)
    Image.fromarray(img).save(project / "last.png")
    return img


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory) -> Path:
    """One cache for tests that only compare keys, so a base clip is generated once per session."""
    return tmp_path_factory.mktemp("cache")
