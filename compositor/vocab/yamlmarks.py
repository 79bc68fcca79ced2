"""Read YAML (or JSON) and remember the line of every value, so errors can say FILE:LINE.

PyYAML's composer gives nodes with marks; we walk the node tree once to record `path -> line` and construct the
plain Python data with the safe loader. Paths are tuples of keys and list indices, the same shape pydantic uses
for error locations.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import Issue, UserError, plain_issue


class LineMap:
    """`path -> line` for one file; unknown paths fall back to the nearest known parent."""

    def __init__(self, file: Path, lines: dict[tuple, int]):
        self.file = Path(file)
        self.lines = lines

    def line(self, path: tuple) -> int:
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)

    def issue(self, path: tuple, message: str, fix: str = "") -> Issue:
        return Issue(str(self.file), self.line(path), tuple(path), message, fix)

    def error(self, path: tuple, message: str, fix: str = "") -> UserError:
        return UserError(self.issue(path, message, fix))


# Aliases are shared, not copied, in the data, but walking them for line marks (and validating them) expands
# them: a "billion laughs" file must stop at a named cap instead of eating memory.
MAX_NODES = 200_000


class _TooBig(Exception):
    pass


def _walk(node: yaml.Node, path: tuple, lines: dict) -> None:
    if len(lines) > MAX_NODES:
        raise _TooBig()
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines[path + (key,)] = key_node.start_mark.line + 1
            # keep the key's line for the key itself; nested values record their own lines below
            _walk(value_node, path + (key,), lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[path + (i,)] = item.start_mark.line + 1
            _walk(item, path + (i,), lines)


class _UniqueKeys:
    """Refuse duplicate keys (a silent overwrite hides typos)."""

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key '{key}' (first at line {seen[key]})", key_node.start_mark)
            try:
                seen[key] = key_node.start_mark.line + 1
            except TypeError:
                pass
        return super().construct_mapping(node, deep=deep)


# YAML 1.2 core schema: only true/false are booleans and only ~/null/empty is null, so `lock: off`, `country: no`,
# `answer: yes` stay words; `1e3` is a number and `1:30` a string, as YAML 1.2 says (YAML 1.1 would read
# off/no/yes as booleans and 1:30 as the sexagesimal 90).
_CORE_RESOLVERS = [
    ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    ("tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), "-+0123456789"),
    ("tag:yaml.org,2002:float", re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"), "-+.0123456789"),
    ("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:merge", re.compile(r"^(?:<<)$"), "<"),
]


class _CoreSchema:
    """Resolve plain scalars by the YAML 1.2 core schema instead of PyYAML's YAML 1.1 rules."""

    yaml_implicit_resolvers: dict = {}
    for _tag, _regexp, _first in _CORE_RESOLVERS:
        for _ch in _first:
            yaml_implicit_resolvers.setdefault(_ch, []).append((_tag, _regexp))

    def construct_yaml_int(self, node):
        """Core-schema ints: decimal, 0o octal, 0x hex (no 1.1 underscores or sexagesimal)."""
        value = self.construct_scalar(node)
        if value.startswith(("0o", "0x")):
            return int(value[2:], 8 if value[1] == "o" else 16)
        return int(value)

    def construct_yaml_float(self, node):
        value = self.construct_scalar(node).lower()
        if value.lstrip("+-") == ".inf":
            return float("-inf") if value.startswith("-") else float("inf")
        if value == ".nan":
            return float("nan")
        return float(value)


class _UniqueKeyLoader(_CoreSchema, _UniqueKeys, yaml.SafeLoader):
    """The safe loader, pure Python: the reference, and the one that words every error message."""


for _loader in (_UniqueKeyLoader,):
    _loader.add_constructor("tag:yaml.org,2002:int", _CoreSchema.construct_yaml_int)
    _loader.add_constructor("tag:yaml.org,2002:float", _CoreSchema.construct_yaml_float)

# libyaml's parser builds the same nodes with the same marks several times faster; the constructor (and so the
# data) is PyYAML's either way.
_FastUniqueKeyLoader = (type("_FastUniqueKeyLoader", (_CoreSchema, _UniqueKeys, yaml.CSafeLoader), {})
                        if getattr(yaml, "__with_libyaml__", False) else None)
if _FastUniqueKeyLoader is not None:
    _FastUniqueKeyLoader.add_constructor("tag:yaml.org,2002:int", _CoreSchema.construct_yaml_int)
    _FastUniqueKeyLoader.add_constructor("tag:yaml.org,2002:float", _CoreSchema.construct_yaml_float)


def _parse(text: str, loader_class) -> tuple[Any, Any]:
    """(root node, data) from one pass over the text (compose once, construct from those nodes)."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


def _parse_text(text: str) -> tuple[Any, Any]:
    if _FastUniqueKeyLoader is not None:
        try:
            return _parse(text, _FastUniqueKeyLoader)
        except yaml.YAMLError:
            pass       # a problem in the file: the pure-Python parser reports it in its usual words
    return _parse(text, _UniqueKeyLoader)


# A project or kit file is hand-written settings; megabytes of it are a mistake (and shaping 10 MB of text hangs).
MAX_FILE_BYTES = 2 << 20
# Validation and line marking recurse once per level; a project needs a handful, a hostile file has thousands.
MAX_DEPTH = 64


def _too_deep(file: Path) -> UserError:
    return plain_issue(file, f"values nested more than {MAX_DEPTH} levels deep", "flatten the lists and mappings")


def _depth_cap(file: Path, node) -> None:
    """Refuse nesting past MAX_DEPTH before anything recurses over the data (an explicit stack, no recursion)."""
    stack = [(node, 0)] if node is not None else []
    deepest: dict[int, int] = {}     # aliases share nodes: revisit one only when reached deeper (<= MAX_DEPTH times)
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _too_deep(file)
        if deepest.get(id(item), -1) >= depth or not isinstance(item, (yaml.MappingNode, yaml.SequenceNode)):
            continue
        deepest[id(item)] = depth
        children = [v for pair in item.value for v in pair] if isinstance(item, yaml.MappingNode) else item.value
        stack.extend((child, depth + 1) for child in children)


def read_marked(file: Path) -> tuple[Any, LineMap]:
    """Parse a YAML/JSON file into plain data and its LineMap; syntax errors become UserErrors."""
    file = Path(file)
    if not file.exists():
        raise plain_issue(file, "file not found", "check the path")
    if file.is_dir():
        raise plain_issue(file, "is a folder, not a file", "point at the YAML file inside it")
    if file.stat().st_size > MAX_FILE_BYTES:
        raise plain_issue(file, f"is {file.stat().st_size:,} bytes, over the cap of {MAX_FILE_BYTES:,} for a "
                                "project or brand file", "keep long text (captions, scripts) in their own files")
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise plain_issue(file, f"cannot read the file ({exc})", "save it as UTF-8 text")
    try:
        node, data = _parse_text(text)
        _depth_cap(file, node)
    except RecursionError:
        raise _too_deep(file) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise UserError(Issue(str(file), line, (), f"not valid YAML: {exc.problem or exc}",
                              "fix the syntax at that line (indentation, a missing ':' or quote)"))
    except yaml.YAMLError as exc:      # e.g. a control character: the reader has no line mark to give
        raise plain_issue(file, f"not valid YAML text: {str(exc).splitlines()[0]}",
                          "save it as plain UTF-8 text without control characters") from None
    lines: dict[tuple, int] = {}
    if node is not None:
        try:
            _walk(node, (), lines)
        except _TooBig:
            raise plain_issue(file, f"expands to more than {MAX_NODES:,} values (aliases repeated too deeply?)",
                              "write the values out or use fewer nested aliases") from None
    return data, LineMap(file, lines)
