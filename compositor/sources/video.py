"""`video:` backgrounds: any size and frame rate, fitted to the frame and resampled to the project's fps.

Output frame i shows the source frame on screen at time trim_start + i / fps (the same rule as ffmpeg's fps
filter), so clips keep their real speed whatever their rate. `frame(i)` is a pure function of i: reading
forward decodes sequentially; jumping back or far ahead seeks.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from .base import Source
from .fit import fit_frame


def file_identity(path: Path) -> str:
    """Content hash of a file (size + sampled blocks: fast on large footage, changes when the file does)."""
    st = path.stat()
    h = hashlib.sha256(f"{st.st_size}".encode())
    with open(path, "rb") as f:
        for offset in np.linspace(0, max(0, st.st_size - 65536), 16).astype(int):
            f.seek(int(offset))
            h.update(f.read(65536))
    return h.hexdigest()[:24]


def probe(path: Path) -> dict:
    import av

    with av.open(str(path)) as c:
        if not c.streams.video:
            raise ValueError("the file has no video stream")
        s = c.streams.video[0]
        rate = float(s.average_rate or s.guessed_rate or 30)
        duration = float(s.duration * s.time_base) if s.duration else (c.duration or 0) / 1e6
        return {"width": s.codec_context.width, "height": s.codec_context.height, "fps": rate,
                "duration": duration, "frames": s.frames}


class VideoSource(Source):
    def __init__(self, path: Path, fit: str = "cover", trim=None, loop: bool = False, fill=(0, 0, 0)):
        self.path = Path(path)
        self.fit = fit
        self.trim = trim
        self.loop = loop
        self.fill = fill
        self._container = None
        self._ident = None

    def prepare(self, ctx) -> None:
        super().prepare(ctx)
        info = probe(self.path)
        self.info = info
        self.t0 = self.trim[0] if self.trim else 0.0
        self.t1 = min(self.trim[1], info["duration"]) if self.trim else info["duration"]
        self._open()

    def _open(self):
        import av

        self.close()
        self._container = av.open(str(self.path))
        self._stream = self._container.streams.video[0]
        self._stream.thread_type = "AUTO"
        self._iter = self._container.decode(self._stream)
        self._prev = None     # (time, frame ndarray)
        self._next = None
        self._cache = {}

    def _time_for(self, index: int) -> float:
        span = max(1e-6, self.t1 - self.t0)
        t = index / self.ctx.fps
        if self.loop:
            t = t % span
        else:
            t = min(t, max(0.0, span - 0.5 / max(self.info["fps"], 1)))
        return self.t0 + t

    def _advance(self):
        try:
            f = next(self._iter)
        except StopIteration:
            return False
        t = float(f.pts * f.time_base) if f.pts is not None else (self._next[0] + 1 / self.info["fps"]
                                                                   if self._next else 0.0)
        self._prev, self._next = self._next, (t, f)
        return True

    def _seek(self, t: float):
        self._open()
        if t > 1.0:
            self._container.seek(int(max(0.0, t - 1.0) / self._stream.time_base), stream=self._stream,
                                 backward=True, any_frame=False)
            self._iter = self._container.decode(self._stream)

    def frame(self, index: int) -> np.ndarray:
        cached = self._cache.get(index)
        if cached is not None:
            return cached
        t = self._time_for(index)
        eps = 1e-4
        if self._next is None or t + eps < (self._prev or self._next)[0] or t - self._next[0] > 2.0:
            self._seek(t)
            self._advance()
        # advance until the next decoded frame starts after t: the frame on screen at t is the previous one
        while self._next is not None and self._next[0] <= t + eps:
            if not self._advance():
                break  # end of file: the last frame stays on screen
        candidates = [c for c in (self._prev, self._next) if c is not None and c[0] <= t + eps]
        chosen = max(candidates, key=lambda c: c[0]) if candidates else (self._prev or self._next)
        rgb = chosen[1].to_ndarray(format="rgb24")
        out = fit_frame(rgb, self.ctx.size, self.fit, self.fill)
        self._cache = {index: out}
        return out

    def identity(self) -> str:
        if self._ident is None:
            self._ident = f"video:{file_identity(self.path)}:{self.trim}:{self.loop}:{self.fit}"
        return self._ident

    def close(self) -> None:
        if self._container is not None:
            self._container.close()
            self._container = None
