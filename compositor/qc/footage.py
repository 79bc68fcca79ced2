"""Footage: each shot's coherence score, measured as `compositor check` measures it (the background alone),
against the project's `quality.min_coherence` (70 as a warning when the project sets no coherence bar: a
`quality:` section that only holds qc bars does not make footage coherence fail)."""
from __future__ import annotations

from .result import FAIL, PASS, WARN, Finding


def findings(project, session) -> list[Finding]:
    """`session`: the RenderSession the other checks prepared their shots in (each shot is prepared once)."""
    from ..consistency.gate import analyze_shots
    from ..consistency.score import OK_THRESHOLD
    from ..consistency.spec import coherence_bar

    q = project.spec.quality
    barred = coherence_bar(q)
    bar = q.min_coherence if q is not None else OK_THRESHOLD
    results = analyze_shots(session)
    out = []
    for shot_id, c in results:
        ok = c.score >= bar
        out.append(Finding("footage.coherence", PASS if ok else FAIL if barred else WARN,
                           f"coherence {c.score:.0f}" + ("" if ok else f", under {bar:g}"), shot_id,
                           figures={"score": round(float(c.score), 1), "min": bar}))
    return out
