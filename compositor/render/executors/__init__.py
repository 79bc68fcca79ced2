"""Executors run the segments of one render somewhere: this process, local worker processes, or a Ray cluster.

A worker gets a `ChunkJob` (the project file's path plus the encode settings, all plain data) and loads the
project itself: a loaded project holds skia and PyAV objects that do not pickle, and loading is cheap next to
rendering. Each worker keeps its loaded project and renderer (with its own RenderSession: workers never inherit
half-prepared state) for every chunk it is given.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from ..encoder import EncodeSettings, render_segments
from ..frame import FrameRenderer
from ...session import RenderSession, needs_warming


@dataclass(frozen=True)
class ChunkJob:
    project_file: str
    output: str
    variant: Optional[str]
    size: tuple[int, int]
    use_cache: bool
    settings: EncodeSettings
    profile: bool = False
    render_pass: str = "full"
    params: tuple = ()              # (name, value) pairs the project was loaded with (`params:`)

    @classmethod
    def of(cls, project, settings: EncodeSettings, use_cache: bool, profile: bool,
           render_pass: str = "full") -> "ChunkJob":
        return cls(str(Path(project.file).resolve()), str(project.output), project.variant,
                   tuple(project.size), use_cache, settings, profile, render_pass,
                   tuple((name, p.default) for name, p in project.spec.params.items()))


_LOADED: dict = {}     # per worker process: job -> FrameRenderer
#: job -> an already loaded Project, set by a parent right before it forks its workers (they inherit it and
#: skip loading); empty in spawned or remote workers, which load the file
INHERITED: dict = {}


def renderer_for(job: ChunkJob) -> FrameRenderer:
    from ...profile import Profile
    from ...project.load import load_project

    renderer = _LOADED.get(job)
    if renderer is None:
        for old in _LOADED.values():
            old.close()
        _LOADED.clear()
        project = INHERITED.get(job) or load_project(job.project_file, output=Path(job.output),
                                                     variant=job.variant, params=dict(job.params))
        if tuple(project.size) != tuple(job.size) or project.fps != job.settings.fps:
            raise RuntimeError(f"{job.project_file} loads as {project.size} @ {project.fps} fps in a worker, "
                               f"not {job.size} @ {job.settings.fps}: was it changed during the render?")
        renderer = FrameRenderer(project, use_cache=job.use_cache, profile=Profile() if job.profile else None,
                                 render_pass=job.render_pass)
        _LOADED[job] = renderer
    return renderer


def render_chunk(job: ChunkJob, frames, segment: Optional[Path] = None,
                 on_frame: Optional[Callable[[int], None]] = None) -> dict:
    """Render `frames` into the segment file `segment` — or a run of consecutive segments, `frames` being a
    list of (frames, segment path) — and return this chunk's profile (empty when off)."""
    renderer = renderer_for(job)
    work = frames if segment is None else [(frames, Path(segment))]
    before = renderer.profile.to_dict()
    render_segments(renderer, work, job.settings, frame_done=on_frame)
    after = renderer.profile.to_dict()
    return _difference(after, before)


def _difference(after: dict, before: dict) -> dict:
    out = {}
    for key in ("stages", "kinds", "counts"):
        out[key] = {k: v - before.get(key, {}).get(k, 0) for k, v in after.get(key, {}).items()}
    out["frames"] = after.get("frames", 0) - before.get("frames", 0)
    return out


def shots_to_warm(project) -> list:
    """Shots whose preparation is expensive and cached (generation, tracking): done once, before the chunks,
    so workers load results instead of each computing them again."""
    return [s for s in project.shots if needs_warming(s)]


def warm_caches(project, use_cache: bool, profile=None, report=None) -> bool:
    """Prepare the expensive shots here, in a session of their own; True when there were any (workers can then
    read their caches). Warnings and notes of that preparation go into `report`."""
    session = RenderSession(project, use_cache=use_cache, profile=profile)
    try:
        warmed = session.warm()
    finally:
        session.close()
        if report is not None:
            report.merge(session.report)
    return bool(warmed)
