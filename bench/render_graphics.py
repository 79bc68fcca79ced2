"""Graphics-heavy composition vs the encoder alone and vs moviepy 2, in one run.

The scene (1080p30, --seconds long, 20 by default): a brand colour background, a UI window holding a bar chart
and two stats (grows in over the first second), a cursor that moves along a path the whole time, a headline and
the logo.

- compositor: `render()` of that project, one worker.
- encoder alone: the same frames (our output, decoded) encoded with the same codec settings through PyAV; the
  time of a decode-only pass over the same file is subtracted, so the figure is the encoder's alone.
- moviepy 2: a ColorClip, ImageClips of the window, headline and logo (images of ours: drawing UI is not what
  is measured), and a moving cursor ImageClip; write_videofile with the same codec, preset and crf.

Sides run interleaved, --repeats times; medians printed with ratios. Bars: >= 0.6x encoder alone, >= 3x moviepy.

    python bench/render_graphics.py [--seconds 20] [--repeats 3] [--preset medium] [--no-moviepy]
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from render_footage import (CRF, FPS, H, KIT, W, Clock, _image_clip, logo_image, parse_args,  # noqa: E402
                            progress, report, run_compositor)

PROJECT = """\
compositor: 1
title: graphics bench
brand: {kit}
output: {{size: [{w}, {h}], fps: {fps}, file: out.mp4, crf: {crf}, preset: {preset}}}
shots:
  - id: ui
    duration: {seconds}
    background: {{color: paper}}
    layers:
      - ui.window:
          title: "Reviews"
          content:
            ui.stack:
              - ui.row:
                  - ui.stat: {{label: "Open reviews", value: 1284}}
                  - ui.stat: {{label: "Resolved today", value: 342, delta: "+12%"}}
              - ui.chart:
                  type: bar
                  title: "Reviews resolved"
                  data: {{Mon: 120, Tue: 180, Wed: 150, Thu: 210, Fri: 260}}
        at: [1060, 580]
        width: 1400
      - ui.cursor:
          path: {path}
      - text: "Resolved, automatically"
        style: headline
        at: [700, 90]
      - logo: default
        at: [1750, 90]
        width: 220
"""


def cursor_path(seconds: float) -> str:
    points = [(0, 1700, 950), (0.25, 600, 500), (0.5, 1400, 700), (0.75, 900, 300), (1.0, 1600, 900)]
    return "[" + ", ".join(f"[{round(u * seconds, 3)}, [{x}, {y}]]" for u, x, y in points) + "]"


def write_project(folder: Path, seconds: float, preset: str) -> Path:
    p = folder / "project.yaml"
    p.write_text(PROJECT.format(kit=KIT, w=W, h=H, fps=FPS, crf=CRF, preset=preset, seconds=seconds,
                                path=cursor_path(seconds)))
    return p


def decode_only(path: Path) -> tuple[float, float]:
    import av

    with Clock() as clock, av.open(str(path)) as c:
        for f in c.decode(video=0):
            f.to_ndarray(format="rgb24")
    return clock.result


def run_encoder_alone(source: Path, out: Path, preset: str) -> tuple[float, float]:
    """Decode our render and re-encode it; minus a decode-only pass: the encoder's time on these frames."""
    import av

    from compositor.encode import open_writer

    with Clock() as clock, av.open(str(source)) as c, open_writer(out, (W, H), FPS, crf=CRF, preset=preset) as w:
        for f in c.decode(video=0):
            w.write(f.to_ndarray(format="rgb24"))
    (wall, cpu), (dwall, dcpu) = clock.result, decode_only(source)
    return max(1e-6, wall - dwall), max(1e-6, cpu - dcpu)


def layer_images(project_file: Path, seconds: float) -> dict:
    """Our rasters of the window and headline at their final state (moviepy only composites them)."""
    from compositor import composite
    from compositor.project.load import load_project

    project = load_project(project_file)
    shot = project.shots[0]
    t = seconds - 1 / FPS             # the last frame
    out = {}
    for layer, name in zip(shot.layers, ("window", "cursor", "headline", "logo")):
        if name in ("window", "headline", "cursor"):
            rgba = composite.rasterize(layer.overlay, t, 1.0, 1.0)
            out[name] = (rgba, layer.state(t).matrix)
    return out


def _unpremultiply(rgba: np.ndarray) -> np.ndarray:
    from compositor.encode import unpremultiply
    return unpremultiply(rgba)


def run_moviepy(images: dict, out: Path, seconds: float, preset: str) -> tuple[float, float]:
    with Clock() as c:
        _moviepy_graphics(images, out, seconds, preset)
    return c.result


def _moviepy_graphics(images: dict, out: Path, seconds: float, preset: str) -> None:
    from moviepy import ColorClip, CompositeVideoClip

    clips = [ColorClip((W, H), color=(250, 250, 247), duration=seconds)]
    for name in ("window", "headline"):
        rgba, m = images[name]
        clips.append(_image_clip(_unpremultiply(rgba), seconds).with_position((m[0, 2], m[1, 2])))
    logo = _image_clip(logo_image(220), seconds).with_position((1750 - 110, 40))
    cursor_rgba = _unpremultiply(images["cursor"][0])
    pts = [(0, 1700, 950), (0.25, 600, 500), (0.5, 1400, 700), (0.75, 900, 300), (1.0, 1600, 900)]

    def at(tt):
        u = tt / seconds
        return (float(np.interp(u, [p[0] for p in pts], [p[1] for p in pts])),
                float(np.interp(u, [p[0] for p in pts], [p[2] for p in pts])))
    cursor = _image_clip(cursor_rgba, seconds).with_position(at)
    comp = CompositeVideoClip(clips + [logo, cursor], size=(W, H)).with_duration(seconds)
    comp.write_videofile(str(out), fps=FPS, codec="libx264", preset=preset, audio=False, logger=None,
                         ffmpeg_params=["-crf", str(CRF), "-pix_fmt", "yuv420p"])


def main(argv=None) -> int:
    args = parse_args(argv, __doc__)
    n = int(round(args.seconds * FPS))
    times: dict[str, list[tuple[float, float]]] = {"compositor": [], "encoder alone": [], "moviepy 2": []}
    with tempfile.TemporaryDirectory(prefix="bench-graphics-") as tmp:
        tmp = Path(tmp)
        project = write_project(tmp, args.seconds, args.preset)
        images = layer_images(project, args.seconds)
        for r in range(args.repeats):
            times["compositor"].append(run_compositor(project, tmp / "ours.mp4"))
            times["encoder alone"].append(run_encoder_alone(tmp / "ours.mp4", tmp / "enc.mp4", args.preset))
            if not args.no_moviepy:
                times["moviepy 2"].append(run_moviepy(images, tmp / "mp.mp4", args.seconds, args.preset))
            progress(r, n, times)
    return report("graphics", n, args, times, {"encoder alone": 0.6, "moviepy 2": 3.0})


if __name__ == "__main__":
    sys.exit(main())
