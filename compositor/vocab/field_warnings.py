"""Warnings about fields, with the file and line: a component warns with `FieldWarning(path, …)` (the path
relative to what it was given, like a `FieldError`); the code that handed it the object records them here and
words each as `warning: FILE:LINE: field: what — fix`, the way errors are worded."""
from __future__ import annotations

import warnings
from contextlib import contextmanager
from typing import Iterator

from ..errors import FieldWarning
from .yamlmarks import LineMap


@contextmanager
def field_warnings(lines: LineMap, prefix: tuple = ()) -> Iterator[list[str]]:
    """Collect the `FieldWarning`s raised inside the block into the yielded list as `warning: FILE:LINE: …` lines
    (each once, in order); any other warning goes on to the caller's filters as if never caught."""
    found: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", FieldWarning)
        yield found
    for w in caught:
        if isinstance(w.message, FieldWarning):
            m = w.message
            line = f"warning: {lines.issue(prefix + m.path, m.message, m.fix)}"
            if line not in found:
                found.append(line)
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno, source=w.source)
