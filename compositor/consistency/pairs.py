"""Measured continuity of a project: the continuity score (continuity.py) of every pair of linked shots.

Two shots are linked when they share a project reference (`generate.reference`, or `start_from: NAME`) — the
pairs the score is for: the same product, character or place must look the same — and, besides those, when one
shot's frames condition the other (`continuity`, `start_from`/`end_on` of a shot, `continue_from`). Each shot is
sampled at a few evenly spaced frames, shrunk to at most 320 px wide (colour statistics and the 64 px median
frame do not need more), and measured as prepared by the render session.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SAMPLES = 12
WIDTH = 320


@dataclass(frozen=True)
class Pair:
    a: str                 # the earlier shot
    b: str                 # the later shot
    why: tuple             # ("reference hero", "continuity", ...)


def _references(gen) -> set:
    """Reference names a generated shot uses: its `reference:` entries, and `start_from: NAME`."""
    from compositor.links import is_reference_name

    names = {getattr(e, "name", e) for e in (getattr(gen, "reference", None) or [])}
    start = getattr(gen, "start_from", None)
    if isinstance(start, str) and is_reference_name(start):
        names.add(start)
    return names


def linked_pairs(project) -> list[Pair]:
    """Every pair of shots sharing a reference or linked by a conditioning frame, in shot order."""
    from compositor.links import project_links

    ids = [s.id for s in project.shots]
    why: dict[tuple, list] = {}
    refs = {s.id: _references(getattr(s.spec.background, "generate", None)) for s in project.shots}
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            for name in sorted(refs[a] & refs[b]):
                why.setdefault((a, b), []).append(f"reference {name}")
    for link in project_links([s.spec for s in project.shots]):
        why.setdefault((link.on, link.shot), []).append(link.kind)
    order = {sid: i for i, sid in enumerate(ids)}
    return [Pair(a, b, tuple(dict.fromkeys(w))) for (a, b), w in
            sorted(why.items(), key=lambda kv: (order[kv[0][0]], order[kv[0][1]]))]


def sample(source, n_frames: int, count: int = SAMPLES) -> np.ndarray:
    """`count` evenly spaced frames of a prepared source, RGB uint8, at most WIDTH px wide."""
    import cv2

    out = []
    for i in np.unique(np.linspace(0, n_frames - 1, min(count, n_frames)).round().astype(int)):
        f = np.asarray(source.frame(int(i)))[..., :3]
        if f.shape[1] > WIDTH:
            f = cv2.resize(f, (WIDTH, max(8, round(f.shape[0] * WIDTH / f.shape[1]))), interpolation=cv2.INTER_AREA)
        out.append(f)
    return np.stack(out)


def measure_pairs(session, pairs=None) -> list[tuple[Pair, object]]:
    """(pair, continuity.Continuity) for each linked pair (all of the project's when `pairs` is None)."""
    from compositor.consistency.continuity import measure

    project = session.project
    pairs = linked_pairs(project) if pairs is None else pairs
    frames: dict[str, np.ndarray] = {}

    def of(shot_id):
        if shot_id not in frames:
            shot = project.shot(shot_id)
            frames[shot_id] = sample(session.prepare(shot).source, shot.span.n_frames)
        return frames[shot_id]
    return [(p, measure(of(p.a), of(p.b))) for p in pairs]


def as_report(results) -> list[dict]:
    return [{"a": p.a, "b": p.b, "linked_by": list(p.why), **c.as_dict()} for p, c in results]


def failures(project, results) -> list:
    """Issues (FILE:LINE at the quality bar) for linked pairs below `quality.min_continuity`."""
    q = project.spec.quality
    if q is None or getattr(q, "min_continuity", None) is None:
        return []
    return [project.lines.issue(
        ("quality", "min_continuity"),
        f"shots {p.a!r} and {p.b!r} ({', '.join(p.why)}) have continuity {c.score:.2f}, below {q.min_continuity:g} "
        f"(colour ΔE {c.colour:.1f}, structure SSIM {c.structure:.2f})",
        f"give {p.b!r} `continuity: {{with: {p.a}}}` or a shared reference, regenerate it, or lower min_continuity")
        for p, c in results if c.score < q.min_continuity]


def print_table(rows: list[dict], console=None) -> None:
    """One row per linked pair: the score, its colour and structure terms, and what links them (rich)."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    if not rows:
        return
    console = console or Console()
    table = Table(title="Continuity (linked shots)", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for name, justify in (("shots", "left"), ("score", "right"), ("ΔE Lab", "right"), ("SSIM", "right"),
                          ("linked by", "left")):
        table.add_column(name, justify=justify, no_wrap=True)
    for r in rows:
        table.add_row(f"{r['a']} → {r['b']}", f"{r['score']:.2f}", f"{r['colour_delta_e']:.1f}",
                      f"{r['structure_ssim']:.2f}", ", ".join(r["linked_by"]))
    console.print(table)
    console.print("continuity: 1 = same look; exp(-ΔE/20)·(0.5+0.5·SSIM) (docs/generation.md, Measuring continuity)")
