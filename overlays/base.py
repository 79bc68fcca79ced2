"""The overlay seam: data plus a draw function.

An overlay is built once at load from its validated layer model (assets read, brand tokens resolved, text
shaped), then asked to `draw(canvas, t)` into a skia canvas whose origin is the overlay's top-left corner and
whose unit is one output pixel. It never reads files at draw time.

The render loop rasterizes each overlay once per distinct `content_key(t)` (static overlays: once per shot) and
places the raster with the layer's transform, so only what changes is redrawn.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Hashable, Optional

import skia

from brand.colors import RGBA
from compositor.errors import FieldError


@dataclass
class BuildContext:
    """What an overlay may use while it is built: the kit, where assets live, the output format."""

    kit: Any                        # brand.kit.BrandKit
    base_dir: Path
    size: tuple[int, int]           # output (width, height)
    fps: float
    shot_duration: float = 0.0
    extras: dict = field(default_factory=dict)

    def color(self, value: Any, path: tuple) -> RGBA:
        try:
            return self.kit.color(value)
        except FieldError as exc:
            raise FieldError(path + exc.path, exc.message, exc.fix)

    def font(self, value: str, path: tuple) -> Path:
        try:
            return self.kit.font(value, self.base_dir)
        except FieldError as exc:
            raise FieldError(path + exc.path, exc.message, exc.fix)

    def style(self, name: str, path: tuple):
        try:
            return self.kit.style(name)
        except FieldError as exc:
            raise FieldError(path + exc.path, exc.message, exc.fix)

    def asset(self, rel: str, path: tuple, kinds: tuple[str, ...] = ()) -> Path:
        """An asset file relative to the project; missing files are a user error naming the field."""
        from compositor.confine import find_asset

        return find_asset(self.base_dir, rel, path, (getattr(self.kit, "folder", None),), kinds)

    def kit_asset(self, rel: str, path: tuple, kinds: tuple[str, ...] = ()) -> Path:
        """An asset relative to the project, or else to the kit's folder (a kit's own pictures: team photos)."""
        from compositor.confine import find_asset

        folder = getattr(self.kit, "folder", None)
        if folder is not None and not (self.base_dir / rel).exists() and (Path(folder) / rel).exists():
            return find_asset(Path(folder), rel, path, (), kinds)
        return self.asset(rel, path, kinds)


class Overlay(ABC):
    """Something drawn over the background. Subclasses set their natural size in output pixels."""

    width: float
    height: float
    #: where the overlay's centre sits when its layer gives no `at:` (output pixels): a line or arrow drawn
    #: between two points of the frame knows its own place; None: the layer's own default
    default_at: Optional[tuple[float, float]] = None

    def place_at(self, t: float) -> Optional[tuple[float, float]]:
        """For a sprite that moves itself (the UI cursor): the output position of its top-left at `t`; None: the
        layer places it."""
        return None

    def size(self) -> tuple[float, float]:
        return self.width, self.height

    def content_key(self, t: float, reveal: float = 1.0) -> Hashable:
        """Equal keys mean equal drawings; static overlays keep the default so they are drawn once."""
        return ("static", reveal) if reveal < 1.0 else None

    @abstractmethod
    def draw(self, canvas: skia.Canvas, t: float, reveal: float = 1.0) -> None:
        """Paint at the origin (0, 0)-(width, height). `reveal` < 1 shows part of the content (typewriter)."""

    def targets(self) -> dict[str, tuple[float, float, float, float]]:
        """Named sub-parts (id -> x, y, w, h in overlay pixels) that a cursor can point at. UI overlays fill it."""
        return {}

    def on_event(self, name: str, target: str, t: float) -> None:
        """A scheduled state change (e.g. a cursor click on `target` at `t`); UI overlays react to it."""


def skia_color(rgba: RGBA) -> int:
    return skia.Color(rgba[0], rgba[1], rgba[2], rgba[3])


def paint(rgba: RGBA, stroke: Optional[float] = None) -> skia.Paint:
    p = skia.Paint(AntiAlias=True, Color=skia_color(rgba))
    if stroke is not None:
        p.setStyle(skia.Paint.kStroke_Style)
        p.setStrokeWidth(stroke)
    return p
