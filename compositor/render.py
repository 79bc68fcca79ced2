"""The frame loop: every output frame is a pure function of (project, frame index).

`FrameRenderer.frame(i)` finds the shot(s) visible at i, draws each shot (background + layers) and mixes them in
a transition. Shots are prepared lazily (sources open or generate, tracks are computed) the first time a frame
needs them, so a preview of one frame touches one shot only. Rasters of overlays are cached by content key, so
static layers are drawn once per render.
"""
from __future__ import annotations

import queue
import threading
import time
from collections import OrderedDict
from pathlib import Path
from typing import Callable, Iterable, Optional

import numpy as np

from . import composite
from .encode import open_writer
from .project.load import Project, Shot
from .sources import ShotContext

ProgressFn = Callable[[str, int, int], None]


class FrameRenderer:
    def __init__(self, project: Project, use_cache: bool = True, progress: Optional[ProgressFn] = None):
        self.project = project
        self.use_cache = use_cache
        self.progress = progress
        self.prepared: set[int] = set()
        self.rasters: dict[int, OrderedDict] = {}
        self.alpha = project.has_alpha

    # --- preparation ------------------------------------------------------------------------------------------
    def context(self, shot: Shot) -> ShotContext:
        p = self.project
        return ShotContext(shot_id=shot.id, size=p.size, fps=p.fps, n_frames=shot.span.n_frames,
                           base_dir=p.base_dir, cache_dir=p.cache_dir, use_cache=self.use_cache, brand=p.kit,
                           progress=self.progress, previous=self._previous_source)

    def _previous_source(self, shot_id: str):
        shot = self.project.shot(shot_id)
        self.prepare(shot)
        return shot.source

    def prepare(self, shot: Shot) -> None:
        if shot.index in self.prepared:
            return
        ctx = self.context(shot)
        shot.source.prepare(ctx)
        self.prepared.add(shot.index)
        from .hooks import after_prepare
        after_prepare(self, shot, ctx)

    def close(self) -> None:
        for shot in self.project.shots:
            shot.source.close()

    # --- drawing ----------------------------------------------------------------------------------------------
    def raster(self, layer_index: int, layer, t: float, reveal: float, wipe) -> np.ndarray:
        key = (layer.overlay.content_key(t, reveal), wipe)
        cache = self.rasters.setdefault(layer_index, OrderedDict())
        hit = cache.get(key)
        if hit is not None:
            cache.move_to_end(key)
            return hit
        arr = composite.rasterize(layer.overlay, t, reveal, layer.max_scale(), wipe)
        cache[key] = arr
        if len(cache) > 8:
            cache.popitem(last=False)
        return arr

    def shot_frame(self, shot: Shot, local: int) -> np.ndarray:
        self.prepare(shot)
        bg = shot.source.frame(local)
        if self.alpha and bg.shape[2] == 3:
            frame = np.empty(bg.shape[:2] + (4,), np.uint8)
            frame[..., :3] = bg
            frame[..., 3] = 255
        else:
            frame = bg.copy()
        t = local / self.project.fps
        for j, layer in enumerate(shot.layers):
            state = layer.state(t, local)
            if not state.visible:
                continue
            raster = self.raster(id(layer), layer, t, state.reveal, state.wipe)
            k = layer.max_scale()
            matrix = state.matrix @ np.array([[1 / k, 0, -1 / k], [0, 1 / k, -1 / k], [0, 0, 1]])
            composite.warp_over(frame, raster, matrix, state.opacity)
        return frame

    def frame(self, index: int) -> np.ndarray:
        visible = self.project.timeline.at(index)
        if len(visible) == 1:
            span, local = visible[0]
            return self.shot_frame(self.project.shots[span.index], local)
        (sa, la), (sb, lb) = visible[-2], visible[-1]
        a = self.shot_frame(self.project.shots[sa.index], la)
        shot_b = self.project.shots[sb.index]
        b = self.shot_frame(shot_b, lb)
        u = self.project.timeline.progress(sb, lb)
        tr = shot_b.transition
        from .animate import ease
        e = ease(tr.ease, u) if tr.kind != "crossfade" else u
        if tr.kind == "wipe":
            return composite.wipe(a, b, e, tr.direction)
        if tr.kind == "slide":
            return composite.slide(a, b, e, tr.direction)
        if tr.kind == "fade-through":
            return composite.fade_through(a, b, u, shot_b.transition_color)
        return composite.mix(a, b, e)


class _EncoderThread:
    """Encode in its own thread behind a bounded queue, so drawing and encoding overlap."""

    def __init__(self, writer, depth: int = 4):
        self.writer = writer
        self.q: queue.Queue = queue.Queue(maxsize=depth)
        self.error: Optional[BaseException] = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while True:
            item = self.q.get()
            if item is None:
                return
            if self.error is None:
                try:
                    self.writer.write(item)
                except BaseException as exc:  # surfaced in the main thread
                    self.error = exc

    def put(self, frame):
        if self.error is not None:
            raise self.error
        self.q.put(frame)

    def finish(self):
        self.q.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error


def render(project: Project, output: Optional[Path] = None, frames: Optional[Iterable[int]] = None,
           use_cache: bool = True, progress: Optional[ProgressFn] = None,
           frame_done: Optional[Callable[[int, int, float], None]] = None) -> Path:
    """Render the project (or a frame range) to `output` (default: the project's output), atomically."""
    out = Path(output) if output else project.output
    renderer = FrameRenderer(project, use_cache=use_cache, progress=progress)
    indices = list(frames) if frames is not None else list(range(project.timeline.n_frames))
    spec = project.spec.output
    audio = _audio_for(project) if frames is None else None
    video_path = out if audio is None else out.with_name(f".{out.stem}.video{out.suffix}")
    writer = open_writer(video_path, project.size, project.fps, fmt=project.fmt, crf=spec.crf, preset=spec.preset,
                         alpha=project.has_alpha)
    started = time.perf_counter()
    try:
        with writer:
            enc = _EncoderThread(writer)
            try:
                for n, i in enumerate(indices):
                    enc.put(renderer.frame(i))
                    if frame_done:
                        frame_done(n + 1, len(indices), time.perf_counter() - started)
            finally:
                enc.finish()
        if audio is not None:
            from .hooks import mux_audio
            try:
                mux_audio(video_path, audio, out)
            finally:
                video_path.unlink(missing_ok=True)
    finally:
        renderer.close()
    return out


def _audio_for(project: Project):
    from .hooks import project_audio
    return project_audio(project)
