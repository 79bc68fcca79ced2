"""Background sources: one interface (base.Source), one kind per background key of a shot."""
from __future__ import annotations

from pathlib import Path

from ..errors import FieldError
from .base import ShotContext, Source
from .image import ImageSource
from .solid import ColorSource, GradientSource, NoneSource
from .video import VideoSource, probe

VIDEO_SUFFIXES = (".mp4", ".mov", ".webm", ".mkv", ".avi", ".m4v", ".gif")


def build_source(bg, kit, base_dir: Path) -> Source:
    """The source for a validated background model (deflickered when asked); FieldError paths are relative to
    `background`."""
    source = _build(bg, kit, base_dir)
    mode = getattr(bg, "deflicker", None)
    if mode and mode != "off":
        from ..consistency.source import DeflickeredSource
        source = DeflickeredSource(source, mode)
    return source


def _build(bg, kit, base_dir: Path) -> Source:
    kind = type(bg).__name__
    def color(value, field):
        try:
            return kit.color(value)
        except FieldError as exc:
            raise FieldError((field,), exc.message, exc.fix)
    def asset(rel, field):
        p = base_dir / rel
        if not p.exists():
            raise FieldError((field,), f"file not found: {rel}", f"put it at {p} or fix the path (relative to the "
                                                               f"project file)")
        return p.resolve()
    if kind == "ColorBg":
        return ColorSource(color(bg.color, "color"))
    if kind == "NoneBg":
        return NoneSource()
    if kind == "GradientBg":
        stops = bg.stops
        cols = []
        for i, c in enumerate(stops.colors):
            try:
                cols.append(kit.color(c))
            except FieldError as exc:
                raise FieldError(("gradient", i) if isinstance(bg.gradient, list) else ("gradient", "colors", i),
                                 exc.message, exc.fix)
        return GradientSource(cols, stops.angle, stops.drift)
    fill = color(bg.fill, "fill") if getattr(bg, "fill", None) else (0, 0, 0, 255)
    if kind == "ImageBg":
        from overlays.raster import load_bitmap
        path = asset(bg.image, "image")
        try:
            rgba = load_bitmap(path)
        except Exception as exc:
            raise FieldError(("image",), f"cannot read the image ({exc})", "use a PNG, JPEG or WebP file")
        return ImageSource(rgba[..., :3].copy(), bg.fit, bg.motion, fill, ident=str(path))
    if kind == "VideoBg":
        path = asset(bg.video, "video")
        try:
            info = probe(path)
        except Exception as exc:
            raise FieldError(("video",), f"cannot read the video ({exc})", "use an MP4, MOV or WebM file")
        if bg.trim and bg.trim[0] >= info["duration"]:
            raise FieldError(("trim",), f"trim starts at {bg.trim[0]}s but the clip is {info['duration']:.2f}s long",
                             "start the trim inside the clip")
        return VideoSource(path, bg.fit, bg.trim, bg.loop, fill)
    if kind == "GenerateBg":
        from .generate import GenerateSource
        return GenerateSource(bg.generate, base_dir)
    raise FieldError((), f"unsupported background {kind}", "use color, gradient, image, video, generate or none")


__all__ = ["Source", "ShotContext", "build_source"]
