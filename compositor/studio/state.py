"""The loaded project as the studio sees it: the current version, the last good one, and the error if the file
on disk is broken now. One FrameRenderer per good version keeps its caches warm across a scrub.

Everything that touches a version's renderer (frames, hits, reloads) runs on the studio's one frame worker, so a
reload never closes a renderer a frame is still being drawn with (a closed session drawn on again would prepare
its shots anew and keep them, decoders and all, for as long as the cyclic collector pleases)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..errors import UserError
from ..project.load import Project
from ..render import FrameRenderer
from ..rows import Row
from . import version as versions
from .cache import FrameCache
from .trim import release_free_memory


@dataclass
class Loaded:
    project: Project
    renderer: FrameRenderer
    version: int
    frames: FrameCache = field(default_factory=FrameCache)     # encoded frames of this version
    warmed: set = field(default_factory=set)                   # shot indexes the idle worker prepared


@dataclass
class StudioState:
    path: Path
    good: Optional[Loaded] = None
    error: Optional[dict] = None          # {"message", "file", "line", "context"} while the file is broken
    version: int = 0
    extra_watch: set = field(default_factory=set)
    choice: versions.Choice = field(default_factory=versions.Choice)   # variant, row, typed params
    data: Optional[Path] = None           # --data: the rows to pick from (read again at every reload)
    rows: list[Row] = field(default_factory=list)

    def reload(self) -> bool:
        """Load the file (and the data file) again as the current choice; True when it is valid. A broken file
        keeps the last good version."""
        self.version += 1
        try:
            self.rows = versions.read(self.data)
            if self.choice.row is not None and self.choice.row > len(self.rows):
                self.choice = versions.Choice(self.choice.variant, len(self.rows), self.choice.params)
            project = versions.load(self.path, self.choice, self.rows)
        except UserError as exc:
            self.error = describe(exc)
            return False
        self._replace(project)
        self.error = None
        return True

    def choose(self, choice: versions.Choice) -> None:
        """Show another version (variant, row, typed values). One that does not load raises UserError and
        changes nothing: the version shown stays, and so does the choice it was made from."""
        project = versions.load(self.path, choice, self.rows)
        self.version += 1
        self.choice = choice
        self._replace(project)
        self.error = None

    def renew(self) -> None:
        """A new version of the same loaded project, prepared afresh: after generation filled the cache, its
        shots (and any shot continuing from them) show the footage instead of the placeholder."""
        self.version += 1
        self._replace(self.good.project)

    def _replace(self, project: Project) -> None:
        old = self.good
        self.good = Loaded(project, FrameRenderer(project, use_cache=True, offline=True), self.version)
        if old is not None:
            old.renderer.close()
            old.frames.clear()
            del old
            release_free_memory()

    def watched(self) -> list[Path]:
        """What a save of should reload: the project's folder (file and assets) and its brand kit."""
        dirs = {Path(self.path).resolve().parent}
        if self.good is not None:
            dirs.add(Path(self.good.project.kit.folder).resolve())
        return sorted(dirs)

    def close(self) -> None:
        if self.good is not None:
            self.good.renderer.close()


def describe(exc: UserError) -> dict:
    """The CLI's message for a broken file, plus a few lines of the file around the first problem."""
    message = "\n".join(str(i) for i in exc.issues)
    first = exc.issues[0] if exc.issues else None
    context = []
    if first is not None:
        try:
            text = Path(first.file).read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            text = []
        lo, hi = max(1, first.line - 3), min(len(text), first.line + 3)
        context = [{"line": n, "text": text[n - 1], "here": n == first.line} for n in range(lo, hi + 1)]
    return {"message": message, "file": first.file if first else "", "line": first.line if first else 0,
            "context": context}
