"""The constructed VAE is an exact, standard-format luminance codec: latents are the 4x4-averaged frames
(four frames per latent), and decoding is a smooth upsample that keeps every frame (no temporal holds)."""
import cv2
import numpy as np
import torch

from compositor.diffusion.builtin.codec_vae import build_codec_vae
from compositor.diffusion.builtin.training.dataset import to_model_range
from compositor.diffusion.builtin.procedural import MotionParams, render


def test_latents_are_block_averaged_frames_and_decode_smoothly():
    lum = render(MotionParams("light_leak", speed="fast"), 4, (160, 96), 13, 6.0)
    vae = build_codec_vae()
    with torch.no_grad():
        z = vae.encode(torch.from_numpy(to_model_range(lum))[None]).latent_dist.mean[0].numpy()
        rec = (vae.decode(torch.from_numpy(z)[None]).sample[0, 0].numpy() + 1) / 2
    assert z.shape == (4, 4, 24, 40)
    small = lambda f: cv2.resize(f, (40, 24), interpolation=cv2.INTER_AREA) * 2 - 1  # noqa: E731
    assert np.allclose(z[:, 0], small(lum[0]), atol=3e-3)          # latent 0: frame 0 in every channel
    for k in (1, 2, 3):
        for j in range(4):
            assert np.allclose(z[j, k], small(lum[4 * k - 3 + j]), atol=3e-3)
    assert rec.shape == lum.shape
    reference = np.stack([cv2.resize(small(f) / 2 + 0.5, (160, 96), interpolation=cv2.INTER_LINEAR) for f in lum])
    assert np.abs(rec - reference).mean() < 0.02
    # Every decoded frame differs from the previous one, as the source does: no repeated frames.
    assert (np.abs(np.diff(rec[1:], axis=0)).mean(axis=(1, 2)) > 1e-3).all()


def test_direct_encoding_used_for_training_equals_the_vae_encoder():
    from compositor.diffusion.builtin.codec_vae import encode_direct
    lum = render(MotionParams("waves"), 1, (96, 160), 9, 6.0)
    with torch.no_grad():
        z = build_codec_vae().encode(torch.from_numpy(to_model_range(lum))[None]).latent_dist.mean[0].numpy()
    assert np.allclose(encode_direct(lum), z, atol=3e-3)
