"""A placed layer: an overlay plus where/when/how it shows, evaluated as a pure function of shot time.

Three things are called "layer": the schema's `LayerCommon` (the keys every layer kind shares), the schema's
`LayerSpec` (the union of the kinds, as validated from the file) and this `PlacedLayer` (a validated layer with
its overlay built, placed on the output). A PlacedLayer is frozen once its project is loaded.

`state(t, frame, tracks)` returns everything the compositor needs for time t: visibility, opacity, the text reveal, a wipe, and
the 3x3 matrix mapping overlay pixels to output pixels (translate/rotate/scale about the anchor, or a
perspective corner pin from a track).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

import numpy as np

from .animate import PRESET_DEFAULT_EASE, Effect, Track, ease, preset_effect
from .vocab.layer import LayerCommon, PresetSpec

FRACTIONS = {"center": (0.5, 0.5), "top-left": (0, 0), "top": (0.5, 0), "top-right": (1, 0), "left": (0, 0.5),
             "right": (1, 0.5), "bottom-left": (0, 1), "bottom": (0.5, 1), "bottom-right": (1, 1)}


def named_point(name: str, size: tuple[int, int], safe: float) -> tuple[float, float]:
    """A named position inside the safe area (a margin of `safe` x the frame on each side)."""
    W, H = size
    fx, fy = FRACTIONS[name]
    mx, my = W * safe, H * safe
    return mx + fx * (W - 2 * mx), my + fy * (H - 2 * my)


@dataclass
class LayerState:
    visible: bool
    opacity: float = 1.0
    reveal: float = 1.0
    wipe: Optional[tuple] = None
    matrix: Optional[np.ndarray] = None   # overlay px -> output px
    t: float = 0.0                        # the shot time and frame this state is for (motion blur samples around)
    frame: Optional[float] = None


class PlacedLayer:
    _frozen = False

    @property
    def kind(self) -> str:
        """The layer kind a user wrote (`text`, `ui.window`, …), for profiles, the studio and reports."""
        return getattr(type(self.spec), "kind", type(self.overlay).__name__)

    def __init__(self, spec: LayerCommon, overlay, shot_duration: float, size: tuple[int, int], safe_area: float,
                 motion_defaults=None, design_size: Optional[tuple[int, int]] = None, scale_rule: str = "min",
                 native: tuple[bool, bool] = (False, False)):
        self.spec = spec
        # a variant (another aspect ratio): pixel positions keep their relative place, sizes follow the axis ratio
        # its `scale` names (the smaller one by default); values the variant itself gives (`native`: its `at`,
        # its size keys) are in the variant's own pixels and stay as written
        dw, dh = design_size or size
        self.sx, self.sy = size[0] / dw, size[1] / dh
        self.layout_scale = 1.0 if native[1] else {"width": self.sx, "height": self.sy}.get(scale_rule,
                                                                                               min(self.sx, self.sy))
        self.native_at = native[0]
        self.overlay = overlay
        self.size = size
        self.start = spec.start
        self.end = min(spec.end, shot_duration) if spec.end is not None else shot_duration
        self.defaults = motion_defaults
        ow, oh = overlay.size()
        self.natural = (ow, oh)
        if "at" not in spec.model_fields_set and overlay.default_at is not None:
            self.at = self._map(overlay.default_at)
            self.anchor = (ow / 2, oh / 2)
        else:
            self.at = (named_point(spec.at, size, safe_area) if isinstance(spec.at, str) else
                       (float(spec.at[0]), float(spec.at[1])) if self.native_at else self._map(spec.at))
            self.anchor = self._anchor(spec, ow, oh)
        a = spec.animate
        self.anim = {}
        if a is not None:
            for name in ("opacity", "scale", "rotate", "x", "y", "at"):
                keys = getattr(a, name)
                if keys:
                    if name == "at":
                        keys = [(k[0], named_point(k[1], size, safe_area) if isinstance(k[1], str)
                                 else self._map(k[1]), *k[2:]) for k in keys]
                    elif name in ("x", "y"):
                        f = self.sx if name == "x" else self.sy
                        keys = [(k[0], k[1] * f, *k[2:]) for k in keys]
                    self.anim[name] = Track.build(keys, a.ease)
        self.follow = spec.follow_spec          # built once, not per frame
        self.enter = self._preset(spec.enter)
        self.exit = self._preset(spec.exit)

    def freeze(self) -> "PlacedLayer":
        """No attribute changes from now on (the project is loaded; what rendering prepares lives elsewhere)."""
        object.__setattr__(self, "_frozen", True)
        return self

    def __setattr__(self, name, value):
        if self._frozen:
            raise AttributeError(f"a placed layer is frozen after load (tried to set {name!r})")
        object.__setattr__(self, name, value)

    def _map(self, point) -> tuple[float, float]:
        return float(point[0]) * self.sx, float(point[1]) * self.sy

    @staticmethod
    def _anchor(spec: LayerCommon, w: float, h: float) -> tuple[float, float]:
        anchor = spec.anchor
        if anchor is None and isinstance(spec.at, str):
            anchor = spec.at          # a named position places the matching corner/edge of the layer
        if anchor is None:
            return w / 2, h / 2
        if isinstance(anchor, str):
            fx, fy = FRACTIONS[anchor]
            return fx * w, fy * h
        return float(anchor[0]), float(anchor[1])

    def _preset(self, p: Optional[PresetSpec]):
        if p is None:
            return None
        d = p.duration if p.duration is not None else (self.defaults.duration if self.defaults else 0.5)
        e = p.ease or PRESET_DEFAULT_EASE.get(p.preset) or (self.defaults.ease if self.defaults else "cubic-out")
        return p.preset, max(d, 1e-6), e, p.distance

    # ------------------------------------------------------------------------------------------------------
    def active(self, t: float) -> bool:
        return self.start <= t < self.end

    def max_scale(self) -> float:
        """The largest scale this layer reaches, so its raster is drawn sharp enough once."""
        s = self.spec.scale * self.layout_scale
        if "scale" in self.anim:
            s *= max(abs(v) for v in self.anim["scale"].values)
        if self.enter and self.enter[0] == "zoom" or self.exit and self.exit[0] == "zoom":
            s *= 1.25
        return max(1.0, min(4.0, s))

    def effects(self, t: float) -> list[Effect]:
        out = []
        if self.enter:
            name, d, e, dist = self.enter
            u = (t - self.start) / d
            if u < 1:
                out.append(preset_effect(name, ease(e, u), dist, self.natural[0], self.size[0]))
        if self.exit:
            name, d, e, dist = self.exit
            u = (self.end - t) / d
            if u < 1:
                out.append(preset_effect(name, ease(e, max(0.0, u)), dist, self.natural[0], self.size[0]))
        return out

    def state(self, t: float, frame_index: Optional[float] = None, tracks=None) -> LayerState:
        """Where and how the layer shows at shot time `t` (frame `frame_index`); `tracks` (the shot's prepared
        bind.ShotTracks) place `pin:`/`follow:` layers."""
        if not self.active(t):
            return LayerState(False)
        lt = t - self.start
        opacity = self.spec.opacity * self._anim("opacity", lt, 1.0)
        scale = self.spec.scale * self._anim("scale", lt, 1.0) * self.layout_scale
        rotate = self.spec.rotate + self._anim("rotate", lt, 0.0)
        x, y = self._anim("at", lt, self.at)
        x += self._anim("x", lt, 0.0)
        y += self._anim("y", lt, 0.0)
        reveal, wipe = 1.0, None
        for eff in self.effects(t):
            opacity *= eff.opacity
            x += eff.dx
            y += eff.dy
            scale *= eff.scale
            reveal = min(reveal, eff.reveal)
            if eff.wipe is not None:
                wipe = eff.wipe
        if opacity <= 0.001:
            return LayerState(False)
        if self.follow and tracks is not None and not self.native_at and (self.sx, self.sy) != (1.0, 1.0):
            # a layer riding on the footage sits where its main-cut place is in this variant's crop of it
            moved = tracks.place(self.follow.track, (x / self.sx, y / self.sy))
            if moved is not None:
                x, y = moved
        if self.spec.pin and tracks is not None and frame_index is not None:
            matrix = tracks.pin_matrix(self.spec.pin, frame_index, self.natural)
        else:
            placed = self.overlay.place_at(t)     # sprites that move themselves (the UI cursor)
            if placed is not None:
                px, py = placed
                matrix = placement_matrix((px * self.sx, py * self.sy), (0.0, 0.0), scale, rotate)
            else:
                matrix = placement_matrix((x, y), self.anchor, scale, rotate)
            follow = self.follow
            if follow and tracks is not None and frame_index is not None:
                matrix = tracks.follow_matrix(follow, frame_index) @ matrix
        return LayerState(True, max(0.0, min(1.0, opacity)), reveal, wipe, matrix, t, frame_index)

    def _anim(self, name: str, lt: float, default):
        track = self.anim.get(name)
        return track.at(lt) if track is not None else default


def placement_matrix(at, anchor, scale: float, rotate_deg: float) -> np.ndarray:
    """overlay px -> output px: move the anchor to the origin, scale, rotate (clockwise degrees), move to `at`."""
    c, s = math.cos(math.radians(rotate_deg)), math.sin(math.radians(rotate_deg))
    m = np.array([[c * scale, -s * scale, 0.0], [s * scale, c * scale, 0.0], [0.0, 0.0, 1.0]])
    m[0, 2] = at[0] - (m[0, 0] * anchor[0] + m[0, 1] * anchor[1])
    m[1, 2] = at[1] - (m[1, 0] * anchor[0] + m[1, 1] * anchor[1])
    return m
