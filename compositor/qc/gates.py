"""The bars `compositor qc` measures against come from the project's `quality:` section (defaults without one),
and `quality.gates` says which checks fail the run: a failing check outside the gates is reported as a warning.
Without a `quality:` section every check gates; footage coherence fails only under a coherence bar
(`min_coherence` or `gate: true`) and warns otherwise."""
from __future__ import annotations

from .result import FAIL, WARN


def bars_of(project):
    from ..consistency.spec import QualitySpec

    return project.spec.quality if project.spec.quality is not None else QualitySpec()


def gated(project, check: str) -> bool:
    q = project.spec.quality
    if q is None or q.gates is None:
        return True
    family = check.split(".", 1)[0]
    return check in q.gates or family in q.gates


def apply(project, findings: list) -> list:
    """Failing findings outside the project's gates become warnings (in place; returns the list)."""
    for f in findings:
        if f.status == FAIL and not gated(project, f.check):
            f.status = WARN
            f.figures = {**f.figures, "gated": False}
    return findings


CHECKS = ("format.size", "format.fps", "format.frames", "black", "text.exact", "text.contrast", "text.size",
          "text.safe_area", "text.spelling", "brand.fill", "brand.logo", "brand.literals", "brand.fonts", "tracking.confidence",
          "captions.timing", "audio.loudness", "audio.true_peak", "footage.coherence")


def check_gates(project) -> None:
    """An unknown name in `quality.gates` is a typo that would silently gate nothing: refused with its line."""
    from ..errors import UserError

    q = project.spec.quality
    known = set(CHECKS) | {c.split(".", 1)[0] for c in CHECKS}
    bad = [project.lines.issue(("quality", "gates", i), f"unknown check {g!r}",
                               f"use check names or families: {', '.join(sorted(known))}")
           for i, g in enumerate(q.gates or ()) if g not in known] if q is not None else []
    if bad:
        raise UserError(bad)
