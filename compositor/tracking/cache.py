"""Track results on disk, keyed by (footage id, track spec, shot geometry, tracking code).

The code part of the key is a hash of the tracking sources themselves, so any change to the algorithm
invalidates old results without anyone remembering to bump a version number.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Optional

import numpy as np

from ..atomic import atomic_file

_CODE_FILES = ("region.py", "frames.py", "common.py", "planar.py", "point.py", "camera.py", "smooth.py")


@lru_cache(maxsize=1)
def code_version() -> str:
    h = hashlib.sha256()
    here = Path(__file__).parent
    for name in _CODE_FILES:
        h.update(name.encode())
        h.update((here / name).read_bytes())
    return h.hexdigest()[:16]


def track_key(footage_id: str, spec_json: dict, n_frames: int, fps: float, size: tuple[int, int],
              scale: float) -> str:
    blob = json.dumps({"footage": footage_id, "spec": spec_json, "n": n_frames, "fps": round(float(fps), 6),
                       "size": list(size), "scale": round(scale, 6), "code": code_version()}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


def cache_path(cache_dir: Path, key: str) -> Path:
    return Path(cache_dir) / "tracks" / f"{key}.npz"


def load(cache_dir: Optional[Path], key: str) -> Optional[dict]:
    if cache_dir is None:
        return None
    path = cache_path(cache_dir, key)
    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as z:
            return {k: z[k] for k in z.files}
    except (OSError, ValueError, EOFError):
        return None  # a damaged entry is recomputed, never trusted


def save(cache_dir: Optional[Path], key: str, arrays: dict) -> None:
    """Write atomically: a crash never leaves a half-written entry that a later run would load."""
    if cache_dir is None:
        return
    path = cache_path(cache_dir, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_file(path) as tmp, open(tmp, "wb") as f:
        np.savez(f, **{k: np.asarray(v) for k, v in arrays.items()})
