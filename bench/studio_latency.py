"""Studio scrub latency against `compositor preview`, on both example projects.

The studio (a real uvicorn server on a local port, fetched over HTTP like the page does) is asked for the frame
at every whole second at scale 0.5, in scrub order, once as the page asks (JPEG) and once as PNG, each from a
fresh server so neither pass warms the other; then the same seconds again (frames already seen). The peer is the
real CLI in a fresh process per frame (`compositor preview PROJECT --at T`), which is what a user ran before the
studio existed. Shots whose generated footage is not cached show the placeholder (generation never runs in a
scrub): run `compositor render` once first to measure them cached. Also measured: time to the first frame
(server start + first frame) and save-to-new-frame (a real write of the project file, the watcher, reload, a new
frame).

`--soak SECONDS` then leaves a studio scrubbing back and forth for that long the way the page does with the
outlines overlay on (a JPEG frame and the layer boxes per position), saving the project file every 15 s like a user editing it, and reports the
process's RSS after the first pass over every frame, every minute, and at the end.

    python bench/studio_latency.py [--cli-samples 3] [--soak 300] [--projects northwind-launch product-walkthrough]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
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

SAMPLE_S = 60.0      # RSS sample interval of a soak


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


def copy_project(name: str, tmp: Path) -> Path:
    """A copy (cache included, renders not), so the save test never touches the shipped project; it sits at the
    same depth under a `projects/` folder beside a link to the repository's kits, so relative kit paths hold."""
    (tmp / "brand").symlink_to(ROOT / "brand", target_is_directory=True)
    work = tmp / "projects" / name
    shutil.copytree(ROOT / "projects" / name, work, ignore=shutil.ignore_patterns("renders"))
    return work / "project.yaml"


def scrub(client: httpx.Client, seconds: list[float], fmt: str) -> list[float]:
    lat = []
    for s in seconds:
        a = time.perf_counter()
        client.get("/api/frame", params={"t": s, "scale": 0.5, "format": fmt}).raise_for_status()
        lat.append(time.perf_counter() - a)
    return lat


def latency(project: Path, fmt: str) -> dict:
    t0 = time.perf_counter()
    with serve(project) as (url, _app):
        client = httpx.Client(base_url=url, timeout=120)
        info = client.get("/api/project").json()
        client.get("/api/frame", params={"t": 0, "scale": 0.5, "format": fmt}).raise_for_status()
        first = time.perf_counter() - t0
        duration = info["frames"] / info["fps"]
        seconds = [float(s) for s in range(int(duration) + 1) if s < duration]
        cold = scrub(client, seconds, fmt)
        again = scrub(client, seconds, fmt)
        save = None
        if fmt == "jpeg":
            out, ready = {}, threading.Event()
            th = threading.Thread(target=wait_event, args=(url, "project-changed", out, ready), daemon=True)
            th.start()
            ready.wait(10)
            time.sleep(0.2)
            a = time.perf_counter()
            project.write_text(project.read_text() + "\n# saved\n")
            th.join(10)
            client.get("/api/frame", params={"t": seconds[len(seconds) // 2], "scale": 0.5,
                                             "format": fmt}).raise_for_status()
            save = time.perf_counter() - a
    return {"first": first, "cold": cold, "again": again, "save": save, "seconds": seconds,
            "placeholders": [s["id"] for s in info["shots"] if s.get("placeholder")]}


def proc_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def soak(project: Path, seconds: float) -> dict:
    """`compositor studio` in its own process, scrubbed back and forth as the page does it with outlines on (a JPEG
    frame and the layer boxes per position), with a save every 15 s; RSS samples of that process."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "compositor", "studio", str(project), "--port", str(port),
                             "--no-open"], env=dict(os.environ, PYTHONPATH=str(ROOT)),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120)
        deadline = time.time() + 60
        while True:
            try:
                info = client.get("/api/project").json()
                break
            except httpx.TransportError:
                if time.time() > deadline or proc.poll() is not None:
                    raise RuntimeError("the studio did not start: " + (proc.stderr.read() if proc.poll() else ""))
                time.sleep(0.2)
        frames, fps = info["frames"], info["fps"]

        def show(k: int) -> None:
            t = min(k, frames - 1) / fps
            client.get("/api/frame", params={"t": t, "scale": 0.5, "format": "jpeg"}).raise_for_status()
            client.get("/api/outlines", params={"t": t}).raise_for_status()

        for k in range(0, frames, 3):          # one pass over the video: every cache at work
            show(k)
        samples = [(0.0, proc_rss_mb(proc.pid))]
        start = time.perf_counter()
        n, saves, next_save, next_sample = 0, 0, 15.0, SAMPLE_S
        while (now := time.perf_counter() - start) < seconds:
            k = (7 * n + n // 97) % (2 * frames)     # forth and back in steps of 7, a little off the last path
            show(k if k < frames else 2 * frames - 1 - k)
            n += 1
            if now >= next_save:
                project.write_text(project.read_text() + f"\n# save {saves}\n")
                saves, next_save = saves + 1, next_save + 15
            if now >= next_sample:
                samples.append((now, proc_rss_mb(proc.pid)))
                next_sample += SAMPLE_S
        samples.append((time.perf_counter() - start, proc_rss_mb(proc.pid)))
        version = client.get("/api/project").json()["version"]
        return {"samples": samples, "positions": n, "saves": saves, "version": version}
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(20)


def cli_preview(name: str, seconds: list[float], samples: int, tmp: Path) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    times = []
    for s in seconds[:samples]:
        a = time.perf_counter()
        subprocess.run([sys.executable, "-m", "compositor", "preview", str(ROOT / "projects" / name / "project.yaml"),
                        "--at", str(s), "-o", str(tmp / "p.png")], check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - a)
    return statistics.median(times)


def ms(xs: list[float]) -> str:
    return f"median {statistics.median(xs) * 1000:.0f} ms, worst {max(xs) * 1000:.0f} ms"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli-samples", type=int, default=3)
    ap.add_argument("--soak", type=float, default=0.0, metavar="SECONDS",
                    help="then scrub for this long and report RSS start/end (300 = the 5-minute check)")
    ap.add_argument("--projects", nargs="+", default=["northwind-launch", "product-walkthrough"])
    args = ap.parse_args()
    for name in args.projects:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            project = copy_project(name, tmp)
            jpeg, png = latency(project, "jpeg"), latency(project, "png")
            cli = cli_preview(name, jpeg["seconds"], args.cli_samples, tmp)
            print(f"{name}: first frame {jpeg['first']:.2f}s; scrub at scale 0.5 over {len(jpeg['cold'])} seconds:")
            print(f"  JPEG (as the page asks): {ms(jpeg['cold'])}; seen before: {ms(jpeg['again'])}")
            print(f"  PNG:                     {ms(png['cold'])}; seen before: {ms(png['again'])}")
            print(f"  compositor preview per frame (fresh process, median of {args.cli_samples}): {cli:.2f}s -> "
                  f"studio is {cli / statistics.median(jpeg['cold']):.0f}x (JPEG) / "
                  f"{cli / statistics.median(png['cold']):.0f}x (PNG) faster per frame")
            print(f"  save-to-new-frame {jpeg['save']:.2f}s")
            if jpeg["placeholders"]:
                print(f"  placeholder (not cached) shots: {', '.join(jpeg['placeholders'])} — run `compositor "
                      f"render` once to measure them cached")
            if args.soak > 0:
                r = soak(project, args.soak)
                trail = ", ".join(f"{t:.0f}s {m:.0f} MB" for t, m in r["samples"])
                print(f"  soak {args.soak:.0f}s ({r['positions']} positions, {r['saves']} saves, version "
                      f"{r['version']}): RSS start {r['samples'][0][1]:.0f} MB -> end {r['samples'][-1][1]:.0f} MB "
                      f"(max {max(m for _, m in r['samples']):.0f} MB; {trail})")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
