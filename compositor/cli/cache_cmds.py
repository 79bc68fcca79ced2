"""cache list / clear."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .app import guarded


def _cache_dir(project: Optional[Path]) -> Path:
    from ..project.load import default_cache_dir

    if project is None:
        return default_cache_dir(Path.cwd())
    folder = project if project.is_dir() else project.parent
    return default_cache_dir(folder.resolve())


@guarded
def cache_list(project: Optional[Path] = typer.Argument(None, help="a project file or folder (default: here)")):
    """List cached generated clips (key, size, shot, seed, prompt, and the frames that conditioned each) and cached
    tracks."""
    from ..diffusion.cache import list_entries

    root = _cache_dir(project)
    entries = list_entries(root)
    tracks = sorted((root / "tracks").glob("*.npz")) if (root / "tracks").exists() else []
    for e in entries:
        flag = " CORRUPT" if e.get("corrupt") else ""
        shot = f"shot {e['shot']}  " if e.get("shot") else ""
        print(f"{e['key'][:16]}  {e['bytes'] / 1e6:7.2f} MB  {shot}seed {e.get('seed', '?')}  "
              f"{str(e.get('prompt', ''))[:60]!r}{flag}")
        for c in e.get("conditioned_by") or []:     # the frames of other shots (or stills) this clip started from
            what = f"shot {c['shot']} at {c.get('frame', 'end')}" if c.get("shot") else c.get("image", "?")
            print(f"    conditioned by {what} ({c.get('as', '?')}, frame sha256 {str(c.get('sha256', ''))[:12]})")
    for t in tracks:
        print(f"track {t.stem[:16]}  {t.stat().st_size / 1e6:7.2f} MB")
    print(f"{len(entries)} generated clip(s), {len(tracks)} track file(s) in {root}")


@guarded
def cache_clear(project: Optional[Path] = typer.Argument(None, help="a project file or folder (default: here)")):
    """Delete cached generated clips and tracks (they are recomputed on the next render)."""
    import shutil

    from ..diffusion.cache import clear

    root = _cache_dir(project)
    removed = clear(root)
    tracks = root / "tracks"
    n_tracks = len(list(tracks.glob("*.npz"))) if tracks.exists() else 0
    shutil.rmtree(tracks, ignore_errors=True)
    print(f"removed {removed} generated clip(s) and {n_tracks} track file(s) from {root}")
