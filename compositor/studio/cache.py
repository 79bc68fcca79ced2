"""Encoded frames of one project version, bounded by bytes: scrubbing back over frames already seen answers at
once, and a studio left open for hours holds at most `max_bytes` of them (a new version starts empty)."""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Hashable, Optional

MAX_BYTES = 32 * 2 ** 20      # ~300 scrub frames (JPEG, half size) or ~15 full-size PNGs of footage


class FrameCache:
    def __init__(self, max_bytes: int = MAX_BYTES):
        self.max_bytes = max_bytes
        self.bytes = 0
        self._items: OrderedDict[Hashable, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Optional[bytes]:
        with self._lock:
            data = self._items.get(key)
            if data is not None:
                self._items.move_to_end(key)
            return data

    def put(self, key: Hashable, data: bytes) -> None:
        if len(data) > self.max_bytes:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.bytes -= len(old)
            self._items[key] = data
            self.bytes += len(data)
            while self.bytes > self.max_bytes:
                _, dropped = self._items.popitem(last=False)
                self.bytes -= len(dropped)

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.bytes = 0
