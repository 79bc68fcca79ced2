"""`references:` resolved once at load: every file found, confined and readable, every name a shot uses known.

All problems are reported together as FILE:LINE issues."""
from __future__ import annotations

from pathlib import Path
from typing import Mapping

from ..diffusion.references import Reference, References, check_uses, resolve
from ..errors import FieldError, UserError
from ..vocab.validation import field_error_to_user
from ..vocab.yamlmarks import LineMap


def load_references(spec, lines: LineMap, base_dir: Path, roots=()) -> Mapping[str, Reference]:
    """name -> Reference (read only), or a UserError listing every bad file and every unknown or misused name."""
    issues = []
    resolved: dict[str, Reference] = {}
    for name, ref in spec.references.items():
        try:
            resolved[name] = resolve(name, ref, Path(base_dir), roots)
        except FieldError as exc:
            issues.extend(field_error_to_user(exc, lines, ("references", name)).issues)
    declared = {name: resolved.get(name) for name in spec.references}
    for i, shot in enumerate(spec.shots):
        gen = getattr(shot.background, "generate", None)
        still = getattr(gen, "start_from", None)
        if isinstance(still, str) and still in resolved and resolved[still].exact:
            issues.append(lines.issue(("shots", i, "background", "generate", "start_from"),
                                      f"{still!r} is an exact reference (product lock): it is never given to the "
                                      "generator", f"use it as `reference: [{{name: {still}, region: [x, y, w, h]}}]`,"
                                      " or set `exact: false` to let the model draw it"))
        if gen is None or not gen.reference:
            continue
        field = ("shots", i, "background", "generate", "reference")
        usable = {n: r for n, r in declared.items() if r is not None}
        for path, what, fix in check_uses(gen.reference, usable, tuple(spec.output.size), field):
            if path[len(field)] is not None and _entry_is_unresolved(gen.reference, path, field, declared):
                continue    # its file is already reported under references:
            issues.append(lines.issue(path, what, fix))
    if issues:
        raise UserError(sorted(issues, key=lambda i: i.line))
    return References(resolved, tuple(spec.output.size))


def _entry_is_unresolved(entries, path, field, declared) -> bool:
    from ..diffusion.references import entry_name

    name = entry_name(entries[path[len(field)]])
    return name in declared and declared[name] is None
