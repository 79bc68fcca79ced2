"""export: hand the project to an editor as an OpenTimelineIO timeline (compositor.handoff)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .app import err, guarded, load, writable
from ..errors import plain_issue


@guarded
def export(project: Path = typer.Argument(..., help="project.yaml (or its folder)"),
           otio_path: Path = typer.Option(..., "--otio", help="the timeline to write: .otio (JSON) or .otioz "
                                                                "(zipped with its media)"),
           overlays: Optional[Path] = typer.Option(None, "--overlays", help="the overlay pass the Overlays track "
                                                                             "points at (default: "
                                                                             "<timeline>-overlays.mov)"),
           background: Optional[Path] = typer.Option(None, "--background", help="the background pass used for "
                                                                                 "shots without a source file "
                                                                                 "(default: "
                                                                                 "<timeline>-background.mov)")):
    """Write an OpenTimelineIO timeline: shots with their media and transitions, the overlay pass, audio tracks
    and caption markers, frame-accurate at the project's fps. Render the passes it points at with
    `compositor render PROJECT --pass overlays -o …` and `--pass background -o …`."""
    from ..handoff import ADAPTER_SUFFIXES, build_timeline, pass_paths, write_timeline

    if otio_path.suffix.lower() not in ADAPTER_SUFFIXES:
        raise plain_issue(otio_path, f"{otio_path.suffix or 'no extension'} is not a timeline format written here",
                          f"use one of: {', '.join(ADAPTER_SUFFIXES)}")
    proj = load(project).project
    writable(proj, otio_path, True)
    over, back = pass_paths(otio_path, overlays, background)
    if otio_path.suffix.lower() == ".otioz":
        missing = [(p, n) for p, n in ((over, "overlays"), (back, "background")) if not p.exists()]
        if missing:
            raise plain_issue(missing[0][0], "a .otioz bundle packs the pass renders, and this one is missing",
                              " and ".join(f"compositor render {project} --pass {n} -o {p}" for p, n in missing)
                              + ", then export again (or write .otio, which only points at them)")
    sidecars = []
    if proj.captions:
        from ..captions.export import write_sidecars
        sidecars = write_sidecars(proj.captions, otio_path, ("srt", "vtt"))
    out = write_timeline(build_timeline(proj, over, back, tuple(sidecars)), otio_path)
    print(f"wrote {out}" + (f" (+ {', '.join(p.name for p in sidecars)})" if sidecars else ""))
    for p, name in ((over, "overlays"), (back, "background")):
        if not p.exists():
            err(f"note: {p} does not exist yet — render it with: compositor render {project} --pass {name} -o {p}")
