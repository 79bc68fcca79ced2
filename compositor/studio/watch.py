"""Reload on save: watchfiles over the project folder and its brand kit; renders and caches are ignored."""
from __future__ import annotations

from pathlib import Path

from watchfiles import DefaultFilter, awatch


class StudioFilter(DefaultFilter):
    def __init__(self, ignore: list[Path]):
        super().__init__()
        self.ignore = [str(p.resolve()) for p in ignore]

    def __call__(self, change, path: str) -> bool:
        if any(path.startswith(p) for p in self.ignore):
            return False
        return super().__call__(change, path)


async def changes(paths: list[Path], ignore: list[Path], stop):
    """Batches of changed paths until `stop` (an asyncio/anyio Event) is set."""
    async for batch in awatch(*paths, watch_filter=StudioFilter(ignore), stop_event=stop, debounce=50, step=20):
        yield batch
