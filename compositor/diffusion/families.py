"""Model families: what a diffusers pipeline folder is, and the rules its model was trained with.

Detection reads only JSON files (model_index.json, the VAE/transformer configs and an optional
`compositor.json` of hints), so a project validates, and a cached clip is reused, without importing torch.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Optional

from compositor.errors import FieldError

# optional per-folder overrides: native_size, native_fps, window, steps, guidance, max_sequence_length,
# sizes (the trained sizes, [[w, h], ...]), image_to_video (false: never condition on an image)
HINTS_FILE = "compositor.json"


@dataclass(frozen=True)
class Family:
    """A model family's rules. Frame counts are `temporal * k + 1`; sizes are multiples of `size_multiple`."""

    name: str
    label: str
    temporal: int
    size_multiple: int
    native_fps: float
    native_size: tuple[int, int]       # (width, height) the model was trained at
    window: int                        # most frames one call generates well (a valid frame count)
    steps: int
    guidance: float
    t2v_class: Optional[str]           # pipeline class for text-to-video (None: the folder needs an image)
    i2v_class: Optional[str]           # pipeline class for image-to-video from the same weights (None: cannot)
    schedulers: tuple[str, ...]        # short names that work with this family
    default_scheduler: str = ""        # the folder's own scheduler is used when empty
    passes_fps: bool = False           # LTX takes `frame_rate`
    max_sequence_length: Optional[int] = None   # text tokens; the pipeline's default when None
    sizes: tuple = ()                  # sizes the model was trained at, when it knows only a few
    anchor: bool = False               # image conditioning by pinning the first latent frame (Wan text-to-video)
    last_frame: str = ""               # how a last frame is imposed: "last_image" (Wan I2V/FLF2V), "conditions" (LTX)
    audio: bool = False                # the pipeline makes a sound track with the frames (`.audio`: LTX-2)
    subject_references: bool = False   # takes reference images as subjects (Wan VACE `reference_images`)
    inpaint: bool = False              # takes `video` + `mask` (Wan VACE): keep / generate per pixel and frame
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def can_i2v(self) -> bool:
        return self.i2v_class is not None

    def frames_at_least(self, n: int) -> int:
        """The smallest valid frame count >= n."""
        k = max(0, math.ceil((max(n, 1) - 1) / self.temporal))
        return self.temporal * k + 1


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


WAN_SCHEDULERS = ("unipc", "flow-match-euler", "euler", "dpm++")
LTX_SCHEDULERS = ("flow-match-euler", "euler")


def _wan(folder: Path, index: dict) -> Family:
    cls = index.get("_class_name", "")
    vae = _read_json(folder / "vae" / "config.json")
    tname = "transformer" if (folder / "transformer" / "config.json").exists() else "transformer_2"
    tr = _read_json(folder / tname / "config.json")
    patch = (tr.get("patch_size") or [1, 2, 2])[1]
    spatial = int(vae.get("scale_factor_spatial", 8)) * int(patch)
    temporal = int(vae.get("scale_factor_temporal", 4))
    z_dim = int(vae.get("z_dim", 16))
    in_ch = int(tr.get("in_channels", 16))
    expand = bool(index.get("expand_timesteps", False))
    big = int(tr.get("num_attention_heads", 12)) >= 40
    if cls == "WanVACEPipeline":   # first/last frames and regions through video + mask; subject references
        size = (1280, 720) if big else (832, 480)
        return Family("wan", "Wan VACE", temporal, spatial, 16.0, size, 81, 30, 5.0, "WanVACEPipeline",
                      "WanVACEPipeline", WAN_SCHEDULERS, last_frame="vace", subject_references=True, inpaint=True)
    if expand:   # Wan 2.2 TI2V-5B: one set of weights for text- and image-to-video, 24 fps, 1280x704
        label, size, fps = "Wan 2.2 TI2V", (1280, 704), 24.0
        t2v, i2v = "WanPipeline", "WanImageToVideoPipeline"
    elif cls == "WanImageToVideoPipeline" or in_ch > z_dim:
        label, size, fps = "Wan image-to-video", ((1280, 720) if big else (832, 480)), 16.0
        t2v, i2v = None, "WanImageToVideoPipeline"
    else:   # text-only weights: a first frame is imposed by pinning the first latent frame (pipeline.py)
        label, size, fps = "Wan text-to-video", ((1280, 720) if big else (832, 480)), 16.0
        return Family("wan", label, temporal, spatial, fps, size, 81, 30, 5.0, "WanPipeline", "WanPipeline",
                      WAN_SCHEDULERS, anchor=True)
    # Wan I2V / FLF2V take `last_image`; with expand_timesteps (TI2V) the pipeline ignores it
    last = "" if expand else "last_image"
    return Family("wan", label, temporal, spatial, fps, size, 81, 30, 5.0, t2v, i2v, WAN_SCHEDULERS, last_frame=last)


def _ltx(folder: Path, index: dict) -> Family:
    cls = index.get("_class_name", "")
    vae = _read_json(folder / "vae" / "config.json")
    scaling = vae.get("spatio_temporal_scaling", [True, True, True, False])
    spatial = int(vae.get("spatial_compression_ratio") or vae.get("patch_size", 4) * 2 ** sum(map(bool, scaling)))
    temporal = int(vae.get("temporal_compression_ratio") or vae.get("patch_size_t", 1) * 2 ** sum(map(bool, scaling)))
    i2v = "LTXConditionPipeline" if cls == "LTXConditionPipeline" else "LTXImageToVideoPipeline"
    t2v = "LTXConditionPipeline" if cls == "LTXConditionPipeline" else "LTXPipeline"
    multiple = max(32, spatial)   # LTX's check_inputs wants multiples of 32 whatever the VAE says
    last = "conditions" if cls == "LTXConditionPipeline" else ""   # LTXVideoCondition(image, frame_index=N-1)
    return Family("ltx", "LTX-Video", temporal, multiple, 24.0, (768, 512), 121, 40, 3.0, t2v, i2v, LTX_SCHEDULERS,
                  passes_fps=True, last_frame=last)


def _ltx2(folder: Path, index: dict) -> Family:
    """LTX-2: one transformer denoises video and audio together; the output has `.frames` and `.audio`."""
    from compositor.diffusion.ltx2 import family

    return family(folder, index, _ltx(folder, index), LTX_SCHEDULERS)


DETECTORS = {
    "WanPipeline": _wan,
    "WanImageToVideoPipeline": _wan,
    "WanVACEPipeline": _wan,
    "LTXPipeline": _ltx,
    "LTXImageToVideoPipeline": _ltx,
    "LTXConditionPipeline": _ltx,
    "LTX2Pipeline": _ltx2,
    "LTX2ImageToVideoPipeline": _ltx2,
    "LTX2ConditionPipeline": _ltx2,
}
SUPPORTED = tuple(DETECTORS)


@dataclass(frozen=True)
class FolderInfo:
    folder: Path
    class_name: str
    family: Family


def detect(folder: Path, field_path: tuple = ("generate", "model")) -> FolderInfo:
    """Read a pipeline folder's model_index.json and return its family (with the folder's hints applied)."""
    if not folder.exists():
        raise FieldError(field_path, f"model folder not found: {folder}",
                         "download a diffusers pipeline folder there (see docs/generation.md), or use `builtin`")
    if not folder.is_dir():
        raise FieldError(field_path, f"{folder} is a file, not a diffusers pipeline folder",
                         "point `model:` at the folder that holds model_index.json")
    index_path = folder / "model_index.json"
    if not index_path.exists():
        raise FieldError(field_path, f"{folder} has no model_index.json, so it is not a diffusers pipeline folder",
                         "point `model:` at the folder saved by save_pretrained / downloaded with "
                         "`huggingface-cli download <repo> --local-dir <folder>`")
    index = _read_json(index_path)
    cls = str(index.get("_class_name", ""))
    if cls not in DETECTORS:
        raise FieldError(field_path, f"{folder.name} holds a {cls or 'unknown'} pipeline, which cannot make video "
                         "backgrounds here",
                         f"use a supported video pipeline: {', '.join(SUPPORTED)}")
    family = DETECTORS[cls](folder, index)
    hints = _read_json(folder / HINTS_FILE)
    if hints:
        family = replace(
            family,
            native_size=tuple(hints.get("native_size", family.native_size)),
            native_fps=float(hints.get("native_fps", family.native_fps)),
            window=family.frames_at_least(int(hints.get("window", family.window))),
            steps=int(hints.get("steps", family.steps)),
            guidance=float(hints.get("guidance", family.guidance)),
            max_sequence_length=hints.get("max_sequence_length", family.max_sequence_length),
            sizes=tuple(tuple(int(v) for v in size) for size in hints.get("sizes", ())),
        )
        if hints.get("image_to_video") is False:     # e.g. to join chunks by crossfade instead
            family = replace(family, i2v_class=None, anchor=False, last_frame="", subject_references=False,
                             inpaint=False)
    return FolderInfo(folder, cls, family)


# what a project can use for `end_on:` (a last frame), for the error that names them
LAST_FRAME_FAMILIES = ("Wan image-to-video / FLF2V (WanImageToVideoPipeline, `last_image`)",
                       "Wan VACE (WanVACEPipeline, a kept last frame in `video` + `mask`)",
                       "LTX-Video condition (LTXConditionPipeline, `conditions` at the last frame)",
                       "LTX-2 condition (LTX2ConditionPipeline, a condition at latent index -1)")

# what a project can use for `generate.reference` (content references), for the error that names them
REFERENCE_FAMILIES = ("Wan VACE (WanVACEPipeline, `reference_images`: any number of references)",
                      "one reference as the first frame: Wan image-to-video / FLF2V, Wan 2.2 TI2V, Wan text-to-video, "
                      "LTX-Video, LTX-Video condition, LTX-2, LTX-2 condition")
