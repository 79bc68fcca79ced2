"""`params:` — typed project parameters and `{{name}}` substitution, done on the raw data before validation.

Why before validation: a parameter may stand anywhere a string may (text, file paths, colours, prompts, captions,
UI strings, the output file name), so the substituted data is then validated and resolved exactly like a file
written by hand. Only values change, never keys or list lengths, so the LineMap of the file stays valid and every
later error still names the line of the use. A value that is exactly `{{name}}` becomes the parameter's typed
value (a number stays a number); inside a longer string it is written out.

The values a project was loaded with are written back as the defaults of its `params:` section, so the loaded
spec says what it was made from and a worker that loads the file again (`ChunkJob`) gets the same project.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Optional

from ..errors import FieldError, Issue, UserError
from ..vocab.yamlmarks import LineMap

TYPES = ("text", "file", "color", "choice", "number")
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}")
KEYS = {"type", "default", "options", "description"}


@dataclass
class ParamIssue(Issue):
    """An Issue about one parameter's value: a batch row reports it against the column of that name."""

    param: str = ""


def apply_params(data: Any, lines: LineMap, base_dir: Path, values: Optional[Mapping[str, Any]] = None) -> Any:
    """`data` with every `{{name}}` replaced by its parameter's value (given in `values`, else the default);
    raises UserError (FILE:LINE of the use, naming the parameter) for unknown names and bad values."""
    if not isinstance(data, dict):
        return data
    declared = _declarations(data.get("params"), lines)
    values = dict(values or {})
    issues: list[Issue] = []
    for name in values:
        if name not in declared:
            issues.append(ParamIssue(str(lines.file), lines.line(("params",)), ("params",),
                                     f"unknown parameter {name!r}",
                                     f"declare it under params: (declared: {', '.join(declared) or 'none'})",
                                     param=name))
    resolved: dict[str, Any] = {}
    problems: dict[str, tuple[str, str]] = {}
    for name, spec in declared.items():
        raw = values[name] if values.get(name) is not None else spec.get("default")   # None: not given
        if raw is None:
            problems[name] = ("has no value", f"give it a default, or set it (--set {name}=… or a column {name})")
            continue
        try:
            resolved[name] = coerce(spec, raw)
        except ValueError as exc:
            what, _, fix = str(exc).partition(" — ")
            problems[name] = (what, fix)
    uses: dict[str, list[tuple]] = {}
    out = {k: (v if k == "params" else _substitute(v, (k,), resolved, declared, problems, uses, issues, lines))
           for k, v in data.items()}
    _check_assets(resolved, declared, problems, out, lines, base_dir)
    for name, (what, fix) in problems.items():
        where = uses.get(name) or [("params", name, "default")]
        for path in where:
            issues.append(ParamIssue(str(lines.file), lines.line(path), path, f"parameter {name!r}: {what}", fix,
                                     param=name))
    if issues:
        raise UserError(sorted(issues, key=lambda i: i.line))
    if declared:
        out["params"] = {name: {**data["params"][name], "default": resolved[name]} for name in declared}
    return out


def coerce(spec: Mapping, value: Any) -> Any:
    """A parameter value of the declared type; strings (from the command line or a CSV) are converted."""
    kind = spec.get("type", "text")
    if kind == "number":
        if isinstance(value, bool):
            raise ValueError(f"{value!r} is not a number — write a number such as 10 or 2.5")
        if isinstance(value, str):
            text = value.strip()
            try:
                value = int(text) if re.fullmatch(r"[-+]?\d+", text) else float(text)
            except ValueError:
                raise ValueError(f"{value!r} is not a number — write a number such as 10 or 2.5") from None
        if not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ValueError(f"{value!r} is not a number — write a number such as 10 or 2.5")
        return value
    if isinstance(value, (dict, list)) or isinstance(value, bool):
        raise ValueError(f"{value!r} is not a {kind} value — give a plain {'word' if kind != 'file' else 'path'}")
    text = str(value) if not isinstance(value, str) else value
    if kind == "choice":
        options = [str(o) for o in spec.get("options") or []]
        if text not in options:
            raise ValueError(f"{text!r} is not one of the options — use one of: {', '.join(options)}")
    if kind in ("file", "color") and not text.strip():
        raise ValueError(f"an empty {kind} — give a {'path' if kind == 'file' else 'colour token'}")
    return text


def _declarations(section: Any, lines: LineMap) -> dict[str, dict]:
    """The `params:` section, checked for shape (pydantic checks it again after substitution)."""
    if section is None:
        return {}
    if not isinstance(section, dict):
        raise lines.error(("params",), "params must be a mapping of name -> {type, default}",
                          "e.g. params: {company: {type: text, default: Acme}}")
    issues, out = [], {}
    for name, spec in section.items():
        path = ("params", name)
        if not isinstance(name, str) or not NAME.match(name):
            issues.append(lines.issue(path, f"{name!r} is not a parameter name",
                                      "use letters, digits, _ and - (starting with a letter)"))
            continue
        if not isinstance(spec, dict):
            issues.append(lines.issue(path, "a parameter is a mapping", f"e.g. {name}: {{type: text, default: …}}"))
            continue
        unknown = set(spec) - KEYS
        kind = spec.get("type", "text")
        if unknown:
            issues.append(lines.issue(path + (sorted(map(str, unknown))[0],), f"unknown key {sorted(map(str, unknown))[0]!r}",
                                      f"allowed keys: {', '.join(sorted(KEYS))}"))
        elif kind not in TYPES:
            issues.append(lines.issue(path + ("type",), f"unknown parameter type {kind!r}",
                                      f"use one of: {', '.join(TYPES)}"))
        elif kind == "choice" and not (isinstance(spec.get("options"), list) and spec["options"]):
            issues.append(lines.issue(path + ("options",), "a choice needs options", "e.g. options: [starter, pro]"))
        elif kind != "choice" and "options" in spec:
            issues.append(lines.issue(path + ("options",), "only a choice has options",
                                      "remove options, or use type: choice"))
        else:
            out[name] = spec
    if issues:
        raise UserError(issues)
    return out


def _substitute(value: Any, path: tuple, resolved, declared, problems, uses, issues, lines) -> Any:
    if isinstance(value, dict):
        return {k: _substitute(v, path + (k,), resolved, declared, problems, uses, issues, lines)
                for k, v in value.items()}
    if isinstance(value, list):
        return [_substitute(v, path + (i,), resolved, declared, problems, uses, issues, lines)
                for i, v in enumerate(value)]
    if not isinstance(value, str) or "{{" not in value:
        return value
    names = [m.strip() for m in PLACEHOLDER.findall(value)]
    for name in names:
        if name not in declared:
            hint = f"declare it under params: (declared: {', '.join(declared)})" if declared else \
                "declare it under params:, e.g. params: {" + (name or "name") + ": {type: text, default: …}}"
            issues.append(lines.issue(path, f"unknown parameter {{{{{name}}}}}", hint))
        else:
            uses.setdefault(name, []).append(path)
    if any(n not in resolved for n in names):
        return value
    whole = PLACEHOLDER.fullmatch(value.strip())
    if whole and value.strip() == value:
        return resolved[whole.group(1).strip()]
    in_file_name = path == ("output", "file") or (len(path) == 4 and path[:2] == ("output", "variants")
                                                  and path[-1] == "file")
    return PLACEHOLDER.sub(lambda m: _as_text(resolved[m.group(1).strip()], in_file_name), value)


def _as_text(value: Any, in_file_name: bool) -> str:
    text = (str(int(value)) if isinstance(value, float) and value.is_integer() else str(value))
    return re.sub(r"[\\/\x00]", "-", text) if in_file_name else text


def _check_assets(resolved, declared, problems, data, lines: LineMap, base_dir: Path) -> None:
    """`file` parameters must exist inside the project (or kit) folders; `color` ones obey the brand lock."""
    wanted = [n for n, s in declared.items() if n in resolved and s.get("type") in ("file", "color")]
    if not wanted:
        return
    from brand.kit import find_kit, load_kit

    from ..confine import find_asset

    kit = None
    try:
        brand = data.get("brand") or "neutral"
        kit = load_kit(find_kit(brand, base_dir)) if isinstance(brand, str) else None
    except (FieldError, UserError):
        pass        # the loader reports the brand problem itself; a colour cannot be judged without the kit
    for name in wanted:
        value = resolved[name]
        try:
            if declared[name]["type"] == "file":
                find_asset(base_dir, value, (), (getattr(kit, "folder", None),))
            elif kit is not None:
                kit.color(value)
        except FieldError as exc:
            problems[name] = (exc.message, exc.fix)
