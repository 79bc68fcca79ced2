"""Atomic files: every file Compositor writes (videos, stills, reports, caches, timelines, sound) is written to a
hidden temporary beside its destination and moved into place only when complete, so a reader, a crash or an
interrupt sees the old file or the new one, never half of one. The one implementation every writer uses."""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

PARTIAL = ".partial"          # every temporary's name ends with this (and `suffix`): never taken for a real file


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def publish(tmp, dest) -> None:
    """Move a finished temporary file or folder into place with ordinary permissions (temp files are private).
    A folder replaces an existing folder by a swap: the old one is moved aside first and removed only after the
    new one is in place, so an interruption leaves one of them whole."""
    tmp, dest = Path(tmp), Path(dest)
    os.chmod(tmp, (0o777 if tmp.is_dir() else 0o666) & ~_umask())
    old = None
    if dest.is_dir():
        old = dest.with_name(f".{dest.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(dest, old)
    os.replace(tmp, dest)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@contextmanager
def atomic_file(dest, suffix: str = "", keep_name: bool = False) -> Iterator[Path]:
    """A temporary path to write `dest`'s new content to; published over `dest` when the block ends, removed if
    it raises. `suffix` ends the temporary's name (a writer that goes by extension: `.wav`, `.mp4`);
    `keep_name`: the temporary has `dest`'s own name, in a hidden folder (for writers that pick the format by the
    whole name), and is not created beforehand."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    if keep_name:
        folder = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=PARTIAL, dir=dest.parent))
        tmp = folder / dest.name
    else:
        fd, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=PARTIAL + suffix, dir=dest.parent)
        os.close(fd)
        folder, tmp = None, Path(name)
    try:
        yield tmp
        publish(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def atomic_write_bytes(path, data: bytes) -> Path:
    """Write a small file (a PNG, a report, a sidecar) so that readers see the old file or the new one, never half."""
    with atomic_file(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)
