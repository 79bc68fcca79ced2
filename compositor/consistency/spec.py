"""Project-file pieces owned by the consistency engine: the `quality:` section and the deflicker setting.

    quality: {min_coherence: 70, on_fail: warn}      # warn | fail | regenerate
    background: {..., deflicker: auto}               # off | auto | light | strong
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from compositor.consistency.score import OK_THRESHOLD

DeflickerMode = Literal["off", "auto", "light", "strong"]
OnFail = Literal["warn", "fail", "regenerate"]


class QualitySpec(BaseModel):
    """What a render does with a shot whose coherence score is below `min_coherence`:
    `warn` prints it in the report, `fail` stops the render with exit code 2 (a fixable problem), and
    `regenerate` re-runs a generated shot with the next seeds (other sources then warn)."""

    model_config = ConfigDict(extra="forbid")

    min_coherence: float = Field(OK_THRESHOLD, ge=0, le=100, description="0-100; 70 is the OK threshold")
    on_fail: OnFail = "warn"
    max_regenerations: int = Field(2, ge=0, le=16, description="extra seeds tried by on_fail: regenerate")
    strict: bool = Field(False, description="tracks that lose confidence fail the render instead of warning")


def below(score: float, spec: QualitySpec) -> bool:
    """True when a shot fails the project's quality bar."""
    return score < spec.min_coherence
