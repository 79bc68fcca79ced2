"""studio: a local page that previews the project with the real renderer and reloads on save."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from .app import err, guarded, load


@guarded
def studio(project: Path = typer.Argument(..., help="project.yaml (or its folder)"),
           port: int = typer.Option(8765, "--port", help="port to serve on"),
           host: str = typer.Option("127.0.0.1", "--host", help="address to bind (local only by default)"),
           no_open: bool = typer.Option(False, "--no-open", help="do not open the browser"),
           variant: Optional[str] = typer.Option(None, "--variant", help="start on a named variant (the page "
                                                 "picks another)"),
           data: Optional[Path] = typer.Option(None, "--data", help="a .csv, .json or .jsonl of parameter rows "
                                               "to pick from on the page"),
           row: Optional[int] = typer.Option(None, "--row", help="with --data: the row to start on (1-based; "
                                             "default 1)"),
           sets: List[str] = typer.Option([], "--set", help="a parameter's value, NAME=VALUE (repeatable)")):
    """Open the studio: scrub the timeline, click a pixel to find its line, reload on save; pick a variant, a
    data row or parameter values on the page."""
    import threading
    import webbrowser

    import uvicorn

    from ..studio.server import create_app

    if not 0 < port < 65536:
        raise typer.BadParameter("--port must be 1–65535")
    from .render_cmds import _sets

    if row is not None and data is None:
        raise typer.BadParameter("--row picks a row of a --data file: give --data too")
    params = _sets(sets)
    proj = load(project, None, variant, params)   # a broken file at start-up: the CLI's FILE:LINE message, exit 2
    hosts = {f"{host}:{port}", f"localhost:{port}", f"127.0.0.1:{port}"}
    app = create_app(proj.file, allowed_hosts=hosts, variant=variant, data=data, row=row, params=params)
    url = f"http://{host}:{port}/"
    err(f"studio for {proj.file} at {url} (Ctrl-C stops it)")
    if not no_open:
        threading.Timer(0.8, lambda: webbrowser.open(url)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=2)
