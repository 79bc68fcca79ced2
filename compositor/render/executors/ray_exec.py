"""Segments as Ray tasks (`--executor ray --address auto|HOST:PORT`).

- Assets travel by a shared path: every node must see the project folder (and its cache folder) at the same
  path, e.g. an NFS mount or the same checkout on each machine. The finished segments come back through Ray's
  object store as bytes, so the output folder needs to exist only on the machine that runs the command.
- Expensive, cached preparation (a `generate` shot, tracking) runs first as its own task, with `num_gpus=1`
  when the cluster has GPUs, so generation lands on GPU workers while the segments run on CPU workers and read
  the cached result from the shared cache folder.
- A worker that dies mid-segment (a lost node, an OOM kill) is retried up to `max_retries` times; segments are
  pure functions of their frame range, so a retry produces the same bytes.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable, Optional

from . import ChunkJob, render_chunk, shots_to_warm


def chunk_task(job: ChunkJob, start: int, stop: int) -> tuple[dict, dict]:
    """What one Ray task runs: render frames [start, stop) to a segment in a private temp folder and return
    ({relative name: bytes}, profile). A PNG segment is a folder of frames, a video segment one file."""
    with tempfile.TemporaryDirectory(prefix="compositor-segment-") as tmp:
        segment = Path(tmp) / f"segment{job.settings.suffix()}"
        profile = render_chunk(job, range(start, stop), segment)
        if segment.is_dir():
            files = {p.name: p.read_bytes() for p in sorted(segment.iterdir())}
        else:
            files = {"": segment.read_bytes()}
    return files, profile


def prepare_task(job: ChunkJob, shot_index: int) -> tuple[list, list]:
    """Prepare one shot (generate / track) so its result lands in the shared cache folder; returns the
    session's (warnings, notes) so the caller reports them."""
    from . import renderer_for

    renderer = renderer_for(job)
    shot = renderer.project.shots[shot_index]
    renderer.prepare(shot)
    return list(renderer.report.warnings), list(renderer.report.notes)


def render_on_ray(project, work, settings, opts, done, profile, report=None) -> None:
    """Render every (frames, segment path) of `work` as Ray tasks (RenderOptions `opts`: address, use_cache, and
    executor_options — max_retries, task, runtime_env — see _render_on_ray)."""
    from ...report import RenderReport

    _render_on_ray(project, work, settings, opts.use_cache, opts.address, done, profile, opts.render_pass,
                   report if report is not None else RenderReport(), **opts.executor_options)


def _render_on_ray(project, work, settings, use_cache: bool, address: Optional[str], done, profile,
                   render_pass: str = "full", report=None, max_retries: int = 3, task: Callable = chunk_task,
                   runtime_env: Optional[dict] = None) -> None:
    """Render every (frames, segment path) of `work` as Ray tasks and write the segments locally.

    `address`: None or "local" starts a Ray instance on this machine (and stops it after); "auto" or
    HOST:PORT joins a running cluster. An already initialised Ray (ray.init called by the caller) is used as is.
    `task` is the function each segment task runs (chunk_task; a wrapper of it in tests).
    """
    try:
        import ray
    except ImportError as exc:  # pragma: no cover - depends on the install
        from ...errors import UserError, Issue
        raise UserError(Issue(str(project.file), 0, ("executor",), "Ray is not installed",
                              "pip install 'compositor[ray]' (or: pip install 'ray[default]')")) from exc
    from ...profile import NULL

    started_here = False
    if not ray.is_initialized():
        env = runtime_env or {"env_vars": {"PYTHONPATH": _package_root()}}
        if address in (None, "", "local"):
            ray.init(include_dashboard=False, runtime_env=env, log_to_driver=False)
        else:
            ray.init(address=address, runtime_env=env, log_to_driver=False)
        started_here = True
    try:
        job = ChunkJob.of(project, settings, True, profile is not NULL, render_pass)
        gpus = ray.cluster_resources().get("GPU", 0)
        prep = ray.remote(max_retries=max_retries)(prepare_task)
        warm = [prep.options(num_gpus=1 if gpus and s.source.wants_gpu else 0)
                .remote(ChunkJob.of(project, settings, use_cache, False, render_pass), s.index)
                for s in shots_to_warm(project)]
        for warnings, notes in ray.get(warm):
            for line in warnings:
                report.warn(line)
            for line in notes:
                report.note(line)
        remote = ray.remote(max_retries=max_retries, num_cpus=1)(task)
        refs = {remote.remote(job, frames.start, frames.stop): (frames, Path(path)) for frames, path in work}
        n = 0
        pending = list(refs)
        while pending:
            ready, pending = ray.wait(pending, num_returns=1)
            for ref in ready:
                files, prof = ray.get(ref)
                frames, path = refs[ref]
                _write_segment(path, files)
                profile.merge(prof)
                n += len(frames)
                done(n)
    finally:
        if started_here:
            ray.shutdown()


def _write_segment(path: Path, files: dict) -> None:
    if list(files) == [""]:
        path.write_bytes(files[""])
        return
    path.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (path / name).write_bytes(data)


def _package_root() -> str:
    """The folder holding the `compositor` package, so workers import the same code (a shared path)."""
    root = str(Path(__file__).resolve().parents[2])
    existing = os.environ.get("PYTHONPATH")
    return root if not existing else f"{root}{os.pathsep}{existing}"
