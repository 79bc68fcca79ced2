"""Where a render's time goes: seconds per stage (decode, generate, track, draw, composite, encode) and per
layer kind, summed over every frame, segment and worker, printed by `compositor render --profile`.

Timers are plain perf_counter sums (no sampling, no per-frame allocation), cheap enough to leave on. Stages
overlap in time (encoding and background decoding run in their own threads, workers run in parallel), so the
sums are busy time per stage, not slices of the wall clock.
"""
from __future__ import annotations

import threading
import time
from collections import defaultdict
from contextlib import contextmanager
from typing import Optional

STAGES = ("prepare", "generate", "track", "decode", "decode-wait", "background", "draw", "composite", "encode", "join", "audio")


class Profile:
    def __init__(self):
        self.stages: dict[str, float] = defaultdict(float)
        self.kinds: dict[str, float] = defaultdict(float)       # draw + composite per layer kind
        self.counts: dict[str, int] = defaultdict(int)
        self.frames = 0
        self.wall = 0.0
        self._lock = threading.Lock()                            # the encoder thread adds too

    def add(self, stage: str, seconds: float, kind: Optional[str] = None) -> None:
        with self._lock:
            self.stages[stage] += seconds
            self.counts[stage] += 1
            if kind is not None:
                self.kinds[kind] += seconds

    @contextmanager
    def stage(self, name: str, kind: Optional[str] = None):
        t = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - t, kind)

    # --- across processes -------------------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {"stages": dict(self.stages), "kinds": dict(self.kinds), "counts": dict(self.counts),
                "frames": self.frames}

    def merge(self, data: dict) -> None:
        with self._lock:
            for k, v in data.get("stages", {}).items():
                self.stages[k] += v
            for k, v in data.get("kinds", {}).items():
                self.kinds[k] += v
            for k, v in data.get("counts", {}).items():
                self.counts[k] += v
            self.frames += data.get("frames", 0)

    # --- report -----------------------------------------------------------------------------------------------
    def report(self, workers=1) -> str:
        busy = sum(self.stages.values()) or 1e-9
        lines = [f"profile: {self.frames} frames in {self.wall:.2f}s wall "
                 f"({self.frames / self.wall if self.wall else 0:.1f} fps) on {workers} worker(s)",
                 f"  {'stage':<12}{'seconds':>10}{'ms/frame':>10}{'share':>8}"]
        order = [s for s in STAGES if s in self.stages] + sorted(set(self.stages) - set(STAGES))
        for s in order:
            sec = self.stages[s]
            lines.append(f"  {s:<12}{sec:>10.2f}{1000 * sec / max(1, self.frames):>10.2f}{100 * sec / busy:>7.1f}%")
        if self.kinds:
            lines.append(f"  {'layer kind':<12}{'seconds':>10}{'ms/frame':>10}   (draw + composite)")
            for k, sec in sorted(self.kinds.items(), key=lambda kv: -kv[1]):
                lines.append(f"  {k:<12}{sec:>10.2f}{1000 * sec / max(1, self.frames):>10.2f}")
        lines.append("  (busy seconds per stage, summed over threads and workers: decode and encode run in their "
                     "own threads, so stages overlap)")
        return "\n".join(lines)


class NullProfile(Profile):
    """The default: the same calls, nothing recorded."""

    def add(self, stage, seconds, kind=None) -> None:
        pass

    @contextmanager
    def stage(self, name, kind=None):
        yield


NULL = NullProfile()
