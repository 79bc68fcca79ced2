"""Progress: a rich bar (frames, fps, ETA) on a terminal; a quiet line every ~10% elsewhere (CI logs)."""
from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, label: str, total: int):
        self.label = label
        self.total = total
        self.tty = sys.stderr.isatty()
        self._last_pct = -1
        self._bar = None
        self._steps = None

    def __enter__(self):
        if self.tty:
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn,
                                       TimeRemainingColumn)
            self._bar = RichProgress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                     TextColumn("{task.fields[fps]:.1f} fps"), TimeRemainingColumn(),
                                     transient=False)
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=self.total, fps=0.0)
        self.started = time.perf_counter()
        return self

    def frames(self, done: int, total: int, elapsed: float) -> None:
        fps = done / elapsed if elapsed > 0 else 0.0
        if self._bar is not None:
            self._bar.update(self._task, completed=done, fps=fps)
            return
        pct = int(100 * done / max(1, total))
        if pct // 10 > self._last_pct // 10 or done == total:
            self._last_pct = pct
            eta = (total - done) / fps if fps > 0 else 0
            print(f"{self.label}: {done}/{total} frames ({pct}%), {fps:.1f} fps, eta {eta:.0f}s",
                  file=sys.stderr, flush=True)

    def step_message(self, label: str, done: int, total: int) -> None:
        """Progress of long preparation work (denoising steps, tracking) reported by sources."""
        if self._bar is not None:
            if self._steps is None or self._steps[0] != label:
                self._steps = (label, self._bar.add_task(label, total=total, fps=0.0))
            self._bar.update(self._steps[1], completed=done, total=total)
        elif done == total or done == 1:
            print(f"{label}: {done}/{total}", file=sys.stderr, flush=True)

    def __exit__(self, *exc):
        if self._bar is not None:
            self._bar.stop()
        return False
