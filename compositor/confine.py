"""Where a project may read files from: its own folder tree, its brand kit's folder, and the data shipped with
Compositor. Every asset path (backgrounds, images, SVGs, fonts, logos, kits) is resolved through `confined`, so
symlinks are followed before the check and a `../../etc/passwd` or an escaping link is refused by name.

`compositor --allow-outside …` (or COMPOSITOR_ALLOW_OUTSIDE=1) lifts the rule for a trusted project."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Optional

from .errors import FieldError

# Files that ship with Compositor: the packages (shipped kits, the built-in model) and, in a checkout, the
# example projects and the test media they and the tests share.
_HOME = Path(__file__).resolve().parent.parent
PACKAGE_DATA = tuple(_HOME / name for name in ("compositor", "brand", "overlays", "projects", "tests/data"))
ENV = "COMPOSITOR_ALLOW_OUTSIDE"


MODELS_ENV = "COMPOSITOR_MODELS"


def model_roots() -> list[Path]:
    """Folders the user keeps diffusers model folders in (`COMPOSITOR_MODELS`, a path list): trusted for
    `generate.model`, as a kit folder is for its kit, so a multi-GB model is never copied into each project."""
    return [Path(p).expanduser() for p in os.environ.get(MODELS_ENV, "").split(os.pathsep) if p.strip()]


def outside_allowed() -> bool:
    return os.environ.get(ENV, "") not in ("", "0")


def within(path: Path, root: Path) -> bool:
    try:
        Path(path).relative_to(root)
        return True
    except ValueError:
        return False


def confined(path: Path, roots: Iterable[Optional[Path]], field: tuple = (), shown: str = "") -> Path:
    """`path` resolved (links followed); a FieldError when it lies outside every root."""
    real = Path(path).resolve()
    allowed = [Path(r).resolve() for r in roots if r is not None] + list(PACKAGE_DATA)
    if outside_allowed() or any(within(real, r) for r in allowed):
        return real
    link = " (through a symbolic link)" if Path(os.path.abspath(path)) != real else ""
    raise FieldError(field, f"{shown or path} resolves to {real}{link}, outside the project and kit folders",
                     "copy the file into the project folder, or run with `compositor --allow-outside …` "
                     "if you trust this project (see docs/security.md)")


def find_asset(base_dir: Path, rel, field: tuple, roots: Iterable[Optional[Path]] = (), kinds: tuple = ()) -> Path:
    """The one asset lookup: `rel` relative to the project folder, present, of an accepted suffix, and confined
    to the project folder (plus `roots`, e.g. the kit's folder). FieldErrors name `field`."""
    p = Path(base_dir) / rel
    if not p.exists():
        raise FieldError(field, f"file not found: {rel}", f"put it at {p} or fix the path (relative to the "
                                                          f"project file)")
    if kinds and p.suffix.lower() not in kinds:
        raise FieldError(field, f"{p.suffix or 'no extension'} is not supported here",
                         f"use one of: {', '.join(kinds)}")
    return confined(p, (base_dir, *roots), field, str(rel))


def confined_output(base_dir: Path, rel, field: tuple) -> Path:
    """Where a project file says to write: inside its own folder (a project must not write over a user's files
    elsewhere; `-o` on the command line is the user's own choice and is not checked here)."""
    root = Path(base_dir).resolve()
    real = (root / rel).resolve()
    if outside_allowed() or within(real, root):
        return real
    raise FieldError(field, f"{rel} resolves to {real}, outside the project folder: a project writes only "
                            f"inside its own folder", "name a file inside the project folder (e.g. renders/out.mp4), "
                            "or give the output on the command line with -o")


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


def overwrite_victim(proj, out: Path) -> Optional[str]:
    """What `out` would destroy, if it is the project file, a file of the kit, or a file the project reads."""
    target = Path(out).resolve()
    if target == Path(proj.file).resolve():
        return "the project file"
    folder = getattr(proj.kit, "folder", None)
    if folder is not None and within(target, Path(folder).resolve()):
        return f"a file of the brand kit '{proj.kit.name}'"
    base = Path(proj.file).resolve().parent
    try:
        # every string of the project but its own output section (output.file names the target, not an input)
        data = proj.spec.model_dump(mode="json", exclude_defaults=True, exclude={"output"})
    except Exception:       # a spec that cannot be dumped still has its file and kit guarded above
        return None
    for text in _strings(data):
        if 0 < len(text) < 4096 and "\n" not in text:
            try:
                if (base / text).resolve() == target and target.is_file():
                    return f"the input file {text!r}"
            except (OSError, ValueError):
                continue
    return None
