"""The training script still works end to end: a miniature run trains, checkpoints, resumes and exports a
standard pipeline folder that DiffusionPipeline loads and runs."""
import json

import numpy as np
import torch

from compositor.diffusion.builtin.training import train


def test_tiny_training_exports_a_loadable_pipeline_and_resumes(tmp_path):
    out = tmp_path / "run"
    folder = train.main(["--out", str(out), "--tiny"])
    record = json.loads((folder / "training.json").read_text())
    assert record["phase"] == "done" and record["step"] == train.TrainConfig.tiny().steps
    assert record["wall_s"] > 0
    assert sorted(p.name for p in folder.rglob("*.safetensors"))  # weights as safetensors
    assert not list(folder.rglob("*.bin"))
    losses = [json.loads(l) for l in (out / "train_log.jsonl").read_text().splitlines() if '"loss"' in l]
    assert all(np.isfinite(l["loss"]) for l in losses)

    # Resume: more steps continue from the checkpoint (the step counter carries on; no phase is redone).
    train.main(["--out", str(out), "--tiny", "--steps", "4"])
    log = [json.loads(l) for l in (out / "train_log.jsonl").read_text().splitlines()]
    assert any(l.get("event") == "resumed" and l["phase"] == "done" for l in log)
    assert json.loads((folder / "training.json").read_text())["step"] == 4
    assert sum(1 for l in log if l.get("phase") == "diffusion" and "loss" in l) == 4  # 3 + 1 more, none redone

    from diffusers import DiffusionPipeline
    pipe = DiffusionPipeline.from_pretrained(str(folder))
    video = pipe("slow flowing waves, soft", height=32, width=32, num_frames=5, num_inference_steps=2,
                 generator=torch.Generator().manual_seed(0), output_type="np").frames[0]
    assert video.shape == (5, 32, 32, 3) and np.isfinite(video).all()
