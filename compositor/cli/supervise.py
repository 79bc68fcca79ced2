"""`compositor render` (and `preview`, `sheet`) under a supervising parent: a native crash (a player's SIGFPE, a decoder's SIGSEGV) that
no probe foresaw still ends as a user error naming the layer's FILE:LINE and the frame, and leaves no debris.

The command forks right after loading, before anything has run torch (which does not survive a fork). The child
renders as the command always did; the parent only waits. When the child ends, the parent ends with its exit
code; when a signal killed it, the parent removes the child's segment folder and reports where the renderer was
(render/whereabouts.py). Ctrl-C reaches both: the parent ignores it and lets the child stop cleanly.
"""
from __future__ import annotations

import os
import signal
import sys

from ..errors import UserError

CRASHES = {signal.SIGFPE, signal.SIGSEGV, signal.SIGBUS, signal.SIGILL, signal.SIGABRT}
#: set by `compositor.cli.main` (the program itself): never fork a host that calls the app (a test's CliRunner)
ENABLED = {"on": False}


def supervised(proj, output=None) -> None:
    """Return in the child (which renders `proj` to `output`, default its own); in the parent, never return:
    exit with the child's code, or raise the UserError of its crash."""
    if not ENABLED["on"] or not hasattr(os, "fork"):
        return
    from ..render import whereabouts

    whereabouts.share()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _, status = os.waitpid(pid, 0)
    finally:
        signal.signal(signal.SIGINT, previous)
    if os.WIFEXITED(status):
        os._exit(os.WEXITSTATUS(status))
    number = os.WTERMSIG(status)
    from pathlib import Path

    from ..render.debris import sweep_owner

    sweep_owner(Path(output or proj.output).parent, pid)       # the dead child's segment folder
    if number not in CRASHES:            # stopped from outside (kill, a lost terminal): not the project's fault
        print(f"the render was stopped ({signal.Signals(number).name}); nothing was written over the previous "
              "output", file=sys.stderr, flush=True)     # (every output is published atomically)
        os._exit(128 + number)
    raise UserError(crash_issue(proj, signal.Signals(number).name, whereabouts.last()))


def crash_issue(proj, name: str, where):
    """The crash as an issue at the layer (or background) the renderer was drawing."""
    fix = ("the file uses something its native player or decoder cannot handle: open it in another viewer, "
           "re-export or re-encode it, or leave it out")
    if where is None:
        return proj.lines.issue((), f"the renderer crashed ({name}) before drawing the first frame", fix)
    shot_index, layer_index, local = where
    shot = proj.shots[shot_index]
    frame, t = shot.span.first + local, local / proj.fps
    if layer_index < 0:
        return proj.lines.issue(("shots", shot_index, "background"),
                                f"the renderer crashed ({name}) reading this background at frame {frame} "
                                f"({t:.2f} s into shot {shot.id!r})", fix)
    n_spec = len(shot.spec.layers)
    path = ("shots", shot_index, "layers", layer_index) if layer_index < n_spec else ("captions",)
    layer = shot.layers[layer_index]
    kind = getattr(type(layer.spec), "kind", "") or "caption"
    asset = getattr(layer.spec, kind, None)
    what = f"{kind} layer" + (f" ({asset})" if isinstance(asset, str) else "")
    return proj.lines.issue(path, f"the renderer crashed ({name}) drawing this {what} at frame {frame} "
                                  f"({t:.2f} s into shot {shot.id!r})", fix)
