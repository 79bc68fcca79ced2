"""A footage composition against the encoder's limit, moviepy 2 and itself on 1 and 2 cores, in one run.

The composition (1080p30, --seconds long, 10 by default): any clip (--clip, default the 1280x720 blocks clip
when ../shared holds it, else the example's office clip) fitted to cover the frame and looped, a logo, a rising
headline, a rounded card and a line of text that drifts — x264 `--preset` (medium) at crf 18. Sides, each a
real process, interleaved --repeats times (medians printed):

- ffmpeg alone: decode the clip, scale it to 1080p and encode it with the same codec settings (our x264 params
  included) — the limit for this output, since the composition cannot be cheaper than its footage;
- compositor: `compositor render` with its default workers, then `--workers 1` and `--workers 2`;
- compositor, static: the same shot with overlays that never change (the >= 0.95x bar);
- moviepy 2: the same composition with CompositeVideoClip and write_videofile.

Each side runs once untimed first (disk caches, Python bytecode), with Python writing its bytecode as it does on
a user's machine. Ratios are of wall time (the bar) and of CPU time (fair when other jobs share the cores). The decoded frames of
the `--workers 1`, `--workers 2` and default renders are hashed and must be identical. Bars: >= 0.9x ffmpeg
alone, static >= 0.95x, >= 3x moviepy, workers 2 / workers 1 >= 1.8x.

    python bench/encode_limit.py [--clip FILE] [--seconds 10] [--repeats 3] [--preset medium] [--no-moviepy]
"""
from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
KIT = REPO / "brand/kits/northwind"
SHARED_CLIP = REPO.parent / "shared/data/footage/03_blocks.mp4"
DEFAULT_CLIP = SHARED_CLIP if SHARED_CLIP.is_file() else REPO / "projects/northwind-launch/assets/office.mp4"
W, H, FPS, CRF = 1920, 1080, 30, 18

PROJECT = """\
compositor: 1
title: encode-limit bench
brand: {kit}
output: {{size: [{w}, {h}], fps: {fps}, file: out.mp4, crf: {crf}, preset: {preset}}}
shots:
  - id: footage
    duration: {seconds}
    background: {{video: {clip}, fit: cover, loop: true}}
    layers:
      - logo: default
        at: [1700, 110]
        width: 260
      - rect: {{size: [760, 200], radius: 24, fill: primary}}
        at: [560, 860]
      - text: "Audit trails in seconds"
        style: headline
        color: paper
        at: [960, 300]
{headline_motion}
      - text: "Northwind compliance"
        style: body
        color: paper
        at: [560, 860]
{body_motion}
"""
MOTION = ("        enter: {{rise: 0.8}}\n        animate: {{x: [[0, -60], [{seconds}, 60]]}}",
          "        enter: {{fade: 0.6}}\n        animate: {{y: [[0, 20], [{seconds}, -20]]}}")


def write_project(folder: Path, clip: Path, seconds: float, preset: str, static: bool = False) -> Path:
    head, body = ("", "") if static else (m.format(seconds=seconds) for m in MOTION)
    p = folder / ("static.yaml" if static else "project.yaml")
    p.write_text(PROJECT.format(kit=KIT, w=W, h=H, fps=FPS, crf=CRF, preset=preset, seconds=seconds,
                                clip=clip.name, headline_motion=head, body_motion=body))
    return p


#: children run as on a user's machine: Python keeps its compiled bytecode (a sandbox that turns that off would
#: charge every Python side for compiling its sources again on each start)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of a child process (CPU: its own and its children's, all threads)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def compositor_cmd(project: Path, out: Path, workers=None) -> list[str]:
    cmd = [sys.executable, "-m", "compositor", "render", str(project), "-o", str(out), "--no-cache"]
    return cmd + (["--workers", str(workers)] if workers is not None else [])


def ffmpeg_cmd(clip: Path, out: Path, seconds: float, preset: str) -> list[str]:
    from compositor.encode import X264_DETERMINISTIC

    vf = f"fps={FPS},scale={W}:{H}:force_original_aspect_ratio=increase,crop={W}:{H}"
    return ["ffmpeg", "-v", "error", "-y", "-stream_loop", "-1", "-i", str(clip), "-t", str(seconds), "-an",
            "-vf", vf, "-c:v", "libx264", "-preset", preset, "-crf", str(CRF), "-x264-params", X264_DETERMINISTIC,
            "-pix_fmt", "yuv420p", str(out)]


def moviepy_cmd(clip: Path, out: Path, seconds: float, preset: str) -> list[str]:
    return [sys.executable, __file__, "--moviepy-side", str(clip), str(out), str(seconds), preset]


def frame_hashes(path: Path) -> str:
    import av

    h = hashlib.sha256()
    with av.open(str(path)) as c:
        for f in c.decode(video=0):
            for plane in f.planes:
                h.update(bytes(plane))
    return h.hexdigest()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clip", type=Path, default=DEFAULT_CLIP)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--preset", default="medium")
    ap.add_argument("--no-moviepy", action="store_true")
    args = ap.parse_args(argv)
    n = int(round(args.seconds * FPS))
    with tempfile.TemporaryDirectory(prefix="bench-limit-") as tmp:
        tmp = Path(tmp)
        clip = tmp / f"clip{args.clip.suffix}"      # footage lives in the project's folder (confined paths)
        shutil.copyfile(args.clip, clip)
        project = write_project(tmp, clip, args.seconds, args.preset)
        static = write_project(tmp, clip, args.seconds, args.preset, static=True)
        sides = {
            "ffmpeg alone": ffmpeg_cmd(clip, tmp / "ffmpeg.mp4", args.seconds, args.preset),
            "compositor": compositor_cmd(project, tmp / "default.mp4"),
            "static": compositor_cmd(static, tmp / "static.mp4"),
            "workers 1": compositor_cmd(project, tmp / "w1.mp4", 1),
            "workers 2": compositor_cmd(project, tmp / "w2.mp4", 2),
        }
        if not args.no_moviepy:
            sides["moviepy 2"] = moviepy_cmd(clip, tmp / "moviepy.mp4", args.seconds, args.preset)
        times: dict[str, list[tuple[float, float]]] = {k: [] for k in sides}
        for cmd in sides.values():          # a first, untimed run of each side: caches and bytecode warm
            timed(cmd)
        for r in range(args.repeats):
            for name, cmd in sides.items():
                times[name].append(timed(cmd))
            print(f"run {r + 1}: " + ", ".join(f"{k} {v[-1][0]:.1f} s" for k, v in times.items()), flush=True)
        hashes = {k: frame_hashes(tmp / f"{f}.mp4") for k, f in
                  (("default", "default"), ("workers 1", "w1"), ("workers 2", "w2"))}
    return report(args, n, times, hashes)


def report(args, n: int, times: dict, hashes: dict) -> int:
    wall = {k: statistics.median(t for t, _ in v) for k, v in times.items()}
    cpu = {k: statistics.median(c for _, c in v) for k, v in times.items()}
    print(f"\n{args.clip.name} -> {n} frames 1080p30, x264 {args.preset} crf {CRF}, medians of {args.repeats} "
          f"interleaved runs on {os.cpu_count()} cores")
    for k in times:
        print(f"  {k:<13} {wall[k]:7.2f} s wall {n / wall[k]:6.2f} fps {1000 * cpu[k] / n:7.1f} CPU ms/frame")
    checks = [("compositor vs ffmpeg alone", wall["ffmpeg alone"] / wall["compositor"],
               cpu["ffmpeg alone"] / cpu["compositor"], 0.9),
              ("static vs ffmpeg alone", wall["ffmpeg alone"] / wall["static"],
               cpu["ffmpeg alone"] / cpu["static"], 0.95),
              ("workers 2 vs workers 1", wall["workers 1"] / wall["workers 2"], None, 1.8)]
    if "moviepy 2" in wall:
        checks.append(("compositor vs moviepy 2", wall["moviepy 2"] / wall["compositor"],
                       cpu["moviepy 2"] / cpu["compositor"], 3.0))
    ok = True
    for name, ratio, cpu_ratio, bar in checks:
        ok &= ratio >= bar
        extra = f", {cpu_ratio:.2f}x on CPU time" if cpu_ratio is not None else ""
        print(f"  {name:<27} {ratio:.2f}x ({'meets' if ratio >= bar else 'MISSES'} the {bar}x bar){extra}")
    same = len(set(hashes.values())) == 1
    ok &= same
    print(f"  frames identical across default / --workers 1 / --workers 2: {'yes' if same else 'NO'}")
    return 0 if ok else 1


# --- the moviepy side, run as its own process ---------------------------------------------------------------
def moviepy_side(clip: str, out: str, seconds: str, preset: str) -> None:
    """bench/render_footage.py's moviepy composition (the same layers) over this clip."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from render_footage import _moviepy_footage

    _moviepy_footage(Path(out), float(seconds), preset, Path(clip))


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "--moviepy-side":
        moviepy_side(*sys.argv[2:])
        sys.exit(0)
    sys.exit(main())
