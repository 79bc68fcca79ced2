"""`compositor preview` of any frame of the example projects in at most 1 s (cached generation), measured.

Each preview is the real command in a fresh process (`compositor preview PROJECT --at T -o PNG`), at every
--step seconds of both example projects, so start-up (imports, loading and validating the project, opening the
shot's sources) counts, as it does for a user editing a project file. Generated footage is cached by a warm-up
pass first (the first run of a project with a `generate:` background generates it: about a minute).

The peer, in the same run: the floor any Python tool pays for one still, a fresh interpreter that imports
cv2, numpy and PIL, decodes one 1080p PNG (a preview written by the warm-up) and encodes it again.

Runs are interleaved (every time point, then the peer, --repeats times); medians per time point are printed,
with the worst time point against the 1 s bar, and the CPU seconds of the same runs (less noisy than wall time
on a busy machine).

    python bench/preview_speed.py [--repeats 5] [--step 0.5] [--projects northwind-launch product-walkthrough]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECTS = ("northwind-launch", "product-walkthrough")
BAR_S = 1.0
PEER = """
import sys
import cv2, numpy, PIL
from PIL import Image
with Image.open(sys.argv[1]) as im:
    im.load()
    im.save(sys.argv[2])
"""


def compositor_command() -> list[str]:
    exe = shutil.which("compositor")
    return [exe] if exe else [sys.executable, "-m", "compositor"]


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) of one command; a failure stops the bench."""
    before = os.times()
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = os.times()
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr}")
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def duration(project: Path) -> float:
    from compositor.project.load import load_project

    return load_project(project).timeline.duration


def time_points(total: float, step: float) -> list[float]:
    points, t = [], 0.0
    while t < total - 1e-9:
        points.append(round(t, 3))
        t += step
    return points + [round(total, 3)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--step", type=float, default=0.5)
    ap.add_argument("--projects", nargs="+", default=list(PROJECTS))
    args = ap.parse_args()

    cmd = compositor_command()
    tmp = Path(tempfile.mkdtemp(prefix="preview-bench-"))
    try:
        jobs = []                                   # (project name, t, command)
        for name in args.projects:
            project = ROOT / "projects" / name / "project.yaml"
            for t in time_points(duration(project), args.step):
                jobs.append((name, t, cmd + ["preview", str(project), "--at", f"{t:g}", "-o", str(tmp / "frame.png")]))
        print(f"warm-up: {len(jobs)} previews (generates and caches footage on a first run)", flush=True)
        for _, _, job in jobs:
            timed(job)
        still = tmp / "frame.png"
        peer = [sys.executable, "-c", PEER, str(still), str(tmp / "peer.png")]

        walls: dict[tuple, list[float]] = {(n, t): [] for n, t, _ in jobs}
        cpus: dict[tuple, list[float]] = {(n, t): [] for n, t, _ in jobs}
        peer_wall, peer_cpu = [], []
        for r in range(args.repeats):
            for name, t, job in jobs:
                w, c = timed(job)
                walls[(name, t)].append(w)
                cpus[(name, t)].append(c)
            w, c = timed(peer)
            peer_wall.append(w)
            peer_cpu.append(c)
            print(f"  repeat {r + 1}/{args.repeats} done", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    med = {k: statistics.median(v) for k, v in walls.items()}
    med_cpu = {k: statistics.median(v) for k, v in cpus.items()}
    print(f"\npreview wall time, median of {args.repeats} (CPU s in brackets), per time point:")
    for name in args.projects:
        row = [(t, med[(n, t)], med_cpu[(n, t)]) for n, t, _ in jobs if n == name]
        print(f"  {name}:")
        for i in range(0, len(row), 6):
            print("    " + "  ".join(f"{t:5.2f}s {w:.2f} ({c:.2f})" for t, w, c in row[i:i + 6]))
    worst = max(med, key=med.get)
    worst_cpu = max(med_cpu, key=med_cpu.get)
    pw, pc = statistics.median(peer_wall), statistics.median(peer_cpu)
    print(f"\nworst time point: {worst[0]} at {worst[1]:g}s: {med[worst]:.2f} s wall "
          f"({'within' if med[worst] <= BAR_S else 'OVER'} the {BAR_S:g} s bar); "
          f"most CPU: {worst_cpu[0]} at {worst_cpu[1]:g}s, {med_cpu[worst_cpu]:.2f} s")
    print(f"all time points: median {statistics.median(med.values()):.2f} s wall, "
          f"{statistics.median(med_cpu.values()):.2f} s CPU")
    print(f"peer (python + import cv2, numpy, PIL + decode/encode one 1080p PNG): {pw:.2f} s wall, {pc:.2f} s CPU; "
          f"worst preview = {med[worst] / pw:.2f}x the peer")


if __name__ == "__main__":
    main()
