"""The background-source seam: many kinds (colour, gradient, image, video, generate), one small interface.

A source yields the background of one shot at the project's size and frame rate. `frame(i)` must be a pure
function of the local frame index (renders split into chunks that run in any order), so sources that decode
or generate do their heavy work in `prepare()` or seek as needed, and may keep a small cache.
"""
from __future__ import annotations

import copy
from types import MappingProxyType
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional, Mapping

import numpy as np


@dataclass(frozen=True)
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
    design_size: Optional[tuple[int, int]] = None  # the main cut's size (`output.size`) when this is a variant
    tracks: Any = None                             # the shot's validated `tracks:` (a `focus: TRACK` follows one)

    @property
    def duration(self) -> float:
        return self.n_frames / self.fps


class Source(ABC):
    """One shot's background. Frames are uint8 RGB (H, W, 3), or premultiplied RGBA (H, W, 4) when the
    background is transparent (`background: none`)."""

    #: True when frames carry alpha (only `none` today)
    has_alpha: bool = False
    #: True when prepare() is costly and its result cached (generation): renders warm it once before the chunks,
    #: and a scrub (offline mode) never runs it, showing a placeholder until the cache holds it
    expensive: bool = False
    #: True when prepare() runs best on a GPU (a cluster schedules it on a GPU worker)
    wants_gpu: bool = False
    #: True when the source can make other footage on request (`reseed`): quality `on_fail: regenerate`
    regenerable: bool = False
    #: True when the source times its own decoding (in a read-ahead thread) into `profile`
    self_timed: bool = False
    #: a compositor.profile.Profile a session sets for `--profile`
    profile: Any = None
    #: the background kind that made it (`color`, `gradient`, `image`, `video`, `generate`, `none`)
    kind: str = ""
    #: the sound the source made with its footage, `(samples (n, channels), rate)` after prepare(); None: silent
    sound: Any = None
    #: what preparing did (the seed chosen, conditioning, chunks), for reports and shot memory; empty before
    report: Mapping = MappingProxyType({})

    def makes_sound(self) -> bool:
        """True when the footage will bring its own sound to the mix (known at load, without preparing)."""
        return False

    def fresh(self) -> "Source":
        """An unprepared copy for one render session. The loaded project keeps its sources as templates that are
        never prepared, so two sessions (a quality gate and the render, two workers) never share prepared state.
        Sources hold per-render state only from prepare() on, so a shallow copy is enough; wrappers override."""
        return copy.copy(self)

    def unwrap(self) -> "Source":
        """The source that makes the footage, under any wrappers (deflicker, stabilize)."""
        return self

    def cached(self, ctx: ShotContext) -> bool:
        """True when prepare() would only read caches (always, for a source that is not expensive)."""
        return True

    def prepare(self, ctx: ShotContext) -> None:
        """Do heavy, once-per-shot work (open files, generate, decode). Called before any `frame()`."""
        self.ctx = ctx

    def notes(self) -> list[str]:
        """What preparing adjusted that the user should hear about (sizes, frame rates a model imposed)."""
        return []

    def reseed(self, attempt: int) -> None:
        """Use the attempt-th next block of seeds on the next prepare() (only when `regenerable`)."""
        raise TypeError(f"{type(self).__name__} cannot regenerate")

    def keep_seed(self, attempt: int) -> None:
        """Remember the chosen attempt for every later render (only when `regenerable`)."""
        raise TypeError(f"{type(self).__name__} cannot regenerate")

    @abstractmethod
    def frame(self, index: int) -> np.ndarray:
        """The background for local frame `index` (0-based within the shot)."""

    def yuv420(self, index: int):
        """The frame as 4:2:0 planes (compositor.yuv420) for an mp4 render. This default converts `frame()` with
        the encoder's own converter, once per distinct frame array (a still background converts once); footage
        overrides it to skip RGB altogether."""
        from ..yuv420 import Yuv420

        rgb = self.frame(index)
        memo = self.__dict__.get("_yuv420_memo")
        if memo is not None and memo[0] is rgb:
            return memo[1]
        out = Yuv420.from_rgb(rgb)
        out.data.flags.writeable = False        # shared by the frames that repeat it (the renderer draws on a copy)
        self.__dict__["_yuv420_memo"] = (rgb, out)
        return out

    def identity(self) -> str:
        """A stable string that changes when this source's output would (for caches of derived results)."""
        return repr(self)

    def close(self) -> None:
        """Release files and decoders."""


class WrapperSource(Source):
    """A source that transforms another one frame by frame (deflicker, stabilize): it says what its inner source
    says about cost and devices, and a fresh copy wraps a fresh inner."""

    def __init__(self, inner: Source):
        self.inner = inner
        self.has_alpha = inner.has_alpha

    @property
    def expensive(self) -> bool:
        return self.inner.expensive

    @property
    def wants_gpu(self) -> bool:
        return self.inner.wants_gpu

    def fresh(self) -> "Source":
        twin = copy.copy(self)
        twin.inner = self.inner.fresh()
        return twin

    def unwrap(self) -> Source:
        return self.inner.unwrap()

    def cached(self, ctx: ShotContext) -> bool:
        return self.inner.cached(ctx)

    def notes(self) -> list[str]:
        return self.inner.notes()

    def close(self) -> None:
        self.inner.close()
