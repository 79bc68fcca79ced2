"""Where the renderer is — shot, layer, frame — kept in memory that a supervising parent process can still read
after a native crash has killed the renderer without a word (cli/supervise.py).

`share()` makes the record (before the fork); `mark()` is a few bytes written per layer drawn, nothing when no
record was shared (the Python API, worker processes, the studio)."""
from __future__ import annotations

import mmap
import struct
from typing import Optional

_FORMAT = "iiq"              # shot index, layer index (-1: the background), frame within the shot
_SIZE = struct.calcsize(_FORMAT)
_shared: Optional[mmap.mmap] = None


def share() -> None:
    global _shared
    _shared = mmap.mmap(-1, _SIZE)
    _shared[:] = struct.pack(_FORMAT, -1, -1, -1)


def stop() -> None:
    """This process no longer reports (a worker forked from a reporting process)."""
    global _shared
    _shared = None


def active() -> bool:
    return _shared is not None


def mark(shot: int, layer: int, frame: int) -> None:
    if _shared is not None:
        _shared[:] = struct.pack(_FORMAT, shot, layer, frame)


def last() -> Optional[tuple[int, int, int]]:
    """(shot, layer, frame) last marked, None when nothing was."""
    if _shared is None:
        return None
    shot, layer, frame = struct.unpack(_FORMAT, _shared[:])
    return None if shot < 0 else (shot, layer, frame)
