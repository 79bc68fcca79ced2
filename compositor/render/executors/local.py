"""Segments on local worker processes (`--workers N`): each worker takes a run of consecutive segments.

Why runs, not one segment at a time: a worker that jumps to a segment far from its last one must seek its
footage, and a seek decodes from the keyframe before it — with the sparse keyframes of real footage (one every
8 s in a phone clip), every jump decoded seconds of video again. A run is drawn like one long range (the
decoder reads straight on from segment to segment, and one encoder thread flushes segment k while k+1 is
drawn). Segment counts are chosen so that the usual worker counts share them out evenly (compositor.chunks), so
one run per worker keeps every worker busy to the end on uniform work; on uneven work (a heavy shot in one run)
the other worker finishes first, the price of never seeking twice."""
from __future__ import annotations

import multiprocessing
import os
import queue as queue_mod
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from .. import whereabouts
from ...cores import SHARE, take_seat, unpin
from ..whereabouts import stop as stop_marking
from . import INHERITED, ChunkJob, render_chunk, warm_caches

_PROGRESS = None    # in a worker: where finished-frame ticks go


def _init_worker(progress_queue, workers: int, seats) -> None:
    global _PROGRESS
    _PROGRESS = progress_queue
    stop_marking()        # a forked worker must not overwrite its parent's record of where it is
    with seats.get_lock():
        seat = seats.value
        seats.value += 1
    pinned = take_seat(seat, workers)
    SHARE["processes"] = 1 if pinned else workers     # a pinned worker's cores are its own
    if pinned:
        progress_queue.put(("pid", os.getpid()))


_UNSENT = [0, 0.0]  # in a worker: finished frames not yet reported, and when the last report went


def _tick(_n: int) -> None:
    """Frames are reported in small batches (every 0.2 s): a message per frame woke the queue's feeder thread
    and the parent 30 times a second per worker, on cores x264 needs."""
    _UNSENT[0] += 1
    if time.monotonic() - _UNSENT[1] >= 0.2:
        _send_ticks()


def _send_ticks() -> None:
    if _UNSENT[0]:
        _PROGRESS.put(_UNSENT[0])
        _UNSENT[0] = 0
    _UNSENT[1] = time.monotonic()


def _worker_run(job: ChunkJob, run: list) -> dict:
    try:
        return render_chunk(job, [(frames, Path(segment)) for frames, segment in run], on_frame=_tick)
    finally:
        _send_ticks()


def runs_of(work: list, workers: int) -> list[list]:
    """`work` cut into one run of consecutive segments per worker, as even as the segment count allows."""
    n = max(1, min(len(work), workers))
    bounds = [round(k * len(work) / n) for k in range(n + 1)]
    return [work[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]


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
            left = [(frames, Path(path)) for frames, path in work if str(path) not in finished]
            if left:
                profile.merge(render_chunk(job, left))
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
    pids: list = []       # pinned workers, to free when one finishes
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                             initargs=(ticks, workers, ctx.Value("i", 0))) as pool:
        paths = {pool.submit(_worker_run, job, [(frames, str(path)) for frames, path in run]):
                 [str(path) for _, path in run] for run in runs_of(list(work), workers)}
        pending = set(paths)
        try:
            while pending:
                finished, pending = wait(pending, timeout=0.25, return_when=FIRST_COMPLETED)
                n = _drain(ticks, n, done, pids)
                for f in finished:
                    profile.merge(f.result())
                    finished_paths.update(paths[f])
                if finished and pending:
                    unpin(pids)     # the workers still drawing may spread over the cores the finished ones left
        except BaseException:
            for f in pending:
                f.cancel()
            raise
        _drain(ticks, n, done, pids)


def _drain(ticks, n: int, done, pids: list) -> int:
    """Report every frame the workers finished since the last drain, one call per frame; note pinned workers."""
    while True:
        try:
            batch = ticks.get_nowait()
        except queue_mod.Empty:
            return n
        if isinstance(batch, tuple):
            pids.append(batch[1])
            continue
        for _ in range(batch):
            n += 1
            done(n)
