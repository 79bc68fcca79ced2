"""Studio scrub latency against `compositor preview`, on both example projects.

The studio (a real uvicorn server on a local port, fetched over HTTP like the page does) is asked for the frame
at every whole second at scale 0.5, in scrub order; the peer is the real CLI in a fresh process per frame
(`compositor preview PROJECT --at T`), which is what a user ran before the studio existed. Shots whose generated
footage is not cached show the placeholder (generation never runs in a scrub): run `compositor render` once
first to measure them cached. Also measured: time to the first frame (server start + first frame),
save-to-new-frame (a real write of the project file, the watcher, reload, a new frame) and the RSS of the
server process at the start and end of a soak of back-and-forth scrubbing.

    python bench/studio_latency.py [--cli-samples 3] [--soak 60] [--projects northwind-launch product-walkthrough]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.studio.live import serve  # noqa: E402

import httpx  # noqa: E402


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def wait_event(url: str, name: str, out: dict, ready: threading.Event) -> None:
    with httpx.stream("GET", url + "/api/events", timeout=30) as r:
        event = None
        for line in r.iter_lines():
            if line.startswith("event: "):
                event = line[7:]
                if event == "hello":
                    ready.set()
            elif event == name and line.startswith("data: "):
                out["at"] = time.perf_counter()
                out["data"] = json.loads(line[6:])
                return


def bench(name: str, cli_samples: int, soak: float) -> dict:
    src = ROOT / "projects" / name
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / name       # a copy, so the save test does not touch the shipped project
        shutil.copytree(src, work, ignore=shutil.ignore_patterns("renders"))
        cache = src / ".compositor-cache"
        project = work / "project.yaml"
        t0 = time.perf_counter()
        with serve(project) as (url, app):
            client = httpx.Client(base_url=url, timeout=120)
            info = client.get("/api/project").json()
            client.get("/api/frame", params={"t": 0, "scale": 0.5}).raise_for_status()
            first = time.perf_counter() - t0
            duration = info["frames"] / info["fps"]
            seconds = [float(s) for s in range(int(duration) + 1) if s < duration]
            lat = []
            for s in seconds:
                a = time.perf_counter()
                client.get("/api/frame", params={"t": s, "scale": 0.5}).raise_for_status()
                lat.append(time.perf_counter() - a)
            placeholders = [s["id"] for s in info["shots"] if s.get("placeholder")]

            out, ready = {}, threading.Event()
            th = threading.Thread(target=wait_event, args=(url, "project-changed", out, ready), daemon=True)
            th.start()
            ready.wait(10)
            time.sleep(0.2)
            a = time.perf_counter()
            project.write_text(project.read_text() + "\n# saved\n")
            th.join(10)
            client.get("/api/frame", params={"t": seconds[len(seconds) // 2], "scale": 0.5}).raise_for_status()
            save = time.perf_counter() - a

            rss0 = rss_mb()
            end = time.perf_counter() + soak
            n, k = 0, 0
            while time.perf_counter() < end:
                t = (k % info["frames"]) / info["fps"]
                client.get("/api/frame", params={"t": min(t, duration - 1e-3), "scale": 0.5}).raise_for_status()
                n, k = n + 1, k + 7
            rss1 = rss_mb()
        cli = []
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        for s in seconds[:cli_samples]:
            a = time.perf_counter()
            subprocess.run([sys.executable, "-m", "compositor", "preview", str(src / "project.yaml"), "--at", str(s),
                            "-o", str(Path(tmp) / "p.png")], check=True, capture_output=True, env=env)
            cli.append(time.perf_counter() - a)
    return {"name": name, "first": first, "median": statistics.median(lat), "worst": max(lat), "n": len(lat),
            "save": save, "cli": statistics.median(cli), "rss": (rss0, rss1), "soak_frames": n,
            "placeholders": placeholders, "cache": cache.exists()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli-samples", type=int, default=3)
    ap.add_argument("--soak", type=float, default=60.0, help="seconds of scrubbing for the RSS check (300 = 5 min)")
    ap.add_argument("--projects", nargs="+", default=["northwind-launch", "product-walkthrough"])
    args = ap.parse_args()
    for name in args.projects:
        r = bench(name, args.cli_samples, args.soak)
        print(f"{name}: first frame {r['first']:.2f}s; scrub at scale 0.5 over {r['n']} seconds: median "
              f"{r['median'] * 1000:.0f} ms, worst {r['worst'] * 1000:.0f} ms; save-to-new-frame {r['save']:.2f}s")
        print(f"  compositor preview per frame (fresh process, median of {args.cli_samples}): {r['cli']:.2f}s "
              f"-> studio is {r['cli'] / r['median']:.1f}x faster per frame")
        print(f"  RSS over a {args.soak:.0f}s scrub ({r['soak_frames']} frames): {r['rss'][0]:.0f} MB -> "
              f"{r['rss'][1]:.0f} MB")
        if r["placeholders"]:
            print(f"  placeholder (not cached) shots: {', '.join(r['placeholders'])}")


if __name__ == "__main__":
    main()
