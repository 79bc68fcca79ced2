"""qc: check a rendered video against its project (renders it first when it is missing or older than the
project file)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from .app import err, guarded, load, writable
from ..errors import EXIT_USER


def _stale(proj, video: Path) -> bool:
    if not video.exists():
        return True
    return video.stat().st_mtime < proj.file.stat().st_mtime


@guarded
def qc(project: Path = typer.Argument(..., help="project.yaml (or its folder)"),
       video: Optional[Path] = typer.Option(None, "--video", help="the rendered file to check (default: the "
                                            "project's output, rendered first when missing or stale)"),
       as_json: bool = typer.Option(False, "--json", help="print the JSON report on stdout"),
       output: Optional[Path] = typer.Option(None, "-o", "--output", help="HTML report to write (default: "
                                             "beside the video, NAME.qc.html; NAME.qc.json beside it)"),
       no_cache: bool = typer.Option(False, "--no-cache", help="re-measure footage without cached results")):
    """Quality control: format, black frames, text read back by OCR (text layers, UI mockups, Lottie text,
    captions), contrast, size, safe area, brand fills (CIEDE2000), logo presence, colour literals, fonts,
    caption timing, tracking confidence, loudness and true peak, footage coherence. Bars and gates come from
    the project's `quality:` section. Exit 0 when nothing gated fails, 2 when a gated check fails."""
    from ..qc import qc_project
    from ..qc.html import render_html, write_atomic, write_json

    proj = load(project)
    target = Path(video) if video else proj.output
    if video is None and _stale(proj, target):
        from ..progress import Progress
        from ..render import RenderOptions, run

        writable(proj, target, False)
        err(f"qc: rendering {target} first (missing or older than the project)")
        with Progress(f"render {proj.spec.title}", proj.timeline.n_frames) as bar:
            run(proj, options=RenderOptions(use_cache=not no_cache), progress=bar.step_message,
                frame_done=bar.frames)
    elif video is not None and not target.exists():
        typer.echo(f"--video {video}: no such file — render it first or give the right path", err=True)
        raise typer.Exit(EXIT_USER)
    html_path = Path(output) if output else target.with_name(target.stem + ".qc.html")
    writable(proj, html_path, output is not None)
    report, found, thumbs = qc_project(proj, target, use_cache=not no_cache)
    json_path = html_path.with_suffix(".json")
    write_json(json_path, report)
    write_atomic(html_path, render_html(report, found, thumbs))
    if as_json:
        print(json.dumps(report, indent=2))
    else:
        for f in found:
            if f.status != "pass":
                print(f.line())
        c = report["counts"]
        print(f"qc {report['status']}: {c['pass']} pass, {c['warn']} warn, {c['fail']} fail "
              f"({report['seconds']:.1f}s); wrote {html_path} and {json_path}")
    if report["status"] == "fail":
        raise typer.Exit(EXIT_USER)
