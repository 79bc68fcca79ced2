"""Training options beyond the schedule: transformer presets, parallel encoding, family weights, bad values."""
import json

import pytest
import torch

from compositor.diffusion.builtin import architecture as arch
from compositor.diffusion.builtin.training import train


def test_a_preset_is_exported_and_kept_on_resume(tmp_path):
    out = tmp_path / "run"
    folder = train.main(["--out", str(out), "--tiny", "--transformer", "fine"])
    config = json.loads((folder / "transformer" / "config.json").read_text())
    assert config["patch_size"] == [1, 2, 2] == list(arch.TRANSFORMERS["fine"]["patch_size"])
    # A resume that names another preset still continues the checkpoint's architecture (weights must fit).
    train.main(["--out", str(out), "--tiny", "--steps", "4", "--transformer", "base"])
    record = json.loads((folder / "training.json").read_text())
    assert record["step"] == 4 and record["config"]["transformer"] == "fine"
    assert json.loads((folder / "transformer" / "config.json").read_text())["num_layers"] == 4
    assert record["devices"] and record["devices"][0].startswith("CPU")


def test_parallel_encoding_gives_the_same_latents_in_order(tmp_path):
    one = train.Trainer(tmp_path / "one", train.TrainConfig.tiny(), None, 0)
    two = train.Trainer(tmp_path / "two", train.TrainConfig.tiny(), None, 0, workers=2)
    one.run_encode()
    two.run_encode()
    a, b = (torch.load(t.latents_path, weights_only=False) for t in (one, two))
    assert len(a) == len(b) == train.TrainConfig.tiny().clips
    for x, y in zip(a, b):
        assert x["params"] == y["params"] and torch.equal(x["mean"], y["mean"])
    assert one.state["latents_std"] == two.state["latents_std"]


def test_family_weights_are_recorded(tmp_path):
    folder = train.main(["--out", str(tmp_path / "run"), "--tiny", "--family-weight", "bokeh=2.5"])
    assert json.loads((folder / "training.json").read_text())["config"]["family_weights"] == {"bokeh": 2.5}


@pytest.mark.parametrize("args,option", [
    (["--family-weight", "sparkles=2"], "--family-weight"),
    (["--family-weight", "bokeh=0"], "--family-weight"),
    (["--family-weight", "bokeh"], "--family-weight"),
    (["--batch", "0"], "--batch"),
    (["--lr", "-1"], "--lr"),
    (["--device", "tpu"], "--device"),
])
def test_bad_options_exit_2_and_write_nothing(tmp_path, args, option, capsys):
    with pytest.raises(SystemExit) as stop:
        train.main(["--out", str(tmp_path / "run"), "--tiny", *args])
    assert stop.value.code == 2
    assert option in capsys.readouterr().err.split("error:")[-1]
    assert not (tmp_path / "run").exists()


@pytest.mark.skipif(torch.cuda.is_available(), reason="this machine has a GPU")
def test_cuda_without_a_gpu_is_refused(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        train.main(["--out", str(tmp_path / "run"), "--tiny", "--device", "cuda"])
    assert stop.value.code == 2 and "cuda" in capsys.readouterr().err
