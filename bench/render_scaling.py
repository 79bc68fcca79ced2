"""Chunked rendering on this machine's cores: `--workers 2` vs `--workers 1`, and proof the files are the same.

The footage scene of bench/render_footage.py (1080p30 looped real clip, logo, two animated texts, a card) at
the `ultrafast` preset (proxy renders: the encoder leaves room for the drawing to matter). Runs interleave
(1, 2, 1, 2, …) --repeats times; medians are compared. The decoded frames of both outputs are hashed and must
be identical. Bar: workers 2 >= 1.7x workers 1 on 2 cores, and never slower. `--workers N` is a budget of N
cores (compositor.cores): workers 1 is the render confined to one core, workers 2 two worker processes on two.
"cores busy" is CPU seconds over wall seconds. Before and after, busy-loop processes measure how much CPU N processes can get at all (other jobs
may share the cores): that is the ceiling for the speed-up, printed beside it.

    python bench/render_scaling.py [--seconds 20] [--repeats 3] [--preset ultrafast] [--workers 2]
"""
from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from render_footage import FPS, run_compositor, write_project  # noqa: E402


def frame_hashes(path: Path) -> list[str]:
    import av

    with av.open(str(path)) as c:
        return [hashlib.md5(f.to_ndarray(format="rgb24").tobytes()).hexdigest() for f in c.decode(video=0)]


def _spin(seconds: float) -> None:
    end = time.time() + seconds
    while time.time() < end:
        pass


def available_parallelism(workers: int, seconds: float = 3.0) -> float:
    """How much faster `workers` busy processes get through CPU work than one, right now on this machine: the
    ceiling for any multi-process speed-up (below `workers` when other jobs share the cores)."""
    import multiprocessing
    import resource

    got = {}
    for n in (1, workers):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        procs = [multiprocessing.Process(target=_spin, args=(seconds,)) for _ in range(n)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        got[n] = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) / (time.perf_counter() - t)
    return got[workers] / max(1e-9, got[1])


def main(argv=None) -> int:
    from compositor.chunks import resolve_workers

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--preset", default="ultrafast")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    n = int(round(args.seconds * FPS))
    many = resolve_workers(args.workers)
    times: dict[int, list[tuple[float, float]]] = {1: [], many: []}
    ceiling = [available_parallelism(many)]
    with tempfile.TemporaryDirectory(prefix="bench-scaling-") as tmp:
        tmp = Path(tmp)
        project = write_project(tmp, args.seconds, args.preset)
        for r in range(args.repeats):
            for w in (1, many):
                times[w].append(run_compositor(project, tmp / f"w{w}.mp4", workers=w))
            print(f"run {r + 1}: " + ", ".join(f"workers {w}: {n / v[-1][0]:.2f} fps" for w, v in times.items()),
                  flush=True)
        ceiling.append(available_parallelism(many))
        one, other = frame_hashes(tmp / "w1.mp4"), frame_hashes(tmp / f"w{many}.mp4")
    fps = {w: n / statistics.median(t for t, _ in v) for w, v in times.items()}
    speedup = fps[many] / fps[1]
    same = one == other and len(one) == n
    print(f"\nscaling: {n} frames 1080p30, preset {args.preset}, medians of {args.repeats} interleaved runs")
    for w, v in times.items():
        busy = statistics.median(c / t for t, c in v)
        print(f"  workers {w}: {fps[w]:6.2f} fps, {busy:.2f} cores busy   (fps per run: "
              f"{', '.join(f'{n / t:.2f}' for t, _ in v)})")
    print(f"  speed-up workers {many} / workers 1: {speedup:.2f}x  ({'meets' if speedup >= 1.7 else 'MISSES'} "
          f"the 1.7x bar)")
    print(f"  decoded frames identical: {same} ({len(one)} and {len(other)} frames)")
    print(f"  CPU available to {many} busy processes vs 1, measured before and after: "
          f"{', '.join(f'{c:.2f}x' for c in ceiling)} (the ceiling for any speed-up on this machine right now)")
    return 0 if same and speedup >= 1.7 else 1


if __name__ == "__main__":
    sys.exit(main())
