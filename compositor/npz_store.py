"""The caches' file format, written and read in one place: an .npz entry written atomically, read whole or not at
all. A damaged entry (truncated, not a zip, a missing array, a failed check) is removed and reported absent, so it
is recomputed, never trusted and never an error — the same rule for generated clips and for tracks."""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Callable, Optional

import numpy as np

from .atomic import atomic_file

DAMAGED = (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile)


def write_npz(path: Path, arrays: dict, compressed: bool = False) -> Path:
    save = np.savez_compressed if compressed else np.savez
    with atomic_file(path) as tmp, open(tmp, "wb") as f:
        save(f, **{k: np.asarray(v) for k, v in arrays.items()})
    return Path(path)


def read_npz(path: Path, names: Optional[tuple] = None, valid: Callable[[dict], bool] = lambda _arrays: True):
    """The arrays of the entry (only `names` when given), or None when it is absent or damaged (then removed).
    `valid(arrays)` is the entry's own check (a checksum)."""
    path = Path(path)
    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {k: data[k] for k in (names if names is not None else data.files)}
        if valid(arrays):
            return arrays
    except DAMAGED:
        pass
    path.unlink(missing_ok=True)
    return None
