"""Load a local diffusers pipeline folder and call it: device, dtype, scheduler swap, progress, memory savers.

This is a thin layer over diffusers. Models and schedulers are diffusers' own; this file only picks the right
pipeline class for the job (text- or image-to-video from the same weights, via `from_pipe`) and passes the
family's arguments.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

import numpy as np

from compositor.diffusion import ltx2
from compositor.diffusion.families import FolderInfo
from compositor.diffusion.folder_checks import check_components, component_of
from compositor.errors import FieldError

# short name -> (diffusers class, extra config for flow-matching models)
SCHEDULERS = {
    "unipc": "UniPCMultistepScheduler",
    "dpm++": "DPMSolverMultistepScheduler",
    "flow-match-euler": "FlowMatchEulerDiscreteScheduler",
    "euler": "FlowMatchEulerDiscreteScheduler",
}
_loaded: dict = {}


def check_scheduler(name: Optional[str], info: FolderInfo, field_path=("generate", "scheduler")) -> None:
    """Refuse a scheduler the family cannot use, before anything heavy is loaded."""
    if name is None:
        return
    if name not in SCHEDULERS:
        raise FieldError(field_path, f"unknown scheduler {name!r}",
                         f"use one of: {', '.join(info.family.schedulers)} (or leave it out for the model's own)")
    if name not in info.family.schedulers:
        raise FieldError(field_path, f"scheduler {name!r} does not work with {info.family.label} models",
                         f"use one of: {', '.join(info.family.schedulers)}")


def resolve_device(requested: str) -> str:
    import torch

    if requested == "auto":
        if torch.cuda.is_available():
            return "cuda"
        if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
            return "mps"
        return "cpu"
    if requested == "cuda" and not torch.cuda.is_available():
        raise FieldError(("generate", "device"), "device cuda was asked for, but torch sees no CUDA GPU",
                         "install a CUDA build of torch (docs/generation.md) or use `device: auto`")
    if requested == "mps" and not (getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()):
        raise FieldError(("generate", "device"), "device mps was asked for, but this machine has no MPS backend",
                         "use `device: auto`")
    return requested


@dataclass
class Loaded:
    """A loaded pipeline plus the siblings made from the same weights (text- / image-to-video)."""

    info: FolderInfo
    device: str
    pipe: object
    savers: list = field(default_factory=list)     # memory savers switched on, for the report
    _views: dict = field(default_factory=dict)
    texts: dict = field(default_factory=dict)     # prompt embeddings, reused across chunks and candidates
    original_scheduler: object = None               # the folder's own, restored when a shot names none
    sound: object = None                            # the last call's (samples, rate) when the family makes sound

    def __post_init__(self):
        self.original_scheduler = self.pipe.scheduler

    def view(self, class_name: str):
        """The pipeline of `class_name` over the same components (no reload, no copy)."""
        if type(self.pipe).__name__ == class_name:
            return self.pipe
        if class_name not in self._views:
            import diffusers

            view = getattr(diffusers, class_name).from_pipe(self.pipe)
            view.set_progress_bar_config(disable=True)
            self._views[class_name] = view
        return self._views[class_name]


def load(info: FolderInfo, device: str) -> Loaded:
    """Load the pipeline folder on `device`, once per process (again if the folder's files change)."""
    from compositor.diffusion.cache import folder_identity

    key = (str(info.folder.resolve()), device, folder_identity(info.folder))
    if key in _loaded:
        return _loaded[key]
    import torch
    from diffusers import DiffusionPipeline

    check_components(info, (info.class_name, info.family.t2v_class, info.family.i2v_class))
    dtype = torch.bfloat16 if device == "cuda" else torch.float32
    try:
        pipe = DiffusionPipeline.from_pretrained(str(info.folder), dtype=dtype, local_files_only=True)
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise FieldError(("generate", "model"), f"could not load the pipeline in {info.folder}: {exc}",
                         "re-download the folder; it must be a complete diffusers pipeline") from None
    savers = []
    if device == "cuda":
        if info.family.name == "wan":
            pipe.vae.to(torch.float32)          # Wan's VAE is unstable in bf16
        free, total = torch.cuda.mem_get_info()
        if total < 24 * 1024 ** 3:
            pipe.enable_model_cpu_offload()     # only ever with a GPU: it moves modules between GPU and CPU
            savers.append("model cpu offload (GPU under 24 GB)")
        else:
            pipe.to(device)
    elif device != "cpu":            # loaded on the CPU already
        pipe.to(device)
    pipe.set_progress_bar_config(disable=True)
    loaded = Loaded(info, device, pipe, savers)
    _loaded[key] = loaded
    return loaded


def use_vae_tiling(loaded: Loaded, width: int, height: int) -> None:
    """Decode large frames tile by tile (bounded memory at 720p and above); smaller frames decode whole."""
    vae = getattr(loaded.pipe, "vae", None)
    if vae is None or not hasattr(vae, "enable_tiling"):
        return
    if width * height >= 1280 * 704:
        vae.enable_tiling()
        if "vae tiling" not in loaded.savers:
            loaded.savers.append("vae tiling")
    elif hasattr(vae, "disable_tiling"):
        vae.disable_tiling()


def swap_scheduler(pipe, name: Optional[str], original) -> None:
    """Replace the pipeline's scheduler by short name, keeping the folder's flow-matching settings."""
    if name is None:
        pipe.scheduler = original
        return
    import diffusers

    cls = getattr(diffusers, SCHEDULERS[name])
    if type(original) is cls:
        pipe.scheduler = original
        return
    if type(pipe.scheduler) is cls:
        return
    cfg = dict(original.config)
    flow = "FlowMatch" in type(original).__name__ or cfg.get("use_flow_sigmas") or "shift" in cfg
    extra = {}
    if flow and not cls.__name__.startswith("FlowMatch"):
        extra = {"prediction_type": "flow_prediction", "use_flow_sigmas": True,
                 "flow_shift": cfg.get("flow_shift") or cfg.get("shift") or 3.0}
    elif flow:
        extra = {"shift": cfg.get("shift") or cfg.get("flow_shift") or 1.0}
    pipe.scheduler = cls.from_config(cfg, **extra)


def generator(seed: int):
    """A CPU generator: the same noise on every device, so a seed means the same thing everywhere."""
    import torch

    return torch.Generator("cpu").manual_seed(int(seed) % (2 ** 63))


def text_embeddings(loaded: Loaded, pipe, prompt: str, negative: str, guidance: float) -> dict:
    """The prompt's embeddings, encoded once per shot rather than once per chunk and candidate.

    Uses the pipeline's own `encode_prompt` with the same maximum length its `__call__` would use, so the
    frames are bit-identical to passing the prompt text.
    """
    import inspect

    length = loaded.info.family.max_sequence_length or \
        inspect.signature(type(pipe).__call__).parameters["max_sequence_length"].default
    key = (type(pipe).__name__, prompt, negative, guidance > 1.0, length)
    cached = loaded.texts.get(key)
    if cached is None:
        import torch

        with torch.inference_mode():
            out = pipe.encode_prompt(prompt=prompt, negative_prompt=negative or None,
                                     do_classifier_free_guidance=guidance > 1.0, max_sequence_length=int(length),
                                     device=pipe._execution_device)
        if len(out) == 2:      # Wan: embeddings only
            cached = {"prompt_embeds": out[0], "negative_prompt_embeds": out[1]}
        else:                  # LTX: embeddings and attention masks
            cached = {"prompt_embeds": out[0], "prompt_attention_mask": out[1],
                      "negative_prompt_embeds": out[2], "negative_prompt_attention_mask": out[3]}
        if len(loaded.texts) >= 8:
            loaded.texts.clear()
        loaded.texts[key] = cached
    return cached


def first_frame_anchor(pipe, image, width: int, height: int, frames: int, seed: int, on_step,
                       strength: float = 1.0) -> dict:
    """Condition a text-to-video Wan model on a first frame by pinning its first latent frame.

    Wan's VAE is causal, so latent frame 0 encodes pixel frame 0 alone. After every denoising step the first
    latent frame is replaced by the encoded image noised to the scheduler's next noise level (the flow-matching
    interpolation between image and noise), so the remaining frames are denoised in context of it. This is the
    same first-frame mask that Wan 2.2 TI2V uses, applied through diffusers' `callback_on_step_end`.
    With `strength` below 1 the pin holds only for that share of the steps (the coarse, layout-setting ones);
    the last steps then denoise the first frame freely, so it keeps the image's look without being it.
    """
    import torch

    vae = pipe.vae
    device = pipe._execution_device
    with torch.inference_mode():
        pixels = pipe.video_processor.preprocess(image, height=height, width=width)
        pixels = pixels.unsqueeze(2).to(device=device, dtype=vae.dtype)
        z = vae.encode(pixels).latent_dist.mode().float()
        mean = torch.tensor(vae.config.latents_mean, dtype=torch.float32, device=device).view(1, -1, 1, 1, 1)
        inv_std = 1.0 / torch.tensor(vae.config.latents_std, dtype=torch.float32, device=device).view(1, -1, 1, 1, 1)
        z = (z - mean) * inv_std
        t_lat = (frames - 1) // pipe.vae_scale_factor_temporal + 1
        shape = (1, z.shape[1], t_lat, height // pipe.vae_scale_factor_spatial, width // pipe.vae_scale_factor_spatial)
        noise = torch.randn(shape, generator=generator(seed), dtype=torch.float32).to(device)

    def anchored(p, i, t, kwargs):
        if i + 1 > strength * len(p.scheduler.timesteps):
            return on_step(p, i, t, kwargs)
        latents = kwargs["latents"]
        sigma = float(p.scheduler.sigmas[min(i + 1, len(p.scheduler.sigmas) - 1)])
        latents[:, :, :1] = ((1 - sigma) * z + sigma * noise[:, :, :1]).to(latents.dtype)
        kwargs["latents"] = latents
        return on_step(p, i, t, kwargs)

    return {"latents": noise.clone(), "callback_on_step_end": anchored,
            "callback_on_step_end_tensor_inputs": ["latents"]}


def call(loaded: Loaded, *, prompt: str, negative: str, seed: int, steps: int, guidance: float, width: int,
         height: int, frames: int, scheduler: Optional[str] = None, image=None, last_image=None,
         progress: Optional[Callable[[int, int], None]] = None, strength: float = 1.0, reference_images=None,
         placeholder=None) -> np.ndarray:
    """One pipeline call; returns float32 frames (F, H, W, 3) in [0, 1].

    `last_image` is the frame the clip lands on, passed the way the family takes it (families.Family.last_frame).
    `strength` below 1 makes `image` a soft first-frame condition (LTX condition, Wan text-to-video pinning).
    `reference_images` (subject references) and `placeholder` (the product lock's kept region of frame 0) are
    for families that take them (Wan VACE, diffusion/vace.py).
    """
    fam = loaded.info.family
    class_name = fam.i2v_class if (image is not None or last_image is not None) else fam.t2v_class
    if last_image is not None and not fam.last_frame:
        raise ValueError(f"{fam.label} cannot take a last frame")
    pipe = loaded.view(class_name)
    swap_scheduler(pipe, scheduler, loaded.original_scheduler)
    use_vae_tiling(loaded, width, height)

    def on_step(p, i, t, kwargs):
        if progress is not None:
            progress(i + 1, steps)
        return kwargs

    kwargs = dict(height=height, width=width, num_frames=frames, num_inference_steps=steps,
                  guidance_scale=guidance, generator=generator(seed), output_type="np", callback_on_step_end=on_step,
                  **text_embeddings(loaded, pipe, prompt, negative, guidance))
    if image is not None and fam.anchor:
        kwargs.update(first_frame_anchor(pipe, image, width, height, frames, seed, on_step, strength))
        image = None
    if fam.inpaint:       # Wan VACE: first/last frame and placeholder through `video` + `mask`
        from compositor.diffusion.vace import vace_inputs

        kwargs.update(vace_inputs(frames, width, height, image, last_image, placeholder, reference_images))
        image = last_image = None
    if fam.passes_fps:
        kwargs["frame_rate"] = int(round(fam.native_fps))
    if fam.last_frame == ltx2.LAST_FRAME and (image is not None or last_image is not None):
        kwargs.update(ltx2.conditions(image, last_image, frames, strength))
        image = last_image = None
    if fam.last_frame == "conditions" and (last_image is not None or strength < 1.0):
        from diffusers.pipelines.ltx.pipeline_ltx_condition import LTXVideoCondition

        conditions = [LTXVideoCondition(image=image, frame_index=0, strength=float(strength))] \
            if image is not None else []
        if last_image is not None:
            conditions.append(LTXVideoCondition(image=last_image, frame_index=frames - 1))
        kwargs["conditions"] = conditions
        image = None
    elif last_image is not None:
        kwargs["last_image"] = last_image
    if image is not None:
        kwargs["image"] = image
    import torch

    try:
        with torch.inference_mode():
            output = pipe(**kwargs)
    except (RuntimeError, ValueError, IndexError, TypeError) as exc:
        raise call_failed(loaded, pipe, exc, width, height, frames) from None
    out = output.frames
    loaded.sound = ltx2.sound(pipe, output, frames, fam.native_fps) if fam.audio else None
    video = np.asarray(out[0], dtype=np.float32)
    return np.clip(video, 0.0, 1.0)


def call_failed(loaded: Loaded, pipe, exc: Exception, width: int, height: int, frames: int) -> Exception:
    """A pipeline call that failed inside the model: a user error naming the folder and the component (a folder
    whose configs do not fit each other or the request), unless it is the machine's (out of memory)."""
    import torch

    if isinstance(exc, torch.OutOfMemoryError) or "out of memory" in str(exc).lower():
        return exc
    component = component_of(exc, pipe)
    where = f"{loaded.info.folder}/{component}" if component else str(loaded.info.folder)
    what = f"its {component}" if component else "the pipeline"
    return FieldError(("generate", "model"),
                      f"the {type(pipe).__name__} call ({width}×{height}, {frames} frames) failed in {where}: "
                      f"{type(exc).__name__}: {exc}",
                      f"check {what}'s config.json and class against the model's original repository, or "
                      "generate at another size (the folder's compositor.json `native_size` / `window`)")
