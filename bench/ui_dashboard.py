"""Benchmark: a full-screen 1080p dashboard where only the cursor and one chart move.

Runs the real frame loop (`compositor.render.FrameRenderer` on a project written to a temp folder) twice:
  cached  — the UI kit as shipped: still parts rasterized once, only the chart's bars and the cursor redrawn;
  redraw  — the same project with the static cache off, so every component is drawn again every frame
            (what a naive mockup renderer does).
Prints frames/s of both and the ratio. Usage: python bench/ui_dashboard.py [--frames 90]
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


def run(project_file: Path, frames: int, cached: bool) -> tuple[float, float]:
    """(frames/s of the layer rasters alone, frames/s of the whole frame loop with compositing)."""
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

    t0 = time.perf_counter()
    for i in range(1, frames + 1):                      # what the UI kit owns: each layer's raster for frame i
        t = i / fps
        for layer in shot.layers:
            st = layer.state(t, i)
            if st.visible:
                renderer.raster(id(layer), layer, t, st.reveal, st.wipe)
    rasters = frames / (time.perf_counter() - t0)

    t0 = time.perf_counter()
    for i in range(frames + 1, 2 * frames + 1):         # the whole frame: background + rasters + compositing
        renderer.frame(i)
    whole = frames / (time.perf_counter() - t0)
    return rasters, whole


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
    print(f"{'':34}{'ui kit (cached)':>16}{'redraw all':>12}{'ratio':>8}")
    print(f"{'layer rasters (draw + readback)':34}{cached[0]:13.1f} /s{redraw[0]:9.1f} /s{cached[0] / redraw[0]:7.2f}x")
    print(f"{'whole frame incl. compositing':34}{cached[1]:13.1f} /s{redraw[1]:9.1f} /s{cached[1] / redraw[1]:7.2f}x")


if __name__ == "__main__":
    main()
