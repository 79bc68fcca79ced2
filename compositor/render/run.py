"""A whole render: frame-range segments drawn here, on local worker processes or on Ray, joined without
re-encoding, the soundtrack muxed in, the file published atomically (a failed render leaves the previous output).

`run(project, output, options)` returns a RenderResult (the path and a RenderReport); `render()` is the same
with keyword options, returning the path. Whatever runs the segments, every runner builds its own
RenderSession from the frozen project, so the file is the same for any worker count or executor.
"""
from __future__ import annotations

import shutil
import time
from contextlib import nullcontext
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Callable, Iterable, Optional

from ..chunks import join_segments, plan_frame_ranges, resolve_workers
from ..cores import core_budget
from ..profile import NULL as NULL_PROFILE, Profile
from ..project.load import Project
from ..report import RenderReport
from .debris import segment_folder, sweep
from .encoder import EncodeSettings, EncoderThread, frame_source, render_segments
from .frame import PASSES, FrameRenderer

ProgressFn = Callable[[str, int, int], None]


@dataclass(frozen=True)
class RenderOptions:
    """How to render (never what: that is the project)."""

    use_cache: bool = True
    workers: Optional[int] = None        # None: this process, no core limit; 0: all cores; N: at most N cores
    executor: str = "local"              # "local" or "ray"
    address: Optional[str] = None        # Ray: None/"local" starts one, "auto" or HOST:PORT joins a cluster
    segment: Optional[int] = None        # frames per segment (default: a function of the frame count)
    executor_options: dict = field(default_factory=dict)   # extra keywords of executors.ray_exec.render_on_ray
    render_pass: str = "full"            # "full", "overlays" (alone over transparency) or "background"

    def __post_init__(self):
        if self.executor_options is None:
            object.__setattr__(self, "executor_options", {})
        if self.executor not in ("local", "ray"):
            raise ValueError(f"unknown executor {self.executor!r} (local or ray)")
        if self.render_pass not in PASSES:
            raise ValueError(f"unknown pass {self.render_pass!r} (one of {', '.join(PASSES)})")

    def settings(self, project: Project) -> EncodeSettings:
        """The encode settings of every segment (the overlays pass always carries alpha)."""
        return EncodeSettings.of(project, alpha=True if self.render_pass == "overlays" else None)


@dataclass(frozen=True)
class RenderResult:
    path: Path
    report: RenderReport


OPTION_NAMES = {f.name for f in fields(RenderOptions)}


def render(project: Project, output: Optional[Path] = None, frames: Optional[Iterable[int]] = None,
           progress: Optional[ProgressFn] = None, frame_done: Optional[Callable[[int, int, float], None]] = None,
           profile: Optional[Profile] = None, options: Optional[RenderOptions] = None, **option_values) -> Path:
    """Render the project (or just `frames`, in one stream, audio-less) to `output` (default: the project's
    output), atomically; keyword options are RenderOptions fields (use_cache, workers, executor, …)."""
    return run(project, output, options, frames, progress, frame_done, profile, **option_values).path


def run(project: Project, output: Optional[Path] = None, options: Optional[RenderOptions] = None,
        frames: Optional[Iterable[int]] = None, progress: Optional[ProgressFn] = None,
        frame_done: Optional[Callable[[int, int, float], None]] = None, profile: Optional[Profile] = None,
        **option_values) -> RenderResult:
    """Render and report. `frame_done(n, total, seconds)` ticks after every finished frame; `profile`
    (compositor.profile.Profile) collects where the time went."""
    unknown = set(option_values) - OPTION_NAMES
    if unknown:
        raise TypeError(f"unknown render option(s): {', '.join(sorted(unknown))}")
    opts = replace(options or RenderOptions(), **option_values)
    out = Path(output) if output else project.output
    prof = profile or NULL_PROFILE
    report = RenderReport(warnings=list(project.load_warnings))
    started = time.perf_counter()
    if frames is not None:
        _render_stream(project, out, list(frames), opts, progress, frame_done, prof, report)
    else:
        _render_segmented(project, out, opts, progress, frame_done, prof, report, started)
    prof.wall += time.perf_counter() - started
    if frames is None and opts.render_pass == "full":
        from ..captions.project import write_sidecars
        report.sidecars = write_sidecars(project, out)
    return RenderResult(out, report)


def _render_segmented(project, out: Path, opts: RenderOptions, progress, frame_done, prof, report, started) -> None:
    from ..project.audio import has_soundtrack, mux_soundtrack

    n_frames = project.timeline.n_frames
    ranges = plan_frame_ranges(n_frames, 1, opts.segment)
    settings = opts.settings(project)
    with_audio = opts.render_pass == "full" and has_soundtrack(project)
    video_path = out if not with_audio else out.with_name(f".{out.stem}.video{out.suffix}")
    out.parent.mkdir(parents=True, exist_ok=True)
    sweep(out)                                  # what a killed render of this output left behind
    workdir = segment_folder(out)
    local_budget = opts.workers is not None and opts.executor == "local"
    budget = core_budget(resolve_workers(opts.workers)) if local_budget else nullcontext()
    try:
        work = [(r, workdir / f"segment_{k:05d}{settings.suffix()}") for k, r in enumerate(ranges)]
        done = _progress_counter(n_frames, started, frame_done)
        n_workers = 1 if opts.workers is None else min(resolve_workers(opts.workers), len(ranges))
        with budget:
            _run_segments(project, work, settings, opts, progress, done, prof, n_workers, report)
        with prof.stage("join"):
            join_segments([p for _, p in work], [len(r) for r, _ in work], video_path, settings.fmt,
                          settings.fps)
        if with_audio:
            from ..project.audio import warnings as audio_warnings
            try:
                with prof.stage("audio"):
                    report.audio = mux_soundtrack(project, video_path, out)
            finally:
                video_path.unlink(missing_ok=True)
            for line in audio_warnings(project, report.audio):
                report.warn(line)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _run_segments(project, work, settings, opts: RenderOptions, progress, done, prof, n_workers: int,
                  report: RenderReport) -> None:
    """Render every (frames, segment path) of `work` here, on local worker processes or on Ray."""
    if opts.executor == "ray":
        from .executors.ray_exec import render_on_ray
        render_on_ray(project, work, settings, opts, done, prof, report)
    elif n_workers > 1 and Path(project.file).is_file():
        from .executors.local import render_in_processes
        render_in_processes(project, work, settings, opts, n_workers, done, prof, report)
    else:
        renderer = FrameRenderer(project, use_cache=opts.use_cache, progress=progress, profile=prof,
                                 render_pass=opts.render_pass)
        try:
            render_segments(renderer, work, settings, frame_done=done)
        finally:
            renderer.close()
            report.merge(renderer.report)


def _progress_counter(total: int, started: float, frame_done) -> Callable[[int], None]:
    def done(n: int) -> None:
        if frame_done:
            frame_done(n, total, time.perf_counter() - started)
    return done


def _render_stream(project, out, indices, opts: RenderOptions, progress, frame_done, prof, report) -> None:
    """A list of frames as one encoded stream (no segments), audio-less: the `frames=` path."""
    renderer = FrameRenderer(project, use_cache=opts.use_cache, progress=progress, profile=prof,
                             render_pass=opts.render_pass)
    settings = opts.settings(project)
    started = time.perf_counter()
    try:
        with settings.writer(out) as writer:
            enc = EncoderThread(writer, profile=prof)
            draw = frame_source(renderer, settings)
            try:
                for n, i in enumerate(indices):
                    enc.put(draw(i))
                    if frame_done:
                        frame_done(n + 1, len(indices), time.perf_counter() - started)
            finally:
                enc.finish()
        prof.frames += len(indices)
    finally:
        renderer.close()
        report.merge(renderer.report)
