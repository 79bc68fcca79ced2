"""studio: a local page that previews the project with the real renderer and reloads on save."""
from __future__ import annotations

from pathlib import Path

import typer

from .app import err, guarded, load


@guarded
def studio(project: Path = typer.Argument(..., help="project.yaml (or its folder)"),
           port: int = typer.Option(8765, "--port", help="port to serve on"),
           host: str = typer.Option("127.0.0.1", "--host", help="address to bind (local only by default)"),
           no_open: bool = typer.Option(False, "--no-open", help="do not open the browser")):
    """Open the studio: scrub the timeline, click a pixel to find its line, reload on save."""
    import threading
    import webbrowser

    import uvicorn

    from ..studio.server import create_app

    if not 0 < port < 65536:
        raise typer.BadParameter("--port must be 1–65535")
    proj = load(project)          # a broken file at start-up: the CLI's FILE:LINE message, exit 2
    hosts = {f"{host}:{port}", f"localhost:{port}", f"127.0.0.1:{port}"}
    app = create_app(proj.file, allowed_hosts=hosts)
    url = f"http://{host}:{port}/"
    err(f"studio for {proj.file} at {url} (Ctrl-C stops it)")
    if not no_open:
        threading.Timer(0.8, lambda: webbrowser.open(url)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=2)
