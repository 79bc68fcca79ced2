"""Segments on local worker processes (`--workers N`): a process pool that hands out one segment at a time,
so faster workers take more and the pool stays busy to the end."""
from __future__ import annotations

import multiprocessing
import queue as queue_mod
import sys
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from .. import whereabouts
from ..whereabouts import stop as stop_marking
from . import INHERITED, ChunkJob, render_chunk, warm_caches

_PROGRESS = None    # in a worker: where finished-frame ticks go


def _init_worker(progress_queue) -> None:
    global _PROGRESS
    _PROGRESS = progress_queue
    stop_marking()        # a forked worker must not overwrite its parent's record of where it is


def _tick(_n: int) -> None:
    _PROGRESS.put(1)


def _worker_chunk(job: ChunkJob, frames: range, segment: str) -> dict:
    return render_chunk(job, frames, Path(segment), on_frame=_tick)


def render_in_processes(project, work, settings, opts, workers: int, done, profile, report=None) -> None:
    """Render every (frames, segment path) of `work` on `workers` processes; `done(n)` reports frames."""
    from ...profile import NULL

    warmed = warm_caches(project, opts.use_cache, profile, report)
    job = ChunkJob.of(project, settings, opts.use_cache or warmed, profile is not NULL, opts.render_pass)
    ctx = _context()
    ticks = ctx.Queue()
    INHERITED[job] = project
    finished: set = set()
    try:
        try:
            _run_pool(ctx, ticks, job, work, workers, done, profile, finished)
        except BrokenProcessPool:
            if not whereabouts.active():
                raise
            # a worker died (a native crash, the OOM killer): its segments are drawn here instead, where the
            # supervising parent sees exactly where a crash happens (cli/supervise.py)
            for frames, path in work:
                if str(path) not in finished:
                    profile.merge(render_chunk(job, frames, Path(path)))
    finally:
        INHERITED.pop(job, None)


def _context():
    """fork where it is safe: workers inherit the imported modules and the loaded project, so they start in
    milliseconds instead of seconds. spawn elsewhere, and once torch has run (its thread pools do not survive
    a fork)."""
    if sys.platform.startswith("linux") and "torch" not in sys.modules:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _run_pool(ctx, ticks, job, work, workers, done, profile, finished_paths: set) -> None:
    n = 0
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                             initargs=(ticks,)) as pool:
        paths = {pool.submit(_worker_chunk, job, frames, str(path)): str(path) for frames, path in work}
        pending = set(paths)
        try:
            while pending:
                finished, pending = wait(pending, timeout=0.25, return_when=FIRST_COMPLETED)
                n = _drain(ticks, n, done)
                for f in finished:
                    profile.merge(f.result())
                    finished_paths.add(paths[f])
        except BaseException:
            for f in pending:
                f.cancel()
            raise
        _drain(ticks, n, done)


def _drain(ticks, n: int, done) -> int:
    while True:
        try:
            ticks.get_nowait()
        except queue_mod.Empty:
            return n
        n += 1
        done(n)
