"""Train the built-in motion model from scratch on procedural clips; resumable; exports a WanPipeline folder.

    python -m compositor.diffusion.builtin.training.train --out runs/builtin --minutes 70
    python -m compositor.diffusion.builtin.training.train --out /tmp/smoke --tiny        # CI smoke: seconds
    python -m compositor.diffusion.builtin.training.train --out runs/gpu --device cuda --transformer base --batch 128 ...

Phases (each resumes from the last checkpoint in --out; re-run the same command after an interruption):
1. encode:    every training clip is rendered and encoded once with the fixed codec VAE (codec_vae.py: built
              in closed form, not trained); latents are cached, so the diffusion phase never runs the VAE.
2. diffusion: the Wan transformer and the UMT5 text encoder learn flow matching (velocity = noise - latents)
              on the cached latents, captions dropped 10% of the time for classifier-free guidance. An EMA of the
              weights is what gets exported.
Wall time (summed over resumes) is recorded in the checkpoint and in the exported folder's training.json.
On a GPU (--device cuda) the cached latents live on the device and steps run under bf16 autocast; the exported
folder is the same fp32 CPU-loadable pipeline either way.
"""
from __future__ import annotations

import argparse
import copy
import json
import math
import os
import shutil
import signal
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch

from .. import architecture as arch
from ..codec_vae import encode_direct
from .dataset import make_clip, training_caption
from ..procedural import FAMILIES


@dataclass
class TrainConfig:
    sizes: tuple = arch.NATIVE_SIZES
    size_weights: tuple = (0.5, 0.3, 0.2)
    frames: int = arch.NATIVE_FRAMES
    fps: float = arch.NATIVE_FPS
    clips: int = 360
    steps: int = 20000
    batch: int = 8
    lr: float = 1e-3
    ema: float = 0.99
    cfg_drop: float = 0.1
    transformer: str = "small"  # a preset of architecture.TRANSFORMERS; a resume keeps the checkpoint's
    # Annealing: from `decay_start_min` of wall time the lr follows a cosine to 2% at the --minutes budget and
    # the EMA lengthens to `ema_final` (None: constant lr and EMA throughout, as in the first 95 minutes).
    decay_start_min: float | None = None
    ema_final: float = 0.999
    # Extra weight on the velocity error's frame-to-frame differences (0: plain flow matching). The minimiser is
    # unchanged (still the conditional mean); capacity moves to errors that differ between frames: flicker.
    temporal_weight: float = 0.0
    # Sampling weight per family (others 1): more steps on the families the model confuses (e.g. bokeh).
    family_weights: dict | None = None
    checkpoint_every_s: float = 300.0
    log_every: int = 25

    @classmethod
    def tiny(cls) -> "TrainConfig":
        return cls(sizes=((32, 32),), size_weights=(1.0,), frames=5, clips=3, steps=3, batch=2,
                   checkpoint_every_s=1e9, log_every=1)


def encode_text(tokenizer, text_encoder, prompts: list[str], max_len: int, device="cpu") -> torch.Tensor:
    """Exactly what WanPipeline._get_t5_prompt_embeds computes (masked, zero-padded to max_len), with grad.

    The encoder runs on the first 32 positions only: with the attention mask, real tokens never see padding,
    so the result equals the pipeline's 512-token pass.
    """
    enc = tokenizer(prompts, padding="max_length", max_length=arch_max_tokens(), truncation=True,
                    add_special_tokens=True, return_attention_mask=True, return_tensors="pt")
    ids, mask = enc.input_ids.to(device), enc.attention_mask.to(device)
    hidden = text_encoder(ids, mask).last_hidden_state
    hidden = hidden * mask.unsqueeze(-1).to(hidden.dtype)
    pad = hidden.new_zeros(hidden.shape[0], max_len - hidden.shape[1], hidden.shape[2])
    return torch.cat([hidden, pad], dim=1)


def arch_max_tokens() -> int:
    from ..vocab import MAX_TOKENS
    return MAX_TOKENS


class Trainer:
    def __init__(self, out: Path, cfg: TrainConfig, minutes: float | None, seed: int, device: str = "cpu",
                 workers: int = 1):
        self.out, self.cfg, self.seed = out, cfg, seed
        self.device, self.workers = torch.device(device), workers
        self.budget_s = minutes * 60 if minutes else math.inf
        self.ckpt_path = out / "checkpoint.pt"
        self.latents_path = out / "latents.pt"
        out.mkdir(parents=True, exist_ok=True)
        blob = torch.load(self.ckpt_path, weights_only=False, map_location=self.device) \
            if self.ckpt_path.exists() else None
        if blob:  # the architecture is fixed by the run's first session
            cfg.transformer = blob["state"]["config"].get("transformer", "small")
        torch.manual_seed(seed)
        self.parts = arch.build_components(seed, cfg.transformer)
        for name in ("transformer", "text_encoder"):
            self.parts[name].to(self.device)
        self.ema = None
        self.state = {"phase": "encode", "step": 0, "wall_s": 0.0, "encode_wall_s": 0.0,
                      "diffusion_wall_s": 0.0, "losses": [], "config": asdict(cfg)}
        self.rng = np.random.default_rng(seed)
        self.opt = None
        self.session_start = time.monotonic()
        self.wall_at_start = 0.0
        self.stop = False  # set by SIGTERM/SIGINT: finish the step, checkpoint, export, exit
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, self._request_stop)
        if blob:
            self._load(blob)

    # ---- bookkeeping -------------------------------------------------------------------------------------
    def wall(self) -> float:
        return self.wall_at_start + time.monotonic() - self.session_start

    def log(self, **fields) -> None:
        fields = {"wall_s": round(self.wall(), 1), **fields}
        print(json.dumps(fields), flush=True)
        with open(self.out / "train_log.jsonl", "a") as fh:
            fh.write(json.dumps(fields) + "\n")

    def _save(self) -> None:
        self.state["wall_s"] = self.wall()
        blob = {"state": self.state, "rng": self.rng.bit_generator.state, "torch_rng": torch.get_rng_state(),
                "cuda_rng": torch.cuda.get_rng_state() if self.device.type == "cuda" else None,
                "transformer": self.parts["transformer"].state_dict(),
                "text_encoder": self.parts["text_encoder"].state_dict(),
                "opt": self.opt.state_dict() if self.opt else None,
                "ema": {k: m.state_dict() for k, m in self.ema.items()} if self.ema else None}
        tmp = self.ckpt_path.with_suffix(".tmp")
        torch.save(blob, tmp)
        os.replace(tmp, self.ckpt_path)  # atomic: a kill mid-save leaves the previous checkpoint intact

    def _load(self, blob: dict) -> None:
        self.state = blob["state"]
        self.rng.bit_generator.state = blob["rng"]
        torch.set_rng_state(blob["torch_rng"].cpu())
        if self.device.type == "cuda" and blob.get("cuda_rng") is not None:
            torch.cuda.set_rng_state(blob["cuda_rng"].cpu())
        if self.state["phase"] in ("diffusion", "done"):  # before that the weights are the seeded initial ones
            for name in ("transformer", "text_encoder"):
                self.parts[name].load_state_dict(blob[name])
        if self.state["phase"] == "diffusion" or self.state["phase"] == "done":
            self._setup_diffusion()
            if blob["opt"]:
                self.opt.load_state_dict(blob["opt"])
            if blob["ema"]:
                for k, sd in blob["ema"].items():
                    self.ema[k].load_state_dict(sd)
        self.wall_at_start = self.state["wall_s"]
        self.state["config"] = asdict(self.cfg)  # what this session trains with (a resume may anneal)
        self.log(event="resumed", phase=self.state["phase"], step=self.state["step"])

    def _request_stop(self, *_):
        self.stop = True

    def _over_budget(self, share: float = 1.0) -> bool:
        return self.stop or self.wall() >= self.budget_s * share

    # ---- phase 1: encode ---------------------------------------------------------------------------------
    def run_encode(self) -> None:
        cfg = self.cfg
        cache = torch.load(self.latents_path, weights_only=False) if self.latents_path.exists() else []
        t0 = self.wall()
        pool = None
        if self.workers > 1:
            import multiprocessing
            pool = multiprocessing.get_context("spawn").Pool(self.workers)  # fork can deadlock in BLAS/OpenCV pools
        try:
            while len(cache) < cfg.clips:
                if self.stop:
                    torch.save(cache, self.latents_path)
                    self._save()
                    return
                batch = [(i, cfg) for i in range(len(cache), min(cfg.clips, len(cache) + 100))]
                cache.extend(pool.map(_encode_clip, batch) if pool else map(_encode_clip, batch))
                torch.save(cache, self.latents_path)
                self.log(phase="encode", clips=len(cache))
        finally:
            if pool:
                pool.close()
        torch.save(cache, self.latents_path)
        means = torch.cat([c["mean"].flatten(1) for c in cache], dim=1)
        self.state["latents_mean"] = means.mean(1).tolist()
        self.state["latents_std"] = means.std(1).clamp_min(1e-3).tolist()
        self.state["encode_wall_s"] += self.wall() - t0
        self.state.update(phase="diffusion", step=0)
        self._save()

    # ---- phase 2: diffusion ------------------------------------------------------------------------------
    def _setup_diffusion(self) -> None:
        trainable = list(self.parts["transformer"].parameters()) + list(self.parts["text_encoder"].parameters())
        self.opt = torch.optim.AdamW(trainable, lr=self.cfg.lr, weight_decay=0.01)
        self.ema = {k: copy.deepcopy(self.parts[k]).eval().requires_grad_(False)
                    for k in ("transformer", "text_encoder")}

    def run_diffusion(self) -> None:
        cfg, dev = self.cfg, self.device
        if self.opt is None:
            self._setup_diffusion()
        cache = torch.load(self.latents_path, weights_only=False)
        groups: dict[tuple, list[int]] = {}
        for i, item in enumerate(cache):
            groups.setdefault(tuple(item["size"]), []).append(i)
        keys = sorted(groups)
        fw = cfg.family_weights or {}
        clip_w = {k: np.array([fw.get(cache[i]["params"]["family"], 1.0) for i in groups[k]]) for k in keys}
        weights = np.array([clip_w[k].sum() for k in keys], float)
        weights /= weights.sum()
        mean = torch.tensor(self.state["latents_mean"], device=dev).view(1, -1, 1, 1, 1)
        std = torch.tensor(self.state["latents_std"], device=dev).view(1, -1, 1, 1, 1)
        # Normalised latents of each size, stacked once on the training device. The codec's posterior std is
        # e^-15 (logvar bias -30), so sampling from it would change nothing: the mean is the latent.
        stacks = {k: (torch.stack([cache[i]["mean"] for i in groups[k]]).to(dev) - mean) / std for k in keys}
        autocast = torch.autocast("cuda", dtype=torch.bfloat16, enabled=dev.type == "cuda")
        shift = self.parts["scheduler"].config.shift
        transformer, text_encoder, tokenizer = (self.parts[k] for k in ("transformer", "text_encoder", "tokenizer"))
        transformer.train()
        text_encoder.train()
        last_ckpt = time.monotonic()
        t0 = self.wall()
        tick = time.monotonic()
        while self.state["step"] < cfg.steps and not self._over_budget():
            key = keys[int(self.rng.choice(len(keys), p=weights))]
            rows = (self.rng.choice(len(groups[key]), cfg.batch, p=clip_w[key] / clip_w[key].sum()) if fw
                    else self.rng.integers(0, len(groups[key]), cfg.batch))
            z = stacks[key][torch.from_numpy(rows).to(dev)]
            params = [_params(cache[groups[key][int(j)]]["params"]) for j in rows]
            prompts = ["" if self.rng.random() < cfg.cfg_drop else training_caption(p, self.rng) for p in params]
            max_len = 512 if self.rng.random() < 0.8 else int(self.rng.choice([64, 128, 226, 256]))
            u = torch.rand(cfg.batch).to(dev)
            sigma = shift * u / (1 + (shift - 1) * u)
            noise = torch.randn_like(z)
            s = sigma.view(-1, 1, 1, 1, 1)
            noisy = (1 - s) * z + s * noise
            with autocast:
                emb = encode_text(tokenizer, text_encoder, prompts, max_len, dev)
                pred = transformer(noisy, timestep=sigma * 1000, encoder_hidden_states=emb).sample
            error = pred.float() - (noise - z)
            base = error.pow(2).mean()
            loss = base
            if cfg.temporal_weight:
                loss = base + cfg.temporal_weight * frame_differences(error).pow(2).mean()
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(list(transformer.parameters()) + list(text_encoder.parameters()), 1.0)
            for g in self.opt.param_groups:
                g["lr"] = self._lr()
            self.opt.step()
            self._update_ema()
            self.state["step"] += 1
            self.state["losses"].append(base.item())
            if self.state["step"] % cfg.log_every == 0:
                recent = self.state["losses"][-cfg.log_every:]
                self.log(phase="diffusion", step=self.state["step"], loss=round(sum(recent) / len(recent), 5),
                         s_per_step=round((time.monotonic() - tick) / cfg.log_every, 3))
                tick = time.monotonic()
            if time.monotonic() - last_ckpt > cfg.checkpoint_every_s:
                self.state["diffusion_wall_s"] += self.wall() - t0
                t0 = self.wall()
                self._save()
                self.export()
                last_ckpt = time.monotonic()
        self.state["diffusion_wall_s"] += self.wall() - t0
        if self.state["step"] >= cfg.steps:
            self.state["phase"] = "done"
        self._save()
        self.export()

    def _annealing(self) -> float:
        """0 before the decay starts, rising to 1 at the end of the budget."""
        start = self.cfg.decay_start_min
        if start is None or not math.isfinite(self.budget_s):
            return 0.0
        return min(1.0, max(0.0, (self.wall() - start * 60) / max(self.budget_s - start * 60, 1.0)))

    def _lr(self) -> float:
        warm = min(1.0, (self.state["step"] + 1) / 100)
        a = self._annealing()
        return self.cfg.lr * warm * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * a)))

    def _update_ema(self) -> None:
        target = self.cfg.ema_final if self._annealing() > 0 else self.cfg.ema
        decay = min(target, (1 + self.state["step"]) / (10 + self.state["step"]))
        with torch.no_grad():
            for k, shadow in self.ema.items():
                torch._foreach_lerp_(list(shadow.parameters()), list(self.parts[k].parameters()), 1 - decay)

    # ---- export ------------------------------------------------------------------------------------------
    def export(self) -> Path:
        """Write out/model: a standard WanPipeline folder (EMA weights, safetensors). Replaced atomically."""
        from diffusers import WanPipeline

        vae = self.parts["vae"]
        vae.register_to_config(latents_mean=self.state["latents_mean"], latents_std=self.state["latents_std"])
        ema = self.ema or {}
        text_encoder, transformer = (copy.deepcopy(ema.get(k, self.parts[k])).to("cpu")
                                     for k in ("text_encoder", "transformer"))
        pipe = WanPipeline(tokenizer=self.parts["tokenizer"], text_encoder=text_encoder, vae=vae,
                           scheduler=self.parts["scheduler"], transformer=transformer)
        final = self.out / "model"
        tmp = self.out / "model.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        pipe.save_pretrained(str(tmp), safe_serialization=True)
        record = {k: self.state[k] for k in ("phase", "step", "wall_s", "encode_wall_s", "diffusion_wall_s")}
        record["wall_s"] = round(self.wall(), 1)
        record["final_loss"] = (sum(self.state["losses"][-100:]) / max(1, len(self.state["losses"][-100:])))
        record["params"] = {k: arch.count_params(self.parts[k]) for k in ("transformer", "vae", "text_encoder")}
        record["config"] = self.state["config"]
        record["command"] = " && ".join(self.state["commands"])
        record["devices"] = self.state.get("devices", [])
        (tmp / "training.json").write_text(json.dumps(record, indent=2))
        (tmp / "compositor.json").write_text(json.dumps(arch.call_hints(), indent=2))
        old = self.out / "model.old"
        shutil.rmtree(old, ignore_errors=True)
        if final.exists():
            os.replace(final, old)
        os.replace(tmp, final)
        shutil.rmtree(old, ignore_errors=True)
        self.log(event="exported", path=str(final), step=self.state["step"])
        return final

    def run(self) -> Path:
        command = "python -m compositor.diffusion.builtin.training.train " + " ".join(sys.argv[1:])
        commands = self.state.setdefault("commands", [])
        if not commands or commands[-1] != command:
            commands.append(command)  # a resume with other settings is part of how the model was made
        devices = self.state.setdefault("devices", [])
        if self.device.type == "cuda":
            where = f"GPU: {torch.cuda.get_device_name(self.device)}"
        else:
            where = f"CPU: {os.cpu_count()} cores, {torch.get_num_threads()} threads"
        if where not in devices:
            devices.append(where)
        if self.state["phase"] == "done" and self.state["step"] < self.cfg.steps:
            self.state["phase"] = "diffusion"  # asked for more steps than the finished run had
        if self.state["phase"] == "encode":
            self.run_encode()
        if self.state["phase"] == "diffusion" and not self.stop:
            self.run_diffusion()
        if "latents_mean" not in self.state:
            return self.out / "model"  # stopped before encoding finished: nothing worth exporting yet
        return self.export() if not (self.out / "model").exists() else self.out / "model"


def frame_differences(latent: torch.Tensor) -> torch.Tensor:
    """Differences between consecutive pixel frames of a codec latent (B, 4, T, h, w) -> (B, F-1, h, w).

    The codec stores frames 4k-3..4k of latent k in its four channels (latent 0: frame 0 in all four), so the
    frame sequence is latent 0's first channel followed by every later latent's channels in order.
    """
    b, c, t, h, w = latent.shape
    later = latent[:, :, 1:].permute(0, 2, 1, 3, 4).reshape(b, (t - 1) * c, h, w)
    frames = torch.cat([latent[:, :1, 0], later], dim=1)
    return frames[:, 1:] - frames[:, :-1]


def _encode_clip(job: tuple) -> dict:
    """Render training clip `index` and encode it with the codec (== vae.encode(...).mean, tested)."""
    index, cfg = job
    clip = make_clip("train", index, cfg.sizes, cfg.frames, cfg.fps, cfg.size_weights)
    return {"mean": torch.from_numpy(encode_direct(clip.luminance)), "params": clip.params.to_dict(),
            "size": clip.size}


def _params(d: dict):
    from ..procedural import MotionParams
    return MotionParams(**d)


def main(argv: list[str] | None = None) -> Path:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, type=Path, help="run folder: checkpoints, latents, model/")
    ap.add_argument("--minutes", type=float, default=None, help="total wall-time budget (summed over resumes)")
    ap.add_argument("--steps", type=int, default=None, help="diffusion steps (default 20000; budget usually ends first)")
    ap.add_argument("--clips", type=int, default=None, help="training clips (default 360, 60 per family)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--device", default="cpu", help="cpu or cuda (the exported folder is the same either way)")
    ap.add_argument("--transformer", choices=sorted(arch.TRANSFORMERS), default=None,
                    help="transformer size for a new run (default small; a resume keeps the run's own)")
    ap.add_argument("--batch", type=int, default=None, help="clips per step (default 8)")
    ap.add_argument("--lr", type=float, default=None, help="peak learning rate (default 1e-3)")
    ap.add_argument("--family-weight", action="append", default=[], metavar="FAMILY=W",
                    help="sample FAMILY's clips W times as often (repeatable; others 1)")
    ap.add_argument("--workers", type=int, default=1, help="processes that render and encode the training clips")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--decay-start", type=float, default=None, dest="decay_start_min",
                    help="minute (of total wall time) from which the lr anneals to the end of --minutes")
    ap.add_argument("--temporal-weight", type=float, default=None,
                    help="extra loss weight on frame-to-frame velocity error differences (default 0)")
    ap.add_argument("--tiny", action="store_true", help="a miniature run for CI: a few steps, seconds")
    args = ap.parse_args(argv)
    if args.temporal_weight is not None and args.temporal_weight < 0:
        ap.error("--temporal-weight must be 0 or more (0 turns the extra term off)")
    family_weights = {}
    for item in args.family_weight:
        name, _, value = item.partition("=")
        try:
            weight = float(value)
        except ValueError:
            weight = -1.0
        if name not in FAMILIES or not weight > 0:
            ap.error(f"--family-weight {item!r}: use FAMILY=W with W above 0 and FAMILY one of {', '.join(FAMILIES)}")
        family_weights[name] = weight
    if args.batch is not None and args.batch < 1:
        ap.error("--batch must be 1 or more")
    if args.lr is not None and not args.lr > 0:
        ap.error("--lr must be above 0")
    if args.device not in ("cpu", "cuda") or (args.device == "cuda" and not torch.cuda.is_available()):
        ap.error(f"--device {args.device!r}: use cpu, or cuda on a machine with a CUDA build of torch and a GPU")
    if args.decay_start_min is not None and not (args.minutes and 0 <= args.decay_start_min < args.minutes):
        ap.error("--decay-start needs --minutes and must lie in [0, --minutes): the lr anneals from that minute "
                 "to the end of the budget")
    torch.set_num_threads(args.threads)
    cfg = TrainConfig.tiny() if args.tiny else TrainConfig()
    for name in ("steps", "clips", "decay_start_min", "temporal_weight", "transformer", "batch", "lr"):
        if getattr(args, name) is not None:
            setattr(cfg, name, getattr(args, name))
    cfg.family_weights = family_weights or None
    assert len(FAMILIES) >= 6
    return Trainer(args.out, cfg, args.minutes, args.seed, args.device, args.workers).run()


if __name__ == "__main__":
    main()
