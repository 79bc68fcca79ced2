"""User-facing errors: every mistake in a project or brand file names FILE:LINE and the field.

Two layers:
- `FieldError` is raised by any component (a source, an overlay, the diffusion core, a tracker) that finds a
  bad value. It knows only the field path *relative to the object it was given* and what to do about it.
- `UserError` is what the CLI prints: a list of `Issue`s, each with the file, the line and the full dotted
  path. The loader turns a `FieldError` into a `UserError` by prefixing the path of the object it handed over
  and looking the line up in the file's line map (see `compositor.project.load.LineMap`).
Exit codes: 2 for a `UserError`, 1 for anything else (an internal error).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USER = 2


def dotted(path: Sequence) -> str:
    """("shots", 0, "layers", 1, "at") -> "shots[0].layers[1].at"."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(file)"


@dataclass
class Issue:
    file: str
    line: int
    path: tuple
    message: str
    fix: str = ""

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}: {dotted(self.path)}: {self.message}"
        if self.fix:
            text += f" — {self.fix}"
        return one_line(text)


def one_line(text: str) -> str:
    """An issue is one printed line: a line break inside a quoted value (a file name, a key) is shown escaped, so
    every line of the output still starts with FILE:LINE."""
    if len((text + "a").splitlines()) == 1:
        return text
    return "".join(ch if len(("a" + ch + "a").splitlines()) == 1 else ch.encode("unicode_escape").decode("ascii")
                   for ch in text)


class UserError(Exception):
    """A mistake the user can fix; printed without a traceback, exit code 2."""

    def __init__(self, issues: Issue | Iterable[Issue]):
        self.issues: list[Issue] = [issues] if isinstance(issues, Issue) else list(issues)
        super().__init__("\n".join(str(i) for i in self.issues))


@dataclass
class FieldError(Exception):
    """A bad value found by a component; `path` is relative to the object the component was given."""

    path: tuple
    message: str
    fix: str = ""
    extra: list = field(default_factory=list)  # further (path, message, fix) triples

    def __post_init__(self) -> None:
        self.path = tuple(self.path) if not isinstance(self.path, str) else (self.path,)
        super().__init__(f"{dotted(self.path)}: {self.message}")

    def items(self):
        yield self.path, self.message, self.fix
        for p, m, f in self.extra:
            yield tuple(p) if not isinstance(p, str) else (p,), m, f


class FieldWarning(UserWarning):
    """A value that works but changes what the video shows (a text cut short): raised through `warnings.warn` by
    the component that finds it, with the field path relative to what it was given, like a `FieldError`. The
    project loader records them while it builds the layers and reports each as `warning: FILE:LINE: field: …`."""

    def __init__(self, path: tuple, message: str, fix: str = ""):
        self.path, self.message, self.fix = tuple(path), message, fix
        super().__init__(f"{dotted(self.path)}: {message}" + (f" — {fix}" if fix else ""))


def plain_issue(file: str | Path, message: str, fix: str = "", path: tuple = (), line: int = 1) -> UserError:
    """A UserError about a whole file (missing, unreadable, not YAML)."""
    return UserError(Issue(str(file), line, tuple(path), message, fix))
