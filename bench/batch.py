"""A campaign batch against separate renders: N rows of a project with one generated background (the built-in
model, the same for every row) and a per-row title, rendered once with `compositor render --data rows.csv` and
once as N separate `compositor render --set company=…` runs, each from an empty cache, then both again with the
caches warm (the per-row cost alone). Prints the totals, their ratios, and checks that one row's frames from the batch equal the same row rendered alone.

    python bench/batch.py                          # 20 rows x 2 s at 1920x1080 (long on a small machine)
    python bench/batch.py --rows 6 --size 640x360 --seconds 1
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROJECT = """compositor: 1
title: "Acme for {{{{company}}}}"
brand: ../acme-kit
params:
  company: {{type: text, default: "Your Team"}}
output: {{size: [{w}, {h}], fps: {fps}, file: "renders/acme-{{{{company}}}}.mp4"}}
shots:
  - id: hello
    duration: {seconds}
    background:
      generate: {{model: builtin, prompt: "slow drifting gradient, soft", seed: 5}}
    layers:
      - logo: default
        at: [{cx}, {logo_y}]
        width: {logo_w}
      - text: "Hello {{{{company}}}}"
        style: headline
        size: {size}
        width: {text_w}
        at: [{cx}, {title_y}]
        box: {{fill: paper, padding: [24, 12], radius: 16}}
"""

NAMES = ["Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Soylent", "Wonka", "Stark", "Wayne", "Tyrell",
         "Cyberdyne", "Aperture", "Massive", "Oscorp", "Gringotts", "Monarch", "Nakatomi", "Virtucon", "Duff",
         "Acme West"]


def make(folder: Path, rows: int, w: int, h: int, seconds: float, fps: int) -> Path:
    shutil.copytree(ROOT / "projects" / "acme-kit", folder / "acme-kit")
    (folder / "promo").mkdir()
    project = folder / "promo" / "project.yaml"
    project.write_text(PROJECT.format(w=w, h=h, fps=fps, seconds=seconds, cx=w // 2, logo_y=h * 3 // 10,
                                      logo_w=w // 8, size=h // 12, text_w=w * 9 // 10, title_y=h * 6 // 10))
    names = [NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else f" {i}") for i in range(rows)]
    (folder / "promo" / "rows.csv").write_text("company\n" + "".join(f"{n}\n" for n in names))
    return project


def cli(*args, cwd: Path, cache: Path) -> float:
    env = dict(os.environ, COMPOSITOR_CACHE=str(cache),
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "compositor", *args], cwd=cwd, env=env, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"compositor {' '.join(args)} failed ({r.returncode}):\n{r.stderr[-2000:]}")
    return time.perf_counter() - t0


def frames_digest(video: Path) -> tuple[int, str]:
    import av

    h = hashlib.sha256()
    n = 0
    with av.open(str(video)) as c:
        for frame in c.decode(video=0):
            h.update(frame.to_ndarray(format="rgb24").tobytes())
            n += 1
    return n, h.hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=20)
    ap.add_argument("--size", default="1920x1080")
    ap.add_argument("--seconds", type=float, default=2.0)
    ap.add_argument("--fps", type=int, default=30)
    ap.add_argument("--workers", type=int, default=0, help="cores for both ways (0 = all)")
    ap.add_argument("--check-row", type=int, default=2, help="the row whose frames are compared")
    a = ap.parse_args()
    w, h = (int(v) for v in a.size.lower().split("x"))
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        work = Path(tmp)
        batch_dir, single_dir = work / "batch", work / "single"
        batch_dir.mkdir(), single_dir.mkdir()
        make(batch_dir, a.rows, w, h, a.seconds, a.fps)
        make(single_dir, a.rows, w, h, a.seconds, a.fps)
        names = (single_dir / "promo" / "rows.csv").read_text().splitlines()[1:]

        def both() -> tuple[float, float]:
            t_b = cli("render", "promo/project.yaml", "--data", "promo/rows.csv", "--workers", str(a.workers),
                      cwd=batch_dir, cache=work / "cache-batch")
            t_s = 0.0
            for name in names:
                t_s += cli("render", "promo/project.yaml", "--set", f"company={name}", "--workers", str(a.workers),
                           cwd=single_dir, cache=work / "cache-single")
            return t_b, t_s

        t_batch, t_single = both()              # empty caches: the background is generated in both
        w_batch, w_single = both()              # again, caches warm: what each row costs beyond generation
        summary = json.loads((batch_dir / "promo" / "renders" / "batch.json").read_text())
        assert summary["ok"] == a.rows, summary
        name = names[a.check_row - 1]
        one = frames_digest(batch_dir / "promo" / "renders" / f"acme-{name}.mp4")
        alone = frames_digest(single_dir / "promo" / "renders" / f"acme-{name}.mp4")
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        print(f"{a.rows} rows x {a.seconds:g}s at {w}x{h} @ {a.fps} fps, one generated background, "
              f"{cores} cores, --workers {a.workers}")
        print(f"  --data batch          {t_batch:8.1f} s  ({t_batch / a.rows:.2f} s/row)")
        print(f"  {a.rows} separate renders  {t_single:8.1f} s  ({t_single / a.rows:.2f} s/row)")
        print(f"  ratio separate / batch: {t_single / t_batch:.2f}x")
        print(f"  again with warm caches: batch {w_batch:.1f} s, separate {w_single:.1f} s, "
              f"ratio {w_single / w_batch:.2f}x")
        print(f"  row {a.check_row} ({name}): {one[0]} frames, batch == alone: {one == alone}")
        if one != alone:
            raise SystemExit("row frames differ between the batch and the row rendered alone")


if __name__ == "__main__":
    main()
