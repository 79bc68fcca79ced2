"""The studio's one drawing thread. A FrameRenderer is not thread-safe and its caches should stay warm, so every
job that touches a version (frames, hits, reloads) runs here in order, and the event loop never blocks on one.

When the thread falls idle, the current version's shots are prepared one job at a time (sources opened, cached
clips loaded; never generated — the session is offline) and one frame of each is drawn, so the first scrub into
a shot does not pay for that, and a request that arrives meanwhile waits for one shot's frame at most. Shots with tracks are left to
their first frame: uncached tracking can take seconds, and it only runs when someone looks there."""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

IDLE_S = 0.2          # quiet time before preparing the next shot


class Worker:
    def __init__(self, state):
        self.state = state
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="studio-frame")
        self.pending = 0
        self.closed = False
        self._tasks: set = set()

    async def run(self, fn, *args):
        loop = asyncio.get_running_loop()
        self.pending += 1
        try:
            return await loop.run_in_executor(self.pool, fn, *args)
        finally:
            self.pending -= 1
            if self.pending == 0 and not self.closed:
                loop.call_later(IDLE_S, self._idle)

    def _idle(self) -> None:
        if self.pending or self.closed:
            return
        good = self.state.good
        shot = next((s for s in good.project.shots if s.index not in good.warmed and not s.spec.tracks), None) \
            if good is not None else None
        if shot is None:
            return
        good.warmed.add(shot.index)
        task = asyncio.ensure_future(self.run(self._prepare, good, shot))   # when done, it calls _idle again
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _prepare(self, good, shot) -> None:
        if self.state.good is not good:       # a reload came first: that version's renderer is closed
            return
        try:
            good.renderer.shot_frame(shot, shot.span.n_frames // 2)   # prepares it, and builds what a first
        except Exception:                     # frame builds (static rasters, an opened decoder); the frame
            pass                              # request that needs the shot reports any error

    def close(self) -> None:
        self.closed = True
        self.pool.shutdown(wait=True)
