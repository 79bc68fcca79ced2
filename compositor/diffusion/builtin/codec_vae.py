"""The built-in model's VAE: a fixed luminance codec written into Wan's VAE architecture (constructed, not learned).

Why: on a 2-core CPU a gradient step of even a tiny Wan VAE (3D causal convolutions) took 17-31 s for a batch
of four 64x64x9 crops (see docs/builtin-model.md), so a learned VAE would eat the whole training budget. The
content is calm, low-frequency luminance, for which a fixed codec is nearly lossless, so the weights are set
in closed form and all training time goes to the transformer.

What the weights compute (z_dim = 4, 4x spatial, 4x temporal; WanPipeline reads both factors from the config):
- Encoder: each 4x4 block is averaged (grey + two 2x2 box downsamples); the four frames of a temporal chunk
  are routed by the causal time convolutions into the four latent channels ("depth to time"), so latent k holds
  frames 4k-3..4k exactly. Latent 0 holds frame 0 in all four channels.
- Decoder: the time convolutions route the channels back to frames; space is upsampled 2x twice with
  nearest + [1,2,1] smoothing (bilinear-like).
Residual branches and attention projections are zero, so the path is linear except the two RMS norms + SiLU,
which a large constant "carrier" channel and a +10 offset keep linear to ~1e-3. Zero padding at borders scales
carrier and signal alike, so the norm removes it: no dark borders.
"""
from __future__ import annotations

import torch

CARRIER = 1000.0
OFFSET = 10.0


def _zero_(module) -> None:
    for p in module.parameters(recurse=False):
        p.data.zero_()


def _box_down(conv: torch.nn.Conv2d, channels: int) -> None:
    """stride-2 conv on a (0,1,0,1)-padded map: average each 2x2 block."""
    _zero_(conv)
    for c in range(channels):
        conv.weight.data[c, c, 0:2, 0:2] = 0.25


def _smooth_up(conv: torch.nn.Conv2d, channels: int) -> None:
    """3x3 conv after 2x nearest upsampling: [1,2,1]x[1,2,1]/16 makes it bilinear-like."""
    _zero_(conv)
    k = torch.tensor([1.0, 2.0, 1.0])
    kernel = torch.outer(k, k) / 16.0
    for c in range(channels):
        conv.weight.data[c, c] = kernel


def _route(conv, pairs, bias: dict | None = None) -> None:
    """Causal time conv (kernel (3,1,1)): out channel <- (tap, in channel) with weight 1."""
    _zero_(conv)
    for out_c, (tap, in_c) in pairs.items():
        conv.weight.data[out_c, in_c, tap, 0, 0] = 1.0
    for c, v in (bias or {}).items():
        conv.bias.data[c] = v


def _centre(conv, pairs: dict, bias: dict) -> None:
    """3x3x3 causal conv using only the current frame's centre tap: out <- in * weight, plus bias."""
    _zero_(conv)
    kt, kh, kw = conv.weight.shape[2:]
    for out_c, terms in pairs.items():
        for in_c, w in terms:
            conv.weight.data[out_c, in_c, kt - 1, kh // 2, kw // 2] = w
    for c, v in bias.items():
        conv.bias.data[c] = v


def build_codec_vae():
    """An AutoencoderKLWan whose weights implement the codec above (see architecture.vae_config)."""
    from diffusers import AutoencoderKLWan
    from diffusers.models.autoencoders.autoencoder_kl_wan import (WanAttentionBlock, WanResample,
                                                                  WanResidualBlock)

    from .config import vae_config

    vae = AutoencoderKLWan(**vae_config())
    z = vae.config.z_dim
    assert z == 4 and vae.config.patch_size is None
    for module in vae.modules():
        if isinstance(module, WanResidualBlock):
            _zero_(module.conv2)
            if isinstance(module.conv_shortcut, torch.nn.Conv3d):
                _zero_(module.conv_shortcut)
                n = min(module.conv_shortcut.weight.shape[:2])
                module.conv_shortcut.weight.data[:n, :n, 0, 0, 0] = torch.eye(n)
        elif isinstance(module, WanAttentionBlock):
            _zero_(module.proj)

    enc, dec = vae.encoder, vae.decoder
    in_ch = enc.conv_in.weight.shape[1]
    _centre(enc.conv_in, {c: [(i, 1.0 / in_ch) for i in range(in_ch)] for c in range(1, 5)},
            {0: CARRIER, **{c: OFFSET for c in range(1, 5)}})
    downs = [m for m in enc.down_blocks if isinstance(m, WanResample)]
    for m in downs:
        _box_down(m.resample[1], 5)
    # Level 1: window (previous, f_a, f_b) -> ch1 = f_a, ch2..4 = f_b.   Level 2: window (previous, A, B) ->
    # ch1, ch2 = A's two frames, ch3, ch4 = B's: four consecutive frames in four channels.
    _route(downs[0].time_conv, {0: (2, 0), 1: (1, 1), 2: (2, 1), 3: (2, 1), 4: (2, 1)})
    _route(downs[1].time_conv, {0: (2, 0), 1: (1, 1), 2: (1, 2), 3: (2, 1), 4: (2, 2)})
    width = enc.norm_out.gamma.shape[0]
    nominal = (CARRIER ** 2 + 4 * OFFSET ** 2) ** 0.5
    enc.norm_out.gamma.data.zero_()
    enc.norm_out.gamma.data[1:5] = nominal / width ** 0.5
    _centre(enc.conv_out, {j: [(j + 1, 1.0)] for j in range(z)}, {**{j: -OFFSET for j in range(z)},
                                                                   **{z + j: -30.0 for j in range(z)}})
    for conv in (vae.quant_conv, vae.post_quant_conv):
        _zero_(conv)
        n = conv.weight.shape[0]
        conv.weight.data[:, :, 0, 0, 0] = torch.eye(n)

    _centre(dec.conv_in, {j + 1: [(j, 1.0)] for j in range(z)}, {0: CARRIER, **{j + 1: OFFSET for j in range(z)}})
    ups = [m for m in dec.up_blocks if getattr(m, "upsamplers", None)]
    up0, up1 = ups[0].upsamplers[0], ups[1].upsamplers[0]
    half0 = up0.time_conv.weight.shape[0] // 2
    _route(up0.time_conv, {0: (2, 0), 1: (2, 1), 2: (2, 2), half0: (2, 0), half0 + 1: (2, 3), half0 + 2: (2, 4)})
    _smooth_up(up0.resample[1], 3)
    half1 = up1.time_conv.weight.shape[0] // 2
    _route(up1.time_conv, {0: (2, 0), 1: (2, 1), half1: (2, 0), half1 + 1: (2, 2)})
    _smooth_up(up1.resample[1], 2)
    width = dec.norm_out.gamma.shape[0]
    nominal = (CARRIER ** 2 + OFFSET ** 2) ** 0.5
    dec.norm_out.gamma.data.zero_()
    dec.norm_out.gamma.data[1] = nominal / width ** 0.5
    out_ch = dec.conv_out.weight.shape[0]
    _centre(dec.conv_out, {c: [(1, 1.0)] for c in range(out_ch)}, {c: -OFFSET for c in range(out_ch)})
    vae.requires_grad_(False)
    return vae.eval()


def encode_direct(luminance):
    """What the codec VAE's encoder computes, in numpy: (frames, H, W) in [0, 1] -> latents (4, 1+(F-1)/4, H/4, W/4).

    Used to encode the training set quickly; tests/builtin/test_codec_vae.py checks it equals `vae.encode`.
    """
    import cv2
    import numpy as np

    frames, h, w = luminance.shape
    from .config import SPATIAL_FACTOR as f_s

    small = np.stack([cv2.resize(f, (w // f_s, h // f_s), interpolation=cv2.INTER_AREA) for f in luminance]) * 2 - 1
    chunks = [np.repeat(small[:1], 4, axis=0)] + [small[1 + 4 * k: 5 + 4 * k] for k in range((frames - 1) // 4)]
    return np.stack(chunks, axis=1).astype(np.float32)
