"""validate, init, schema, timeline: the commands that read a project without rendering it."""
from __future__ import annotations

import json
from pathlib import Path

import typer

from .app import guarded, load
from ..errors import UserError


@guarded
def validate(project: Path = typer.Argument(..., help="project.yaml")):
    """Load and check everything (schema, assets, fonts, brand lock) without rendering — every variant too."""
    from .variants_all import cuts

    proj = load(project).project
    issues, names = [], cuts(project)[1:]
    for name in names:          # what a variant sets is checked in that variant
        try:
            load(project, None, name)
        except UserError as exc:
            issues.extend(exc.issues)
    if issues:
        raise UserError(issues)
    also = f", variants: {', '.join(names)}" if names else ""
    print(f"ok: {proj.file.name}: {len(proj.shots)} shots, {proj.timeline.duration:.2f}s, "
          f"{proj.timeline.n_frames} frames, brand '{proj.kit.name}' (lock: {proj.kit.lock}){also}")


@guarded
def init(directory: Path = typer.Argument(..., help="folder to create"),
         force: bool = typer.Option(False, "--force", help="overwrite an existing project.yaml"),
         template: str = typer.Option("basic", "--template", help="'basic', or 'campaign': a parameterised "
                                      "project with a rows.csv (one video per row)")):
    """Scaffold a project folder that renders as-is."""
    from ..scaffold import scaffold

    path = scaffold(directory, force=force, template=template)
    more = f" (one video per row: --data {path.parent / 'rows.csv'})" if template == "campaign" else ""
    print(f"created {path} — render it with: compositor render {path}{more}")


@guarded
def schema():
    """Print the JSON Schema of project files (for editors and CI)."""
    from ..project.schema import json_schema

    print(json.dumps(json_schema(), indent=2))




def _clock(t: float) -> str:
    return f"{int(t // 60):02d}:{t % 60:06.3f}"


@guarded
def timeline(project: Path = typer.Argument(..., help="project.yaml"),
             as_json: bool = typer.Option(False, "--json", help="machine-readable output")):
    """Every shot, audio clip and caption with its times (after `duration: auto` and `at:` are resolved)."""
    from rich.console import Console
    from rich.table import Table

    video = load(project)
    data = video.timeline()
    if as_json:
        print(json.dumps(data, indent=2))
        return
    proj, rows = video.project, data["items"]
    table = Table(title=f"{proj.spec.title} — {proj.timeline.duration:.2f}s, {proj.timeline.n_frames} frames")
    for col in ("kind", "id", "start", "end", "length", "note"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["kind"], r["id"], _clock(r["start"]), _clock(r["end"]), f"{r['end'] - r['start']:.2f}s",
                      r["note"][:60])
    Console(width=140).print(table)


