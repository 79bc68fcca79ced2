"""Native code that a hostile file can crash (a player's SIGFPE, a decoder's SIGSEGV), tried first in a child.

A crash inside a C library is no exception: the process dies on the spot, prints nothing and runs no `finally`.
So the work such a file triggers is first done in a forked child (a probe) that announces each step on a pipe;
the parent sees the signal and the last step announced and turns them into a user error naming the file, the
field and the step. The verdict is a pure function of the work's inputs and the library's version, so it is
cached on disk under their hash: the same file costs nothing the second time.

Cache: `$COMPOSITOR_GUARD_CACHE`, else `$XDG_CACHE_HOME/compositor/guard`, else `~/.cache/compositor/guard`;
`COMPOSITOR_GUARD_CACHE=off` keeps verdicts in memory only. Without `os.fork` (Windows) nothing is probed.
"""
from __future__ import annotations

import faulthandler
import hashlib
import json
import os
import signal
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

RULES = 1              # bump when what a probe covers changes
_MEMO: dict[str, Optional["Crash"]] = {}


@dataclass(frozen=True)
class Crash:
    signal: str        # "SIGFPE", "SIGSEGV", …
    step: str          # the last step the child announced before it died ("" when it died before any)


Work = Callable[[Callable[[str], None]], None]


def cache_dir() -> Optional[Path]:
    env = os.environ.get("COMPOSITOR_GUARD_CACHE")
    if env:
        return None if env.lower() in ("off", "0", "no") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "compositor" / "guard"


def key_of(*parts) -> str:
    """The cache key of a probe: a hash of everything its verdict depends on (bytes or anything with a repr)."""
    h = hashlib.sha256(f"rules {RULES}".encode())
    for part in parts:
        h.update(b"\0" + (part if isinstance(part, bytes) else repr(part).encode()))
    return h.hexdigest()


def probe(key: str, work: Work) -> Optional[Crash]:
    """Run `work(announce)` in a forked child: the Crash when the child died of a signal, else None.

    `announce(step)` marks where the child is (a frame number), so the Crash says where it died. A Python
    exception in the child is not a crash (the real run raises it the ordinary way): it counts as None.
    """
    if key in _MEMO:
        return _MEMO[key]
    verdict = _read(key)
    if verdict is _MISSING:
        verdict = _run(work) if hasattr(os, "fork") else None
        _write(key, verdict)
    _MEMO[key] = verdict
    return verdict


def _run(work: Work) -> Optional[Crash]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:                                           # the child: never returns, never runs atexit
        status = 0
        try:
            os.close(read_end)
            faulthandler.disable()                         # the crash is expected here: no dump on stderr
            work(lambda step: os.write(write_end, f"{step}\n".encode()))
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    os.close(write_end)
    said = bytearray()
    with os.fdopen(read_end, "rb") as pipe:
        for chunk in iter(lambda: pipe.read(65536), b""):
            said += chunk
    _, status = os.waitpid(pid, 0)
    if not os.WIFSIGNALED(status):
        return None
    number = os.WTERMSIG(status)
    try:
        name = signal.Signals(number).name
    except ValueError:
        name = f"signal {number}"
    steps = said.decode(errors="replace").split()
    return Crash(name, steps[-1] if steps else "")


_MISSING = object()


def _read(key: str):
    folder = cache_dir()
    if folder is None:
        return _MISSING
    try:
        data = json.loads((folder / f"{key}.json").read_text())
    except (OSError, ValueError):
        return _MISSING
    if data.get("crash") is None:
        return None
    return Crash(str(data["crash"]["signal"]), str(data["crash"]["step"]))


def _write(key: str, verdict: Optional[Crash]) -> None:
    folder = cache_dir()
    if folder is None:
        return
    body = {"crash": None if verdict is None else {"signal": verdict.signal, "step": verdict.step}}
    try:
        from compositor.encode import atomic_write_bytes
        atomic_write_bytes(folder / f"{key}.json", json.dumps(body).encode())
    except OSError:
        pass           # a read-only home is no reason to fail a render
