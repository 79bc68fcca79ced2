"""Cache keys are a contract: a user's cache and the shipped example's cached clips must keep hitting.

The keys below were recorded from the generation code before it moved into `diffusion/generation.py`; any change
to what goes into a key (or how) fails here. The two inputs that legitimately change every key, the model
folder's content hash and the library versions, are fixed, so the test pins how a key is composed.
"""
import json
from types import SimpleNamespace

import pytest

from compositor.diffusion import cache
from compositor.sources.generate import GenerateSource
from diffusion_helpers import make_ctx

LOOK = SimpleNamespace(look_prompt="soft natural light", look_negative="blurry", palette=lambda: [])

SPECS = {
    "builtin": ({"prompt": "slow dolly across a bright office", "seed": 7},
                dict(size=(160, 90), fps=24.0, n_frames=30, brand=LOOK)),
    "wan_image": ({"prompt": "ocean", "model": "models/wan_i2v", "image": "first.png", "seed": 3},
                  dict(size=(64, 36), fps=24.0, n_frames=30, brand=LOOK)),
    "best_of_n": ({"prompt": "laptop desk", "model": "models/ltx", "seed": 20, "candidates": 3, "steps": 3,
                   "guidance": 4.0}, dict(size=(48, 32), fps=8.0, n_frames=4)),
    "start_end": ({"prompt": "ocean", "model": "models/wan_i2v", "start_from": "first.png", "end_on": "last.png",
                   "seed": 5}, dict(size=(32, 32), fps=8.0, n_frames=12)),
}

EXPECTED = {     # [base key, one key per seed (, the seeds of kept attempt 2)], recorded before the move
    "builtin": ["6617f06547cf9dea2cd95a21d67bda3e", "1af8a215a3d95e993c7b8ba9417de696"],
    "wan_image": ["33d61483a732e23c5724fb49304253bd", "56605056737a91fa4c4ced1676257698"],
    "best_of_n": ["b525e63eba2712d8067635663bf11697", "d9e7b72d847d74f4769086a3ff99cfd7",
                  "020abb80694d73335d7d265fd40e14d6", "ff9751dec0162a51f0135a6d9a01abcd",
                  "020e809ceab104584fc79c5e8d442a73", "cf7470b23ae927f9d970483961e5cd92",
                  "543a3c9f88a0560c814502c3523e653a"],
    "start_end": ["c67e16fde54f815e5dfb9765d1bea3c0", "96f1ff56bfe0b0929d59d35e734c97ba"],
}


@pytest.fixture
def fixed(monkeypatch):
    monkeypatch.setattr(cache, "folder_identity", lambda folder: f"folder:{folder.name}")
    monkeypatch.setattr(cache, "library_versions", lambda: {"torch": "2.0", "diffusers": "0.30", "numpy": "1.26"})


def keys(project, name):
    spec, ctx_kw = SPECS[name]
    plan = GenerateSource(spec, project).generation.plan(make_ctx(project, **ctx_kw))
    return [plan.base_key, *plan.keys]


@pytest.mark.parametrize("name", sorted(SPECS))
def test_cache_keys_are_unchanged(project, end_image, fixed, name):
    got = keys(project, name)
    if name == "best_of_n":           # a kept attempt (quality.on_fail) moves the seeds, not the base key
        (project / ".cache" / cache.SUBDIR).mkdir(parents=True)
        (project / ".cache" / cache.SUBDIR / "selections.json").write_text(json.dumps({got[0]: 2}))
        got += keys(project, name)[1:]
    assert got == EXPECTED[name]
