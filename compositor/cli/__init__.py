"""The `compositor` command line: every command is registered here, explicitly, so `compositor.cli.app` alone
knows them all (no registration by import side effect)."""
from __future__ import annotations

import typer

from . import cache_cmds, doctor_cmd, export_cmd, footage_cmds, options, project_cmds, qc_cmd, render_cmds, studio_cmd
from .app import app, guarded, quiet_stdout

cache_app = typer.Typer(no_args_is_help=True, help="Inspect or clear cached generations and tracks.")

app.callback()(options.root)
app.command()(render_cmds.render)
app.command()(render_cmds.preview)
app.command()(render_cmds.sheet)
app.command()(project_cmds.validate)
app.command()(project_cmds.init)
app.command()(project_cmds.schema)
app.command()(project_cmds.timeline)
app.command()(footage_cmds.check)
app.command()(footage_cmds.track)
app.command()(export_cmd.export)
app.command()(qc_cmd.qc)
app.command()(studio_cmd.studio)
app.command()(doctor_cmd.doctor)
cache_app.command("list")(cache_cmds.cache_list)
cache_app.command("clear")(cache_cmds.cache_clear)
app.add_typer(cache_app, name="cache")


def main() -> None:
    """Run the command line; a reader that closed our stdout early (`compositor … | head`) ends it quietly,
    also when the output was still buffered at exit."""
    import os
    import sys

    from .supervise import ENABLED

    # numpy's BLAS starts a thread per core at import and spins them: the command's work is frames, split over
    # processes, and its matrices are small (set before numpy is imported; a user's own setting wins)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    ENABLED["on"] = True          # the program itself: `render` may run under a supervising parent
    try:
        app(prog_name="compositor")
    except SystemExit as exc:
        code = exc.code
    else:
        code = 0
    if type(sys.stdout).__name__ == "PacifyFlushWrapper":   # click caught EPIPE itself (help, usage) and exits 1
        code = 0
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        quiet_stdout()
    sys.exit(code)


__all__ = ["app", "guarded", "main"]
