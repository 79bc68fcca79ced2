"""Benchmark: a full-screen 1080p dashboard where only the cursor and one chart move.

Runs the real frame loop (`compositor.render.FrameRenderer` on a project written to a temp folder) twice:
  cached  — the UI kit as shipped: still parts rasterized once, only the chart's bars and the cursor redrawn;
  redraw  — the same project with the static cache off, so every component is drawn again every frame
            (what a naive mockup renderer does).
Prints frames/s of both and the ratio, for the layer rasters alone (the UI kit's share), for the whole frame
(compositing included) and for the whole frame with the cursor as a compact sprite (`CursorOverlay.place_at`). Usage: python bench/ui_dashboard.py [--frames 90]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PROJECT = """
compositor: 1
title: ui dashboard bench
brand: northwind
output: {size: [1920, 1080], fps: 30, file: out.mp4}
shots:
  - id: dash
    duration: 10
    background: {color: paper}
    layers:
      - ui.window:
          title: Northwind — Reviews
          padding: 0
          content:
            ui.row:
              gap: 0
              children:
                - ui.sidebar:
                    title: Northwind
                    items: [Overview, {label: Reviews, badge: "12"}, Vendors, Reports, Settings]
                    active: 1
                - ui.stack:
                    padding: xl
                    gap: lg
                    children:
                      - ui.row:
                          - ui.stat: {label: Open reviews, value: 1284, count: false}
                          - ui.stat: {label: Resolved today, value: 342, delta: "+12%", count: false}
                          - ui.stat: {label: Avg. time to close, value: 3.4, decimals: 1, suffix: " h", count: false}
                      - ui.row:
                          - ui.chart:
                              type: bar
                              title: Reviews per day
                              data: {Mon: 120, Tue: 180, Wed: 150, Thu: 210, Fri: 260, Sat: 90, Sun: 60}
                              grow: {at: 0, duration: 10}
                          - ui.chart: {type: donut, title: Risk mix, data: {Low: 58, Medium: 27, High: 15}, grow: false}
                      - ui.table:
                          columns: [Vendor, Risk, Owner, Spend]
                          rows: [[Acme Freight, High, J. Ortiz, 48200], [Blue Harbor, Low, M. Chen, 12950],
                                 [Cedar Labs, Medium, L. Park, 7310]]
                          highlight: 0
        at: [0, 0]
        anchor: top-left
        width: 1920
        height: 1080
      - ui.cursor:
          path: [[0, [300, 900]], [3, [1400, 300]], [6, [700, 700]], [10, [1600, 900]]]
"""


class Rate:
    """Frames per second by the wall clock and by this process's CPU time. On a shared machine the wall clock
    measures the neighbours; CPU time is what the frames cost (all threads counted, so never flattering)."""

    def __init__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def stop(self, frames: int) -> tuple[float, float]:
        return frames / (time.perf_counter() - self.wall), frames / max(1e-9, time.process_time() - self.cpu)


def compact_cursor_loop(project, renderer, first: int, frames: int) -> float:
    """The frame loop of render.py with one change the UI kit offers: the cursor as a small cached sprite placed
    by `CursorOverlay.place_at(t)` instead of a full-frame layer (needs that hook in the render loop)."""
    import numpy as np

    from compositor import composite
    from overlays.ui import CursorOverlay

    shot = project.shots[0]
    full = next(l for l in shot.layers if isinstance(l.overlay, CursorOverlay)).overlay
    sprite = CursorOverlay(full.spec, full.theme, project.size, full.path, full.resolver, compact=True)
    sprites: dict = {}
    clock = Rate()
    for i in range(first, first + frames):
        t = i / project.fps
        frame = shot.source.frame(i).copy()
        for layer in shot.layers:
            if layer.overlay is full:
                key = sprite.content_key(t)
                raster = sprites.get(key)
                if raster is None:
                    raster = sprites[key] = composite.rasterize(sprite, t, 1.0, 1.0)
                x, y = sprite.place_at(t)
                composite.warp_over(frame, raster, np.array([[1.0, 0, x - 1], [0, 1, y - 1], [0, 0, 1]]), 1.0)
                continue
            st = layer.state(t, i)
            raster = renderer.raster(id(layer), layer, t, st.reveal, st.wipe)
            k = layer.max_scale()
            matrix = st.matrix @ np.array([[1 / k, 0, -1 / k], [0, 1 / k, -1 / k], [0, 0, 1]])
            composite.warp_over(frame, raster, matrix, st.opacity)
    return clock.stop(frames)


def run(project_file: Path, frames: int, cached: bool) -> tuple:
    """frames/s of: the layer rasters alone, the whole frame loop, the loop with a compact cursor."""
    from compositor.project.load import load_project
    from compositor.render import FrameRenderer
    from overlays.ui import UiOverlay

    project = load_project(project_file)
    shot = project.shots[0]
    for layer in shot.layers:
        if isinstance(layer.overlay, UiOverlay):
            layer.overlay.use_cache = cached
    fps = project.fps
    renderer = FrameRenderer(project, use_cache=False)
    renderer.frame(0)                                   # warm-up: fonts, first rasters

    clock = Rate()
    for i in range(1, frames + 1):                      # what the UI kit owns: each layer's raster for frame i
        t = i / fps
        for layer in shot.layers:
            st = layer.state(t, i)
            if st.visible:
                renderer.raster(id(layer), layer, t, st.reveal, st.wipe)
    rasters = clock.stop(frames)

    clock = Rate()
    for i in range(frames + 1, 2 * frames + 1):         # the whole frame: background + rasters + compositing
        renderer.frame(i)
    whole = clock.stop(frames)
    compact = compact_cursor_loop(project, renderer, 2 * frames + 1, frames)
    return rasters, whole, compact


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--frames", type=int, default=90)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "project.yaml"
        f.write_text(PROJECT)
        cached = run(f, args.frames, True)
        redraw = run(f, args.frames, False)
    print(f"1080p dashboard layer + cursor layer, one chart growing, {args.frames} frames, no encode")
    print("frames/s by CPU time (what a frame costs) | by wall clock (includes other processes on this machine)")
    print(f"{'':32}{'ui kit (cached)':>22}{'redraw all':>22}{'ratio (cpu)':>13}")
    rows = ("layer rasters (draw + readback)", "whole frame incl. compositing", "  ... with the compact cursor")
    for i, name in enumerate(rows):
        (cw, cc), (rw, rc) = cached[i], redraw[i]
        print(f"{name:32}{cc:10.1f} cpu {cw:6.1f} wall{rc:10.1f} cpu {rw:6.1f} wall{cc / rc:11.2f}x")


if __name__ == "__main__":
    main()
