"""render, preview, sheet: the commands that make pictures."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .app import err, guarded, load, writable
from ..errors import UserError


@guarded
def render(project: Path = typer.Argument(..., help="project.yaml (or its folder)"),
           output: Optional[Path] = typer.Option(None, "-o", "--output", help="output file; the extension picks "
                                                 ".mp4/.mov/.webm, no extension = PNG folder"),
           no_cache: bool = typer.Option(False, "--no-cache", help="regenerate and re-track instead of reusing "
                                         "cached results"),
           variant: Optional[str] = typer.Option(None, "--variant", help="render a named output variant "
                                                 "(another aspect ratio) declared under output.variants"),
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
                                           "alone)")):
    """Render the project to a video (atomically: a failed render leaves the previous file untouched)."""
    from ..profile import Profile
    from ..progress import Progress
    from ..render import PASSES, RenderOptions, run

    if executor not in ("local", "ray"):
        raise typer.BadParameter("--executor must be 'local' or 'ray'")
    if workers < 0:
        raise typer.BadParameter("--workers must be 0 (all cores) or more")
    if render_pass not in PASSES:
        raise typer.BadParameter(f"--pass must be one of: {', '.join(PASSES)}")
    proj = load(project, output, variant)
    if render_pass != "full" and output is None:     # a pass never replaces the finished video
        out = proj.output
        suffix = ".mov" if render_pass == "overlays" and proj.fmt == "mp4" else out.suffix
        proj = load(project, out.with_name(f"{out.stem}-{render_pass}{suffix}"), variant)
    if render_pass == "overlays" and proj.fmt == "mp4":
        raise UserError(proj.lines.issue((), "--pass overlays renders over transparency, which MP4 cannot carry",
                                         "write it with -o overlays.mov (ProRes 4444), .webm or a PNG folder"))
    writable(proj, proj.output, output is not None)
    if proj.spec.quality is not None and render_pass != "overlays":
        _quality_gate(proj, no_cache)
    prof = Profile() if profile else None
    options = RenderOptions(use_cache=not no_cache, workers=workers, executor=executor, address=address,
                            render_pass=render_pass)
    with Progress(f"render {proj.spec.title}", proj.timeline.n_frames) as bar:
        result = run(proj, options=options, progress=bar.step_message, frame_done=bar.frames, profile=prof)
    if prof is not None:
        from ..chunks import resolve_workers
        print(prof.report(resolve_workers(workers) if executor == "local" else "ray"))
    for path in result.report.sidecars:
        print(f"wrote {path}")
    for line in result.report.notes + result.report.warnings:
        err(line)
    out = result.path
    print(f"wrote {out} ({proj.timeline.n_frames} frames, {proj.size[0]}x{proj.size[1]} @ {proj.fps:g} fps)")


def _quality_gate(proj, no_cache: bool) -> None:
    """`quality:` — measure coherence before spending time on the render; warn, stop, or regenerate."""
    from ..consistency.gate import enforce
    from ..progress import Progress
    from ..session import RenderSession

    session = RenderSession(proj, use_cache=not no_cache)
    try:
        with Progress("coherence", len(proj.shots)) as bar:
            for line in enforce(session, progress=bar.step_message):
                err(line)
    finally:
        session.close()


@guarded
def preview(project: Path = typer.Argument(..., help="project.yaml"),
            at: float = typer.Option(..., "--at", help="time in seconds"),
            output: Path = typer.Option(Path("frame.png"), "-o", "--output", help="PNG to write"),
            variant: Optional[str] = typer.Option(None, "--variant", help="a named output variant")):
    """Render one exact frame to a PNG (fast: only the shot at that time is prepared)."""
    from ..stills import write_png
    from ..render import FrameRenderer

    proj = load(project, None, variant)
    writable(proj, output, True)
    if at < 0 or at > proj.timeline.duration:
        raise UserError(proj.lines.issue((), f"--at {at} is outside the video (0 – {proj.timeline.duration:.2f}s)",
                                         "pick a time inside it"))
    renderer = FrameRenderer(proj)
    try:
        frame = renderer.frame(proj.timeline.frame_of(at))
    finally:
        renderer.close()
    write_png(output, frame)
    print(f"wrote {output} (frame {proj.timeline.frame_of(at)} at {at:g}s)")


@guarded
def sheet(project: Path = typer.Argument(..., help="project.yaml"),
          output: Path = typer.Option(Path("sheet.png"), "-o", "--output"),
          per: str = typer.Option("second", "--per", help="'second' or 'shot'"),
          columns: int = typer.Option(4, "--columns")):
    """A contact sheet: one labelled frame per second (or per shot) — check a video before a long render."""
    from ..stills import contact_sheet

    if per not in ("second", "shot"):
        raise typer.BadParameter("--per must be 'second' or 'shot'")
    proj = load(project)
    writable(proj, output, True)
    contact_sheet(proj, output, per=per, columns=columns)
    print(f"wrote {output}")


