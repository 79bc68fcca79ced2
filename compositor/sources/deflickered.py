"""`background: {..., deflicker: MODE}` as a source wrapper: any background source, deflickered on the fly.

The render loop wraps the shot's source once: `DeflickeredSource(inner, "auto")`. `frame(i)` stays a pure
function of i (chunks may render in any order) and reads the inner source only inside a bounded window.
"""
from __future__ import annotations

from collections import OrderedDict

import numpy as np

from compositor.consistency.deflicker import Deflicker
from compositor.sources.base import ShotContext, WrapperSource


class DeflickeredSource(WrapperSource):
    def __init__(self, inner, mode: str = "auto"):
        super().__init__(inner)
        self.mode = mode
        self._recent: OrderedDict[int, np.ndarray] = OrderedDict()
        self._d: Deflicker | None = None

    def prepare(self, ctx: ShotContext) -> None:
        super().prepare(ctx)
        self.inner.prepare(ctx)
        self._recent = OrderedDict()
        self._d = Deflicker(self._inner_frame, ctx.n_frames, self.mode)

    def _inner_frame(self, i: int) -> np.ndarray:
        """The inner source's frame, kept briefly: the window asks for neighbours more than once."""
        f = self._recent.get(i)
        if f is None:
            f = self.inner.frame(i)
            self._recent[i] = f
            while len(self._recent) > 4:
                self._recent.popitem(last=False)
        return f

    def frame(self, index: int) -> np.ndarray:
        f = self._inner_frame(index)
        if self.mode == "off" or f.ndim != 3 or f.shape[2] != 3:
            return f                                  # transparent backgrounds are not deflickered
        return self._d.frame(index)

    def identity(self) -> str:
        return f"deflicker[{self.mode}]({self.inner.identity()})"
