"""Background sources: one interface (base.Source), one builder per background kind, in a registry like the
overlays' (`KINDS`): the key a user writes (`color`, `video`, …) names the builder."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..errors import FieldError
from .base import ShotContext, Source, WrapperSource
from .image import ImageSource
from .solid import ColorSource, GradientSource, NoneSource
from .video import VideoSource, probe

VIDEO_SUFFIXES = (".mp4", ".mov", ".webm", ".mkv", ".avi", ".m4v", ".gif")

#: background kind -> builder(validated model, kit, project folder, project seed, the project's references) -> Source
BUILDERS: dict[str, Callable] = {}


def builder(kind: str):
    def register(fn):
        BUILDERS[kind] = fn
        return fn
    return register


def build_source(bg, kit, base_dir: Path, seed: int = 0, references=None) -> Source:
    """The source for a validated background model (deflickered when asked); FieldError paths are relative to
    `background`. `seed` is the project's seed, used where the background does not set its own; `references`
    the project's resolved `references:` (generated backgrounds use them)."""
    kind = next(k for k in BUILDERS if k in type(bg).model_fields)     # each kind's model has its key as a field
    source = BUILDERS[kind](bg, kit, Path(base_dir), seed, references or {})
    mode = getattr(bg, "deflicker", None)
    if mode and mode != "off":
        from .deflickered import DeflickeredSource
        source = DeflickeredSource(source, mode)
    return source


def _color(kit, value, field):
    try:
        return kit.color(value)
    except FieldError as exc:
        raise FieldError((field,), exc.message, exc.fix)


def _asset(base_dir: Path, rel, field) -> Path:
    from ..confine import find_asset

    return find_asset(base_dir, rel, (field,))


def _fill(bg, kit):
    return _color(kit, bg.fill, "fill") if getattr(bg, "fill", None) else (0, 0, 0, 255)


@builder("color")
def _build_color(bg, kit, base_dir, seed, references):
    return ColorSource(_color(kit, bg.color, "color"))


@builder("none")
def _build_none(bg, kit, base_dir, seed, references):
    return NoneSource()


@builder("gradient")
def _build_gradient(bg, kit, base_dir, seed, references):
    stops = bg.stops
    cols = []
    for i, c in enumerate(stops.colors):
        try:
            cols.append(kit.color(c))
        except FieldError as exc:
            raise FieldError(("gradient", i) if isinstance(bg.gradient, list) else ("gradient", "colors", i),
                             exc.message, exc.fix)
    return GradientSource(cols, stops.angle, stops.drift)


@builder("image")
def _build_image(bg, kit, base_dir, seed, references):
    from overlays.raster import load_bitmap

    path = _asset(base_dir, bg.image, "image")
    try:
        rgba = load_bitmap(path)
    except Exception as exc:
        raise FieldError(("image",), f"cannot read the image ({exc})", "use a PNG, JPEG or WebP file")
    return ImageSource(rgba[..., :3].copy(), bg.fit, bg.motion, _fill(bg, kit), ident=str(path), focus=bg.focus)


@builder("video")
def _build_video(bg, kit, base_dir, seed, references):
    path = _asset(base_dir, bg.video, "video")
    try:
        info = probe(path)
    except Exception as exc:
        raise FieldError(("video",), f"cannot read the video ({exc})", "use an MP4, MOV or WebM file")
    if bg.trim and bg.trim[0] >= info["duration"]:
        raise FieldError(("trim",), f"trim starts at {bg.trim[0]}s but the clip is {info['duration']:.2f}s long",
                         "start the trim inside the clip")
    return VideoSource(path, bg.fit, bg.trim, bg.loop, _fill(bg, kit), focus=bg.focus)


@builder("generate")
def _build_generate(bg, kit, base_dir, seed, references):
    from .generate import GenerateSource

    spec = bg.generate
    if "seed" not in spec.model_fields_set and seed and spec.continuity is None:
        spec = spec.model_copy(update={"seed": int(seed)})    # the project's `seed:` where the shot sets none
    # (a `continuity:` shot that sets none inherits the seed of the shot it continues, diffusion/memory.py)
    source = GenerateSource(spec, base_dir, references=references)
    if source.locks:       # product lock: the exact product composited through a planar track of its region
        from .locked import LockedSource

        source = LockedSource(source, source.locks)
    return source


__all__ = ["Source", "WrapperSource", "ShotContext", "build_source", "BUILDERS"]
