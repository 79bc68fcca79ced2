"""Retiming by optical flow and resizing: measured on a moving square."""
import numpy as np

from compositor.diffusion.resample import Resampler, generation_size, native_frames_needed


def square_clip(n=5, size=64, step=8):
    frames = np.full((n, size, size, 3), 30, np.uint8)
    for k in range(n):
        x = 8 + k * step
        frames[k, 24:40, x:x + 16] = (240, 200, 60)
    return frames


def centre_x(img):
    mask = img[..., 0] > 135
    return np.nonzero(mask)[1].mean(), mask.sum()


def test_flow_interpolation_moves_the_square_instead_of_ghosting():
    clip = square_clip()
    flow = Resampler(clip, 8, 16, (64, 64), method="flow")
    blend = Resampler(clip, 8, 16, (64, 64), method="blend")
    mid = flow.frame(1)                       # halfway between native frames 0 and 1
    x, area = centre_x(mid)
    assert abs(x - (15.5 + 4)) < 1.5          # the square sits halfway (centre 15.5 -> 23.5)
    assert abs(area - 256) < 40               # one solid square, not two half-bright ones
    ghost = blend.frame(1)
    assert ((ghost[..., 0] > 60) & (ghost[..., 0] < 200)).sum() > 200   # blending leaves two ghosts


def test_native_frames_are_kept_exactly_and_count_matches():
    clip = square_clip()
    r = Resampler(clip, 8, 24, (64, 64))
    assert np.array_equal(r.frame(0), clip[0]) and np.array_equal(r.frame(3), clip[1])
    n = 13
    assert native_frames_needed(n, 24, 8) == 5
    assert [r.frame(i).shape for i in range(n)] == [(64, 64, 3)] * n


def test_resize_and_crop_to_output():
    clip = square_clip()
    r = Resampler(clip, 8, 8, (128, 72))
    out = r.frame(2)
    assert out.shape == (72, 128, 3) and out.dtype == np.uint8
    assert any("Lanczos" in note for note in r.describe())
    assert any("cropped" in note for note in r.describe())


def test_generation_size_keeps_area_and_aspect():
    w, h = generation_size((832, 480), (1920, 1080), 16)
    assert w % 16 == 0 and h % 16 == 0
    assert abs(w / h - 16 / 9) < 0.05 and abs(w * h - 832 * 480) / (832 * 480) < 0.05
    w, h = generation_size((832, 480), (1080, 1920), 16)
    assert h > w


def test_trained_sizes_pick_the_closest_aspect():
    trained = ((160, 96), (112, 112), (96, 160))
    assert generation_size((160, 96), (1920, 1080), 16, trained) == (160, 96)
    assert generation_size((160, 96), (1080, 1080), 16, trained) == (112, 112)
    assert generation_size((160, 96), (1080, 1920), 16, trained) == (96, 160)
