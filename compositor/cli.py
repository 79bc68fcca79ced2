"""The `compositor` command line. Exit codes: 0 ok, 2 a user error (printed as FILE:LINE: field: …), 1 internal."""
from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path
from typing import Optional

import typer

from .errors import EXIT_INTERNAL, EXIT_USER, UserError

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Compositor: render on-brand product videos from a project file.\n\n"
                       "Exit codes: 0 success, 2 a problem in your project/brand files (FILE:LINE printed), "
                       "1 an internal error.")
cache_app = typer.Typer(no_args_is_help=True, help="Inspect or clear cached generations and tracks.")
app.add_typer(cache_app, name="cache")


# typer ships its own click; its ClickException is the base of every usage error (exit 2 with click's message)
_UsageError = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


def _err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def guarded(fn):
    """Run a command: user errors -> exit 2 without a traceback; anything else -> exit 1."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except UserError as exc:
            for issue in exc.issues:
                _err(str(issue))
            raise typer.Exit(EXIT_USER)
        except KeyboardInterrupt:
            _err("interrupted — nothing was written over the previous output")
            raise typer.Exit(130)
        except (typer.Exit, typer.Abort, _UsageError):
            raise   # usage errors keep click's own message and exit code 2
        except Exception as exc:  # an internal error: say so plainly; the traceback only on request
            if os.environ.get("COMPOSITOR_DEBUG"):
                traceback.print_exc()
            _err(f"internal error: {type(exc).__name__}: {exc} (set COMPOSITOR_DEBUG=1 for the traceback)")
            raise typer.Exit(EXIT_INTERNAL)
    return wrapper


def _load(project: Path, output: Optional[Path] = None, variant: Optional[str] = None):
    from .project.load import load_project

    return load_project(project, output=output, variant=variant)


def _writable(proj, out: Path, from_option: bool) -> None:
    """Refuse an output folder we cannot write to before any work is done (a user error, not a crash)."""
    import tempfile

    folder = Path(out).resolve().parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        where = ("output", "file") if not from_option else ()
        what = f"cannot write to {folder} ({exc.strerror or exc})"
        raise UserError(proj.lines.issue(where, what if not from_option else f"-o {out}: {what}",
                                         "choose a folder you can write to"))


@app.command()
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
                                        "layer kind)")):
    """Render the project to a video (atomically: a failed render leaves the previous file untouched)."""
    from .profile import Profile
    from .progress import Progress
    from .render import render as do_render

    if executor not in ("local", "ray"):
        raise typer.BadParameter("--executor must be 'local' or 'ray'")
    if workers < 0:
        raise typer.BadParameter("--workers must be 0 (all cores) or more")
    proj = _load(project, output, variant)
    _writable(proj, proj.output, output is not None)
    if variant is not None:
        proj.extras.setdefault("variant", variant)   # workers load the same variant
    if proj.spec.quality is not None:
        _quality_gate(proj, no_cache)
    prof = Profile() if profile else None
    with Progress(f"render {proj.spec.title}", proj.timeline.n_frames) as bar:
        out = do_render(proj, use_cache=not no_cache, progress=bar.step_message, frame_done=bar.frames,
                        workers=workers, executor=executor, address=address, profile=prof)
    if prof is not None:
        from .chunks import resolve_workers
        print(prof.report(resolve_workers(workers) if executor == "local" else "ray"))
    _after_render(proj, out)
    print(f"wrote {out} ({proj.timeline.n_frames} frames, {proj.size[0]}x{proj.size[1]} @ {proj.fps:g} fps)")


def _quality_gate(proj, no_cache: bool) -> None:
    """`quality:` — measure coherence before spending time on the render; warn, stop, or regenerate."""
    from .progress import Progress
    from .quality import enforce
    from .render import FrameRenderer

    renderer = FrameRenderer(proj, use_cache=not no_cache)
    try:
        with Progress("coherence", len(proj.shots)) as bar:
            for line in enforce(renderer, progress=bar.step_message):
                _err(line)
    finally:
        renderer.close()


def _after_render(proj, out: Path) -> None:
    """Sidecars (captions) next to the video, and the engines' warnings."""
    from .soundtrack import warnings, write_sidecars

    from .quality import generator_of

    for path in write_sidecars(proj, out):
        print(f"wrote {path}")
    for shot in proj.shots:                      # what generation adjusted for the model (size, rate, frames)
        gen = generator_of(shot.source)
        for note in (getattr(gen, "report", None) or {}).get("adjusted", []):
            _err(f"note: shot {shot.id}: {note}")
    for line in warnings(proj, proj.extras.get("audio_report")) + proj.extras.get("warnings", []):
        _err(line)


@app.command()
@guarded
def preview(project: Path = typer.Argument(..., help="project.yaml"),
            at: float = typer.Option(..., "--at", help="time in seconds"),
            output: Path = typer.Option(Path("frame.png"), "-o", "--output", help="PNG to write"),
            variant: Optional[str] = typer.Option(None, "--variant", help="a named output variant")):
    """Render one exact frame to a PNG (fast: only the shot at that time is prepared)."""
    from .stills import write_png
    from .render import FrameRenderer

    proj = _load(project, None, variant)
    _writable(proj, output, True)
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


@app.command()
@guarded
def sheet(project: Path = typer.Argument(..., help="project.yaml"),
          output: Path = typer.Option(Path("sheet.png"), "-o", "--output"),
          per: str = typer.Option("second", "--per", help="'second' or 'shot'"),
          columns: int = typer.Option(4, "--columns")):
    """A contact sheet: one labelled frame per second (or per shot) — check a video before a long render."""
    from .stills import contact_sheet

    if per not in ("second", "shot"):
        raise typer.BadParameter("--per must be 'second' or 'shot'")
    proj = _load(project)
    _writable(proj, output, True)
    contact_sheet(proj, output, per=per, columns=columns)
    print(f"wrote {output}")


@app.command()
@guarded
def validate(project: Path = typer.Argument(..., help="project.yaml")):
    """Load and check everything (schema, assets, fonts, brand lock) without rendering."""
    proj = _load(project)
    print(f"ok: {proj.file.name}: {len(proj.shots)} shots, {proj.timeline.duration:.2f}s, "
          f"{proj.timeline.n_frames} frames, brand '{proj.kit.name}' (lock: {proj.kit.lock})")


@app.command()
@guarded
def init(directory: Path = typer.Argument(..., help="folder to create"),
         force: bool = typer.Option(False, "--force", help="overwrite an existing project.yaml")):
    """Scaffold a project folder that renders as-is."""
    from .scaffold import scaffold

    path = scaffold(directory, force=force)
    print(f"created {path} — render it with: compositor render {path}")


@app.command()
@guarded
def schema():
    """Print the JSON Schema of project files (for editors and CI)."""
    from .project.schema import json_schema

    print(json.dumps(json_schema(), indent=2))


def main() -> None:
    from . import extra_commands  # noqa: F401  (registers check / track / timeline / cache commands)

    app(prog_name="compositor")


if __name__ == "__main__":
    main()
