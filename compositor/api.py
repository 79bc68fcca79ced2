"""The application service: one way to run a project, shared by the CLI, the studio and Python scripts.

Every entry point loads through `load()` and acts through a `Video`, so the output guard (never over an input),
the quality gate, pass file names, progress and cancellation behave the same from a terminal, a browser or a
notebook. Nothing here prints: warnings come back in the result (the CLI prints them, the studio sends them).

    import compositor
    video = compositor.load("project.yaml", params={"company": "Globex"}, variant="vertical")
    video.render("out.mp4", workers=2, progress=lambda done, total: ...)
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Optional

from .errors import UserError
from .outputs import check_writable as guard_output     # never over an input; a folder we can write to

Progress = Callable[[int, int], None]          # (frames done, frames in all)


class Cancelled(Exception):
    """Raised out of `Video.render` when its `cancel` event was set; the previous output is untouched."""


def load(file, *, params: Optional[Mapping[str, Any]] = None, variant: Optional[str] = None,
         output=None) -> "Video":
    """Load, validate and resolve a project file into a `Video` (raises `UserError` with FILE:LINE issues).

    `params`: values for the project's `params:` (strings are read by each parameter's type); `variant`: one
    of the project's variants (another size, its overrides applied); `output`: write somewhere other than
    the project's `output.file` (the caller's own choice, not confined to the project folder)."""
    from .project.load import load_project

    path = Path(file)
    if path.is_dir():
        path = path / "project.yaml"
    kwargs = {"output": Path(output) if output is not None else None, "variant": variant}
    if params:
        kwargs["params"] = dict(params)
    project = load_project(path, **kwargs)
    return Video(project, explicit_output=output is not None)


def pass_output(project, render_pass: str) -> Path:
    """Where a pass that is not the finished video goes by default: beside it, named after the pass (an
    overlays pass of an MP4 project becomes a .mov: MP4 cannot carry transparency)."""
    out = project.output
    if render_pass == "full":
        return out
    suffix = ".mov" if render_pass == "overlays" and project.fmt == "mp4" else out.suffix
    return out.with_name(f"{out.stem}-{render_pass}{suffix}")


@dataclass(frozen=True)
class Rendered:
    """What a render made: the file and what the caller should show (warnings, notes, sidecar files)."""

    path: Path
    frames: int
    report: Any                     # compositor.report.RenderReport
    gate: tuple[str, ...] = ()      # what the quality gate said before rendering

    @property
    def warnings(self) -> list[str]:
        return list(self.gate) + list(self.report.warnings)


class Video:
    """A loaded project and what can be done with it. The project itself is frozen; a Video only keeps a frame
    renderer warm between `frame()` calls (close it, or use `with`)."""

    def __init__(self, project, explicit_output: bool = False):
        self.project = project
        self._explicit = explicit_output
        self._renderer = None

    # ---- what it is -------------------------------------------------------------------------------------
    @property
    def file(self) -> Path:
        return self.project.file

    @property
    def output(self) -> Path:
        return self.project.output

    @property
    def size(self) -> tuple[int, int]:
        return self.project.size

    @property
    def fps(self) -> float:
        return self.project.fps

    @property
    def duration(self) -> float:
        return self.project.timeline.duration

    @property
    def n_frames(self) -> int:
        return self.project.timeline.n_frames

    def timeline(self) -> dict:
        """Every shot, audio clip and caption with its times: what `compositor timeline --json` prints."""
        from .project.audio import shot_spans

        proj, rows = self.project, []
        for sid, (a, b) in shot_spans(proj.shots, proj.fps).items():
            tr = proj.shot(sid).transition
            rows.append({"kind": "shot", "id": sid, "start": a, "end": b,
                         "note": f"{tr.kind} {tr.duration:g}s" if tr and tr.kind != "cut" else ""})
        for clip in proj.placed_clips:
            rows.append({"kind": clip.kind, "id": clip.id, "start": clip.start, "end": clip.end,
                         "note": Path(str(clip.file)).name})
        for cue in proj.captions or []:
            rows.append({"kind": "caption", "id": "", "start": cue.start, "end": cue.end, "note": cue.text})
        rows.sort(key=lambda r: (r["start"], r["kind"] != "shot"))
        return {"duration": proj.timeline.duration, "frames": proj.timeline.n_frames, "items": rows}

    # ---- pictures -----------------------------------------------------------------------------------------
    def frame_index(self, t: float) -> int:
        if not 0 <= t <= self.duration:
            raise UserError(self.project.lines.issue((), f"--at {t:g} is outside the video (0 – "
                                                         f"{self.duration:.2f}s)", "pick a time inside it"))
        return self.project.timeline.frame_of(t)

    def frame(self, t: float, image: bool = False):
        """The exact frame at `t` seconds, as the render draws it: a uint8 numpy array (H, W, 3), or (H, W, 4)
        premultiplied for a transparent project; `image=True` gives a PIL image (straight alpha)."""
        from .render import FrameRenderer

        index = self.frame_index(t)
        if self._renderer is None:
            self._renderer = FrameRenderer(self.project)
        frame = self._renderer.frame(index)
        if not image:
            return frame
        from PIL import Image

        from .encode import unpremultiply
        return Image.fromarray(unpremultiply(frame) if frame.shape[2] == 4 else frame)

    def preview(self, t: float, output) -> Path:
        """Write the frame at `t` to a PNG (never over an input)."""
        from .stills import write_png

        guard_output(self.project, Path(output), True)
        write_png(Path(output), self.frame(t))
        return Path(output)

    def sheet(self, output, per: str = "second", columns: int = 4) -> Path:
        """A contact sheet: one labelled frame per second or per shot."""
        from .stills import contact_sheet

        if per not in ("second", "shot"):
            raise ValueError("per must be 'second' or 'shot'")
        guard_output(self.project, Path(output), True)
        contact_sheet(self.project, Path(output), per=per, columns=columns)
        return Path(output)

    def render(self, output=None, *, workers: Optional[int] = 0, executor: str = "local", address: Optional[str] = None,
               use_cache: bool = True, render_pass: str = "full", progress: Optional[Progress] = None,
               stage: Optional[Callable[[str, int, int], None]] = None, cancel=None, profile=None) -> Rendered:
        """Render to `output` (default: the project's file; a pass other than 'full' goes beside it), atomically:
        a failed or cancelled render leaves the previous file untouched. The quality gate (`quality:` with a
        render-time bar) runs first. `progress(done, total)` ticks per frame; `cancel` is a threading.Event;
        `workers`: 0 = all cores, N = at most N, None = this process only (the studio)."""
        from .render import PASSES, RenderOptions, run

        if render_pass not in PASSES:
            raise ValueError(f"render_pass must be one of: {', '.join(PASSES)}")
        proj = self.project
        explicit = output is not None or self._explicit
        out = Path(output) if output is not None else pass_output(proj, render_pass)
        if render_pass == "overlays" and _format_of(out, proj) == "mp4":
            raise UserError(proj.lines.issue((), "the overlays pass renders over transparency, which MP4 cannot "
                                                 "carry", "write it with -o overlays.mov (ProRes 4444), .webm or a "
                                                          "PNG folder"))
        guard_output(proj, out, explicit)
        gate = tuple(self.quality_gate(use_cache, stage)) if render_pass != "overlays" else ()

        def tick(n: int, total: int, seconds: float) -> None:
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            if progress is not None:
                progress(n, total)

        options = RenderOptions(use_cache=use_cache, workers=workers, executor=executor, address=address,
                                render_pass=render_pass)
        target = dataclasses.replace(proj, output=out, fmt=_format_of(out, proj)) if out != proj.output else proj
        result = run(target, options=options, progress=stage, frame_done=tick, profile=profile)
        return Rendered(result.path, proj.timeline.n_frames, result.report, gate)

    def quality_gate(self, use_cache: bool = True, stage=None) -> list[str]:
        """`quality:` — measure coherence before a render; warn, stop (UserError) or regenerate. The lines it
        reports; nothing to do (an empty list) when the project sets no render-time bar: a `quality:` section
        that only holds qc bars costs the render nothing (consistency.spec.render_gate)."""
        from .consistency.gate import enforce
        from .consistency.spec import render_gate
        from .session import RenderSession

        if not render_gate(self.project.spec.quality):
            return []
        session = RenderSession(self.project, use_cache=use_cache)
        try:
            return list(enforce(session, progress=stage))
        finally:
            session.close()

    # ---- measurements ---------------------------------------------------------------------------------------
    def check(self, use_cache: bool = True, fail: bool = True) -> dict:
        """Coherence of every shot's footage and continuity of linked shots; writes the JSON report and the
        monitor PNG beside the output. The report's `issues` are FILE:LINE lines; a UserError when
        `quality.on_fail: fail` and something fails (with `fail=False` the report says so in `gated` instead, for a
        caller that shows the report first)."""
        from .consistency import pairs
        from .consistency.gate import analyze_shots, failures, write
        from .session import RenderSession

        proj = self.project
        session = RenderSession(proj, use_cache=use_cache)
        try:
            results = analyze_shots(session)
            linked = pairs.measure_pairs(session)
        finally:
            session.close()
        report = write(proj, results, continuity=linked)
        issues = failures(proj, results) + pairs.failures(proj, linked)
        q = proj.spec.quality
        gated = bool(issues) and q is not None and q.on_fail == "fail"
        if gated and fail:
            raise UserError(issues)
        report["issues"] = [str(i) for i in issues]
        report["gated"] = gated
        return report

    def qc(self, video=None, *, use_cache: bool = True, html=None, render_if_stale: bool = True,
           stage=None, progress: Optional[Progress] = None) -> dict:
        """Quality control of a rendered file (default: the project's output, rendered first when missing or
        older than the project). Writes NAME.qc.html and NAME.qc.json; returns the JSON report (its `status`
        is 'fail' when a gated check fails)."""
        from .qc import qc_project
        from .qc.result import project_place
        from .qc.html import render_html, write_atomic, write_json

        proj = self.project
        target = Path(video) if video is not None else proj.output
        rendered = None
        if video is None and render_if_stale and _stale(proj, target):
            rendered = self.render(use_cache=use_cache, stage=stage, progress=progress)
        elif not target.exists():
            raise UserError(proj.lines.issue((), f"{target}: no such video", "render it first or give the right "
                                                                              "path"))
        html_path = Path(html) if html is not None else target.with_name(target.stem + ".qc.html")
        guard_output(proj, html_path, html is not None)
        report, found, thumbs = qc_project(proj, target, use_cache=use_cache)
        json_path = html_path.with_suffix(".json")
        write_json(json_path, report)
        write_atomic(html_path, render_html(report, found, thumbs))
        report["files"] = {"html": str(html_path), "json": str(json_path),
                           "rendered": str(rendered.path) if rendered else None}
        report["findings_text"] = [f.line(project_place(proj, f)) for f in found if f.status != "pass"]
        return report

    def track(self, shot: str, output=None, use_cache: bool = True):
        """Track one shot's footage: (TrackSet, debug video path, export paths)."""
        from .session import RenderSession
        from .bind import track as run_track
        from .tracking.debug import render_track_debug
        from .tracking.export import write_exports

        proj = self.project
        ids = [s.id for s in proj.shots]
        if shot not in ids:
            raise UserError(proj.lines.issue(("shots",), f"no shot {shot!r}", f"use one of: {', '.join(ids)}"))
        target = proj.shot(shot)
        if not target.spec.tracks:
            raise UserError(proj.lines.issue(("shots", target.index), f"shot {shot!r} has no tracks",
                                             "add a `tracks:` mapping to it (see docs/tracking.md)"))
        out = Path(output) if output is not None else proj.base_dir / "renders" / f"{shot}.tracks.mp4"
        guard_output(proj, out, output is not None)
        session = RenderSession(proj, use_cache=use_cache)
        footage = target.source.fresh()      # the footage as filmed (not the stabilized plate)
        try:
            ctx = session.context(target)
            footage.prepare(ctx)
            tracks = run_track(target, footage, ctx, proj.lines)
            render_track_debug(tracks, footage.frame, target.span.n_frames, proj.fps, out)
            exports = write_exports(tracks, out.parent, f"{shot}.tracks")
        finally:
            footage.close()
            session.close()
        return tracks, out, exports

    # ---- lifetime -------------------------------------------------------------------------------------------
    def close(self) -> None:
        if self._renderer is not None:
            self._renderer.close()
            self._renderer = None

    def __enter__(self) -> "Video":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        w, h = self.size
        return f"<Video {self.file.name}: {self.duration:.2f}s, {w}x{h} @ {self.fps:g} fps -> {self.output}>"


def _format_of(out: Path, project) -> str:
    from .encode import format_for

    return project.fmt if out == project.output else format_for(out)


def _stale(project, video: Path) -> bool:
    """A video older than its project file (or missing) is rendered again before it is checked."""
    return not video.exists() or video.stat().st_mtime < project.file.stat().st_mtime
