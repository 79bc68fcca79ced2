"""Hand freed memory back to the system after a version is dropped. A version's frames and clips are large
arrays; glibc serves them from its heaps once its mmap threshold has grown, and a heap keeps freed pages, so
without a trim the resident size of a studio that is saved often wanders upward by tens of megabytes."""
from __future__ import annotations

import ctypes
import ctypes.util
import sys

_libc = None


def release_free_memory() -> None:
    global _libc
    if not sys.platform.startswith("linux"):
        return
    if _libc is None:
        try:
            _libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
            _libc.malloc_trim
        except (OSError, AttributeError):       # not glibc (musl): nothing to do
            _libc = False
    if _libc:
        _libc.malloc_trim(0)
