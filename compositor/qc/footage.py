"""Footage: each shot's coherence score, measured as `compositor check` measures it (the background alone),
against the project's `quality.min_coherence` (70 without a `quality:` section, as a warning)."""
from __future__ import annotations

from .result import FAIL, PASS, WARN, Finding


def findings(project, session) -> list[Finding]:
    """`session`: the RenderSession the other checks prepared their shots in (each shot is prepared once)."""
    from ..consistency.gate import analyze_shots
    from ..consistency.score import OK_THRESHOLD

    q = project.spec.quality
    bar = q.min_coherence if q is not None else OK_THRESHOLD
    results = analyze_shots(session)
    out = []
    for shot_id, c in results:
        ok = c.score >= bar
        out.append(Finding("footage.coherence", PASS if ok else FAIL if q is not None else WARN,
                           f"coherence {c.score:.0f}" + ("" if ok else f", under {bar:g}"), shot_id,
                           figures={"score": round(float(c.score), 1), "min": bar}))
    return out
