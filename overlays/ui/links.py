"""Connecting the layers of one shot: cursors find `#id` targets in other layers, clicks reach their components.

The render plan calls `link_shot(layers, fps)` once per shot, after it has built the shot's placed layers
(objects with `.overlay` and `.state(t, frame_index)` returning a state whose `.matrix` maps overlay pixels to
output pixels, i.e. `compositor.layer.PlacedLayer`). Everything stays a pure function of time afterwards.
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from compositor.errors import FieldError

from .cursor import CursorOverlay
from .overlay import UiOverlay


def _matrix(layer, t: float, fps: float) -> Optional[np.ndarray]:
    """The layer's placement at t; outside its time range, the nearest placement it has."""
    start = getattr(layer, "start", 0.0)
    end = getattr(layer, "end", None)
    tt = max(t, start)
    if end is not None and tt >= end:
        tt = max(start, end - 1e-3)
    state = layer.state(tt, int(round(tt * fps)))
    return state.matrix if state.visible else None


def make_resolver(layers, fps: float = 30.0):
    """id, t -> the target's centre in output pixels at t (None if no layer of the shot has that id)."""
    owners = {}
    for layer in layers:
        if isinstance(layer.overlay, UiOverlay):
            for tid in layer.overlay.targets():
                owners.setdefault(tid, layer)

    def resolve(tid: str, t: float):
        layer = owners.get(tid)
        if layer is None:
            return None
        rect = layer.overlay.targets_at(t)[tid]
        m = _matrix(layer, t, fps)
        if m is None:
            return None
        cx, cy = rect.center
        v = m @ np.array([cx, cy, 1.0])
        return float(v[0] / v[2]), float(v[1] / v[2])
    resolve.ids = set(owners)        # type: ignore[attr-defined]
    return resolve


def link_shot(layers, fps: float = 30.0) -> None:
    """Bind every cursor of the shot to the shot's targets and deliver its clicks (and arrivals, as hovers)
    to the UI layers. Unknown ids are a FieldError naming the cursor's field."""
    layers = list(layers)
    cursors = [l for l in layers if isinstance(l.overlay, CursorOverlay)]
    if not cursors:
        return
    resolve = make_resolver(layers, fps)
    uis = [l.overlay for l in layers if isinstance(l.overlay, UiOverlay)]
    for layer in cursors:
        cur: CursorOverlay = layer.overlay
        for path, tid in cur.target_ids():
            if tid not in resolve.ids:
                known = ", ".join(sorted(resolve.ids)) or "none — give a component an id:"
                raise FieldError(path, f"no component with id {tid!r} in this shot", f"ids in this shot: {known}")
        cur.bind(resolve)
        _deliver(cur, uis)


class ShotLinks:
    """The same wiring without help from the render plan: every `ui.*` layer of a shot is built with the same
    BuildContext, so they meet in `ctx.extras["ui.links"]`. Clicks are delivered as soon as both sides exist;
    targets resolve lazily through placements rebuilt from the layer specs (exact for placed and animated
    layers; layers on tracks need `link_shot`, which the render plan calls with the real placements)."""

    KEY = "ui.links"

    def __init__(self, ctx):
        self.ctx = ctx
        self.ui: list = []          # (layer model, UiOverlay)
        self.cursors: list = []     # CursorOverlay
        self._resolve = None

    @classmethod
    def of(cls, ctx) -> "ShotLinks":
        links = ctx.extras.get(cls.KEY)
        if links is None:
            links = ctx.extras[cls.KEY] = cls(ctx)
        return links

    def add_ui(self, model, overlay: UiOverlay) -> None:
        self.ui.append((model, overlay))
        self._resolve = None
        for cur in self.cursors:
            _deliver(cur, [overlay])

    def add_cursor(self, overlay: CursorOverlay) -> None:
        self.cursors.append(overlay)
        if overlay.resolver is None:
            overlay.bind(self.resolve)
        _deliver(overlay, [o for _, o in self.ui])

    def resolve(self, tid: str, t: float):
        if self._resolve is None:
            from compositor.layer import PlacedLayer
            kit, ctx = self.ctx.kit, self.ctx
            layers = [PlacedLayer(m, o, ctx.shot_duration or 1e9, ctx.size, kit.safe_area, kit.spec.motion)
                      for m, o in self.ui]
            self._resolve = make_resolver(layers, ctx.fps)
        return self._resolve(tid, t)


def _deliver(cur: CursorOverlay, overlays) -> None:
    """Arrival at an `#id` waypoint is a hover; setting off towards somewhere else is a leave."""
    wps = cur.waypoints
    for ui in overlays:
        for i, (t, p) in enumerate(wps):
            if isinstance(p, str):
                ui.on_event("hover", p[1:], t)
                if i + 1 < len(wps) and wps[i + 1][1] != p:
                    ui.on_event("leave", p[1:], t)
        for target, at in cur.clicks:
            if target is not None:
                ui.on_event("click", target, at)
