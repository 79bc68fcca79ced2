"""validate, init, schema, timeline: the commands that read a project without rendering it."""
from __future__ import annotations

import json
from pathlib import Path

import typer

from .app import guarded, load


@guarded
def validate(project: Path = typer.Argument(..., help="project.yaml")):
    """Load and check everything (schema, assets, fonts, brand lock) without rendering."""
    proj = load(project)
    print(f"ok: {proj.file.name}: {len(proj.shots)} shots, {proj.timeline.duration:.2f}s, "
          f"{proj.timeline.n_frames} frames, brand '{proj.kit.name}' (lock: {proj.kit.lock})")


@guarded
def init(directory: Path = typer.Argument(..., help="folder to create"),
         force: bool = typer.Option(False, "--force", help="overwrite an existing project.yaml")):
    """Scaffold a project folder that renders as-is."""
    from ..scaffold import scaffold

    path = scaffold(directory, force=force)
    print(f"created {path} — render it with: compositor render {path}")


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

    from ..audio.project import shot_spans

    proj = load(project)
    rows = []
    for sid, (a, b) in shot_spans(proj.shots, proj.fps).items():
        shot = proj.shot(sid)
        tr = shot.transition
        note = f"{tr.kind} {tr.duration:g}s" if tr and tr.kind != "cut" else ""
        rows.append({"kind": "shot", "id": sid, "start": a, "end": b, "note": note})
    for clip in proj.placed_clips:
        rows.append({"kind": clip.kind, "id": clip.id, "start": clip.start, "end": clip.end,
                     "note": Path(str(clip.file)).name})
    for cue in proj.captions or []:
        rows.append({"kind": "caption", "id": "", "start": cue.start, "end": cue.end, "note": cue.text})
    rows.sort(key=lambda r: (r["start"], r["kind"] != "shot"))
    if as_json:
        print(json.dumps({"duration": proj.timeline.duration, "frames": proj.timeline.n_frames, "items": rows},
                         indent=2))
        return
    table = Table(title=f"{proj.spec.title} — {proj.timeline.duration:.2f}s, {proj.timeline.n_frames} frames")
    for col in ("kind", "id", "start", "end", "length", "note"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["kind"], r["id"], _clock(r["start"]), _clock(r["end"]), f"{r['end'] - r['start']:.2f}s",
                      r["note"][:60])
    Console(width=140).print(table)


