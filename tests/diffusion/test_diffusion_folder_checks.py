"""A model folder that cannot serve the request is a user error naming the folder, the component and what to
change (exit 2), before any generation: a transformer whose rotary table is too short for the size
(`rope_max_seq_len`), a text encoder of another class than the pipeline takes, and whatever still fails inside
a call (named by the component it died in)."""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from compositor.errors import FieldError
from compositor.sources.generate import GenerateSource
from diffusion_helpers import HINTS, make_ctx


@pytest.fixture(scope="module")
def odd_models(tmp_path_factory) -> Path:
    """short_rope: tiny Wan text-to-video with rope_max_seq_len 4 (4 latent positions, 64 px at 16 px per
    patch, per axis); clip_encoder: the same with a CLIP text model (48 wide) where the pipeline takes UMT5."""
    from diffusion_tiny_models import build_wan_t2v

    root = tmp_path_factory.mktemp("odd_models")
    build_wan_t2v(root / "short_rope", rope_max_seq_len=4)
    build_wan_t2v(root / "clip_encoder", clip_text_encoder=True)
    (root / "short_rope" / "compositor.json").write_text(json.dumps({**HINTS, "native_size": [128, 64]}))
    (root / "clip_encoder" / "compositor.json").write_text(json.dumps(HINTS))
    return root


def test_a_short_rotary_table_is_a_user_error_at_the_cli(tmp_path, odd_models, compositor_cli):
    (tmp_path / "project.yaml").write_text(textwrap.dedent(f"""\
        compositor: 1
        brand: neutral
        output: {{size: [128, 64], fps: 8, file: out.mp4}}
        shots:
          - id: a
            duration: 0.5
            background:
              generate:
                prompt: bright office
                model: {odd_models / "short_rope"}
                seed: 1
        """))
    run = compositor_cli("render", tmp_path / "project.yaml", "--no-cache", cwd=tmp_path, timeout=300)
    assert run.returncode == 2, run.stderr
    assert "internal error" not in run.stderr
    line = run.stderr.strip().splitlines()[-1]
    assert line.startswith(f"{tmp_path / 'project.yaml'}:10: shots[0].background.generate.model: "
                           "short_rope/transformer/config.json: rope_max_seq_len 4 is shorter than the 8 latent "
                           "columns a 128×64, 5-frame call needs — "), line
    assert "`native_size` at most 64 px wide" in line
    assert not (tmp_path / "out.mp4").exists()
    # what the fix says works: at 64×64 (4 columns, 4 rows) the same folder generates
    hints = odd_models / "short_rope" / "compositor.json"
    hints.write_text(json.dumps({**HINTS, "native_size": [64, 64]}))
    try:
        src = GenerateSource({"prompt": "bright office", "model": str(odd_models / "short_rope"), "seed": 1}, tmp_path)
        src.prepare(make_ctx(tmp_path, size=(64, 64), n_frames=4, use_cache=False))
        assert src.frame(0).shape == (64, 64, 3)
    finally:
        hints.write_text(json.dumps({**HINTS, "native_size": [128, 64]}))


def test_a_text_encoder_of_another_class_names_the_component(tmp_path, odd_models):
    src = GenerateSource({"prompt": "bright office", "model": str(odd_models / "clip_encoder"), "seed": 1}, tmp_path)
    with pytest.raises(FieldError) as e:
        src.prepare(make_ctx(tmp_path, size=(32, 32), n_frames=4, use_cache=False))
    assert e.value.path == ("generate", "model")
    assert e.value.message == ("clip_encoder/text_encoder is a CLIPTextModel, but WanPipeline takes a "
                               "UMT5EncoderModel as its text_encoder (model_index.json)")
    assert str(odd_models / "clip_encoder" / "text_encoder") in e.value.fix


def test_a_call_that_still_fails_names_the_folder_and_the_component(tmp_path, odd_models, monkeypatch):
    """With the size check out of the way the transformer itself fails: the error names it, not a RuntimeError."""
    import compositor.diffusion.generation as generation

    monkeypatch.setattr(generation, "check_fit", lambda *a, **k: None)
    src = GenerateSource({"prompt": "bright office", "model": str(odd_models / "short_rope"), "seed": 1}, tmp_path)
    with pytest.raises(FieldError) as e:
        src.prepare(make_ctx(tmp_path, size=(128, 64), n_frames=4, use_cache=False))
    assert e.value.path == ("generate", "model")
    assert f"failed in {odd_models / 'short_rope' / 'transformer'}: RuntimeError" in e.value.message
    assert "(128×64, 5 frames)" in e.value.message
