"""The QC pass: one decode of the rendered file feeds every picture check; audio and footage follow."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

from . import brand, captions, footage, gates, loudness, spelling, stream, text, tracking, uitext
from .media import audio, frames, probe
from .result import FAIL, PASS, WARN

STATUS_ORDER = {PASS: 0, WARN: 1, FAIL: 2}


def qc_project(project, video: Optional[Path] = None, use_cache: bool = True) -> tuple[dict, list, dict]:
    """Check `video` (default: the project's output) and return (JSON report, findings, a thumbnail per shot)."""
    from ..session import RenderSession
    from .probe import LayerProbe

    t0 = time.perf_counter()
    gates.check_gates(project)
    bars = gates.bars_of(project)
    video = Path(video or project.output)
    facts = probe(video)
    session = RenderSession(project, use_cache=use_cache)       # every shot is prepared once, for every check
    layer_probe = LayerProbe(project, session)
    try:
        found, thumbs = _checks(project, video, facts, session, layer_probe, bars)
    finally:
        layer_probe.close()
        session.close()
    gates.apply(project, found)
    worst = max((STATUS_ORDER[f.status] for f in found), default=0)
    report = {
        "project": str(project.file), "video": str(video), "status": [PASS, WARN, FAIL][worst],
        "counts": {s: sum(f.status == s for f in found) for s in (PASS, WARN, FAIL)},
        "stream": facts, "findings": [f.to_dict() for f in found],
        "seconds": round(time.perf_counter() - t0, 2),
    }
    return report, found, thumbs


def _checks(project, video: Path, facts: dict, session, layer_probe, bars) -> tuple[list, dict]:
    def tracks(shot):
        return session.prepare(shot).tracks

    samples = text.plan(project, tracks) + uitext.plan(project, tracks)
    fills, logos, cues = brand.fill_plan(project), brand.logo_plan(project), captions.plan(project, bars)
    wanted = {s["frame"] for s in samples + fills + logos + cues}
    kept: dict = {}
    black = stream.BlackRuns()
    thumbs: dict = {}
    starts = {s.span.first + s.span.n_frames // 2: s.id for s in project.shots}
    n = 0
    for i, f in frames(video):        # one pass; only the sparse frames the checks asked for are kept
        n += 1
        black.push(i, f)
        if i in wanted:
            kept[i] = f
        if i in starts:
            thumbs[starts[i]] = f[::8, ::8].copy()

    def got(plan):
        return [s for s in plan if s["frame"] in kept]

    found = stream.format_findings(project, facts, n) + black.findings(project)
    found += text.findings(project, got(samples), kept, bars)
    found += brand.fill_findings(project, layer_probe, got(fills), kept, bars)
    found += brand.logo_findings(project, layer_probe, got(logos), kept, bars)
    found += brand.literal_findings(project, bars) + brand.font_findings(project)
    found += captions.findings(project, layer_probe, got(cues), kept, bars)
    found += spelling.findings(project, bars)
    found += tracking.findings(project, session, bars)
    found += loudness.findings(project, audio(video) if facts["has_audio"] else None)
    found += footage.findings(project, session)
    return found, thumbs
