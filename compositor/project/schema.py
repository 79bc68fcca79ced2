"""The project file, as typed models. Unknown keys are errors; `compositor schema` prints the JSON Schema.

Sections owned by other parts of the engine (generation, tracking, coherence, audio, captions) are defined in
their packages and referenced here, so there is one schema and one validation pass.
"""
from __future__ import annotations

from typing import Annotated, Any, Literal, Optional, Union

from pydantic import Discriminator, Field, Tag, field_validator, model_validator

import overlays  # noqa: F401  (registers the layer kinds)
import compositor.sources  # noqa: F401  (registers the background kinds)
from overlays.registry import KINDS

from ..sources.registry import KINDS as BACKGROUNDS, kind_of

from ..vocab.bounds import MAX_SECONDS, MAX_SEED, MAX_SIZE
from ..vocab.ids import safe_id
from ..vocab.layer import Strict
from .optional_sections import (AudioSpec, CaptionsSpec, QualitySpec, ReferenceSpec,
                                TrackField)

PRESETS_X264 = ("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow")


# A bound on one shot so a mistyped duration (1e12) is refused at load instead of planning trillions of frames.
MAX_SHOT_SECONDS = MAX_SECONDS


def _check_size(v):
    if v[0] < 16 or v[1] < 16 or v[0] > MAX_SIZE or v[1] > MAX_SIZE:
        raise ValueError(f"size {list(v)} is out of range — use [width, height] between 16 and {MAX_SIZE}")
    return v


class VariantSpec(Strict):
    """Another cut of the same project (vertical, square): positions keep their relative place, layers scale
    by the axis ratio `scale` names, backgrounds re-fit (around their `focus`), and `set:` overrides any shot
    or layer key by id (applied to the raw data before validation: project/variants.py)."""

    size: tuple[int, int]
    file: Optional[str] = None
    scale: Literal["min", "width", "height"] = "min"
    set: dict[str, Any] = Field(default_factory=dict)

    @field_validator("size")
    @classmethod
    def _size(cls, v):
        return _check_size(v)


class OutputSpec(Strict):
    size: tuple[int, int] = (1920, 1080)
    fps: float = Field(30, ge=1, le=240)
    file: str = "renders/out.mp4"
    format: Optional[Literal["mp4", "mov", "webm", "png"]] = None
    crf: int = Field(18, ge=0, le=51)
    preset: str = "medium"
    variants: dict[str, VariantSpec] = Field(default_factory=dict)

    @field_validator("size")
    @classmethod
    def _size(cls, v):
        return _check_size(v)

    @field_validator("preset")
    @classmethod
    def _preset(cls, v):
        if v not in PRESETS_X264:
            raise ValueError(f"unknown preset {v!r} — use one of: {', '.join(PRESETS_X264)}")
        return v


# --- backgrounds: each kind's model and builder live in its own module of compositor.sources (its registry) ----
BG_KINDS = {k: e.model for k, e in BACKGROUNDS.items()}
bg_kind = kind_of

Background = Annotated[
    Union[tuple(Annotated[m, Tag(k)] for k, m in BG_KINDS.items())],
    Discriminator(bg_kind, custom_error_type="background_kind",
                  custom_error_message=f"a background needs exactly one of: {', '.join(BG_KINDS)} — e.g. "
                                       "{color: paper}"),
]


def union_tags() -> dict:
    """Every layer and background kind's model by its key (for 'did you mean' hints inside a union member)."""
    return {**{k: v.model for k, v in KINDS.items()}, **BG_KINDS}


# --- layers -----------------------------------------------------------------------------------------------
def _layer_kind(v: Any):
    if isinstance(v, dict):
        keys = [k for k in v if k in KINDS]
        return keys[0] if len(keys) == 1 else None
    return getattr(type(v), "kind", None)


def layer_union():
    return Annotated[
        Union[tuple(Annotated[k.model, Tag(k.key)] for k in KINDS.values())],
        Discriminator(_layer_kind, custom_error_type="layer_kind",
                      custom_error_message="a layer needs exactly one kind key — one of: "
                                           + ", ".join(KINDS)),
    ]


LayerSpec = layer_union()


# --- transitions ------------------------------------------------------------------------------------------
TRANSITIONS = ("cut", "crossfade", "wipe", "slide", "fade-through")


class TransitionSpec(Strict):
    """`transition: {crossfade: 0.5}` / `{wipe: 0.6, direction: right}` / `cut` — overlaps the previous shot."""

    kind: Literal["cut", "crossfade", "wipe", "slide", "fade-through"]
    duration: float = Field(0.0, ge=0, le=MAX_SECONDS)
    direction: Literal["left", "right", "up", "down"] = "left"
    ease: str = "cubic-in-out"
    color: str = "ink"              # fade-through colour

    @model_validator(mode="before")
    @classmethod
    def _short(cls, data):
        if isinstance(data, str):
            data = {data: 0}
        if isinstance(data, dict) and "kind" not in data:
            names = [k for k in data if k in TRANSITIONS]
            if len(names) != 1:
                raise ValueError("give exactly one transition — one of: " + ", ".join(TRANSITIONS))
            rest = {k: v for k, v in data.items() if k != names[0]}
            return {"kind": names[0], "duration": data[names[0]] or 0, **rest}
        return data


    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema, handler):
        """The file accepts `cut`, `{crossfade: 0.5}` (+ options) or the long form."""
        long_form = handler(core_schema)
        options = {"direction": {"enum": ["left", "right", "up", "down"]}, "ease": {"type": "string"},
                   "color": {"type": "string"}}
        short = [{"type": "object", "properties": {name: {"type": ["number", "null"], "minimum": 0}, **options},
                  "required": [name], "additionalProperties": False} for name in TRANSITIONS]
        return {"anyOf": [{"enum": list(TRANSITIONS)}, *short, long_form]}


class ShotSpec(Strict):
    id: str
    duration: Union[float, Literal["auto"]] = 3.0
    background: Background = Field(default_factory=lambda: BG_KINDS["color"](color="paper"))
    layers: list[LayerSpec] = Field(default_factory=list)  # type: ignore[valid-type]
    transition: Optional[TransitionSpec] = None
    tracks: dict[str, TrackField] = Field(default_factory=dict)  # type: ignore[valid-type]

    @field_validator("id")
    @classmethod
    def _id(cls, v):
        return safe_id(v, "shot id")

    @field_validator("duration")
    @classmethod
    def _duration(cls, v):
        if v != "auto" and v <= 0:
            raise ValueError(f"duration {v} must be positive — use seconds > 0 (or auto)")
        if v != "auto" and v > MAX_SHOT_SECONDS:
            raise ValueError(f"duration {v:g} is over the cap of {MAX_SHOT_SECONDS} s a shot — split it into shots")
        return v

    @field_validator("tracks")
    @classmethod
    def _tracks(cls, v):
        from compositor.tracking.spec import TracksSection

        TracksSection(tracks=v)    # one camera at most; names usable in `pin:`/`follow:`
        return v


class ParamSpec(Strict):
    """One `params:` entry: a typed value that `{{name}}` stands for anywhere in the file (see project/params.py;
    after loading, `default` holds the value the project was loaded with)."""

    type: Literal["text", "file", "color", "choice", "number"] = "text"
    default: Optional[Union[int, float, str]] = None
    options: Optional[list[Union[str, int, float]]] = None
    description: str = ""


class ProjectSpec(Strict):
    compositor: Literal[1] = 1
    title: str = "Untitled"
    brand: Optional[str] = None
    output: OutputSpec = Field(default_factory=OutputSpec)
    shots: list[ShotSpec] = Field(min_length=1)
    audio: Optional[AudioSpec] = None
    captions: Optional[CaptionsSpec] = None
    quality: Optional[QualitySpec] = None
    seed: int = Field(0, ge=0, le=MAX_SEED)
    references: dict[str, ReferenceSpec] = Field(default_factory=dict)  # named images shots condition on
    params: dict[str, ParamSpec] = Field(default_factory=dict)          # typed `{{name}}` values (campaigns)
    variants: dict[str, VariantSpec] = Field(default_factory=dict)      # other cuts: docs/variants.md


#: a value that is exactly `{{name}}`: a parameter that keeps its type (docs/campaigns.md)
PARAMETER = {"type": "string", "pattern": r"^\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}$"}


def json_schema() -> dict:
    schema = _accept_parameters(ProjectSpec.model_json_schema())
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Compositor project"
    return schema


def _accept_parameters(node):
    """Every number or boolean field also takes an exact `{{name}}` (substituted before validation, typed by its
    parameter), so editors checking against the schema accept a parameterised project."""
    if isinstance(node, list):
        return [_accept_parameters(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: (v if k in ("properties", "$defs", "patternProperties") and not isinstance(v, dict)
               else _accept_parameters(v)) for k, v in node.items()}
    if out.get("type") in ("number", "integer", "boolean"):
        keep = {k: out.pop(k) for k in ("title", "description", "default") if k in out}
        return {"anyOf": [out, PARAMETER], **keep}
    return out
