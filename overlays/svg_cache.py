"""A per-user disk cache of rasterized SVGs, so a one-frame preview does not pay for loading cairo.

Rasterizing a logo is fast; importing cairosvg is not (its cairo bindings parse C headers at import: ~0.2 s,
a fifth of an interactive preview). A raster is a pure function of the SVG bytes, the pixel size, the cairosvg
and cairo versions and this module's rules, so all of those make up the key and a cached PNG can never be
stale. Entries are lossless PNGs written atomically; an unreadable or truncated entry is rendered again.

Location: `$COMPOSITOR_SVG_CACHE`, else `$XDG_CACHE_HOME/compositor/svg`, else `~/.cache/compositor/svg`.
`COMPOSITOR_SVG_CACHE=off` disables it.
"""
from __future__ import annotations

import ctypes
import functools
import hashlib
import os
from importlib import metadata
from pathlib import Path
from typing import Callable, Optional

RULES = 1    # bump when the rasterization rules in overlays/raster.py change
_PNG_START = b"\x89PNG\r\n\x1a\n"
_PNG_END = b"IEND\xaeB`\x82"


def cache_dir() -> Optional[Path]:
    env = os.environ.get("COMPOSITOR_SVG_CACHE")
    if env:
        return None if env.lower() in ("off", "0", "no") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "compositor" / "svg"


@functools.lru_cache(maxsize=1)
def _renderer_identity() -> Optional[str]:
    """cairosvg + cairo versions, read without importing them; None when unknown (then nothing is cached)."""
    try:
        cairosvg = metadata.version("cairosvg")
        cairo = ctypes.CDLL("libcairo.so.2").cairo_version()
    except (metadata.PackageNotFoundError, OSError, AttributeError):
        return None
    return f"cairosvg {cairosvg}, cairo {cairo}, rules {RULES}"


def _key(data: bytes, width: int, height: int, identity: str) -> str:
    h = hashlib.sha256(data)
    h.update(f"|{width}x{height}|{identity}".encode())
    return h.hexdigest()


def cached_png(data: bytes, width: int, height: int, render: Callable[[], bytes]) -> bytes:
    """The PNG bytes of `data` at width x height: from the cache, or `render()` (then stored)."""
    folder, identity = cache_dir(), _renderer_identity()
    if folder is None or identity is None:
        return render()
    path = folder / f"{_key(data, width, height, identity)}.png"
    try:
        png = path.read_bytes()
        if png.startswith(_PNG_START) and png.endswith(_PNG_END):   # whole, not truncated
            return png
    except OSError:
        pass
    png = render()
    try:
        from compositor.encode import atomic_write_bytes
        atomic_write_bytes(path, png)
    except OSError:
        pass     # a read-only home is no reason to fail a render
    return png
