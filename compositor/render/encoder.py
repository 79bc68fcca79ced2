"""Encoding behind the frame loop: an encoder thread fed through a bounded queue, and the settings every segment
of one render shares (identical settings make segments joinable without re-encoding)."""
from __future__ import annotations

import queue
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Sequence

from ..chunks import SEGMENT_ENCODER_THREADS
from ..encode import open_writer
from ..profile import NULL as NULL_PROFILE, Profile


class EncoderThread:
    """Encode in its own thread behind a bounded queue, so drawing and encoding overlap. It takes frames and
    writer switches, so a run of segments keeps the pipeline full: segment k flushes while k+1 is drawn."""

    _CLOSE = object()

    def __init__(self, writer=None, depth: int = 4, profile: Optional[Profile] = None):
        self.writer = writer
        self.profile = profile or NULL_PROFILE
        self.q: queue.Queue = queue.Queue(maxsize=depth)
        self.error: Optional[BaseException] = None
        self.thread = threading.Thread(target=self._run, daemon=True, name="encoder")
        self.thread.start()

    def _run(self):
        while True:
            item = self.q.get()
            if item is None:
                return
            if self.error is not None:
                continue
            try:
                with self.profile.stage("encode"):
                    if item is self._CLOSE:
                        self.writer.close()
                        self.writer = None
                    elif isinstance(item, tuple):      # ("open", factory): the next segment's writer
                        self.writer = item[1]()
                    else:
                        self.writer.write(item)
            except BaseException as exc:  # surfaced in the main thread
                self.error = exc

    def put(self, frame):
        if self.error is not None:
            raise self.error
        self.q.put(frame)

    def open(self, factory: Callable[[], object]) -> None:
        """Switch to a new writer (made in the encoder thread, after the previous one closed)."""
        self.put(("open", factory))

    def close_writer(self) -> None:
        self.put(self._CLOSE)

    def finish(self):
        self.q.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error

    def abort(self):
        """Stop after an error elsewhere: drop queued frames, remove the unfinished segment."""
        self.error = self.error or RuntimeError("aborted")
        self.q.put(None)
        self.thread.join()
        if self.writer is not None:
            self.writer.abort()


@dataclass(frozen=True)
class EncodeSettings:
    """What every segment of one render is encoded with (identical settings make segments joinable)."""

    size: tuple[int, int]
    fps: float
    fmt: str
    crf: int
    preset: str
    alpha: bool

    @classmethod
    def of(cls, project, alpha: Optional[bool] = None, fmt: Optional[str] = None) -> "EncodeSettings":
        """The project's settings; `alpha`/`fmt` override them for a pass (overlays over transparency)."""
        spec = project.spec.output
        return cls(tuple(project.size), project.fps, fmt or project.fmt, spec.crf, spec.preset,
                   project.has_alpha if alpha is None else alpha)

    @property
    def yuv420(self) -> bool:
        """True when the codec takes 4:2:0 without alpha (mp4, opaque webm): frames can be drawn in its planes."""
        return self.fmt in ("mp4", "webm") and not self.alpha

    def suffix(self) -> str:
        return "" if self.fmt == "png" else f".{self.fmt}"

    def writer(self, path: Path):
        w = open_writer(path, self.size, self.fps, fmt=self.fmt, crf=self.crf, preset=self.preset, alpha=self.alpha)
        stream = getattr(w, "stream", None)
        if stream is not None:   # a fixed encoder thread count: the same bits on machines with any core count
            stream.codec_context.thread_count = SEGMENT_ENCODER_THREADS
        return w


def frame_source(renderer, settings: EncodeSettings) -> Callable[[int], object]:
    """How to draw frame i for this encode: straight into the codec's 4:2:0 planes where the codec takes them
    and the frames carry no alpha (compositor.yuv420), else as RGB(A) arrays."""
    if settings.yuv420 and not renderer.alpha:
        return renderer.frame_yuv420
    return renderer.frame


def render_segments(renderer, work: Sequence[tuple[range, Path]], settings: EncodeSettings,
                    frame_done: Optional[Callable[[int], None]] = None) -> list[Path]:
    """Draw each frame range into its own segment file, through one encoder thread. `frame_done(n)` is called
    after every frame with the count so far."""
    enc = EncoderThread(profile=renderer.profile)
    draw = frame_source(renderer, settings)
    n = 0
    try:
        for frames, path in work:
            enc.open(lambda path=path: settings.writer(path))
            for i in frames:
                enc.put(draw(i))
                n += 1
                if frame_done:
                    frame_done(n)
            enc.close_writer()
        enc.finish()
    except BaseException:
        enc.abort()
        raise
    renderer.profile.frames += n
    return [path for _, path in work]


