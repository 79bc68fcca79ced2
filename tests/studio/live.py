"""A real studio server (uvicorn on a free local port, in a thread) for the tests that need pushes."""
from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager

import uvicorn

from compositor.studio.server import create_app


@contextmanager
def serve(project):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(project, allowed_hosts=[f"127.0.0.1:{port}"])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           timeout_graceful_shutdown=1))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", app
    finally:
        server.should_exit = True
        thread.join(10)


def browser_env() -> dict:
    """The environment for Chromium: without the renderer's private FONTCONFIG_FILE (set on import of
    compositor for deterministic text), which would leave the browser with no fonts at all."""
    import os

    env = dict(os.environ)
    if env.get("FONTCONFIG_FILE", "").startswith(os.path.dirname(os.path.dirname(os.path.dirname(__file__)))):
        env.pop("FONTCONFIG_FILE")
    return env
