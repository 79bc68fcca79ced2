"""`video:` backgrounds: any size and frame rate, fitted to the frame and resampled to the project's fps.

Output frame i shows the source frame on screen at time trim_start + i / fps (the same rule as ffmpeg's fps
filter), so clips keep their real speed whatever their rate. `frame(i)` is a pure function of i: reading
forward decodes sequentially; jumping back or far ahead seeks. Sequential reads (a render) decode ahead in
their own thread.
"""
from __future__ import annotations

import hashlib
import queue
import threading
from pathlib import Path

from typing import Literal, Optional, Union

import numpy as np
from pydantic import field_validator

from ..cores import decoder_threads
from ..errors import FieldError
from ..vocab.bounds import Seconds
from .base import Source
from ..yuv420 import Yuv420
from .fit import FootageScaler, fit_affine, fit_frame
from .focus import check_focus
from .registry import BgCommon, asset, background, fill_color


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


def _has_alpha(stream) -> bool:
    """WebM marks VP8/VP9 streams that carry an alpha channel with `alpha_mode: 1`."""
    meta = {k.lower(): v for k, v in dict(stream.metadata).items()}
    return stream.codec_context.name in ("vp8", "vp9") and str(meta.get("alpha_mode", "")) == "1"


class _Decoder:
    """Sequential decoding with seeks: `frame(i)` is the fitted frame on screen at output frame i of the shot.
    Used by one thread at a time (the read-ahead thread while it runs, else the caller)."""

    def __init__(self, path: Path, info: dict, t0: float, t1: float, loop: bool, fps: float, size, fit, fill,
                 focus=None):
        self.path, self.info, self.t0, self.t1, self.loop = path, info, t0, t1, loop
        self.fps, self.size, self.fit, self.fill = fps, size, fit, fill
        self.focus = focus        # None, (x, y) fractions, or (n, 2) of them: one per output frame (a track)
        self._container = None
        self._chosen = None       # (pts time, fitted frame): repeated source frames are converted once
        self._scaler = FootageScaler()

    def _open(self):
        import av

        self.close()
        self._container = av.open(str(self.path))
        self._stream = self._container.streams.video[0]
        threads = decoder_threads()
        self._stream.codec_context.thread_count = threads
        if threads != 1:
            self._stream.thread_type = "AUTO"
        self._alpha = _has_alpha(self._stream)
        self._iter = self._frames()
        self._prev = None     # (time, av.VideoFrame)
        self._next = None

    def _frames(self):
        """Decoded frames in order. VP8/VP9 with an alpha channel need libvpx's decoder (FFmpeg's native one
        drops alpha), fed packet by packet."""
        if not self._alpha:
            return self._container.decode(self._stream)
        import av

        ctx = av.CodecContext.create("libvpx-vp9" if self._stream.codec_context.name == "vp9" else "libvpx", "r")

        def frames():
            for packet in self._container.demux(self._stream):
                yield from ctx.decode(packet)
        return frames()

    def _time_for(self, index: int) -> float:
        span = max(1e-6, self.t1 - self.t0)
        t = index / self.fps
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
            self._iter = self._frames()

    def frame(self, index: int, yuv: bool = False):
        """RGB (H, W, 3), or a Yuv420 frame with `yuv`."""
        t = self._time_for(index)
        eps = 1e-4
        if self._container is None or self._next is None or t + eps < (self._prev or self._next)[0] \
                or t - self._next[0] > 2.0:
            self._seek(t)
            self._advance()
        # advance until the next decoded frame starts after t: the frame on screen at t is the previous one
        while self._next is not None and self._next[0] <= t + eps:
            if not self._advance():
                break  # end of file: the last frame stays on screen
        candidates = [c for c in (self._prev, self._next) if c is not None and c[0] <= t + eps]
        chosen = max(candidates, key=lambda c: c[0]) if candidates else (self._prev or self._next)
        focus = self.focus
        if focus is not None and np.ndim(focus) == 2:
            focus = tuple(float(v) for v in focus[min(max(index, 0), len(focus) - 1)])
        key = (chosen[0], focus, yuv)
        if self._chosen is not None and self._chosen[0] == key:
            return self._chosen[1].place(self.size, self.fill) if yuv and not self._alpha else self._chosen[1]
        if self._alpha:     # footage with alpha is composited over the background's `fill` colour
            rgba = chosen[1].to_ndarray(format="rgba").astype(np.uint16)
            fill = np.array(self.fill[:3], np.uint16)
            a = rgba[..., 3:4]
            rgb = ((rgba[..., :3] * a + fill * (255 - a) + 127) // 255).astype(np.uint8)
            out = fit_frame(rgb, self.size, self.fit, self.fill, focus)
            if yuv:
                out = Yuv420.from_rgb(out)
        elif yuv:
            # 4:2:0 frames are handed out as new planes the renderer draws on in place (no copy of the plate);
            # the scaled frame is what is kept for a source frame that repeats
            scaled = self._scaler.scale(chosen[1], self.size, self.fit, focus)
            self._chosen = (key, scaled)
            return scaled.place(self.size, self.fill)
        else:
            out = self._scaler.fit(chosen[1], self.size, self.fit, self.fill, focus)
        (out.data if yuv else out).flags.writeable = False   # shared between repeated output frames: nobody draws
        # into it (the renderer draws on a copy)
        self._chosen = (key, out)
        return out

    def close(self) -> None:
        # frames, the decode generator and the stream go before their container: freeing them after it closed
        # touches freed codec state
        self._prev = self._next = self._iter = self._stream = None
        self._chosen = None
        if self._container is not None:
            self._container.close()
            self._container = None


class _ReadAhead:
    """Decodes output frames first, first+1, … in its own thread into a bounded queue, so decoding (and the
    resize to the output size) overlaps drawing and encoding. The same `read(i)` calls as a synchronous
    read, in the same order, so frames are identical either way."""

    def __init__(self, read, first: int, stop_at: int, depth: int = 6):
        self.read = read
        self.next_index = first
        self.stop_at = stop_at
        self.q: queue.Queue = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(first,), daemon=True, name="video-read-ahead")
        self.thread.start()

    def _run(self, i: int):
        while not self._stop.is_set() and i < self.stop_at:
            try:
                item = (i, self.read(i), None)
            except BaseException as exc:   # handed to the reader, raised there
                item = (i, None, exc)
            while not self._stop.is_set():
                try:
                    self.q.put(item, timeout=0.1)
                    break
                except queue.Full:
                    continue
            if item[2] is not None:
                return
            i += 1

    def take(self) -> np.ndarray:
        i, frame, exc = self.q.get()
        if exc is not None:
            raise exc
        self.next_index = i + 1
        return frame

    def stop(self) -> None:
        self._stop.set()
        self.thread.join()


class VideoSource(Source):
    kind = "video"
    self_timed = True

    def __init__(self, path: Path, fit: str = "cover", trim=None, loop: bool = False, fill=(0, 0, 0),
                 focus=None):
        self.path = Path(path)
        self.focus = focus        # what a `cover` crop keeps in frame: (x, y) fractions, or a track's name
        self.fit = fit
        self.trim = trim
        self.loop = loop
        self.fill = fill
        self._decoder = None
        self._ahead = None
        self._last = None       # (index, yuv, frame)
        self._ahead_yuv = False
        self._ident = None

    def prepare(self, ctx) -> None:
        super().prepare(ctx)
        info = probe(self.path)
        self.info = info
        self.t0 = self.trim[0] if self.trim else 0.0
        self.t1 = min(self.trim[1], info["duration"]) if self.trim else info["duration"]
        self._stop_ahead()
        focus = self.focus
        if isinstance(focus, str):
            from .focus import follow_track

            focus = follow_track(self, ctx, lambda size: _Decoder(self.path, info, self.t0, self.t1, self.loop,
                                                                  ctx.fps, size, "cover", self.fill))
            self._focus_key = hashlib.sha256(np.ascontiguousarray(focus).tobytes()).hexdigest()[:12]
        self._decoder = _Decoder(self.path, info, self.t0, self.t1, self.loop, ctx.fps, ctx.size, self.fit,
                                 self.fill, focus)

    def frame(self, index: int) -> np.ndarray:
        return self._get(index, False)

    def yuv420(self, index: int) -> Yuv420:
        """The frame as 4:2:0 planes, scaled and converted by libswscale straight from the decoder's planes."""
        return self._get(index, True)

    def _get(self, index: int, yuv: bool):
        """Random access decodes in the caller; the second consecutive frame starts the read-ahead thread."""
        if self._last is not None and self._last[:2] == (index, yuv):
            if not yuv:
                return self._last[2]
            # 4:2:0 frames are drawn on in place: the same frame again is new planes (the decoder keeps the
            # scaled frame, so this costs a copy, not a decode)
            self._stop_ahead()
            out = self._read(index, yuv)
            self._last = (index, yuv, out)
            return out
        if self._ahead is not None and self._ahead.next_index == index and self._ahead_yuv == yuv:
            out = self._ahead.take()
        else:
            sequential = self._last is not None and self._last[0] + 1 == index
            self._stop_ahead()
            if sequential and index + 1 < self.ctx.n_frames:
                self._ahead = _ReadAhead(lambda i: self._read(i, yuv), index, self.ctx.n_frames)
                self._ahead_yuv = yuv
                out = self._ahead.take()
            else:
                out = self._read(index, yuv)
        self._last = (index, yuv, out)
        return out

    def _read(self, index: int, yuv: bool = False):
        if self.profile is None:
            return self._decoder.frame(index, yuv)
        with self.profile.stage("decode"):
            return self._decoder.frame(index, yuv)

    def _stop_ahead(self) -> None:
        if self._ahead is not None:
            self._ahead.stop()
            self._ahead = None

    def reframe(self, index: int) -> tuple[float, ...]:
        """How this (prepared) source moves a point from the main cut's pixels into its own at output frame
        `index`: (sx, sy, tx, ty). The main cut frames the footage around a fixed `focus` (or its centre: a
        track focus is followed from the centre-cropped main cut)."""
        src = (self.info["width"], self.info["height"])
        design = tuple(self.ctx.design_size or self.ctx.size)
        d = fit_affine(src, design, self.fit, None if isinstance(self.focus, str) else self.focus)
        focus = self._decoder.focus
        if focus is not None and np.ndim(focus) == 2:
            focus = focus[min(max(int(index), 0), len(focus) - 1)]
        o = fit_affine(src, tuple(self.ctx.size), self.fit, focus)
        sx, sy = o[0] / d[0], o[1] / d[1]
        return sx, sy, o[2] - sx * d[2], o[3] - sy * d[3]

    def identity(self, focus: bool = True) -> str:
        """What the frames depend on (caches key on it); `focus=False`: the same footage centre-cropped."""
        if self._ident is None:
            self._ident = f"video:{file_identity(self.path)}:{self.trim}:{self.loop}:{self.fit}"
        if focus and self.focus is not None and self.fit == "cover":   # a track's path once prepared
            return f"{self._ident}:focus={self.focus}:{getattr(self, '_focus_key', '')}"
        return self._ident

    def close(self) -> None:
        self._stop_ahead()
        if self._decoder is not None:
            self._decoder.close()
        self._last = None


# ---- the kind: model and builder --------------------------------------------------------------------------
class VideoBg(BgCommon):
    video: str
    fit: Literal["cover", "contain"] = "cover"
    trim: Optional[tuple[Seconds, Seconds]] = None
    loop: bool = False
    fill: Optional[str] = None
    focus: Optional[Union[tuple[float, float], str]] = None    # [x, y] fractions of the source, or a track

    @field_validator("focus")
    @classmethod
    def _focus(cls, v):
        return check_focus(v)

    @field_validator("trim")
    @classmethod
    def _trim(cls, v):
        if v is not None and not (0 <= v[0] < v[1]):
            raise ValueError(f"trim {list(v)} must be [start, end] with 0 ≤ start < end — fix the seconds")
        return v


@background("video", VideoBg)
def build_video(bg, kit, base_dir, seed, references):
    path = asset(base_dir, bg.video, "video")
    try:
        info = probe(path)
    except Exception as exc:
        raise FieldError(("video",), f"cannot read the video ({exc})", "use an MP4, MOV or WebM file")
    if bg.trim and bg.trim[0] >= info["duration"]:
        raise FieldError(("trim",), f"trim starts at {bg.trim[0]}s but the clip is {info['duration']:.2f}s long",
                         "start the trim inside the clip")
    return VideoSource(path, bg.fit, bg.trim, bg.loop, fill_color(bg, kit), focus=bg.focus)
