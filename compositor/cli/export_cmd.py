"""export: hand the project to an editor as a timeline file: OpenTimelineIO, FCP 7 XML, FCPXML or a CMX 3600 EDL
(compositor.handoff; the format follows the extension)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .app import err, guarded, load, writable
from ..errors import plain_issue


@guarded
def export(project: Path = typer.Argument(..., help="project.yaml (or its folder)"),
           out_path: Optional[Path] = typer.Option(None, "-o", "--output", "--otio",
                                                   help="the timeline to write; its extension picks the format: "
                                                        ".otio (OTIO JSON), .otioz (zipped with its media), .xml "
                                                        "(FCP 7 XML: Premiere, Resolve), .fcpxml (Final Cut Pro), "
                                                        ".edl (CMX 3600: Avid, one video track)"),
           overlays: Optional[Path] = typer.Option(None, "--overlays", help="the overlay pass the Overlays track "
                                                                             "points at (default: "
                                                                             "<timeline>-overlays.mov)"),
           background: Optional[Path] = typer.Option(None, "--background", help="the background pass used for "
                                                                                 "shots without a source file "
                                                                                 "(default: "
                                                                                 "<timeline>-background.mov)")):
    """Write the timeline for an editor: shots with their media and transitions, the overlay pass, audio tracks
    and caption markers, frame-accurate at the project's fps, through OpenTimelineIO's adapter for the file's
    extension (see docs/handoff.md for which editor opens which). Render the passes it points at with
    `compositor render PROJECT --pass overlays -o …` and `--pass background -o …`."""
    from ..handoff import ADAPTER_SUFFIXES, build_timeline, pass_paths, write_timeline

    if out_path is None:
        raise plain_issue(Path(project), "no timeline file to write",
                          f"give one with -o, e.g. -o timeline.otio (formats: {', '.join(ADAPTER_SUFFIXES)})")
    if out_path.suffix.lower() not in ADAPTER_SUFFIXES:
        raise plain_issue(out_path, f"{out_path.suffix or 'no extension'} is not a timeline format written here",
                          f"use one of: {', '.join(ADAPTER_SUFFIXES)}")
    proj = load(project).project
    writable(proj, out_path, True)
    over, back = pass_paths(out_path, overlays, background)
    if out_path.suffix.lower() == ".otioz":
        missing = [(p, n) for p, n in ((over, "overlays"), (back, "background")) if not p.exists()]
        if missing:
            raise plain_issue(missing[0][0], "a .otioz bundle packs the pass renders, and this one is missing",
                              " and ".join(f"compositor render {project} --pass {n} -o {p}" for p, n in missing)
                              + ", then export again (or write .otio, which only points at them)")
    sidecars = []
    if proj.captions:
        from ..captions.export import write_sidecars
        sidecars = write_sidecars(proj.captions, out_path, ("srt", "vtt"))
    out = write_timeline(build_timeline(proj, over, back, tuple(sidecars)), out_path)
    print(f"wrote {out}" + (f" (+ {', '.join(p.name for p in sidecars)})" if sidecars else ""))
    if out_path.suffix.lower() == ".edl":
        err("note: an EDL holds one video track: the Shots track is written; the overlay pass and the audio "
            "clips are not (use .xml, .fcpxml or .otio to carry them)")
    needed = ((back, "background"),) if out_path.suffix.lower() == ".edl" else ((over, "overlays"),
                                                                                 (back, "background"))
    for p, name in needed:
        if not p.exists():
            err(f"note: {p} does not exist yet — render it with: compositor render {project} --pass {name} -o {p}")
