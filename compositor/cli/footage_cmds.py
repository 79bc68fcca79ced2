"""check, track: the commands that measure a shot's footage."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from .app import guarded, load


@guarded
def check(project: Path = typer.Argument(..., help="project.yaml"),
          as_json: bool = typer.Option(False, "--json", help="print the report as JSON (for scripts and CI)"),
          no_cache: bool = typer.Option(False, "--no-cache")):
    """Coherence of every shot's footage: score 0-100, each metric, verdict and the worst moments; and the
    continuity (0-1) of every pair of linked shots (a shared reference, continuity, start_from, end_on). Writes a
    JSON report and a coherence-monitor PNG beside the output. Exit 2 when `quality.on_fail: fail` and a shot
    or a pair fails."""
    import sys

    from ..errors import UserError
    from ..consistency import pairs
    from ..consistency.gate import analyze_shots, failures, report_paths, write
    from ..session import RenderSession

    proj = load(project)
    session = RenderSession(proj, use_cache=not no_cache)
    try:
        results = analyze_shots(session)
        linked = pairs.measure_pairs(session)
    finally:
        session.close()
    report = write(proj, results, continuity=linked)
    if as_json:
        print(json.dumps(report, indent=2))
    else:
        from ..consistency.report import print_table

        print_table(report)
        pairs.print_table(report["continuity"])
        json_path, png_path = report_paths(proj)
        print(f"wrote {json_path} and {png_path}")
    issues = failures(proj, results) + pairs.failures(proj, linked)
    q = proj.spec.quality
    if issues and q is not None and q.on_fail == "fail":
        raise UserError(issues)
    for issue in issues:
        print(f"warning: {issue}", file=sys.stderr)


@guarded
def track(project: Path = typer.Argument(..., help="project.yaml"),
          shot: str = typer.Option(..., "--shot", help="the id of the shot whose tracks to compute"),
          output: Optional[Path] = typer.Option(None, "-o", "--output", help="debug video with the tracked "
                                                "quads/points drawn (default: renders/<shot>.tracks.mp4)"),
          no_cache: bool = typer.Option(False, "--no-cache")):
    """Track a shot: print each track's confidence (and when it is low), write a debug video and the track data
    as JSON, After Effects corner-pin keyframes and Nuke CornerPin2D beside it."""
    from ..errors import UserError
    from ..session import RenderSession
    from ..tracking.bind import track as run_track
    from ..tracking.debug import render_track_debug
    from ..tracking.export import write_exports

    proj = load(project)
    ids = [s.id for s in proj.shots]
    if shot not in ids:
        raise UserError(proj.lines.issue(("shots",), f"no shot {shot!r}", f"use one of: {', '.join(ids)}"))
    target = proj.shot(shot)
    if not target.spec.tracks:
        raise UserError(proj.lines.issue(("shots", target.index), f"shot {shot!r} has no tracks",
                                         "add a `tracks:` mapping to it (see docs/tracking.md)"))
    ctx = RenderSession(proj, use_cache=not no_cache).context(target)
    footage = target.source.fresh()      # the footage as filmed (not the stabilized plate)
    try:
        footage.prepare(ctx)
        ts = run_track(target, footage, ctx, proj.lines)
        out = output or proj.base_dir / "renders" / f"{shot}.tracks.mp4"
        render_track_debug(ts, footage.frame, target.span.n_frames, proj.fps, out)
        exports = write_exports(ts, Path(out).parent, f"{shot}.tracks")
    finally:
        footage.close()
    print(ts.summary_text())
    print(f"wrote {out}")
    for p in exports:
        print(f"wrote {p}")


