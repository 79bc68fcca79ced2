"""Coherence as an enforced property of a project: measure each shot's background footage, report it, and act
on `quality: {min_coherence, on_fail}` (warn, fail, or regenerate generated shots with the next seeds).

Only the background is measured: overlays are exact by construction, and flicker, morphing and drift are what
footage (generated or filmed) brings.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..errors import UserError
from ..listing import first


def shot_frames(session, shot):
    """The shot's background frames (as a render session prepared them), preceded by the previous shot's last
    frame when it continues one (so the seam between them is measured), and the seam indices."""
    src = session.prepare(shot).source
    n = shot.span.n_frames
    seams = []
    lead = []
    gen = getattr(shot.spec.background, "generate", None)
    cont = getattr(gen, "continue_from", None) if gen is not None else None
    if cont:
        prev = session.project.shot(cont)
        lead = [session.prepare(prev).source.frame(prev.span.n_frames - 1)]
        seams = [1]

    def frames():
        yield from lead
        for i in range(n):
            yield src.frame(i)
    return frames(), seams


def analyze_shots(session, shots=None, progress=None) -> list[tuple[str, object]]:
    from .score import analyze

    out = []
    shots = shots if shots is not None else session.project.shots
    for k, shot in enumerate(shots):
        if shot.source.has_alpha:
            continue  # a transparent background has no footage to judge
        if progress:
            progress(f"coherence {shot.id}", k, len(shots))
        frames, seams = shot_frames(session, shot)
        out.append((shot.id, analyze(frames, session.project.fps, seams)))
    if progress:
        progress("coherence", len(shots), len(shots))
    return out


def report_paths(project, output: Optional[Path] = None) -> tuple[Path, Path]:
    out = Path(output) if output else project.output
    return out.with_name(out.stem + ".coherence.json"), out.with_name(out.stem + ".coherence.png")


def write(project, results, output: Optional[Path] = None, continuity=None) -> dict:
    """Write the coherence report (with the continuity of linked shots, `pairs.measure_pairs`, when given)."""
    from .report import build_report, write_report

    report = build_report(results, with_series=False)
    if continuity is not None:
        from .pairs import as_report

        report["continuity"] = as_report(continuity)
    json_path, png_path = report_paths(project, output)
    json_path.parent.mkdir(parents=True, exist_ok=True)
    write_report(report, json_path, png_path, results)
    return report


def failures(project, results) -> list:
    """Issues (FILE:LINE at the quality bar) for shots below `min_coherence`."""
    from .spec import below

    q = project.spec.quality
    if q is None:
        return []
    issues = []
    for shot_id, c in results:
        if below(c.score, q):
            worst = first(c.worst, 3, lambda w: f"{w['metric']} at {w['t']:.2f}s", "; ") if c.worst else ""
            issues.append(project.lines.issue(
                ("quality", "min_coherence"),
                f"shot {shot_id!r} scores {c.score:.0f} ({c.verdict}), below {q.min_coherence:g}"
                + (f" — worst: {worst}" if worst else ""),
                "add `deflicker: auto` to its background, generate more candidates, or lower min_coherence"))
    return issues


def enforce(session, progress=None, output: Optional[Path] = None) -> list[str]:
    """Run the quality bar before a render, in its own session (the render's sessions prepare afresh and read the
    seeds it chose from the cache). Returns warning lines; raises UserError when it must stop."""
    project = session.project
    q = project.spec.quality
    if q is None:
        return []
    from . import pairs

    results = analyze_shots(session, progress=progress)
    if q.on_fail == "regenerate":
        results = _regenerate(session, results, progress)
    linked = pairs.measure_pairs(session)
    if q.on_fail == "regenerate" and q.min_continuity is not None:
        linked = _regenerate_pairs(session, linked, progress)
    write(project, results, output, linked)
    issues = failures(project, results) + pairs.failures(project, linked)
    if issues and q.on_fail == "fail":
        raise UserError(issues)
    return [f"warning: {i}" for i in issues]


def _regenerate(session, results, progress):
    """Re-run generated shots that fail the bar with the next seeds, keeping the best attempt (remembered beside
    the cache, so every later render and every worker uses it)."""
    from .spec import below

    project = session.project
    q = project.spec.quality
    by_id = dict(results)
    for shot in project.shots:
        c = by_id.get(shot.id)
        if c is None or not shot.source.unwrap().regenerable or not below(c.score, q):
            continue
        best = (c.score, 0, c)
        for attempt in range(1, q.max_regenerations + 1):
            session.reprepare(shot, seed_attempt=attempt)
            (_, c2), = analyze_shots(session, [shot], progress)
            if c2.score > best[0]:
                best = (c2.score, attempt, c2)
            if not below(c2.score, q):
                break
        session.reprepare(shot, seed_attempt=best[1]).source.unwrap().keep_seed(best[1])
        by_id[shot.id] = best[2]
        for dep in _reprepare_dependants(session, shot):   # their conditioning frames changed with it
            if dep.id in by_id:
                (_, by_id[dep.id]), = analyze_shots(session, [dep], progress)
    return [(sid, by_id[sid]) for sid, _ in results]


def _reprepare_dependants(session, shot) -> list:
    """Prepare again, in shot order, the shots whose conditioning frames come from `shot` (directly or through
    others): their cache keys hold those frames' pixels, so they are re-generated exactly when those changed."""
    from compositor.links import dependants, project_links

    project = session.project
    ids = [s.id for s in project.shots]
    deps = [project.shot(sid) for sid in dependants(project_links([s.spec for s in project.shots]), shot.id, ids)]
    for dep in deps:
        session.reprepare(dep)
    return deps


def _regenerate_pairs(session, linked, progress):
    """Re-run the later shot of each linked pair below `min_continuity` with the next seeds, keeping the attempt
    with the best continuity (remembered beside the cache like a coherence regeneration)."""
    from .continuity import measure
    from .pairs import sample

    project = session.project
    q = project.spec.quality
    out = []
    for pair, c in linked:
        shot = project.shot(pair.b)
        if c.score >= q.min_continuity or not shot.source.unwrap().regenerable:
            out.append((pair, c))
            continue
        first = project.shot(pair.a)
        a = sample(session.prepare(first).source, first.span.n_frames)
        best = (c.score, 0, c)
        for attempt in range(1, q.max_regenerations + 1):
            if progress:
                progress(f"continuity {pair.a} → {pair.b}", attempt, q.max_regenerations)
            src = session.reprepare(shot, seed_attempt=attempt).source
            c2 = measure(a, sample(src, shot.span.n_frames))
            if c2.score > best[0]:
                best = (c2.score, attempt, c2)
            if c2.score >= q.min_continuity:
                break
        session.reprepare(shot, seed_attempt=best[1]).source.unwrap().keep_seed(best[1])
        _reprepare_dependants(session, shot)
        out.append((pair, best[2]))
    return out
