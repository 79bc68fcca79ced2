"""Which version of the project the studio shows: the main cut or a variant, a row of the data file (if one was
given) and the parameter values typed on the page. A choice is plain data; `load` turns it into a Project the
same way `compositor render --variant … --data … --set …` does (a row's values under the typed ones, the row's
file named as the batch names it), so what the page shows and renders is what the command line writes."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from ..project.load import Project, load_project
from ..rows import Row, read_rows

SUMMARY_CHARS = 48          # a row's label in the picker: its number and the start of its values


class BadChoice(ValueError):
    """A request body that is not a choice at all (400); a choice that does not load is a UserError (409)."""


@dataclass(frozen=True)
class Choice:
    variant: Optional[str] = None                     # None: the main cut
    row: Optional[int] = None                         # 1-based row of the data file, None: no row
    params: dict = field(default_factory=dict)        # typed values, over the row's

    def values(self, rows: list[Row]) -> dict:
        """The parameter values to load with: the row's non-empty cells, then the typed values over them."""
        row = self.row_of(rows)
        given = {k: v for k, v in row.values.items() if v is not None} if row is not None else {}
        return {**given, **self.params}

    def row_of(self, rows: list[Row]) -> Optional[Row]:
        return rows[self.row - 1] if self.row is not None else None

    def json(self) -> dict:
        return {"variant": self.variant, "row": self.row, "params": dict(self.params)}


def load(path: Path, choice: Choice, rows: list[Row]) -> Project:
    """The project as `choice` (UserError with FILE:LINE issues when it does not load)."""
    from ..batch import row_output

    project = load_project(path, variant=choice.variant, params=choice.values(rows))
    row = choice.row_of(rows)
    return row_output(project, row) if row is not None else project


def read(data: Optional[Path]) -> list[Row]:
    return read_rows(data) if data is not None else []


def parse(body: Any, current: Choice, rows: list[Row], variants: list[str]) -> Choice:
    """The choice a POST /api/version body asks for: keys it leaves out keep their current value."""
    if not isinstance(body, dict):
        raise BadChoice('the body must be a JSON object, e.g. {"variant": "vertical", "row": 2, "params": {}}')
    unknown = set(body) - {"variant", "row", "params"}
    if unknown:
        raise BadChoice(f"unknown key(s): {', '.join(sorted(unknown))} (known: variant, row, params)")
    variant = body.get("variant", current.variant) or None
    if variant is not None and variant not in variants:
        raise BadChoice(f"no variant {variant!r} (variants: {', '.join(variants) or 'none declared'}; "
                        "null is the main cut)")
    row = body.get("row", current.row)
    if row is not None:
        if not rows:
            raise BadChoice("no data file: start the studio with --data rows.csv to pick rows")
        if isinstance(row, bool) or not isinstance(row, int) or not 1 <= row <= len(rows):
            raise BadChoice(f"row {row!r}: pick a row number 1 – {len(rows)}, or null for none")
    params = body.get("params", current.params)
    if not isinstance(params, dict) or not all(isinstance(k, str) for k in params) or \
            not all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in params.values()):
        raise BadChoice('params must be an object of name: value (text or number), e.g. {"company": "Globex"}')
    return Choice(variant, row, dict(params))


def choices(project: Project, choice: Choice, rows: list[Row], data: Optional[Path]) -> dict:
    """What GET /api/project says about the version: the current choice and what can be chosen."""
    spec = project.spec
    form = []
    for name, p in spec.params.items():
        form.append({"name": name, "type": p.type, "value": p.default, "description": p.description,
                     "options": [str(o) for o in p.options or []]})
    return {**choice.json(), "choices": {
        "variants": variant_names(project),
        "data": str(data) if data is not None else None,
        "rows": [{"number": r.number, "line": r.line, "label": label(r)} for r in rows],
        "params": form, "colors": list(project.kit.colors)}}

def variant_names(project: Project) -> list[str]:
    """Every declared variant (top-level `variants:` and the older `output.variants`)."""
    return list({**project.spec.output.variants, **project.spec.variants})


def label(row: Row) -> str:
    """`3: Umbrella · Pro · 900`, cut short: the picker shows which row it is at a glance."""
    text = " · ".join(str(v) for v in row.values.values() if v not in (None, ""))
    if len(text) > SUMMARY_CHARS:
        text = text[:SUMMARY_CHARS - 1] + "…"
    return f"{row.number}: {text}"

