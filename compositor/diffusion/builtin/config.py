"""The built-in model's constants in one place: native size, frame rate and window, the codec's latent shape,
and the sampling defaults. Architecture, codec and sampling all read them here, so none imports another for a
number."""
from __future__ import annotations

NATIVE_FPS = 6
NATIVE_FRAMES = 25  # 4.0 s at 6 fps; frames must be 4k+1 for the Wan VAE
# (width, height), all trained: ~16:9 (the default), square, ~9:16. Multiples of 16 (VAE 4x * patch 4).
NATIVE_SIZES = ((160, 96), (128, 128), (96, 160))
LATENT_CHANNELS = 4
SPATIAL_FACTOR = 4  # VAE: 4x4 pixel blocks per latent (8x lost particles and polygon outlines; measured)
TEXT_DIM = 64


DEFAULT_STEPS = 12
DEFAULT_GUIDANCE = 4.0
DEFAULT_NEGATIVE = ""
# Call settings for prompts naming a family the weights confuse (prompting.py; measured, docs/builtin-model.md).
PROMPT_RULES = ({"when": ["bokeh", "out of focus"], "negative": "light leak", "guidance": 2.5},)


def vae_config() -> dict:
    return dict(base_dim=8, z_dim=LATENT_CHANNELS, dim_mult=[1, 2, 4], num_res_blocks=1, attn_scales=[],
                temperal_downsample=[True, True], in_channels=3, out_channels=3, patch_size=None,
                is_residual=False, scale_factor_temporal=4, scale_factor_spatial=SPATIAL_FACTOR,
                latents_mean=[0.0] * LATENT_CHANNELS, latents_std=[1.0] * LATENT_CHANNELS)
