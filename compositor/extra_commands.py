"""Commands beyond render/preview: the timeline table, coherence check, track debug, caches."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from .cli import _load, app, cache_app, guarded


def _clock(t: float) -> str:
    return f"{int(t // 60):02d}:{t % 60:06.3f}"


@app.command()
@guarded
def timeline(project: Path = typer.Argument(..., help="project.yaml"),
             as_json: bool = typer.Option(False, "--json", help="machine-readable output")):
    """Every shot, audio clip and caption with its times (after `duration: auto` and `at:` are resolved)."""
    from rich.console import Console
    from rich.table import Table

    from .soundtrack import shot_spans

    proj = _load(project)
    rows = []
    for sid, (a, b) in shot_spans(proj).items():
        shot = proj.shot(sid)
        tr = shot.transition
        note = f"{tr.kind} {tr.duration:g}s" if tr and tr.kind != "cut" else ""
        rows.append({"kind": "shot", "id": sid, "start": a, "end": b, "note": note})
    for clip in proj.extras.get("placed_clips", []):
        rows.append({"kind": clip.kind, "id": clip.id, "start": clip.start, "end": clip.end,
                     "note": Path(str(clip.file)).name})
    for cue in proj.extras.get("captions") or []:
        rows.append({"kind": "caption", "id": "", "start": cue.start, "end": cue.end, "note": cue.text})
    rows.sort(key=lambda r: (r["start"], r["kind"] != "shot"))
    if as_json:
        print(json.dumps({"duration": proj.timeline.duration, "frames": proj.timeline.n_frames, "items": rows},
                         indent=2))
        return
    table = Table(title=f"{proj.spec.title} — {proj.timeline.duration:.2f}s, {proj.timeline.n_frames} frames")
    for col in ("kind", "id", "start", "end", "length", "note"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["kind"], r["id"], _clock(r["start"]), _clock(r["end"]), f"{r['end'] - r['start']:.2f}s",
                      r["note"][:60])
    Console(width=140).print(table)


@app.command()
@guarded
def check(project: Path = typer.Argument(..., help="project.yaml"),
          as_json: bool = typer.Option(False, "--json", help="print the report as JSON (for scripts and CI)"),
          no_cache: bool = typer.Option(False, "--no-cache")):
    """Coherence of every shot's footage: score 0-100, each metric, verdict and the worst moments; writes a JSON
    report and a coherence-monitor PNG beside the output. Exit 2 when `quality.on_fail: fail` and a shot fails."""
    import sys

    from .errors import UserError
    from .quality import analyze_shots, failures, report_paths, write
    from .render import FrameRenderer

    proj = _load(project)
    renderer = FrameRenderer(proj, use_cache=not no_cache)
    try:
        results = analyze_shots(renderer)
    finally:
        renderer.close()
    report = write(proj, results)
    if as_json:
        print(json.dumps(report, indent=2))
    else:
        from .consistency.report import print_table

        print_table(report)
        json_path, png_path = report_paths(proj)
        print(f"wrote {json_path} and {png_path}")
    issues = failures(proj, results)
    q = proj.spec.quality
    if issues and q is not None and q.on_fail == "fail":
        raise UserError(issues)
    for issue in issues:
        print(f"warning: {issue}", file=sys.stderr)


@app.command()
@guarded
def track(project: Path = typer.Argument(..., help="project.yaml"),
          shot: str = typer.Option(..., "--shot", help="the id of the shot whose tracks to compute"),
          output: Optional[Path] = typer.Option(None, "-o", "--output", help="debug video with the tracked "
                                                "quads/points drawn (default: renders/<shot>.tracks.mp4)"),
          no_cache: bool = typer.Option(False, "--no-cache")):
    """Track a shot: print each track's confidence (and when it is low), write a debug video and the track data
    as JSON, After Effects corner-pin keyframes and Nuke CornerPin2D beside it."""
    from .errors import UserError
    from .render import FrameRenderer
    from .tracking.bind import track as run_track
    from .tracking.debug import render_track_debug
    from .tracking.export import write_exports

    proj = _load(project)
    ids = [s.id for s in proj.shots]
    if shot not in ids:
        raise UserError(proj.lines.issue(("shots",), f"no shot {shot!r}", f"use one of: {', '.join(ids)}"))
    target = proj.shot(shot)
    if not target.spec.tracks:
        raise UserError(proj.lines.issue(("shots", target.index), f"shot {shot!r} has no tracks",
                                         "add a `tracks:` mapping to it (see docs/tracking.md)"))
    renderer = FrameRenderer(proj, use_cache=not no_cache)
    try:
        target.source.prepare(renderer.context(target))
        ctx = renderer.context(target)
        ts = run_track(target, ctx, renderer)
        out = output or proj.base_dir / "renders" / f"{shot}.tracks.mp4"
        render_track_debug(ts, target.source.frame, target.span.n_frames, proj.fps, out)
        exports = write_exports(ts, Path(out).parent, f"{shot}.tracks")
    finally:
        renderer.close()
    print(ts.summary_text())
    print(f"wrote {out}")
    for p in exports:
        print(f"wrote {p}")


def _cache_dir(project: Optional[Path]) -> Path:
    from .project.load import default_cache_dir

    if project is None:
        return default_cache_dir(Path.cwd())
    folder = project if project.is_dir() else project.parent
    return default_cache_dir(folder.resolve())


@cache_app.command("list")
@guarded
def cache_list(project: Optional[Path] = typer.Argument(None, help="a project file or folder (default: here)")):
    """List cached generated clips (key, size, frames, prompt, seed) and cached tracks."""
    from .diffusion.cache import list_entries

    root = _cache_dir(project)
    entries = list_entries(root)
    tracks = sorted((root / "tracks").glob("*.npz")) if (root / "tracks").exists() else []
    for e in entries:
        flag = " CORRUPT" if e.get("corrupt") else ""
        print(f"{e['key'][:16]}  {e['bytes'] / 1e6:7.2f} MB  seed {e.get('seed', '?')}  "
              f"{str(e.get('prompt', ''))[:60]!r}{flag}")
    for t in tracks:
        print(f"track {t.stem[:16]}  {t.stat().st_size / 1e6:7.2f} MB")
    print(f"{len(entries)} generated clip(s), {len(tracks)} track file(s) in {root}")


@cache_app.command("clear")
@guarded
def cache_clear(project: Optional[Path] = typer.Argument(None, help="a project file or folder (default: here)")):
    """Delete cached generated clips and tracks (they are recomputed on the next render)."""
    import shutil

    from .diffusion.cache import clear

    root = _cache_dir(project)
    removed = clear(root)
    tracks = root / "tracks"
    n_tracks = len(list(tracks.glob("*.npz"))) if tracks.exists() else 0
    shutil.rmtree(tracks, ignore_errors=True)
    print(f"removed {removed} generated clip(s) and {n_tracks} track file(s) from {root}")
