"""Project-file pieces owned by the consistency engine: the `quality:` section and the deflicker setting.

    quality: {min_coherence: 70, on_fail: warn}      # warn | fail | regenerate
    background: {..., deflicker: auto}               # off | auto | light | strong
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from compositor.consistency.score import OK_THRESHOLD

DeflickerMode = Literal["off", "auto", "light", "strong"]
OnFail = Literal["warn", "fail", "regenerate"]
LiteralColors = Literal["fail", "warn", "allow"]
Spelling = Literal["fail", "warn", "off"]
SpellLanguage = Literal["en", "de", "es", "fr", "it", "nl", "pt", "ru", "ar", "eu", "fa", "lv"]


class QualitySpec(BaseModel):
    """What a render does with a shot whose coherence score is below `min_coherence`:
    `warn` prints it in the report, `fail` stops the render with exit code 2 (a fixable problem), and
    `regenerate` re-runs a generated shot with the next seeds (other sources then warn). The other bars are what
    `compositor qc` checks the rendered file against; `gates` names the qc checks that fail its run."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    min_coherence: float = Field(OK_THRESHOLD, ge=0, le=100, description="0-100; 70 is the OK threshold")
    on_fail: OnFail = "warn"
    max_regenerations: int = Field(2, ge=0, le=16, description="extra seeds tried by on_fail: regenerate")
    strict: bool = Field(False, description="tracks that lose confidence fail the render instead of warning")
    min_continuity: Optional[float] = Field(None, ge=0, le=1, description="0-1: the continuity score every pair of "
                                            "linked shots (a shared reference, continuity, start_from, end_on) needs")
    # the bars `compositor qc` checks the rendered file against (compositor/qc/gates.py, docs/qc.md)
    min_contrast: Optional[float] = Field(None, ge=1, le=21, description="WCAG contrast every text needs "
                                          "(default 4.5:1, 3:1 for text of 24 px and more)")
    min_text_px: float = Field(16, gt=0, description="smaller text at the output size fails (a warning unless set)")
    max_delta_e: float = Field(3.0, gt=0, description="CIEDE2000 tolerance of a brand-coloured fill vs its token")
    min_logo_match: float = Field(0.6, ge=0, le=1, description="0-1: how much of the logo shows where it is placed")
    min_track_confidence: float = Field(0.5, ge=0, le=1, description="lowest tracker confidence a pinned or "
                                        "followed layer may ride on")
    caption_slack: int = Field(1, ge=0, le=12, description="frames a caption may appear late or linger")
    literal_colors: LiteralColors = Field("fail", description="colour literals in an unlocked kit: fail | warn | allow")
    spelling: Spelling = Field("warn", description="on-screen words the dictionary does not know: fail | warn | off")
    language: SpellLanguage = Field("en", description="the dictionary of the spelling check")
    words: list[str] = Field(default_factory=list, description="words spelt as written (names, product terms)")
    gates: Optional[list[str]] = Field(None, description="the qc checks that fail the run (names like `text.exact` "
                                       "or families like `brand`); others only warn. Default: all")
    gate: Optional[bool] = Field(None, description="score every shot's coherence before each render (the render-time "
                                 "gate): true | false. Default: on when a render bar is set (min_coherence, "
                                 "min_continuity, on_fail, max_regenerations), off when the section only holds qc bars")


RENDER_BARS = ("min_coherence", "min_continuity", "on_fail", "max_regenerations")


def render_gate(spec: Optional[QualitySpec]) -> bool:
    """True when a render scores coherence (and continuity) before it draws: `gate: true`, or a render bar
    written in the section. A `quality:` that only sets what `compositor qc` checks costs the render nothing."""
    if spec is None:
        return False
    if spec.gate is not None:
        return spec.gate
    return any(k in spec.model_fields_set for k in RENDER_BARS)


def coherence_bar(spec: Optional[QualitySpec]) -> bool:
    """True when the project asks for a coherence bar (so a shot under it fails rather than warns)."""
    return spec is not None and (spec.gate is True or "min_coherence" in spec.model_fields_set)


def below(score: float, spec: QualitySpec) -> bool:
    """True when a shot fails the project's quality bar."""
    return score < spec.min_coherence
