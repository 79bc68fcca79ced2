"""The typer application, the error guard every command runs under, and the helpers commands share.

Exit codes: 0 ok, 2 a user error (printed as FILE:LINE: field: …), 1 internal."""
from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from typing import Optional

import typer

from ..errors import EXIT_INTERNAL, EXIT_USER, UserError

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Compositor: render on-brand product videos from a project file.\n\n"
                       "Exit codes: 0 success, 2 a problem in your project/brand files (FILE:LINE printed), "
                       "1 an internal error.")


# typer ships its own click; its ClickException is the base of every usage error (exit 2 with click's message)
_UsageError = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


def err(text: str) -> None:
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
                err(str(issue))
            raise typer.Exit(EXIT_USER)
        except KeyboardInterrupt:
            err("interrupted — nothing was written over the previous output")
            raise typer.Exit(130)
        except BrokenPipeError:
            quiet_stdout()
            raise typer.Exit(0)
        except (typer.Exit, typer.Abort, _UsageError):
            raise   # usage errors keep click's own message and exit code 2
        except Exception as exc:  # an internal error: say so plainly; the traceback only on request
            if os.environ.get("COMPOSITOR_DEBUG"):
                traceback.print_exc()
            err(f"internal error: {type(exc).__name__}: {exc} (set COMPOSITOR_DEBUG=1 for the traceback)")
            raise typer.Exit(EXIT_INTERNAL)
    return wrapper


def quiet_stdout() -> None:
    """The reader of our stdout went away (`| head`): point fd 1 at /dev/null so nothing more fails on it, the
    interpreter's last flush included, and end quietly like other unix tools."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


_SHOWN: set[str] = set()      # warning lines this command already printed (a project loads once per variant)


def load(project: Path, output: Optional[Path] = None, variant: Optional[str] = None, params=None):
    """The project as the application service holds it (compositor.api.Video); what loading found worth a
    warning (a text cut to fit, captions that needed help) is printed now, each line once, whatever the command."""
    from ..api import load as load_video

    video = load_video(project, output=output, variant=variant, params=params)
    report_lines(line for line in video.project.load_warnings if line not in _SHOWN)
    _SHOWN.update(video.project.load_warnings)
    return video


def report_lines(lines) -> None:
    for line in lines:
        if line.startswith("warning: ") and line in _SHOWN:
            continue      # printed when the project loaded
        err(line)


def writable(proj, out: Path, from_option: bool) -> None:
    """Refuse an output that would overwrite an input or that cannot be written (see compositor.api)."""
    from ..api import guard_output

    guard_output(proj, out, from_option)

