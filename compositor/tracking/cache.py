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


from ..npz_store import read_npz, write_npz

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
    return read_npz(cache_path(cache_dir, key))     # a damaged entry is removed and recomputed, never trusted


def save(cache_dir: Optional[Path], key: str, arrays: dict) -> None:
    """Write atomically: a crash never leaves a half-written entry that a later run would load."""
    if cache_dir is None:
        return
    write_npz(cache_path(cache_dir, key), arrays)
