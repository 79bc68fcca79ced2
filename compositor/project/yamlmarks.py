"""Read YAML (or JSON) and remember the line of every value, so errors can say FILE:LINE.

PyYAML's composer gives nodes with marks; we walk the node tree once to record `path -> line` and construct the
plain Python data with the safe loader. Paths are tuples of keys and list indices, the same shape pydantic uses
for error locations.
"""
from __future__ import annotations

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


def _walk(node: yaml.Node, path: tuple, lines: dict) -> None:
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


class _UniqueKeyLoader(_UniqueKeys, yaml.SafeLoader):
    """The safe loader, pure Python: the reference, and the one that words every error message."""


# libyaml's parser builds the same nodes with the same marks several times faster; the constructor (and so the
# data) is PyYAML's either way.
_FastUniqueKeyLoader = (type("_FastUniqueKeyLoader", (_UniqueKeys, yaml.CSafeLoader), {})
                        if getattr(yaml, "__with_libyaml__", False) else None)


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


def read_marked(file: Path) -> tuple[Any, LineMap]:
    """Parse a YAML/JSON file into plain data and its LineMap; syntax errors become UserErrors."""
    file = Path(file)
    if not file.exists():
        raise plain_issue(file, "file not found", "check the path")
    if file.is_dir():
        raise plain_issue(file, "is a folder, not a file", "point at the YAML file inside it")
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise plain_issue(file, f"cannot read the file ({exc})", "save it as UTF-8 text")
    try:
        node, data = _parse_text(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise UserError(Issue(str(file), line, (), f"not valid YAML: {exc.problem or exc}",
                              "fix the syntax at that line (indentation, a missing ':' or quote)"))
    lines: dict[tuple, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return data, LineMap(file, lines)
