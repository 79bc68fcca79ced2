"""render, preview, sheet: the commands that make pictures."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from .app import err, guarded, load, report_lines


@guarded
def render(project: Path = typer.Argument(..., help="project.yaml (or its folder)"),
           output: Optional[Path] = typer.Option(None, "-o", "--output", help="output file; the extension picks "
                                                 ".mp4/.mov/.webm, no extension = PNG folder"),
           no_cache: bool = typer.Option(False, "--no-cache", help="regenerate and re-track instead of reusing "
                                         "cached results"),
           variant: Optional[str] = typer.Option(None, "--variant", help="render a named output variant "
                                                 "(another cut, declared under variants:); 'all' renders the "
                                                 "main cut and every variant, each to its own file"),
           workers: int = typer.Option(0, "--workers", "-w", help="cores to render on: 0 = all (one chunk "
                                       "worker per core), N = at most N cores; the file is the same for any N"),
           executor: str = typer.Option("local", "--executor", help="where chunks run: 'local' processes or "
                                        "'ray' (a Ray cluster, see --address)"),
           address: Optional[str] = typer.Option(None, "--address", help="Ray cluster: 'auto' (the cluster this "
                                                 "machine joined) or HOST:PORT; none starts a local Ray"),
           profile: bool = typer.Option(False, "--profile", help="print where the time went (per stage and per "
                                        "layer kind)"),
           render_pass: str = typer.Option("full", "--pass", help="'full', 'overlays' (the overlay layers alone "
                                           "over transparency, for an editor) or 'background' (the backgrounds "
                                           "alone)"),
           sets: List[str] = typer.Option([], "--set", help="a parameter's value, NAME=VALUE (repeatable; see "
                                          "params: in docs/campaigns.md)"),
           data: Optional[Path] = typer.Option(None, "--data", help="render one video per row of a .csv, .json "
                                               "or .jsonl file whose columns are parameter names"),
           rows: Optional[str] = typer.Option(None, "--rows", help="with --data: the rows to render, 1-based: "
                                              "3, 2-5 or 1,4-6")):
    """Render the project to a video (atomically: a failed render leaves the previous file untouched)."""
    from ..profile import Profile
    from ..progress import Progress
    from ..render import PASSES
    from .supervise import supervised

    if executor not in ("local", "ray"):
        raise typer.BadParameter("--executor must be 'local' or 'ray'")
    if workers < 0:
        raise typer.BadParameter("--workers must be 0 (all cores) or more")
    if render_pass not in PASSES:
        raise typer.BadParameter(f"--pass must be one of: {', '.join(PASSES)}")
    params = _sets(sets)
    if variant == "all":        # every cut, each through this same command (compositor/cli/variants_all.py)
        from .variants_all import render_all
        return render_all(project, output, data, lambda out, name: render.__wrapped__(
            project, out, no_cache, name, workers, executor, address, profile, render_pass, sets, data, rows))
    if data is not None or rows is not None:
        return _batch(project, data, rows, params, variant, workers, executor, address, no_cache, output,
                      render_pass)
    video = load(project, output, variant, params)
    supervised(video.project, output)  # from here on in a child process: a native crash is reported by the parent
    prof = Profile() if profile else None
    with Progress(f"render {video.project.spec.title}", video.n_frames) as bar:
        done = video.render(output, workers=workers, executor=executor, address=address, use_cache=not no_cache,
                            render_pass=render_pass, stage=bar.step_message, progress=_frames(bar),
                            profile=prof)
    if prof is not None:
        from ..chunks import resolve_workers
        print(prof.report(resolve_workers(workers) if executor == "local" else "ray"))
    report_lines(done.gate)
    for path in done.report.sidecars:
        print(f"wrote {path}")
    report_lines(done.report.notes + done.report.warnings)
    w, h = video.size
    print(f"wrote {done.path} ({done.frames} frames, {w}x{h} @ {video.fps:g} fps)")


def _sets(sets: List[str]) -> dict:
    from ..rows import parse_sets

    try:
        return parse_sets(sets)
    except ValueError as exc:
        raise typer.BadParameter(str(exc))


def _batch(project, data, rows, params, variant, workers, executor, address, no_cache, output, render_pass) -> None:
    """--data: one video per row (compositor/batch.py); exit 2 when any row failed."""
    from ..batch import render_batch
    from ..errors import EXIT_USER
    from ..rows import pick, read_rows

    if data is None:
        raise typer.BadParameter("--rows picks rows of a --data file: give --data too")
    if output is not None:
        raise typer.BadParameter("-o names one file; with --data, name the files with {{…}} in output.file")
    if render_pass != "full":
        raise typer.BadParameter("--pass works on one video; render the rows with the full pass")
    try:
        picked = pick(read_rows(data), rows)
    except ValueError as exc:
        raise typer.BadParameter(str(exc))
    result = render_batch(project, picked, base=params, variant=variant, workers=workers, executor=executor,
                          address=address, use_cache=not no_cache, report=err)
    ok = len(result.rows) - len(result.failed)
    print(f"wrote {result.summary} ({ok} of {len(result.rows)} rows rendered, {len(result.failed)} failed, "
          f"{result.seconds:.1f}s)")
    if result.failed:
        raise typer.Exit(EXIT_USER)


def _frames(bar):
    """The bar's frame counter as the service's progress callback (done, total)."""
    import time

    started = time.perf_counter()
    return lambda n, total: bar.frames(n, total, time.perf_counter() - started)


@guarded
def preview(project: Path = typer.Argument(..., help="project.yaml"),
            at: float = typer.Option(..., "--at", help="time in seconds"),
            output: Path = typer.Option(Path("frame.png"), "-o", "--output", help="PNG to write"),
            variant: Optional[str] = typer.Option(None, "--variant", help="a named output variant"),
            sets: List[str] = typer.Option([], "--set", help="a parameter's value, NAME=VALUE (repeatable)")):
    """Render one exact frame to a PNG (fast: only the shot at that time is prepared)."""
    from .supervise import supervised

    video = load(project, None, variant, _sets(sets))
    supervised(video.project)         # a native crash drawing the frame is reported at its layer
    with video:
        video.preview(at, output)
    print(f"wrote {output} (frame {video.frame_index(at)} at {at:g}s)")


@guarded
def sheet(project: Path = typer.Argument(..., help="project.yaml"),
          output: Path = typer.Option(Path("sheet.png"), "-o", "--output"),
          per: str = typer.Option("second", "--per", help="'second' or 'shot'"),
          columns: int = typer.Option(4, "--columns")):
    """A contact sheet: one labelled frame per second (or per shot) — check a video before a long render."""
    if per not in ("second", "shot"):
        raise typer.BadParameter("--per must be 'second' or 'shot'")
    from .supervise import supervised

    video = load(project)
    supervised(video.project)         # a native crash drawing a frame is reported at its layer
    video.sheet(output, per=per, columns=columns)
    print(f"wrote {output}")
