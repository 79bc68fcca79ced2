"""Background sources: one interface (base.Source) and one registry entry per background kind
(`registry.KINDS`: the key a user writes, its schema model and its builder), like the overlays' layer kinds.
Importing this package registers every kind; a new kind is one module with its Source, model and builder."""
from __future__ import annotations

from pathlib import Path

from . import solid, image, video, generate  # noqa: F401,I001  (each registers its kinds, in this order)
from .base import ShotContext, Source, WrapperSource
from .image import ImageSource
from .registry import KINDS, kind_of
from .solid import ColorSource, GradientSource, NoneSource
from .video import VideoSource, probe

VIDEO_SUFFIXES = (".mp4", ".mov", ".webm", ".mkv", ".avi", ".m4v", ".gif")


def build_source(bg, kit, base_dir: Path, seed: int = 0, references=None) -> Source:
    """The source for a validated background model (deflickered when asked); FieldError paths are relative to
    `background`. `seed` is the project's seed, used where the background does not set its own; `references`
    the project's resolved `references:` (generated backgrounds use them)."""
    source = KINDS[kind_of(bg)].build(bg, kit, Path(base_dir), seed, references or {})
    mode = getattr(bg, "deflicker", None)
    if mode and mode != "off":
        from .deflickered import DeflickeredSource
        source = DeflickeredSource(source, mode)
    return source


__all__ = ["Source", "WrapperSource", "ShotContext", "build_source", "KINDS", "ColorSource", "GradientSource",
           "NoneSource", "ImageSource", "VideoSource", "probe", "VIDEO_SUFFIXES"]
