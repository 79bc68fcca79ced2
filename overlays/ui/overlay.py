"""The overlay a `ui.*` layer becomes: a laid-out component tree with a cached static raster.

`content_key(t)` is the tuple of the moving parts' keys, so the render loop re-rasterizes only when something
visible changed; when it does, `draw` blits the cached still parts and repaints only the moving ones.
"""
from __future__ import annotations

from typing import Hashable

import skia

from overlays.base import Overlay

from .cache import SubtreeCache
from .node import Node, Rect


class UiOverlay(Overlay):
    def __init__(self, root: Node, width: float, height: float):
        self.root = root
        self.width, self.height = float(width), float(height)
        root.place(0, 0, self.width, self.height)
        self.cache = SubtreeCache(root, Rect(0, 0, self.width, self.height))

    @property
    def use_cache(self) -> bool:
        return self.cache.enabled

    @use_cache.setter
    def use_cache(self, on: bool) -> None:
        """False: redraw every component every frame (the benchmark's baseline)."""
        for n in self.root.walk():
            if getattr(n, "cache", None) is not None:
                n.cache.enabled = on
        self.cache.enabled = on

    # --- the seam -----------------------------------------------------------------------------------------
    def content_key(self, t: float, reveal: float = 1.0) -> Hashable:
        """None while nothing moves; `reveal` (typewriter enter) does not apply to UI, so it is not part of it."""
        key = self.cache.key(t)
        return None if key is None else ("ui", key)

    def draw(self, canvas: skia.Canvas, t: float, reveal: float = 1.0) -> None:
        # the overlay owns its box: the still raster replaces what is under it (rasterize() hands a clear canvas)
        self.cache.draw(canvas, t, replace=True)

    def targets(self) -> dict[str, tuple[float, float, float, float]]:
        return {k: (r.x, r.y, r.w, r.h) for k, r in self.targets_at(0.0).items()}

    def targets_at(self, t: float) -> dict[str, Rect]:
        """id -> rect in overlay pixels at time t (content inside scrolled frames moves with the scroll)."""
        out: dict[str, Rect] = {}

        def visit(n: Node, ox: float, oy: float):
            if n.id:
                out[n.id] = Rect(n.rect.x + ox, n.rect.y + oy, n.rect.w, n.rect.h)
            for iid, r in getattr(n, "extra_targets", lambda: {})().items():
                out[iid] = Rect(r.x + ox, r.y + oy, r.w, r.h)
            if getattr(n, "isolates", False):
                dx, dy = n.content_offset(t)
                ox, oy = ox + dx, oy + dy
            for c in n.children():
                visit(c, ox, oy)
        visit(self.root, 0.0, 0.0)
        return out

    def on_event(self, name: str, target: str, t: float) -> None:
        """Deliver a click/hover to every component (the target reacts; charts listening with `on:` too)."""
        for n in self.root.walk():
            n.on_event(name, target, t)
        for n in reversed(list(self.root.walk())):      # inner frames first: outer ones ask them
            if hasattr(n, "refresh"):
                n.refresh()
        self.cache.refresh()
