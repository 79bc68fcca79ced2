"""The render's temporary segment folder beside the output, named after its owner, and the sweep of stale ones.

A render that is killed (a native crash, SIGKILL, a lost machine) runs no `finally`, so its
`.<name>.segments.*` folder stays. The folder's name carries the host and the process id that made it; the next
render of the same output removes the folders whose process is gone. Folders of a live process, of another
host, or from before names carried an owner are left alone until they are a day old.
"""
from __future__ import annotations

import os
import shutil
import socket
import tempfile
import time
from pathlib import Path

STALE_AFTER = 24 * 3600      # seconds: a folder no process on this host can be asked about


def _host() -> str:
    return "".join(c if c.isalnum() or c == "-" else "-" for c in socket.gethostname()) or "host"


def segment_folder(out: Path) -> Path:
    """A new, empty segment folder beside `out`, owned by this process."""
    return Path(tempfile.mkdtemp(prefix=f".{out.stem}.segments.{_host()}.{os.getpid()}.", dir=out.parent))


def _alive(pid: int) -> bool:
    try:        # a zombie (dead, not yet reaped) is not alive
        if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] in ("Z", "X"):
            return False
    except (OSError, IndexError):
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True          # someone else's process: alive
    return True


def sweep(out: Path) -> list[Path]:
    """Remove the segment folders of `out` that belong to no live process; returns what was removed."""
    prefix = f".{out.stem}.segments."
    host, removed = _host(), []
    try:
        entries = list(out.parent.iterdir())
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(prefix) or not entry.is_dir():
            continue
        owner = entry.name[len(prefix):].split(".")
        if len(owner) == 3 and owner[0] == host and owner[1].isdigit():
            stale = int(owner[1]) != os.getpid() and not _alive(int(owner[1]))
        else:
            try:
                stale = time.time() - entry.stat().st_mtime > STALE_AFTER
            except OSError:
                continue
        if stale:
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def sweep_owner(folder: Path, pid: int) -> list[Path]:
    """Remove the segment folders in `folder` that process `pid` (dead) made, whatever output they were for."""
    mark, removed = f".segments.{_host()}.{pid}.", []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    for entry in entries:
        if entry.name.startswith(".") and mark in entry.name and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed
