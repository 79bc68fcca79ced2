"""The frame loop: every output frame is a pure function of (project, frame index).

`FrameRenderer.frame(i)` finds the shot(s) visible at i, draws each shot (background + layers) and mixes them in
a transition. Shots are prepared lazily (sources open or generate, tracks are computed) the first time a frame
needs them, so a preview of one frame touches one shot only. Rasters of overlays are cached by content key, so
static layers are drawn once per render, and a layer that did not move reuses its warped patch.

`render()` cuts the video into frame-range segments (compositor.chunks), renders them here, on local worker
processes or on Ray (compositor.executors), and joins them without re-encoding; drawing, background decoding
and encoding run in their own threads behind bounded queues.
"""
from __future__ import annotations

import queue
import shutil
import tempfile
import threading
import time
from collections import OrderedDict
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence

import numpy as np

from . import composite
from .chunks import SEGMENT_ENCODER_THREADS, join_segments, plan_frame_ranges, resolve_workers
from .encode import open_writer
from .cores import core_budget
from .profile import NULL as NULL_PROFILE, Profile
from .project.load import Project, Shot
from .errors import FieldError
from .project.validation import field_error_to_user
from .sources import ShotContext

ProgressFn = Callable[[str, int, int], None]


class FrameRenderer:
    def __init__(self, project: Project, use_cache: bool = True, progress: Optional[ProgressFn] = None,
                 profile: Optional[Profile] = None):
        self.project = project
        self.use_cache = use_cache
        self.progress = progress
        self.profile = profile or NULL_PROFILE
        self.prepared: set[int] = set()
        self.rasters: dict[int, OrderedDict] = {}
        self.patches: dict[int, tuple] = {}     # layer -> (placement key, Patch): a still layer is warped once
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
        stage = "generate" if type(shot.source).__name__ == "GenerateSource" else "prepare"
        with self.profile.stage(stage):
            try:
                shot.source.prepare(ctx)
            except FieldError as exc:   # found only now (a size the model cannot make, an unreadable image…)
                raise field_error_to_user(exc, self.project.lines, ("shots", shot.index, "background"))
        if self.profile is not NULL_PROFILE and hasattr(shot.source, "profile"):
            shot.source.profile = self.profile
        self.prepared.add(shot.index)
        from .hooks import after_prepare
        with self.profile.stage("track"):
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
        with self.profile.stage("draw", _kind(layer)):
            arr = composite.rasterize(layer.overlay, t, reveal, layer.max_scale(), wipe)
        cache[key] = arr
        if len(cache) > 8:
            cache.popitem(last=False)
        return arr

    def patch(self, layer, raster: np.ndarray, state) -> Optional[composite.Patch]:
        """The layer warped into place; reused while its raster, matrix and opacity stay the same (a static
        layer is warped once per shot, not once per frame). Same arithmetic either way, so a chunk that starts
        cold draws the same pixels as a render that reached the frame warm."""
        k = layer.max_scale()
        to_raster = np.array([[1 / k, 0, -1 / k], [0, 1 / k, -1 / k], [0, 0, 1]])
        matrix = state.matrix @ to_raster
        blur = self._blur_matrices(layer, state, to_raster) if layer.spec.motion_blur else None
        key = (id(raster), matrix.tobytes(), state.opacity, None if blur is None else
               b"".join(m.tobytes() for m in blur))
        hit = self.patches.get(id(layer))
        if hit is not None and hit[0] == key and hit[2] is raster:
            return hit[1]
        if blur is not None:
            p = composite.place_blurred(raster, blur, self.project.size, state.opacity)
        else:
            p = composite.place(raster, matrix, self.project.size, state.opacity)
        self.patches[id(layer)] = (key, p, raster)
        return p

    BLUR_SAMPLES = 7
    SHUTTER = 0.5          # fraction of a frame interval the virtual shutter is open (180 degrees)

    def _blur_matrices(self, layer, state, to_raster) -> Optional[list]:
        """Placements across the shutter interval around this frame; None when the layer does not move."""
        fps = self.project.fps
        t, i = state.t, state.frame
        mats = []
        for d in np.linspace(-self.SHUTTER / 2, self.SHUTTER / 2, self.BLUR_SAMPLES):
            sub = layer.state(max(layer.start, t + d / fps), None if i is None else max(0.0, i + d))
            mats.append((sub.matrix if sub.matrix is not None else state.matrix) @ to_raster)
        if all(np.allclose(m, mats[0], atol=1e-3) for m in mats[1:]):
            return None
        return mats

    def shot_frame(self, shot: Shot, local: int) -> np.ndarray:
        self.prepare(shot)
        prof = self.profile
        # a video source times its own decoding (in its read-ahead thread); here is how long the frame waited
        with prof.stage("decode-wait" if hasattr(shot.source, "profile") else "background"):
            bg = shot.source.frame(local)
        with prof.stage("composite"):
            if self.alpha and bg.shape[2] == 3:
                frame = np.empty(bg.shape[:2] + (4,), np.uint8)
                frame[..., :3] = bg
                frame[..., 3] = 255
            else:
                frame = bg.copy()
        t = local / self.project.fps
        for layer in shot.layers:
            state = layer.state(t, local)
            if not state.visible:
                continue
            raster = self.raster(id(layer), layer, t, state.reveal, state.wipe)
            with prof.stage("composite", _kind(layer)):
                p = self.patch(layer, raster, state)
                if p is not None:
                    p.composite(frame)
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
        with self.profile.stage("composite"):
            return self._transition(a, b, shot_b, sb, lb)

    def _transition(self, a, b, shot_b, sb, lb) -> np.ndarray:
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


def _kind(layer) -> str:
    return getattr(type(layer.spec), "kind", type(layer.overlay).__name__)


class _EncoderThread:
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
    def of(cls, project: Project) -> "EncodeSettings":
        spec = project.spec.output
        return cls(tuple(project.size), project.fps, project.fmt, spec.crf, spec.preset, project.has_alpha)

    def suffix(self) -> str:
        return "" if self.fmt == "png" else f".{self.fmt}"

    def writer(self, path: Path):
        w = open_writer(path, self.size, self.fps, fmt=self.fmt, crf=self.crf, preset=self.preset, alpha=self.alpha)
        stream = getattr(w, "stream", None)
        if stream is not None:   # a fixed encoder thread count: the same bits on machines with any core count
            stream.codec_context.thread_count = SEGMENT_ENCODER_THREADS
        return w


def render_segments(renderer: FrameRenderer, work: Sequence[tuple[range, Path]], settings: EncodeSettings,
                    frame_done: Optional[Callable[[int], None]] = None) -> list[Path]:
    """Draw each frame range into its own segment file, through one encoder thread. `frame_done(n)` is called
    after every frame with the count so far."""
    enc = _EncoderThread(profile=renderer.profile)
    n = 0
    try:
        for frames, path in work:
            enc.open(lambda path=path: settings.writer(path))
            for i in frames:
                enc.put(renderer.frame(i))
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


def render(project: Project, output: Optional[Path] = None, frames: Optional[Iterable[int]] = None,
           use_cache: bool = True, progress: Optional[ProgressFn] = None,
           frame_done: Optional[Callable[[int, int, float], None]] = None, workers: Optional[int] = None,
           executor: str = "local", address: Optional[str] = None, profile: Optional[Profile] = None,
           segment: Optional[int] = None, executor_options: Optional[dict] = None) -> Path:
    """Render the project (or a frame range) to `output` (default: the project's output), atomically.

    The whole video renders as frame-range segments joined without re-encoding (compositor.chunks), in this
    process (`workers=None`, no limit on its threads), within a budget of `workers` cores (0 = all cores: one
    worker process per core; 1 = this process confined to one core, see compositor.cores) or on a Ray cluster
    (`executor="ray"`, `address`; extra keyword arguments of executors.ray_exec.render_on_ray in
    `executor_options`); the file is the same whatever runs it. `segment` overrides the segment length in
    frames. `frames` renders just those frames, in one stream, in this process. `profile`
    (compositor.profile.Profile) collects where the time went.
    """
    out = Path(output) if output else project.output
    prof = profile or NULL_PROFILE
    started = time.perf_counter()
    if frames is not None:
        _render_stream(project, out, list(frames), use_cache, progress, frame_done, prof)
        prof.wall += time.perf_counter() - started
        return out
    n_frames = project.timeline.n_frames
    ranges = plan_frame_ranges(n_frames, 1, segment)
    settings = EncodeSettings.of(project)
    with prof.stage("audio"):
        audio = _audio_for(project)
    video_path = out if audio is None else out.with_name(f".{out.stem}.video{out.suffix}")
    out.parent.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix=f".{out.stem}.segments.", dir=out.parent))
    budget = core_budget(resolve_workers(workers)) if workers is not None and executor == "local" else nullcontext()
    try:
        work = [(r, workdir / f"segment_{k:05d}{settings.suffix()}") for k, r in enumerate(ranges)]
        done = _progress_counter(n_frames, started, frame_done)
        n_workers = 1 if workers is None else min(resolve_workers(workers), len(ranges))
        with budget:
            _run_segments(project, work, settings, use_cache, progress, done, prof, executor, address,
                          executor_options, n_workers)
        with prof.stage("join"):
            join_segments([p for _, p in work], [len(r) for r, _ in work], video_path, settings.fmt,
                          settings.fps)
        if audio is not None:
            from .hooks import mux_audio
            try:
                with prof.stage("audio"):
                    mux_audio(video_path, audio, out)
            finally:
                video_path.unlink(missing_ok=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    prof.wall += time.perf_counter() - started
    return out


def _run_segments(project, work, settings, use_cache, progress, done, prof, executor, address, executor_options,
                  n_workers: int) -> None:
    """Render every (frames, segment path) of `work` here, on local worker processes or on Ray."""
    if executor == "ray":
        from .executors.ray_exec import render_on_ray
        render_on_ray(project, work, settings, use_cache, address, done, prof, **(executor_options or {}))
    elif executor != "local":
        raise ValueError(f"unknown executor {executor!r} (local or ray)")
    elif n_workers > 1 and Path(project.file).is_file():
        from .executors.local import render_in_processes
        render_in_processes(project, work, settings, use_cache, n_workers, done, prof)
    else:
        renderer = FrameRenderer(project, use_cache=use_cache, progress=progress, profile=prof)
        try:
            render_segments(renderer, work, settings, frame_done=done)
        finally:
            renderer.close()


def _progress_counter(total: int, started: float, frame_done) -> Callable[[int], None]:
    def done(n: int) -> None:
        if frame_done:
            frame_done(n, total, time.perf_counter() - started)
    return done


def _render_stream(project, out, indices, use_cache, progress, frame_done, prof) -> None:
    """A list of frames as one encoded stream (no segments), audio-less: the `frames=` path."""
    renderer = FrameRenderer(project, use_cache=use_cache, progress=progress, profile=prof)
    settings = EncodeSettings.of(project)
    started = time.perf_counter()
    try:
        with settings.writer(out) as writer:
            enc = _EncoderThread(writer, profile=prof)
            try:
                for n, i in enumerate(indices):
                    enc.put(renderer.frame(i))
                    if frame_done:
                        frame_done(n + 1, len(indices), time.perf_counter() - started)
            finally:
                enc.finish()
        prof.frames += len(indices)
    finally:
        renderer.close()


def _audio_for(project: Project):
    from .hooks import project_audio
    return project_audio(project)
