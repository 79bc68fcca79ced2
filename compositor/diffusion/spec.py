"""The `background: {generate: {...}}` section of a project file."""
from __future__ import annotations

from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

from compositor.audio.spec import Decibels
from compositor.vocab.bounds import MAX_SEED, Seconds

from compositor.diffusion.references import ReferenceEntry


class ShotFrame(BaseModel):
    """A frame of an earlier shot: `{shot: intro, at: end}` (or `start`, or seconds into that shot)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    shot: str = Field(min_length=1, description="The id of an earlier shot.")
    at: Union[Literal["start", "end"], Seconds] = Field("end", description="start | end | seconds into that shot.")


class ContinuitySpec(BaseModel):
    """Shot memory: `continuity: {with: previous | SHOT_ID, strength: 0..1}` — that shot's last frame conditions this
    shot's first (with `strength` where the family has one), its seed carries over, and the clip's cache entry
    records the frame, so re-generating that shot re-generates this one."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, allow_inf_nan=False)

    with_: str = Field("previous", alias="with", min_length=1,
                       description="`previous` (the shot before this one) or an earlier shot's id.")
    strength: float = Field(1.0, ge=0, le=1, description="How strongly that frame conditions this shot's first "
                            "frame: LTX condition and Wan text-to-video models; others take it whole (1).")


class GenerateSpec(BaseModel):
    """Generated background footage from a local diffusers video pipeline folder (or the built-in model)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    prompt: str = Field(min_length=1, description="What the footage shows; the brand's look prompt is appended.")
    negative: str = Field("", description="What to avoid; the brand's look negative is appended.")
    model: str = Field("builtin", description="A diffusers pipeline folder (model_index.json), or `builtin`.")
    seed: int = Field(0, ge=0, le=MAX_SEED, description="Same seed + same inputs + same library versions = same frames.")
    steps: Optional[int] = Field(None, ge=1, le=1000, description="Denoising steps; the family default otherwise.")
    guidance: Optional[float] = Field(None, ge=0, le=50, description="Classifier-free guidance scale.")
    scheduler: Optional[str] = Field(None, description="unipc | flow-match-euler | euler | dpm++ (family permitting).")
    image: Optional[str] = Field(None, description="First frame for image-to-video, relative to the project file.")
    continue_from: Optional[str] = Field(None, description="A shot id: start from that shot's last frame.")
    end_on: Optional[Union[str, ShotFrame]] = Field(
        None, description="Last frame the shot lands on: a still (relative to the project file) or an earlier shot's "
        "frame `{shot: ID, at: end|start|SECONDS}`; Wan I2V/FLF2V and LTX condition models only.")
    start_from: Optional[Union[str, ShotFrame]] = Field(
        None, description="First frame the shot starts on: a still (relative to the project file), a reference name, "
        "or an earlier shot's frame `{shot: ID, at: end|start|SECONDS}`; image-to-video capable models only.")
    continuity: Optional[ContinuitySpec] = Field(
        None, description="Shot memory: `{with: previous | SHOT_ID, strength: 0..1}` carries that shot's look.")
    device: Literal["auto", "cpu", "cuda", "mps"] = "auto"
    candidates: int = Field(1, ge=1, le=16, description="Best of N: N seeds, keep the most coherent clip.")
    loop: bool = Field(False, description="Make the last frame flow into the first (seamless loop).")
    audio: Optional[bool] = Field(
        None, description="The model's own sound (LTX-2) on the timeline: on by default where the family makes "
        "sound, `false` drops it; `true` with a family that makes none is an error.")
    audio_gain: Decibels = Field(0.0, description="Level of this shot's generated sound in the mix, e.g. -6dB.")
    reference: list[ReferenceEntry] = Field(
        default_factory=list, description="Names under the project's `references:` this shot uses: `NAME`, or "
        "`{name: NAME, region: [x, y, w, h]}` for an exact (product-locked) one.")
