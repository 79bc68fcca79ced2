"""The `tracks:` mapping of a shot: what to track and where it is at one known time.

Three kinds, told apart by their keys:
- planar: `corners` (TL, TR, BR, BL in output pixels) true at `at` seconds; optional manual `keyframes`.
- point:  `point: [x, y]` true at `at` seconds.
- camera: `stabilize: true|false` — whole-frame motion, relative to the frame at `at` (default 0).
Validation is strict and speaks in fixes, because a wrong quad silently pins an overlay to garbage.
"""
from __future__ import annotations

from typing import Annotated, Any, Literal, Optional, Union

import numpy as np
from pydantic import (BaseModel, ConfigDict, Discriminator, Field, Tag, TypeAdapter, field_validator,
                      model_validator)

from ..vocab.bounds import MAX_COORD, MAX_SECONDS, Point
from ..vocab.ids import safe_id

Quad = list[tuple[float, float]]
CORNER_NAMES = ("top-left", "top-right", "bottom-right", "bottom-left")
MIN_SIDE_PX = 8.0


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


def check_quad(quad: Any, what: str = "corners") -> Quad:
    """Four [x, y] pairs, TL TR BR BL, forming a convex quad of sensible size (clockwise on screen)."""
    if not isinstance(quad, (list, tuple)) or len(quad) != 4:
        n = len(quad) if isinstance(quad, (list, tuple)) else "not a list"
        raise ValueError(f"{what} needs exactly 4 [x, y] points (got {n}) — give top-left, top-right, "
                         "bottom-right, bottom-left, e.g. [[812, 402], [1104, 398], [1110, 566], [816, 572]]")
    pts = []
    for k, p in enumerate(quad):
        if not isinstance(p, (list, tuple)) or len(p) != 2 or not all(
                isinstance(v, (int, float)) and not isinstance(v, bool) and np.isfinite(v) for v in p):
            raise ValueError(f"{what}: the {CORNER_NAMES[k]} corner should be [x, y] numbers, got {p!r} — "
                             "write it as [x, y] in output pixels")
        if not all(abs(v) <= MAX_COORD for v in p):
            raise ValueError(f"{what}: the {CORNER_NAMES[k]} corner {list(p)!r} is outside ±{MAX_COORD} px — "
                             "write it as [x, y] in output pixels")
        pts.append((float(p[0]), float(p[1])))
    a = np.asarray(pts)
    edges = np.roll(a, -1, axis=0) - a
    crosses = edges[:, 0] * np.roll(edges, -1, axis=0)[:, 1] - edges[:, 1] * np.roll(edges, -1, axis=0)[:, 0]
    if np.linalg.norm(edges, axis=1).min() < MIN_SIDE_PX:
        raise ValueError(f"{what}: two corners are closer than {MIN_SIDE_PX:g} px — "
                         "give four distinct corners around the surface")
    if np.all(crosses < 0):
        raise ValueError(f"{what} go counter-clockwise on screen — list them top-left, top-right, "
                         "bottom-right, bottom-left")
    if not np.all(crosses > 0):
        raise ValueError(f"{what} do not form a convex quad (edges cross or a corner is dented) — "
                         "list them top-left, top-right, bottom-right, bottom-left around the surface")
    return pts


def _check_time(v: float) -> float:
    if v < 0:
        raise ValueError(f"at = {v} is before the shot starts — use seconds ≥ 0 from the shot's start")
    if v > MAX_SECONDS:
        raise ValueError(f"at = {v:g} is over the {MAX_SECONDS} s a shot may last — use seconds from the shot's start")
    return v


class PlanarTrack(_Strict):
    """A flat surface (a screen, a sign, a wall) tracked with perspective."""

    kind: Literal["planar"] = "planar"
    corners: Optional[Quad] = None
    at: float = 0.0
    keyframes: list[tuple[float, Quad]] = Field(default_factory=list)
    smooth: float = Field(0.0, ge=0, le=2.0, description="seconds of zero-phase smoothing (0 = off)")
    margin: float = Field(0.1, ge=0, le=1.0, description="also use features this fraction of the quad's size "
                                                         "around it (bezels, frames on the same plane)")

    @field_validator("corners", mode="before")
    @classmethod
    def _corners(cls, v):
        return None if v is None else check_quad(v)

    @field_validator("at")
    @classmethod
    def _at(cls, v):
        return _check_time(v)

    @field_validator("keyframes", mode="before")
    @classmethod
    def _keys(cls, v):
        if not isinstance(v, list):
            raise ValueError("keyframes should be a list of [time, corners] — e.g. "
                             "[[2.0, [[810, 400], [1100, 396], [1108, 564], [814, 570]]]]")
        out = []
        for k, key in enumerate(v):
            if not isinstance(key, (list, tuple)) or len(key) != 2 or not isinstance(key[0], (int, float)):
                raise ValueError(f"keyframe {k} should be [time, [[x, y] x 4]] — e.g. "
                                 "[2.0, [[810, 400], [1100, 396], [1108, 564], [814, 570]]]")
            out.append((_check_time(float(key[0])), check_quad(key[1], f"keyframe {k} corners")))
        times = [t for t, _ in out]
        if len(set(times)) != len(times):
            raise ValueError("two keyframes share a time — keep one key per time")
        return sorted(out)

    @model_validator(mode="after")
    def _anchor(self):
        if self.corners is None and not self.keyframes:
            raise ValueError("a planar track needs corners (with at) or keyframes — add "
                             "corners: [[x, y] TL, TR, BR, BL] and at: seconds")
        return self

    def reference(self) -> tuple[float, Quad]:
        """The (time, corners) tracking starts from: `corners`/`at`, else the first keyframe."""
        return (self.at, self.corners) if self.corners is not None else self.keyframes[0]


class PointTrack(_Strict):
    """A single feature (a badge, a corner of an object) followed in position, rotation and scale."""

    kind: Literal["point"] = "point"
    point: Point
    at: float = 0.0
    size: float = Field(64.0, ge=16, le=1024, description="side in output pixels of the patch tracked around "
                                                          "the point")
    smooth: float = Field(0.0, ge=0, le=2.0)

    @field_validator("at")
    @classmethod
    def _at(cls, v):
        return _check_time(v)


class CameraTrack(_Strict):
    """Whole-frame camera motion: to stabilize the plate or to make a layer ride with it."""

    kind: Literal["camera"] = "camera"
    stabilize: bool = False
    at: float = 0.0
    model: Literal["similarity", "homography"] = "similarity"
    smooth: float = Field(0.0, ge=0, le=2.0)

    @field_validator("at")
    @classmethod
    def _at(cls, v):
        return _check_time(v)


def _tag(data: Any) -> str:
    if isinstance(data, BaseModel):
        return data.kind  # type: ignore[attr-defined]
    if isinstance(data, dict):
        if "kind" in data:
            return str(data["kind"])
        if "point" in data:
            return "point"
        if "stabilize" in data or "model" in data:
            return "camera"
        if "corners" in data or "keyframes" in data:
            return "planar"
    return "unknown"


TrackSpec = Union[PlanarTrack, PointTrack, CameraTrack]


def _discriminate(data: Any) -> Optional[str]:
    kind = _tag(data)
    return None if kind == "unknown" else f"kind[{kind}]"


#: one entry of `tracks:` as a pydantic field type (kind inferred from the keys); use it in the shot model.
#: Tags are spelled "kind[...]" so error locations read ("tracks", name, "kind[planar]", field): a part with
#: brackets is a union tag, not a key of the file.
TrackField = Annotated[
    Union[Annotated[PlanarTrack, Tag("kind[planar]")], Annotated[PointTrack, Tag("kind[point]")],
          Annotated[CameraTrack, Tag("kind[camera]")]],
    Discriminator(_discriminate, custom_error_type="track_kind",
                  custom_error_message="cannot tell what to track — give corners: (a planar surface), "
                                       "point: [x, y] (a point) or stabilize: true (the camera)")]


class TracksSection(BaseModel):
    """The whole `tracks:` mapping of one shot (name -> spec). At most one camera track."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    tracks: dict[str, TrackField]

    @model_validator(mode="after")
    def _one_camera(self):
        cams = [k for k, v in self.tracks.items() if v.kind == "camera"]
        if len(cams) > 1:
            raise ValueError(f"more than one camera track ({', '.join(cams)}) — keep one: the camera moves once")
        for name in self.tracks:
            safe_id(name, "track name")
        return self


_ADAPTER = TypeAdapter(TrackField)


def parse_track(data: Any) -> TrackSpec:
    """One track spec from its YAML mapping (kind inferred from its keys); raises pydantic.ValidationError."""
    return _ADAPTER.validate_python(data)


def parse_tracks(data: Any) -> dict[str, TrackSpec]:
    """A shot's `tracks:` mapping; raises pydantic.ValidationError with locations ("tracks", name, field)."""
    return dict(TracksSection.model_validate({"tracks": data}).tracks)
