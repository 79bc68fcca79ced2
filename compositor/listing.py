"""Lists cut for a message say how many they cut: "a, b, c and 18 more", never a silent first five."""
from __future__ import annotations

from typing import Callable, Iterable


def first(items: Iterable, n: int = 5, show: Callable = str, sep: str = ", ") -> str:
    """The first `n` items shown with `show`, joined by `sep`, then "and K more" when K items were left out."""
    items = list(items)
    head = sep.join(show(x) for x in items[:n])
    rest = len(items) - n
    return f"{head} and {rest} more" if rest > 0 else head
