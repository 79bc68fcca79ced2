"""On-disk cache of generated clips, keyed by a content hash of everything that decides the pixels.

A clip is stored as `<cache_dir>/generate/<key>.npz` holding the native-size uint8 frames, a SHA-256 of those
frames and a JSON description (and, for a model that makes sound, the sound with its rate and its own SHA-256).
Reads verify the checksum, so a truncated or altered entry is detected, deleted
and regenerated, never used. Writes go to a temporary file renamed into place, so an interrupted write leaves
no entry rather than a broken one.
"""
from __future__ import annotations

import functools
import hashlib
import json
import time
from importlib import metadata
from pathlib import Path

import numpy as np

from ..atomic import PARTIAL
from ..npz_store import DAMAGED, read_npz, write_npz

SUBDIR = "generate"
FORMAT = 1
_SMALL = 1 << 20        # files below 1 MiB are hashed whole
_SAMPLE = 1 << 16       # larger files (weights): size + head, middle and tail samples
_identity_memo: dict = {}


@functools.lru_cache(maxsize=1)
def _versions() -> tuple:
    out = {}
    for name in ("torch", "diffusers", "transformers", "numpy"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return tuple(out.items())


def library_versions() -> dict:
    """Versions of the libraries whose numerics decide the frames (read once, without importing them)."""
    return dict(_versions())


def _file_digest(path: Path, size: int) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        if size <= _SMALL:
            h.update(f.read())
        else:
            for offset in (0, size // 2, max(0, size - _SAMPLE)):
                f.seek(offset)
                h.update(f.read(_SAMPLE))
    return h.hexdigest()


def folder_identity(folder: Path) -> str:
    """A hash of a model folder's files: names, sizes and content (config files whole, weights sampled).

    Multi-GB weights are not read whole: a changed file almost always changes its size or sampled bytes, and
    reading 30 GB on every render would cost more than most generations.
    """
    folder = Path(folder).resolve()
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not any(
        part.startswith(".") for part in p.relative_to(folder).parts))
    stats = [(str(p.relative_to(folder)), p.stat().st_size, p.stat().st_mtime_ns) for p in files]
    memo_key = (str(folder), tuple(stats))
    if memo_key in _identity_memo:
        return _identity_memo[memo_key]
    h = hashlib.sha256()
    for (rel, size, _), path in zip(stats, files):
        h.update(f"{rel}\0{size}\0{_file_digest(path, size)}\n".encode())
    digest = h.hexdigest()
    _identity_memo[memo_key] = digest
    return digest


def clip_key(fields: dict) -> str:
    """The content hash of a generation request (canonical JSON of `fields`)."""
    blob = json.dumps({"format": FORMAT, **fields}, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


def entry_path(cache_dir: Path, key: str) -> Path:
    return Path(cache_dir) / SUBDIR / f"{key}.npz"


def _checksum(frames: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(frames).tobytes()).hexdigest()


def load(cache_dir: Path, key: str, with_meta: bool = False):
    """The cached frames for `key` (with the stored description when `with_meta`), or None when absent or
    corrupt (a corrupt entry is removed)."""
    def valid(a):
        f = a["frames"]
        return f.dtype == np.uint8 and f.ndim == 4 and _checksum(f) == str(a["sha256"])

    entry = read_npz(entry_path(cache_dir, key), ("frames", "sha256", "meta"), valid)
    if entry is None:
        return None
    try:
        meta = json.loads(str(entry["meta"]))
    except ValueError:
        entry_path(cache_dir, key).unlink(missing_ok=True)
        return None
    return (entry["frames"], meta) if with_meta else entry["frames"]


def load_sound(cache_dir: Path, key: str):
    """The cached clip's sound as (float32 samples (n, channels), rate), or None when the entry has none or is
    absent; a sound that fails its checksum removes the entry, like corrupt frames."""
    path = entry_path(cache_dir, key)
    try:
        with np.load(path, allow_pickle=False) as data:
            if "audio" not in data.files:
                return None          # a clip without sound (or absent: read_npz says so below)
    except DAMAGED:
        pass

    def valid(a):
        s = a["audio"]
        return s.dtype == np.float32 and s.ndim == 2 and _checksum(s) == str(a["audio_sha256"])

    entry = read_npz(path, ("audio", "audio_rate", "audio_sha256"), valid)
    return (entry["audio"], int(entry["audio_rate"])) if entry is not None else None


def store(cache_dir: Path, key: str, frames: np.ndarray, meta: dict, sound=None) -> Path:
    """Write an entry atomically (temporary file, then rename); `sound` is (samples (n, channels), rate)."""
    path = entry_path(cache_dir, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    frames = np.ascontiguousarray(frames, dtype=np.uint8)
    meta = {**meta, "key": key, "created": time.time(), "frames": int(frames.shape[0]),
            "size": [int(frames.shape[2]), int(frames.shape[1])]}
    extra = {}
    if sound is not None:
        samples = np.ascontiguousarray(sound[0], dtype=np.float32)
        extra = {"audio": samples, "audio_rate": np.array(int(sound[1])), "audio_sha256": np.array(_checksum(samples))}
    write_npz(path, {"frames": frames, "sha256": np.array(_checksum(frames)),
                     "meta": np.array(json.dumps(meta, default=str)), **extra}, compressed=True)
    return path


def list_entries(cache_dir: Path) -> list[dict]:
    """One dict per cached clip (key, path, bytes, frames, size, prompt, model, seed, created), newest first."""
    root = Path(cache_dir) / SUBDIR
    out = []
    for path in sorted(root.glob("*.npz")) if root.exists() else []:
        entry = {"key": path.stem, "path": str(path), "bytes": path.stat().st_size}
        try:
            with np.load(path, allow_pickle=False) as data:
                entry.update(json.loads(str(data["meta"])))
        except DAMAGED:
            entry["corrupt"] = True
        out.append(entry)
    return sorted(out, key=lambda e: e.get("created", 0), reverse=True)


def clear(cache_dir: Path) -> int:
    """Delete every cached clip (and leftover temporary files); returns how many clips were removed."""
    root = Path(cache_dir) / SUBDIR
    if not root.exists():
        return 0
    removed = 0
    for path in root.glob("*.npz"):
        removed += 1
        path.unlink(missing_ok=True)
    for path in root.glob(f".*{PARTIAL}*"):        # a write that was interrupted
        path.unlink(missing_ok=True)
    return removed
