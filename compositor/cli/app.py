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
        except (typer.Exit, typer.Abort, _UsageError):
            raise   # usage errors keep click's own message and exit code 2
        except Exception as exc:  # an internal error: say so plainly; the traceback only on request
            if os.environ.get("COMPOSITOR_DEBUG"):
                traceback.print_exc()
            err(f"internal error: {type(exc).__name__}: {exc} (set COMPOSITOR_DEBUG=1 for the traceback)")
            raise typer.Exit(EXIT_INTERNAL)
    return wrapper


def load(project: Path, output: Optional[Path] = None, variant: Optional[str] = None):
    from ..project.load import load_project

    return load_project(project, output=output, variant=variant)


def writable(proj, out: Path, from_option: bool) -> None:
    """Refuse an output that would overwrite an input, or a folder we cannot write to, before any work is done."""
    from ..outputs import check_writable

    check_writable(proj, out, from_option)
