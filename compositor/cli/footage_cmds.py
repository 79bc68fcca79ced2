"""check, track: the commands that measure a shot's footage."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from .app import guarded, load
from ..errors import EXIT_USER


@guarded
def check(project: Path = typer.Argument(..., help="project.yaml"),
          as_json: bool = typer.Option(False, "--json", help="print the report as JSON (for scripts and CI)"),
          no_cache: bool = typer.Option(False, "--no-cache")):
    """Coherence of every shot's footage: score 0-100, each metric, verdict and the worst moments; and the
    continuity (0-1) of every pair of linked shots (a shared reference, continuity, start_from, end_on). Writes a
    JSON report and a coherence-monitor PNG beside the output. Exit 2 when `quality.on_fail: fail` and a shot
    or a pair fails."""
    import sys

    from ..consistency import pairs

    video = load(project)
    report = video.check(use_cache=not no_cache, fail=False)
    issues, gated = report.pop("issues"), report.pop("gated")
    if as_json:
        print(json.dumps(report, indent=2))
    else:
        from ..consistency.gate import report_paths
        from ..consistency.report import print_table

        print_table(report)
        pairs.print_table(report["continuity"])
        json_path, png_path = report_paths(video.project)
        print(f"wrote {json_path} and {png_path}")
    if gated:           # after the report: the table says what failed, the issues say where
        for issue in issues:
            print(issue, file=sys.stderr)
        raise typer.Exit(EXIT_USER)
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
    tracks, out, exports = load(project).track(shot, output, use_cache=not no_cache)
    print(tracks.summary_text())
    print(f"wrote {out}")
    for p in exports:
        print(f"wrote {p}")
