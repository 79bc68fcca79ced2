"""The background-source seam: many kinds (colour, gradient, image, video, generate), one small interface.

A source yields the background of one shot at the project's size and frame rate. `frame(i)` must be a pure
function of the local frame index (renders split into chunks that run in any order), so sources that decode
or generate do their heavy work in `prepare()` or seek as needed, and may keep a small cache.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

import numpy as np


@dataclass
class ShotContext:
    """What a source may know about the shot it fills."""

    shot_id: str
    size: tuple[int, int]          # (width, height) of the output
    fps: float
    n_frames: int                  # frames of this shot (including transition overlaps)
    base_dir: Path                 # the project file's folder: relative asset paths resolve here
    cache_dir: Path                # where generated / tracked results are cached
    use_cache: bool = True
    brand: Any = None              # the resolved brand kit (brand.kit.BrandKit)
    progress: Optional[Callable[[str, int, int], None]] = None   # progress(label, done, total)
    previous: Optional[Callable[[str], "Source"]] = None         # look up another shot's prepared source by id
    extras: dict = field(default_factory=dict)

    @property
    def duration(self) -> float:
        return self.n_frames / self.fps


class Source(ABC):
    """One shot's background. Frames are uint8 RGB (H, W, 3), or premultiplied RGBA (H, W, 4) when the
    background is transparent (`background: none`)."""

    #: True when frames carry alpha (only `none` today)
    has_alpha: bool = False

    def prepare(self, ctx: ShotContext) -> None:
        """Do heavy, once-per-shot work (open files, generate, decode). Called before any `frame()`."""
        self.ctx = ctx

    @abstractmethod
    def frame(self, index: int) -> np.ndarray:
        """The background for local frame `index` (0-based within the shot)."""

    def identity(self) -> str:
        """A stable string that changes when this source's output would (for caches of derived results)."""
        return repr(self)

    def close(self) -> None:
        """Release files and decoders."""
