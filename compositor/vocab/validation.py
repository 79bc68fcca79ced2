"""Pydantic errors -> FILE:LINE issues. One place that turns a validation failure into words a user can act on."""
from __future__ import annotations

import difflib
from typing import Any, Iterable, Optional, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import FieldError, Issue, UserError
from .yamlmarks import LineMap

M = TypeVar("M", bound=BaseModel)


def data_path(loc: Iterable, data: Any) -> tuple:
    """Map a pydantic error location onto the path in the user's data, skipping union tags and other
    locations pydantic adds that are not keys of the file (so the line lookup finds the right line)."""
    path: list = []
    node = data
    loc = list(loc)
    for i, part in enumerate(loc):
        nxt = loc[i + 1] if i + 1 < len(loc) else None
        if isinstance(node, dict) and part in node and nxt is not None and nxt in node:
            child = node[part]
            if not (isinstance(child, dict) and nxt in child):
                continue  # `part` is a union tag that happens to be a key (e.g. a layer's kind key)
        if isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(part, str) and not isinstance(node, (dict, list)):
            continue
        elif isinstance(node, dict) and isinstance(part, str) and not _looks_like_tag(part):
            path.append(part)  # a missing or unknown key: name it, the line is its parent's
            node = None
    return tuple(path)


def _looks_like_tag(part: str) -> bool:
    return part.startswith(("function-", "tagged-union", "union[")) or "[" in part


def _message(err: dict, known: list[str]) -> tuple[str, str]:
    kind = err.get("type", "")
    loc = err.get("loc", ())
    name = loc[-1] if loc else ""
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(str(name), known, n=1)
        fix = f"did you mean '{close[0]}'?" if close else (f"allowed keys: {', '.join(sorted(known))}" if known
                                                          else "remove it")
        return f"unknown key '{name}'", fix
    if kind == "missing":
        return "is required", f"add '{name}'"
    msg = err.get("msg", "invalid value")
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    if " — " in msg:
        what, fix = msg.split(" — ", 1)
        return what, fix
    inp = err.get("input")
    shown = repr(inp) if isinstance(inp, (str, int, float, bool)) or inp is None else type(inp).__name__
    if kind.startswith("literal_error"):
        return f"{shown} is not allowed", msg.replace("Input should be", "use")
    bound = _bound_message(kind, err.get("ctx") or {}, shown)
    if bound is not None:
        return bound
    return f"{msg[0].lower() + msg[1:] if msg else 'invalid'} (got {shown})", "fix the value"


_COMPARE = {"greater_than": ("gt", ">"), "greater_than_equal": ("ge", "≥"), "less_than": ("lt", "<"),
            "less_than_equal": ("le", "≤")}


def _bound_message(kind: str, ctx: dict, shown: str) -> Optional[tuple[str, str]]:
    """Numeric bounds and length limits in words, naming the bound (compositor/vocab/bounds.py)."""
    if kind in _COMPARE:
        key, sign = _COMPARE[kind]
        limit = ctx.get(key)
        if limit is not None:
            text = f"{limit:g}" if isinstance(limit, (int, float)) else str(limit)
            return f"must be {sign} {text} (got {shown})", f"use a number {sign} {text}"
    if kind in ("too_short", "string_too_short"):
        least = ctx.get("min_length")
        unit = "character" if kind.startswith("string") else "item"
        got = ctx.get("actual_length")
        return (f"needs at least {least} {unit}{'s' if least != 1 else ''}"
                + (f" (got {got})" if got is not None else ""), f"give at least {least}")
    if kind in ("too_long", "string_too_long"):
        most = ctx.get("max_length")
        unit = "character" if kind.startswith("string") else "item"
        got = ctx.get("actual_length")
        return (f"has more than {most} {unit}{'s' if most != 1 else ''}"
                + (f" ({got})" if got is not None else ""), f"keep at most {most}")
    return None


def _known_keys(model: type[BaseModel], loc: tuple, tags: dict) -> list[str]:
    """Field names of the model at `loc` (best effort, for 'did you mean' hints). `tags`: the union members by
    their tag key (layer and background kinds), given by the caller that knows the registries."""
    try:
        current: Any = model
        for i, part in enumerate(loc[:-1]):
            if isinstance(part, int) or current is None:
                continue
            nxt = loc[i + 1] if i + 1 < len(loc) else None
            if isinstance(part, str) and part in tags and (nxt is None or nxt not in getattr(current, "model_fields", {})):
                if nxt in tags[part].model_fields or current is not tags[part]:
                    current = tags[part]      # a union tag: continue in that member's model
                    continue
            fields = getattr(current, "model_fields", None) or {}
            name = part if part in fields else next((f for f, info in fields.items() if info.alias == part), None)
            if name is None:
                continue
            # a union's member is the one that has the key the location names next (a table cell's `avatar:`;
            # layer and background kinds are found by their tags above); a scalar field here is a union tag that
            # shares its member's key: stay in that member
            want = next((p for p in loc[i + 1:] if isinstance(p, str)), None)
            want = None if want in tags else want
            current = _inner_model(fields[name].annotation, want) or current
        if current is not None and hasattr(current, "model_fields"):
            return list(current.model_fields)
    except Exception:
        pass
    return []


def _inner_model(ann: Any, want: Optional[str] = None):
    """The model inside an annotation (lists, unions, Annotated…): the first that has the field `want`, else the
    first found."""
    import typing
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return ann
    found = [m for m in (_inner_model(arg, want) for arg in typing.get_args(ann) or ()) if m is not None]
    return next((m for m in found if want in m.model_fields), found[0] if found else None)


def _node(data: Any, path: tuple) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def validate(model: type[M], data: Any, lines: LineMap, prefix: tuple = (), hints=None, tags=None) -> M:
    """Validate `data` (found at `prefix` in the file) into `model`, or raise a UserError listing every problem.
    `hints(mapping, key_of_mapping)` may name the keys allowed in a mapping (for 'did you mean' on union members);
    `tags` maps union tags (layer and background kind keys) to their models, for the same hints."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        issues = []
        for err, rel in _specific(exc.errors(), data):
            owner = rel[-2] if len(rel) >= 2 else None
            known = hints(_node(data, rel[:-1]), owner) if hints else None
            path = prefix + rel
            message, fix = _message(err, known if known is not None else _known_keys(model, tuple(err["loc"]), tags or {}))
            issues.append(lines.issue(path, message, fix))
        raise UserError(sorted(_dedupe(issues), key=lambda i: i.line))


def _specific(errors: list[dict], data: Any) -> list[tuple[dict, tuple]]:
    """Each error with its path in the data, less the 'not a list / not a mapping' answers of the union members
    the value was never meant for when another member says precisely what is wrong at or under the same path."""
    located = [(err, data_path(err["loc"], data)) for err in errors]
    precise = [rel for err, rel in located if not err.get("type", "").endswith("_type")]
    return [(err, rel) for err, rel in located
            if not err.get("type", "").endswith("_type") or not any(p[:len(rel)] == rel for p in precise)]


def field_error_to_user(exc: FieldError, lines: LineMap, prefix: tuple) -> UserError:
    return UserError([lines.issue(prefix + p, m, f) for p, m, f in exc.items()])


def _dedupe(issues: list[Issue]) -> list[Issue]:
    seen, out = set(), []
    for i in issues:
        key = (i.line, i.path, i.message)
        if key not in seen:
            seen.add(key)
            out.append(i)
    return out
