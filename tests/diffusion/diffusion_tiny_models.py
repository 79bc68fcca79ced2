"""Tiny diffusers video pipelines with random weights, saved as real pipeline folders.

Built the way diffusers' own fast tests build them (small configs, fixed seeds), but fully offline: the text
encoder comes from a T5 config and the tokenizer is built locally with the `tokenizers` library. The folders are
what a user downloads, only small, so the whole loading path (model_index.json, from_pretrained) is exercised.
"""
from __future__ import annotations

from pathlib import Path

WORDS = ("slow dolly across a bright open plan office morning light shallow depth of field text watermark logo "
         "city street night rain neon ocean waves sunset forest mountain camera pan zoom product desk laptop "
         "brand clean minimal blue orange white warm cool soft").split()


def _tokenizer():
    from tokenizers import Tokenizer, models, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    vocab = {"<pad>": 0, "</s>": 1, "<unk>": 2}
    for w in WORDS:
        vocab.setdefault(w, len(vocab))
    tok = Tokenizer(models.WordLevel(vocab=vocab, unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.post_processor = processors.TemplateProcessing(single="$A </s>", special_tokens=[("</s>", 1)])
    return PreTrainedTokenizerFast(tokenizer_object=tok, pad_token="<pad>", eos_token="</s>", unk_token="<unk>",
                                   model_max_length=512)


def _text_encoder(d_model: int = 32):
    import torch
    from transformers import T5Config, T5EncoderModel

    torch.manual_seed(0)
    cfg = T5Config(vocab_size=64, d_model=d_model, d_kv=8, d_ff=37, num_layers=2, num_heads=4,
                   relative_attention_num_buckets=8, decoder_start_token_id=0, pad_token_id=0, eos_token_id=1)
    return T5EncoderModel(cfg).eval()


def _wan_vae(z_dim: int = 16, **kw):
    import torch
    from diffusers import AutoencoderKLWan

    torch.manual_seed(0)
    return AutoencoderKLWan(base_dim=3, z_dim=z_dim, dim_mult=[1, 1, 1, 1], num_res_blocks=1,
                            temperal_downsample=[False, True, True], **kw)


def _wan_transformer(in_channels: int, out_channels: int, rope_max_seq_len: int = 32, **kw):
    import torch
    from diffusers import WanTransformer3DModel

    torch.manual_seed(0)
    return WanTransformer3DModel(patch_size=(1, 2, 2), num_attention_heads=2, attention_head_dim=12,
                                 in_channels=in_channels, out_channels=out_channels, text_dim=32, freq_dim=256,
                                 ffn_dim=32, num_layers=2, cross_attn_norm=True, qk_norm="rms_norm_across_heads",
                                 rope_max_seq_len=rope_max_seq_len, **kw)


def _clip_text_encoder(hidden_size: int = 48):
    """A CLIP text model: not the encoder a Wan pipeline takes (UMT5; T5 is a drop-in), and 48 wide, not 32."""
    import torch
    from transformers import CLIPTextConfig, CLIPTextModel

    torch.manual_seed(0)
    cfg = CLIPTextConfig(vocab_size=64, hidden_size=hidden_size, intermediate_size=37, num_hidden_layers=2,
                         num_attention_heads=4, max_position_embeddings=64, pad_token_id=0, eos_token_id=1,
                         bos_token_id=1)
    return CLIPTextModel(cfg).eval()


def build_wan_t2v(folder: Path, rope_max_seq_len: int = 32, clip_text_encoder: bool = False) -> Path:
    """Wan 2.1 text-to-video (cannot condition on an image). `rope_max_seq_len` bounds the latent positions
    per axis the transformer can place; `clip_text_encoder` saves a CLIP text model in place of the T5."""
    from diffusers import FlowMatchEulerDiscreteScheduler, WanPipeline

    pipe = WanPipeline(transformer=_wan_transformer(16, 16, rope_max_seq_len), vae=_wan_vae(),
                       scheduler=FlowMatchEulerDiscreteScheduler(shift=7.0),
                       text_encoder=_clip_text_encoder() if clip_text_encoder else _text_encoder(),
                       tokenizer=_tokenizer(), transformer_2=None)
    pipe.save_pretrained(folder)
    return Path(folder)


def build_wan_i2v(folder: Path) -> Path:
    """Wan 2.2-style image-to-video (latent-concat conditioning, no CLIP image encoder)."""
    from diffusers import UniPCMultistepScheduler, WanImageToVideoPipeline

    pipe = WanImageToVideoPipeline(
        transformer=_wan_transformer(36, 16), vae=_wan_vae(),
        scheduler=UniPCMultistepScheduler(prediction_type="flow_prediction", use_flow_sigmas=True, flow_shift=3.0),
        text_encoder=_text_encoder(), tokenizer=_tokenizer(), transformer_2=None, image_encoder=None,
        image_processor=None)
    pipe.save_pretrained(folder)
    return Path(folder)


def build_ltx(folder: Path, condition: bool = False) -> Path:
    """LTX-Video (LTXPipeline, or LTXConditionPipeline with `condition=True`)."""
    import torch
    from diffusers import (AutoencoderKLLTXVideo, FlowMatchEulerDiscreteScheduler, LTXConditionPipeline,
                           LTXPipeline, LTXVideoTransformer3DModel)

    torch.manual_seed(0)
    transformer = LTXVideoTransformer3DModel(in_channels=8, out_channels=8, patch_size=1, patch_size_t=1,
                                             num_attention_heads=4, attention_head_dim=8, cross_attention_dim=32,
                                             num_layers=1, caption_channels=32)
    torch.manual_seed(0)
    vae = AutoencoderKLLTXVideo(
        in_channels=3, out_channels=3, latent_channels=8, block_out_channels=(8, 8, 8, 8),
        decoder_block_out_channels=(8, 8, 8, 8), layers_per_block=(1, 1, 1, 1, 1),
        decoder_layers_per_block=(1, 1, 1, 1, 1), spatio_temporal_scaling=(True, True, False, False),
        decoder_spatio_temporal_scaling=(True, True, False, False),
        decoder_inject_noise=(False, False, False, False, False), upsample_residual=(False, False, False, False),
        upsample_factor=(1, 1, 1, 1), timestep_conditioning=False, patch_size=1, patch_size_t=1,
        encoder_causal=True, decoder_causal=False)
    cls = LTXConditionPipeline if condition else LTXPipeline
    pipe = cls(transformer=transformer, vae=vae, scheduler=FlowMatchEulerDiscreteScheduler(),
               text_encoder=_text_encoder(), tokenizer=_tokenizer())
    pipe.save_pretrained(folder)
    return Path(folder)


def build_wan_ti2v(folder: Path) -> Path:
    """Wan 2.2 TI2V-style: one WanPipeline folder (expand_timesteps) that also does image-to-video."""
    from diffusers import UniPCMultistepScheduler, WanPipeline

    vae = _wan_vae(z_dim=48, in_channels=12, out_channels=12, is_residual=True, patch_size=2,
                   latents_mean=[0.0] * 48, latents_std=[1.0] * 48, scale_factor_spatial=16, scale_factor_temporal=4)
    pipe = WanPipeline(
        transformer=_wan_transformer(48, 48), vae=vae,
        scheduler=UniPCMultistepScheduler(prediction_type="flow_prediction", use_flow_sigmas=True, flow_shift=3.0),
        text_encoder=_text_encoder(), tokenizer=_tokenizer(), transformer_2=None, expand_timesteps=True)
    pipe.save_pretrained(folder)
    return Path(folder)


def build_wan_vace(folder: Path) -> Path:
    """Wan VACE: video + mask (keep / generate) and subject `reference_images`."""
    import torch
    from diffusers import FlowMatchEulerDiscreteScheduler, WanVACEPipeline, WanVACETransformer3DModel

    torch.manual_seed(0)
    transformer = WanVACETransformer3DModel(
        patch_size=(1, 2, 2), num_attention_heads=2, attention_head_dim=12, in_channels=16, out_channels=16,
        text_dim=32, freq_dim=256, ffn_dim=32, num_layers=2, cross_attn_norm=True, qk_norm="rms_norm_across_heads",
        rope_max_seq_len=32, vace_layers=[0], vace_in_channels=96)      # 96 = 2 x 16 latent + 8 x 8 mask channels
    pipe = WanVACEPipeline(transformer=transformer, vae=_wan_vae(), scheduler=FlowMatchEulerDiscreteScheduler(shift=7.0),
                           text_encoder=_text_encoder(), tokenizer=_tokenizer())
    pipe.save_pretrained(folder)
    return Path(folder)
