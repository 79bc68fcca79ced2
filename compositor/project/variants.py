"""Output variants on the raw project data, before validation: one project, several cuts (a 9:16, a square).

A variant is declared under top-level `variants:` (or, the older place, `output.variants`) with its `size`, an
optional `file` and `scale`, and may change the project two ways:

- `set: {"SHOT.LAYER.key[.subkey]": value, "SHOT.key": value}` overrides any shot or layer key by id;
- a value written in place as `{default: A, vertical: B}` (keys: `default` plus declared variant names only)
  is B in the `vertical` variant and A everywhere else.

Both happen here, on the data `read_marked` gave, so validation sees one ordinary project and every line mark
points at the line the value came from (a `set:` entry's line for what it overrides). Values a variant gives
are in that variant's output pixels: `native` tells the loader which layers' positions and sizes not to remap.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from ..errors import Issue, UserError
from ..vocab.yamlmarks import LineMap

DEFAULT = "default"
ALL = "all"                      # `--variant all`: every variant (a reserved name)
SIZE_KEYS = ("width", "height", "size")   # a variant value under one of these draws the layer at 1:1
SHOT_READ_ONLY = ("id",)         # a variant cannot rename a shot: references to it would break


class VariantLines(LineMap):
    """The line map of a project loaded as one variant: every issue says which variant it is about, so an
    error found later (a track that finds nothing in the 9:16 crop) does not read like one in the main cut."""

    def __init__(self, base: LineMap, variant: str):
        super().__init__(base.file, base.lines)
        self.variant = variant

    def issue(self, path: tuple, message: str, fix: str = "") -> Issue:
        prefix = f"variant {self.variant!r}: "
        return super().issue(path, message if message.startswith(prefix) else prefix + message, fix)


@dataclass(frozen=True)
class Applied:
    """What applying a variant changed: the layers whose values are in the variant's own pixels."""

    name: Optional[str]
    native_at: frozenset = field(default_factory=frozenset)     # (shot index, layer index): `at` not remapped
    native_size: frozenset = field(default_factory=frozenset)   # (shot index, layer index): drawn at 1:1
    paths: frozenset = field(default_factory=frozenset)         # every data path the variant gave a value for

    def given(self, path: tuple) -> bool:
        """True when the variant gave `path` (or a key above or below it) in its own pixels."""
        n = len(path)
        return any(p[:n] == path or path[:len(p)] == p for p in self.paths)

    def native(self, shot: int, layer: int) -> tuple[bool, bool]:
        return (shot, layer) in self.native_at, (shot, layer) in self.native_size


def declared(data: Any) -> dict[str, tuple[tuple, Any]]:
    """Variant name -> (its path in the file, its raw mapping), from both places it may be declared."""
    out: dict[str, tuple[tuple, Any]] = {}
    if not isinstance(data, dict):
        return out
    output = data.get("output")
    for where, table in ((("output", "variants"), output.get("variants") if isinstance(output, dict) else None),
                         (("variants",), data.get("variants"))):
        if isinstance(table, dict):
            for name, body in table.items():
                out.setdefault(str(name), (where + (name,), body))
    return out


def names(data: Any) -> list[str]:
    """The declared variant names, in file order (`--variant all` renders these)."""
    return list(declared(data))


def apply(data: Any, lines: LineMap, variant: Optional[str]) -> tuple[Any, LineMap, Applied]:
    """The project data as variant `variant` (None: the main cut), its line map, and what changed. Raises
    UserError for a variant declared twice, an unknown variant, or a `set:` path that names nothing."""
    if not isinstance(data, dict):
        return data, lines, Applied(variant)
    table = declared(data)
    _check_declarations(data, lines, table)
    if variant is not None and variant not in table:
        known = ", ".join(table) or "none declared"
        where = ("variants",) if "variants" in data else ("output", "variants")
        raise lines.error(where, f"no output variant {variant!r}",
                          f"declare it under variants: (or output.variants) (variants here: {known})")
    marks = dict(lines.lines)
    native: set = set()
    _in_place(data, (), set(table), variant or DEFAULT, marks, native)
    overrides = {name: _resolve_sets(data, lines, name, body, where) for name, (where, body) in table.items()}
    if variant is not None:
        for target, value, entry in overrides[variant]:
            _assign(data, target, value)
            _move_marks(marks, entry, target)
            native.add(target)
    base = LineMap(lines.file, marks)
    applied = Applied(variant, frozenset(_layer_of(p) for p in native if _layer_of(p) and _is_at(p)),
                      frozenset(_layer_of(p) for p in native if _layer_of(p) and _is_size(p)), frozenset(native))
    return data, (VariantLines(base, variant) if variant is not None else base), applied


# --- declarations -----------------------------------------------------------------------------------------
def _check_declarations(data: dict, lines: LineMap, table: dict) -> None:
    issues = []
    output = data.get("output")
    inner = output.get("variants") if isinstance(output, dict) else None
    outer = data.get("variants")
    if isinstance(inner, dict) and isinstance(outer, dict):
        for name in inner:
            if name in outer:
                issues.append(lines.issue(("variants", name), f"variant {name!r} is declared twice (also under "
                                          f"output.variants, line {lines.line(('output', 'variants', name))})",
                                          "declare each variant once, under top-level variants:"))
    for name, (where, _) in table.items():
        if name in (DEFAULT, ALL):
            issues.append(lines.issue(where, f"{name!r} cannot name a variant (`default` is the main cut in "
                                      "per-variant values, `all` renders every variant)",
                                      "call it something else, e.g. vertical"))
    if issues:
        raise UserError(issues)


# --- values written in place: {default: A, vertical: B} ---------------------------------------------------
def _in_place(node: Any, path: tuple, known: set, chosen: str, marks: dict, native: set) -> None:
    """Replace every per-variant mapping under `node` by the chosen variant's value (or its `default`)."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in list(items):
        here = path + (key,)
        if here in (("variants",), ("output", "variants")):
            continue          # the declarations themselves (and their `set:` values) are not per-variant values
        if _per_variant(value, known):
            pick = chosen if chosen in value else DEFAULT
            node[key] = value[pick]
            _move_marks(marks, here + (pick,), here)
            if pick != DEFAULT:
                native.add(here)
            value = node[key]
        _in_place(value, here, known, chosen, marks, native)


def _per_variant(value: Any, known: set) -> bool:
    return (bool(known) and isinstance(value, dict) and DEFAULT in value
            and all(isinstance(k, str) and (k == DEFAULT or k in known) for k in value))


# --- `set:` overrides by id -------------------------------------------------------------------------------
def _resolve_sets(data: dict, lines: LineMap, name: str, body: Any, where: tuple) -> list[tuple[tuple, Any, tuple]]:
    """(target data path, value, path of the set entry) for each entry of a variant's `set:`; every entry that
    names no shot, layer or key is an issue at the entry's line."""
    sets = body.get("set") if isinstance(body, dict) else None
    if not isinstance(sets, dict):
        return []          # absent, or not a mapping (validation words that)
    shots = data.get("shots") if isinstance(data.get("shots"), list) else []
    out, issues = [], []
    for key, value in sets.items():
        entry = where + ("set", key)
        try:
            out.append((_target(shots, str(key)), value, entry))
        except _Unknown as exc:
            issues.append(lines.issue(entry, f"in variant {name!r}: {exc.what}", exc.fix))
    if issues:
        raise UserError(issues)
    return out


class _Unknown(Exception):
    def __init__(self, what: str, fix: str):
        super().__init__(what)
        self.what, self.fix = what, fix


def _target(shots: list, key: str) -> tuple:
    """`SHOT.LAYER.key[.sub…]` or `SHOT.key[.sub…]` -> the data path it names (ids never contain dots)."""
    from .schema import ShotSpec

    parts = key.split(".")
    ids = [s.get("id") if isinstance(s, dict) else None for s in shots]
    if len(parts) < 2 or not all(parts):
        raise _Unknown(f"{key!r} is not a path", "write SHOT_ID.LAYER_ID.key or SHOT_ID.key, e.g. closing.title.at")
    if parts[0] not in ids:
        raise _Unknown(f"no shot {parts[0]!r}", f"use a shot id: {', '.join(str(x) for x in ids if x) or '(none)'}")
    i = ids.index(parts[0])
    shot = shots[i]
    layers = shot.get("layers") if isinstance(shot.get("layers"), list) else []
    layer_ids = [l.get("id") if isinstance(l, dict) else None for l in layers]
    shot_keys = [f.alias or n for n, f in ShotSpec.model_fields.items()]
    if parts[1] in layer_ids and parts[1] not in shot_keys:
        if len(parts) < 3:
            raise _Unknown(f"{key!r} names a layer, not one of its keys", f"add the key, e.g. {key}.at")
        if layer_ids.count(parts[1]) > 1:
            raise _Unknown(f"two layers of shot {parts[0]!r} have the id {parts[1]!r}", "give each layer its own id")
        j = layer_ids.index(parts[1])
        allowed = _layer_keys(layers[j])
        if allowed is not None and parts[2] not in allowed:
            raise _Unknown(f"layer {parts[1]!r} of shot {parts[0]!r} has no key {parts[2]!r}",
                           _suggest(parts[2], allowed))
        return _walk(("shots", i, "layers", j), layers[j], parts[2:], key)
    if parts[1] in layer_ids:
        raise _Unknown(f"{parts[1]!r} is both a layer id and a shot key in shot {parts[0]!r}",
                       "rename the layer so the path says which it means")
    if parts[1] in SHOT_READ_ONLY or parts[1] not in shot_keys:
        named = [x for x in layer_ids if x]
        close = _suggest(parts[1], named + [k for k in shot_keys if k not in SHOT_READ_ONLY])
        fix = close if close.startswith("did you") else f"shot keys: {', '.join(k for k in shot_keys if k != 'id')}"
        if named:
            fix += f" (layer ids in this shot: {', '.join(named)})"
        elif len(parts) >= 3:
            fix += " (no layer here has an `id:`: give the layer one to reach it)"
        what = (f"a variant cannot change a shot's id" if parts[1] in SHOT_READ_ONLY else
                f"shot {parts[0]!r} has no layer or key {parts[1]!r}")
        raise _Unknown(what, fix)
    return _walk(("shots", i), shot, parts[1:], key)


def _walk(base: tuple, node: Any, keys: list[str], whole: str) -> tuple:
    """The data path of `keys` under `node`; a list is indexed by number, a mapping may gain the last key."""
    path = base
    for n, k in enumerate(keys):
        if isinstance(node, list):
            if not k.isdigit() or int(k) >= len(node):
                raise _Unknown(f"{'.'.join(keys[:n]) or whole!r} is a list of {len(node)}: {k!r} is not an index "
                               "in it", f"use 0 … {len(node) - 1}")
            path, node = path + (int(k),), node[int(k)]
        elif isinstance(node, dict) or node is None:
            path, node = path + (k,), (node or {}).get(k)
        else:
            raise _Unknown(f"{'.'.join(keys[:n])!r} is a single value, it has no {k!r}",
                           f"set {'.'.join(keys[:n])} itself")
    return path


def _layer_keys(layer: Any) -> Optional[list[str]]:
    from overlays.registry import KINDS

    if not isinstance(layer, dict):
        return None
    kinds = [k for k in layer if k in KINDS]
    if len(kinds) != 1:
        return None
    return [f.alias or n for n, f in KINDS[kinds[0]].model.model_fields.items()]


def _suggest(word: str, allowed: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, allowed, n=1)
    return f"did you mean {close[0]!r}?" if close else f"keys here: {', '.join(sorted(allowed))}"


def _assign(data: Any, path: tuple, value: Any) -> None:
    node = data
    for k in path[:-1]:
        if isinstance(node, dict) and node.get(k) is None:
            node[k] = {}
        node = node[k]
    node[path[-1]] = value


# --- line marks -------------------------------------------------------------------------------------------
def _move_marks(marks: dict, source: tuple, target: tuple) -> None:
    """Lines under `target` now come from `source` (a set entry, or the variant's key of an in-place value)."""
    m, n = len(source), len(target)
    moved = {target + p[m:]: line for p, line in marks.items() if p[:m] == source}
    for p in [p for p in marks if p[:n] == target]:
        del marks[p]
    marks.update(moved)


def _layer_of(path: tuple) -> Optional[tuple[int, int]]:
    if len(path) >= 5 and path[0] == "shots" and path[2] == "layers":
        return path[1], path[3]
    return None


def _is_at(path: tuple) -> bool:
    return path[4] == "at"


def _is_size(path: tuple) -> bool:
    return any(k in SIZE_KEYS for k in path[4:] if isinstance(k, str))


def output_file(main_file: str, name: str, file: Optional[str]) -> str:
    """A variant's output file (relative to the project): its own `file`, else `<stem>-<name><suffix>`."""
    stem = Path(main_file)
    return file or str(stem.with_name(f"{stem.stem}-{name}{stem.suffix}"))
