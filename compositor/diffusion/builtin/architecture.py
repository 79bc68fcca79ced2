"""The built-in model's components: standard diffusers/transformers classes with tiny configs.

Why these classes: the shipped folder is an ordinary `WanPipeline` folder, so the diffusion core loads it with
`DiffusionPipeline.from_pretrained` exactly like a downloaded Wan 2.1 model (no custom code, same chunking,
caching and resampling). Sizes were chosen by measurement on a 2-core CPU (see docs/builtin-model.md):
- VAE: Wan 2.1's causal 3D VAE layout (no patchify, two down stages: 4x spatial / 4x temporal) with weights set
  in closed form as a luminance codec (codec_vae.py): 4 latent channels. 8x (Wan 2.2's patchified layout) was
  tried first: a round trip through it alone already blurred particles into bokeh and polygon outlines into
  blobs (a family classifier recognised 77% of round-tripped procedural clips at 8x, 97% at 4x).
- Transformer: 4 blocks of width 192, patch 1x4x4 (16x16 pixels per token): 160x96x25 frames is 420 tokens,
  ~0.8 s per training step of 8 clips on a 2-core CPU (1x2x2 would be 1,680 tokens and ~2.4 s per step).
- Text: a 2-layer UMT5 encoder (width 64) over the word-level caption vocabulary.
"""
from __future__ import annotations

import torch

from .codec_vae import build_codec_vae
from .config import (DEFAULT_GUIDANCE, DEFAULT_STEPS, LATENT_CHANNELS, NATIVE_FPS,  # noqa: F401 (re-exported)
                     NATIVE_FRAMES, NATIVE_SIZES, PROMPT_RULES, SPATIAL_FACTOR, TEXT_DIM, vae_config)
from .vocab import build_tokenizer


# Transformer sizes the training script can build (--transformer). The folder's config.json records which one a
# model is, so loading never needs this table. "small" trains on a 2-core CPU; the others want a GPU to train.
TRANSFORMERS = {
    "small": dict(patch_size=(1, 4, 4), num_attention_heads=6, ffn_dim=384, num_layers=4),    # 2.1M
    "base": dict(patch_size=(1, 4, 4), num_attention_heads=8, ffn_dim=768, num_layers=8),     # 8.0M
    "fine": dict(patch_size=(1, 2, 2), num_attention_heads=6, ffn_dim=384, num_layers=4),     # 2.1M, 4x tokens
    "fine-base": dict(patch_size=(1, 2, 2), num_attention_heads=8, ffn_dim=768, num_layers=8),  # 8.0M, 4x tokens
}


def transformer_config(preset: str = "small") -> dict:
    return dict(attention_head_dim=32, in_channels=LATENT_CHANNELS, out_channels=LATENT_CHANNELS,
                text_dim=TEXT_DIM, freq_dim=64, cross_attn_norm=True, qk_norm="rms_norm_across_heads", eps=1e-6,
                rope_max_seq_len=256, **TRANSFORMERS[preset])


def text_encoder_config(vocab_size: int) -> dict:
    return dict(vocab_size=vocab_size, d_model=TEXT_DIM, d_kv=16, d_ff=128, num_layers=2, num_heads=4,
                relative_attention_num_buckets=8, relative_attention_max_distance=32, dropout_rate=0.0,
                pad_token_id=0, eos_token_id=1, decoder_start_token_id=0, feed_forward_proj="gated-gelu")


def build_components(seed: int = 0, preset: str = "small") -> dict:
    """Fresh (untrained) components, deterministic from `seed`."""
    from diffusers import FlowMatchEulerDiscreteScheduler, WanTransformer3DModel
    from transformers import UMT5Config, UMT5EncoderModel

    torch.manual_seed(seed)
    tokenizer = build_tokenizer()
    text_encoder = UMT5EncoderModel(UMT5Config(**text_encoder_config(len(tokenizer))))
    vae = build_codec_vae()
    transformer = WanTransformer3DModel(**transformer_config(preset))
    scheduler = FlowMatchEulerDiscreteScheduler(shift=3.0)
    return dict(tokenizer=tokenizer, text_encoder=text_encoder, vae=vae, transformer=transformer,
                scheduler=scheduler)


def call_hints() -> dict:
    """The folder's compositor.json: native size/fps and call settings the diffusion core reads."""
    return {"native_size": list(NATIVE_SIZES[0]), "native_fps": NATIVE_FPS, "window": NATIVE_FRAMES,
            "steps": DEFAULT_STEPS, "guidance": DEFAULT_GUIDANCE, "prompt_rules": [dict(r) for r in PROMPT_RULES]}


def count_params(module: torch.nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())
