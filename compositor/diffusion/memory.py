"""First-frame control and shot memory: `start_from:` and `continuity: {with, strength}` of a generated shot.

`start_from` pins the shot's first frame (a still, a project reference, or an earlier shot's frame) through the
family's own first-frame input, exactly as `end_on` pins the last. `continuity` carries an earlier shot's look
into this one: its last frame conditions this shot's first frame — softly, with `strength`, where the family
has a strength (LTX condition `LTXVideoCondition.strength`; Wan text-to-video by pinning the first latent frame
for that share of the denoising steps), whole elsewhere — and this shot inherits that shot's chosen seed unless
it sets its own. Both are recorded in the clip's cache entry (`conditioned_by`), with the hash of the frame.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Optional

import numpy as np

from compositor.diffusion.families import Family
from compositor.errors import FieldError
from compositor.links import IMAGE_SUFFIXES, is_reference_name  # noqa: F401  (names used by callers)

# what a project can use for `start_from:` / `continuity:` (a first frame), for the error that names them
FIRST_FRAME_FAMILIES = ("Wan image-to-video / FLF2V (WanImageToVideoPipeline, `image`)",
                        "Wan 2.2 TI2V (WanPipeline with expand_timesteps, `image`)",
                        "Wan text-to-video (WanPipeline, first latent frame pinned, with strength)",
                        "Wan VACE (WanVACEPipeline, a kept first frame in `video` + `mask`)",
                        "LTX-Video (LTXImageToVideoPipeline, `image`)",
                        "LTX-Video condition (LTXConditionPipeline, `conditions` at frame 0, with strength)",
                        "LTX-2 (LTX2ImageToVideoPipeline, `image`)",
                        "LTX-2 condition (LTX2ConditionPipeline, a condition at latent index 0, with strength)")


def _f(name: str) -> tuple:
    return ("generate", name)


def has_strength(family: Family) -> bool:
    """True when the family can take a first frame partially (0 < strength < 1)."""
    from compositor.diffusion.ltx2 import LAST_FRAME as LTX2_CONDITIONS

    return family.last_frame in ("conditions", LTX2_CONDITIONS) or family.anchor


def check(spec, family: Family, folder_name: str, class_name: str) -> None:
    """Refuse combinations that cannot work, before anything heavy is loaded."""
    for name in ("start_from", "continuity"):
        if getattr(spec, name) is None:
            continue
        if not family.can_i2v:
            raise FieldError(_f(name), f"{folder_name} is a {family.label} model ({class_name}): it cannot be made "
                             "to start from a frame", f"use a model that can: {'; '.join(FIRST_FRAME_FAMILIES)} — "
                             f"or remove `{name}`")
        others = [o for o in ("image", "continue_from", "start_from") if o != name and getattr(spec, o) is not None]
        if others:
            raise FieldError(_f(name), f"`{name}` and `{others[0]}` both set the first frame", "keep one of them")
        if spec.loop:
            raise FieldError(_f(name), f"`{name}` and `loop` both set the first frame", "keep one of them")


@dataclass
class Start:
    """What a shot's first frame is conditioned on, and what that means for the cache and the report."""

    image: Optional[np.ndarray] = None   # uint8 (H, W, 3) at the generation size
    strength: float = 1.0                # 1: the first frame is the image; below: a soft condition
    is_previous: bool = False            # the image is a frame already shown (drop the duplicate)
    seed: Optional[int] = None           # the inherited seed (continuity), None: the shot's own
    conditioned_by: list = field(default_factory=list)   # [{"as", "shot"|"image", "frame", "sha256", ...}]
    notes: list = field(default_factory=list)


def digest(frame: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(frame).tobytes()).hexdigest()


def continuity_start(spec, family: Family, frame: np.ndarray, prev_source) -> Start:
    """The start of a shot with `continuity: {with, strength}`, given that shot's last frame and source."""
    cont = spec.continuity
    strength = float(cont.strength)
    notes = []
    if strength < 1 and not has_strength(family):
        notes.append(f"continuity: {family.label} takes a first frame whole, so strength {strength:g} acts as 1")
        strength = 1.0
    seed = None
    if "seed" not in spec.model_fields_set:
        report = prev_source.unwrap().report
        if "seed" in report:
            seed = int(report["seed"])
            notes.append(f"continuity: seed {seed} carried over from shot {cont.with_!r}")
    record = {"as": "continuity", "shot": cont.with_, "frame": "end", "strength": strength, "sha256": digest(frame)}
    # a hard first frame equal to the shot before's last frame is already on screen: drop it, as continue_from does
    return Start(frame, strength, strength >= 1.0, seed, [record], notes)


def record(kind: str, value, frame: np.ndarray) -> dict:
    """A `conditioned_by` entry for a frame that came from a still, a reference or an earlier shot."""
    entry = {"as": kind, "sha256": digest(frame)}
    if getattr(value, "shot", None) is not None:
        entry.update(shot=value.shot, frame=value.at)
    else:
        entry["image"] = str(value)
    return entry
