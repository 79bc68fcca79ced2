"""qc: check a rendered video against its project (renders it first when it is missing or older than the
project file)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from .app import err, guarded, load
from ..api import _stale
from ..errors import EXIT_USER


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
    from ..progress import Progress

    video_ = load(project)
    if video is not None and not Path(video).exists():
        typer.echo(f"--video {video}: no such file — render it first or give the right path", err=True)
        raise typer.Exit(EXIT_USER)
    if video is None and _stale(video_.project, video_.output):
        err(f"qc: rendering {video_.output} first (missing or older than the project)")
    with Progress(f"render {video_.project.spec.title}", video_.n_frames) as bar:
        report = video_.qc(video, use_cache=not no_cache, html=output, stage=bar.step_message,
                           progress=lambda n, total: bar.frames(n, total, 0.0))
    if as_json:
        print(json.dumps({k: v for k, v in report.items() if k not in ("files", "findings_text")}, indent=2))
    else:
        for line in report["findings_text"]:
            print(line)
        c = report["counts"]
        print(f"qc {report['status']}: {c['pass']} pass, {c['warn']} warn, {c['fail']} fail "
              f"({report['seconds']:.1f}s); wrote {report['files']['html']} and {report['files']['json']}")
    if report["status"] == "fail":
        raise typer.Exit(EXIT_USER)
