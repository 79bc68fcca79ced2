"""Keys every layer shares (placement, timing, animation, tracking), whatever it draws.

A layer in a project file is a mapping with exactly one kind key (`text`, `svg`, `ui.browser` …) plus these.
Each overlay kind subclasses `LayerCommon` with its own kind key and options (see overlays/registry.py).
"""
from __future__ import annotations

from typing import Any, Optional, Union

from pydantic import Field, field_validator, model_validator

from ..animate import EASE_NAMES, PRESETS
from .bounds import MAX_COORD, MAX_SCALE, MAX_SECONDS, MAX_SIZE, Coord, Point, Seconds
from .ids import safe_id
from .strict import Strict

NAMED_POSITIONS = ("center", "top-left", "top", "top-right", "left", "right", "bottom-left", "bottom",
                   "bottom-right")
ANIMATABLE = ("opacity", "scale", "rotate", "x", "y", "at")


def _check_ease(value: str) -> str:
    if value not in EASE_NAMES:
        raise ValueError(f"unknown easing {value!r} — use one of: {', '.join(EASE_NAMES)}")
    return value


class PresetSpec(Strict):
    """`enter: {fade: 0.5}` — one preset name with its duration, plus options. A bare name uses kit defaults."""

    preset: str
    duration: Optional[Seconds] = None
    ease: Optional[str] = None
    distance: Coord = 60.0

    @model_validator(mode="before")
    @classmethod
    def _from_mapping(cls, data: Any) -> Any:
        if isinstance(data, str):
            data = {data: None}
        if isinstance(data, dict) and "preset" not in data:
            names = [k for k in data if k in PRESETS]
            others = {k: v for k, v in data.items() if k not in PRESETS}
            unknown = [k for k in others if k not in ("ease", "distance")]
            if len(names) != 1:
                if unknown:
                    raise ValueError(f"unknown preset {unknown[0]!r} — use one of: {', '.join(PRESETS)}")
                raise ValueError(f"give exactly one preset — one of: {', '.join(PRESETS)}")
            return {"preset": names[0], "duration": data[names[0]], **others}
        return data

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema, handler):
        """The file accepts `fade`, `{fade: 0.5}` (+ ease/distance) or the long form."""
        long_form = handler(core_schema)
        options = {"ease": {"enum": list(EASE_NAMES)}, "distance": {"type": "number"}}
        short = [{"type": "object", "properties": {name: {"type": ["number", "null"], "minimum": 0}, **options},
                  "required": [name], "additionalProperties": False} for name in PRESETS]
        return {"anyOf": [{"enum": list(PRESETS)}, *short, long_form]}

    @field_validator("preset")
    @classmethod
    def _known(cls, v):
        if v not in PRESETS:
            raise ValueError(f"unknown preset {v!r} — use one of: {', '.join(PRESETS)}")
        return v

    @field_validator("ease")
    @classmethod
    def _ease(cls, v):
        return v if v is None else _check_ease(v)


Keyframe = Union[tuple[float, Any], tuple[float, Any, str]]


class AnimateSpec(Strict):
    """`animate: {opacity: [[0, 0], [0.8, 1]], scale: [[0, 0.9], [0.8, 1.0]], ease: cubic-out}` — times are
    seconds from the layer's start; values hold before the first and after the last key."""

    opacity: Optional[list[Keyframe]] = None
    scale: Optional[list[Keyframe]] = None
    rotate: Optional[list[Keyframe]] = None
    x: Optional[list[Keyframe]] = None
    y: Optional[list[Keyframe]] = None
    at: Optional[list[Keyframe]] = None
    ease: str = "linear"

    @field_validator("ease")
    @classmethod
    def _ease(cls, v):
        return _check_ease(v)

    @model_validator(mode="after")
    def _keys(self):
        for name in ANIMATABLE:
            keys = getattr(self, name)
            if keys is None:
                continue
            if not keys:
                raise ValueError(f"{name}: needs at least one [time, value] key — e.g. [[0, 0], [1, 1]]")
            for k in keys:
                if len(k) > 2:
                    _check_ease(k[2])
                want_pair = name == "at"
                value = k[1]
                is_pair = isinstance(value, (list, tuple)) and len(value) == 2 and all(map(_is_number, value))
                named = name == "at" and isinstance(value, str) and value in NAMED_POSITIONS
                if not (named or (is_pair if want_pair else _is_number(value))):
                    raise ValueError(f"{name}: key at t={k[0]} should be "
                                     + ("[x, y] or a named position" if want_pair else "a number")
                                     + f", got {value!r} — write keys as [time, "
                                     + ("[x, y]]" if want_pair else "number]") + ", e.g. "
                                     + ("[[0, [100, 200]], [1, center]]" if want_pair else "[[0, 0], [1, 1]]"))
                _check_key(name, k)
        return self


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


_KEY_LIMITS = {"opacity": MAX_SCALE, "scale": MAX_SCALE, "rotate": 360.0 * 1000, "x": MAX_COORD, "y": MAX_COORD,
               "at": MAX_COORD}


def _check_key(name: str, key: tuple) -> None:
    """A key's time within a shot's bounds and its numbers finite and bounded (they reach the frame matrix)."""
    t, value = key[0], key[1]
    if not -MAX_SECONDS <= t <= MAX_SECONDS:
        raise ValueError(f"{name}: key time {t:g} is outside ±{MAX_SECONDS} s — use seconds from the layer's start")
    numbers = value if isinstance(value, (list, tuple)) else [value]
    limit = _KEY_LIMITS[name]
    for v in numbers:
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            continue            # shapes and names are judged above
        if not abs(v) <= limit:
            raise ValueError(f"{name}: value {v!r} at t={t:g} is outside ±{limit:g} — use a value within it")


class FollowSpec(Strict):
    track: str
    rotate: bool = False
    scale: bool = False


class LayerCommon(Strict):
    id: Optional[str] = None
    at: Union[Point, str] = "center"
    anchor: Optional[Union[Point, str]] = None
    width: Optional[float] = Field(None, gt=0, le=MAX_SIZE)
    height: Optional[float] = Field(None, gt=0, le=MAX_SIZE)
    scale: float = Field(1.0, gt=0, le=MAX_SCALE)
    rotate: float = Field(0.0, ge=-MAX_COORD, le=MAX_COORD)
    opacity: float = Field(1.0, ge=0, le=1)
    start: float = Field(0.0, ge=0, le=MAX_SECONDS)
    end: Optional[float] = Field(None, gt=0, le=MAX_SECONDS)
    enter: Optional[PresetSpec] = None
    exit: Optional[PresetSpec] = None
    animate: Optional[AnimateSpec] = None
    pin: Optional[str] = None
    follow: Optional[Union[str, FollowSpec]] = None
    motion_blur: bool = False

    @field_validator("id")
    @classmethod
    def _id(cls, v):
        return v if v is None else safe_id(v, "layer id")

    @field_validator("at", "anchor")
    @classmethod
    def _named(cls, v):
        if isinstance(v, str) and v not in NAMED_POSITIONS:
            raise ValueError(f"unknown position {v!r} — use [x, y] or one of: {', '.join(NAMED_POSITIONS)}")
        return v

    @model_validator(mode="after")
    def _times(self):
        if self.end is not None and self.end <= self.start:
            raise ValueError(f"end ({self.end}) must be after start ({self.start}) — fix start/end")
        if self.pin and self.follow:
            raise ValueError("a layer can be pinned or follow a track, not both — keep one of pin/follow")
        return self

    @property
    def follow_spec(self) -> Optional[FollowSpec]:
        if self.follow is None:
            return None
        return self.follow if isinstance(self.follow, FollowSpec) else FollowSpec(track=self.follow)
