"""Footage: each shot's coherence score, measured as `compositor check` measures it (the background alone),
against the project's `quality.min_coherence` (70 without a `quality:` section, as a warning)."""
from __future__ import annotations

from .result import FAIL, PASS, WARN, Finding


def findings(project, use_cache: bool = True) -> list[Finding]:
    from ..consistency.gate import analyze_shots
    from ..consistency.score import OK_THRESHOLD
    from ..session import RenderSession

    q = project.spec.quality
    bar = q.min_coherence if q is not None else OK_THRESHOLD
    session = RenderSession(project, use_cache=use_cache)
    try:
        results = analyze_shots(session)
    finally:
        session.close()
    out = []
    for shot_id, c in results:
        ok = c.score >= bar
        out.append(Finding("footage.coherence", PASS if ok else FAIL if q is not None else WARN,
                           f"coherence {c.score:.0f}" + ("" if ok else f", under {bar:g}"), shot_id,
                           figures={"score": round(float(c.score), 1), "min": bar}))
    return out
