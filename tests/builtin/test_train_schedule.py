"""The training objective's pieces: the frame sequence inside codec latents and the annealing schedule."""
import math

import cv2
import numpy as np
import pytest
import torch

from compositor.diffusion.builtin.training import train
from compositor.diffusion.builtin.codec_vae import encode_direct
from compositor.diffusion.builtin.training.dataset import make_clip


def test_frame_differences_follow_the_codec_frame_order():
    clip = make_clip("heldout", 7, ((64, 48),), 9, 6.0)
    latent = torch.from_numpy(encode_direct(clip.luminance))[None]
    diffs = train.frame_differences(latent)[0].numpy()
    small = np.stack([cv2.resize(f, (16, 12), interpolation=cv2.INTER_AREA) for f in clip.luminance]) * 2 - 1
    assert diffs.shape == (8, 12, 16)
    np.testing.assert_allclose(diffs, np.diff(small, axis=0), atol=1e-5)
    assert np.abs(diffs).max() > 1e-3  # a moving clip: the check compares real motion, not zeros


def test_annealing_holds_then_follows_a_cosine_to_the_budget(tmp_path):
    cfg = train.TrainConfig.tiny()
    cfg.decay_start_min = 10.0
    trainer = train.Trainer(tmp_path / "run", cfg, minutes=30.0, seed=0)
    trainer.state["step"] = 1000
    lrs = {}
    for minute in (0, 9.9, 20, 30, 40):
        trainer.wall_at_start = minute * 60 - (trainer.wall() - trainer.wall_at_start)
        lrs[minute] = trainer._lr()
    assert lrs[0] == lrs[9.9] == cfg.lr
    assert math.isclose(lrs[20], cfg.lr * (0.02 + 0.98 * 0.5), rel_tol=1e-3)
    assert math.isclose(lrs[30], cfg.lr * 0.02, rel_tol=1e-2) and lrs[40] == lrs[30]
    plain = train.Trainer(tmp_path / "plain", train.TrainConfig.tiny(), minutes=30.0, seed=0)
    plain.state["step"] = 1000
    assert plain._lr() == cfg.lr  # no --decay-start: the constant rate the first release trained with


@pytest.mark.parametrize("args", [["--temporal-weight", "-1"], ["--decay-start", "10"],
                                  ["--minutes", "5", "--decay-start", "5"]])
def test_bad_schedule_options_exit_2_with_a_reason(tmp_path, args, capsys):
    with pytest.raises(SystemExit) as stop:
        train.main(["--out", str(tmp_path / "run"), "--tiny", *args])
    assert stop.value.code == 2
    reason = capsys.readouterr().err.split("error:")[-1]
    assert args[-2] in reason  # names the option at fault, not just the usage line
    assert not (tmp_path / "run").exists()  # refused before anything was written
