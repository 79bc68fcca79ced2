"""Memory does not grow with the video's length: peak RSS of a 60 s render vs a 10 s render.

Each render runs in its own subprocess (the footage scene of bench/render_footage.py, 1080p30, one worker,
`ultrafast` so the long one finishes in minutes); the peak resident set comes from the kernel's rusage of
that process. Frames stream from decoder to encoder; nothing holds the video. Bar: within 15%.

    python bench/memory.py [--short 10] [--long 60] [--preset ultrafast]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHILD = """
import sys
sys.path.insert(0, {here!r})
from render_footage import write_project, run_compositor
from pathlib import Path
p = write_project(Path({tmp!r}), {seconds}, {preset!r})
run_compositor(p, Path({tmp!r}) / "out.mp4", workers=1)
"""


def peak_rss_mb(seconds: float, preset: str) -> tuple[float, float]:
    """(peak RSS in MiB, wall seconds) of a subprocess rendering `seconds` of the scene."""
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        code = CHILD.format(here=str(HERE), tmp=tmp, seconds=seconds, preset=preset)
        t = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", code])
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise SystemExit(f"the {seconds}s render failed (exit {proc.returncode})")
        return usage.ru_maxrss / 1024, time.perf_counter() - t


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--short", type=float, default=10.0)
    ap.add_argument("--long", type=float, default=60.0)
    ap.add_argument("--preset", default="ultrafast")
    args = ap.parse_args(argv)
    short, ts = peak_rss_mb(args.short, args.preset)
    long_, tl = peak_rss_mb(args.long, args.preset)
    growth = long_ / short - 1
    print(f"memory: 1080p30 footage scene, preset {args.preset}, one worker")
    print(f"  {args.short:g} s render: peak RSS {short:7.1f} MiB ({ts:.0f}s)")
    print(f"  {args.long:g} s render: peak RSS {long_:7.1f} MiB ({tl:.0f}s)")
    print(f"  growth: {100 * growth:+.1f}%  ({'within' if growth <= 0.15 else 'OVER'} the 15% bar)")
    return 0 if growth <= 0.15 else 1


if __name__ == "__main__":
    sys.exit(main())
