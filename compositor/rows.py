"""Rows of parameter values for a batch (`compositor render --data rows.csv`): CSV, JSON (a list of objects) or
JSON Lines, each row with the line it starts on so its problems can say `rows.csv:LINE: column: …`.

Also the small parsers the command line shares with the batch: `--set name=value` and `--rows 1,4-6`."""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .errors import Issue, UserError, plain_issue

SUFFIXES = (".csv", ".json", ".jsonl")


@dataclass(frozen=True)
class Row:
    """One row: its 1-based number, the line of the data file it starts on, and its values by column (None for
    an empty CSV cell: the parameter keeps its default)."""

    number: int
    line: int
    values: dict = field(default_factory=dict)
    source: str = "rows"


def read_rows(path: Path | str, shown: str | None = None) -> list[Row]:
    """Every row of a .csv, .json or .jsonl file; a UserError for a file that cannot be read as rows."""
    path = Path(path)
    shown = shown or str(path)
    if path.suffix.lower() not in SUFFIXES:
        raise plain_issue(shown, f"{path.suffix or 'no extension'} is not a data file here",
                          "give a .csv (a header row of parameter names), .json (a list of objects) or .jsonl file")
    if not path.is_file():
        raise plain_issue(shown, "file not found", "check the path")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise plain_issue(shown, f"cannot read the file ({exc})", "save it as UTF-8 text")
    reader = {".csv": _csv_rows, ".json": _json_rows, ".jsonl": _jsonl_rows}[path.suffix.lower()]
    rows = reader(text, shown)
    if not rows:
        raise plain_issue(shown, "has no rows", "add one row per video (a header row first, for CSV)")
    return rows


def _csv_rows(text: str, shown: str) -> list[Row]:
    reader = csv.reader(text.splitlines(keepends=True))
    rows, header, last = [], None, 0
    try:
        for record in reader:
            start, last = last + 1, reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if header is None:
                header = [c.strip() for c in record]
                if any(not c for c in header):
                    raise UserError(Issue(shown, start, (), "the header row has an empty column name",
                                          "name every column after a parameter"))
                continue
            values: dict[str, Any] = {}
            for i, cell in enumerate(record):
                name = header[i] if i < len(header) else f"column {i + 1}"
                values[name] = cell if cell.strip() else None
            rows.append(Row(len(rows) + 1, start, values, shown))
    except csv.Error as exc:
        raise UserError(Issue(shown, reader.line_num, (), f"not valid CSV: {exc}", "check the quotes on that line"))
    return rows


def _json_rows(text: str, shown: str) -> list[Row]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(Issue(shown, exc.lineno, (), f"not valid JSON: {exc.msg}", "fix the syntax at that line"))
    if not isinstance(data, list):
        raise plain_issue(shown, "a .json data file must be a list of objects", 'e.g. [{"company": "Globex"}]')
    starts = _object_lines(text)
    rows = []
    for i, item in enumerate(data):
        line = starts[i] if i < len(starts) else 1
        rows.append(Row(i + 1, line, item if isinstance(item, dict) else {"(row)": item}, shown))
    return rows


def _object_lines(text: str) -> list[int]:
    """The line each top-level element of a JSON list starts on (strings and nesting skipped)."""
    lines, depth, line, in_str, escape, pending = [], 0, 1, False, False, True
    for ch in text:
        if ch == "\n":
            line += 1
        if in_str:
            escape = (ch == "\\") and not escape
            if ch == '"' and not escape:
                in_str = False
            continue
        if ch == '"':
            in_str = True
        if depth == 1 and pending and not ch.isspace() and ch not in ",]":
            lines.append(line)
            pending = False
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        elif ch == "," and depth == 1:
            pending = True
    return lines


def _jsonl_rows(text: str, shown: str) -> list[Row]:
    rows = []
    for n, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
        except json.JSONDecodeError as exc:
            item = {"(row)": f"not valid JSON: {exc.msg}"}
        rows.append(Row(len(rows) + 1, n, item if isinstance(item, dict) else {"(row)": item}, shown))
    return rows


def pick(rows: list[Row], spec: str | None) -> list[Row]:
    """The rows `--rows` names: `3`, `2-5`, `1,4-6` (1-based, in file order); all rows for None."""
    if not spec:
        return rows
    wanted: set[int] = set()
    for part in spec.split(","):
        part = part.strip()
        lo, _, hi = part.partition("-")
        if not lo.isdigit() or (hi and not hi.isdigit()) or int(lo) < 1 or (hi and int(hi) < int(lo)):
            raise ValueError(f"--rows {spec!r}: {part!r} is not a row number or range (use e.g. 3, 2-5 or 1,4-6)")
        wanted.update(range(int(lo), int(hi or lo) + 1))
    beyond = sorted(n for n in wanted if n > len(rows))
    if beyond:
        raise ValueError(f"--rows {spec!r}: there are {len(rows)} rows, no row {beyond[0]}")
    return [r for r in rows if r.number in wanted]


def parse_sets(items: Iterable[str]) -> dict[str, str]:
    """`--set name=value` options as a mapping (the value is everything after the first '=')."""
    out = {}
    for item in items:
        name, eq, value = item.partition("=")
        if not eq or not name.strip():
            raise ValueError(f"--set {item!r}: write it as name=value (e.g. --set company=Globex)")
        out[name.strip()] = value
    return out
