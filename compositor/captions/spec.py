"""The `captions:` section: where the words come from, how they look, and which sidecars to write.

Exactly one source of words: `source:` an SRT or WebVTT file (times as written), `lines:` inline captions with
times, or `script:` plain lines that are placed on the voice clips by where speech is detected.

Where they show: `position:` a named place inside the kit's safe area or `[x, y]` (the plate's centre in output
pixels); without it, the first of bottom, top, the corners … whose plates stay clear of every `keep_clear:` box.
"""
from __future__ import annotations

import re
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import BeforeValidator, Field, field_validator, model_validator
from ..vocab.strict import Strict

from compositor.vocab.bounds import MAX_PROJECT_SECONDS

_CLOCK = re.compile(r"\s*(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:[.,]\d+)?)\s*")


def parse_time(value: Any) -> float:
    """Seconds from 3.5, '3.5', '3.5s', '00:01.5', '00:00:01,500' (SRT) or '00:00:01.500' (VTT)."""
    if isinstance(value, bool):
        raise ValueError("a time is seconds or hh:mm:ss.mmm — e.g. 3.5 or 00:00:03.500")
    if isinstance(value, (int, float)):
        if value < 0:
            raise ValueError(f"a time cannot be negative ({value:g}) — use seconds ≥ 0")
        return float(value)
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*s?\s*", value)
        if m:
            return float(m.group(1))
        m = _CLOCK.fullmatch(value)
        if m:
            h, mnt, s = m.groups()
            return int(h or 0) * 3600 + int(mnt) * 60 + float(s.replace(",", "."))
    raise ValueError(f"{value!r} is not a time — write seconds (3.5) or hh:mm:ss.mmm (00:00:03.500)")


Time = Annotated[float, BeforeValidator(parse_time), Field(ge=0, le=MAX_PROJECT_SECONDS)]


class CaptionLine(Strict):
    """One inline caption: `{text: "Hello", start: 1.2, end: 3.0}`."""

    text: str
    start: Time
    end: Time

    @model_validator(mode="after")
    def _order(self) -> "CaptionLine":
        if self.end <= self.start:
            raise ValueError(f"the caption ends ({self.end:g} s) before it starts ({self.start:g} s) — "
                             "make `end` later than `start`")
        if not self.text.strip():
            raise ValueError("the caption has no text — write the words or remove the line")
        return self


PLACES = ("bottom", "top", "center", "bottom-left", "bottom-right", "top-left", "top-right", "left", "right")
Place = Literal["bottom", "top", "center", "bottom-left", "bottom-right", "top-left", "top-right", "left", "right"]


def _position(value: Any) -> Any:
    """One clear message for a wrong place (a name or [x, y]), instead of one per kind of value."""
    if isinstance(value, str) and value in PLACES:
        return value
    if (isinstance(value, (list, tuple)) and len(value) == 2
            and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)):
        return tuple(float(v) for v in value)
    raise ValueError(f"{value!r} is not a caption position — use one of {', '.join(PLACES)}, or [x, y] "
                     "(the caption's centre in output pixels)")


Position = Annotated[Union[Place, tuple[float, float]], BeforeValidator(_position)]


class CaptionsSpec(Strict):
    source: Optional[str] = None
    lines: Optional[list[CaptionLine]] = None
    script: Optional[Union[list[str], str]] = None
    voice: Optional[list[str]] = None          # clip ids a script is spoken by (default: every voice clip)
    # shift every caption (seconds), e.g. for a file timed elsewhere
    offset: float = Field(0.0, ge=-MAX_PROJECT_SECONDS, le=MAX_PROJECT_SECONDS)
    style: str = "caption"                       # a brand text style
    burn_in: bool = True
    highlight_words: bool = False
    export: list[Literal["srt", "vtt"]] = Field(default_factory=list)
    max_lines: int = Field(2, ge=1, le=3)
    min_duration: float = Field(1.0, ge=0)       # seconds a card stays up at least (extended or merged)
    position: Optional[Position] = None     # None: chosen clear of keep_clear
    keep_clear: list[tuple[float, float, float, float]] = Field(default_factory=list)   # [x, y, w, h] px
    min_fit: float = Field(0.75, ge=0, le=1)      # script alignment below this score is reported as a warning

    @field_validator("export", mode="before")
    @classmethod
    def _one_format(cls, v: Any) -> Any:
        return [v] if isinstance(v, str) else v

    @field_validator("keep_clear")
    @classmethod
    def _boxes(cls, v: list) -> list:
        for x, y, w, h in v:
            if w <= 0 or h <= 0:
                raise ValueError(f"a keep-clear box needs a positive width and height, got [{x:g}, {y:g}, {w:g}, "
                                 f"{h:g}] — write [x, y, width, height] in output pixels")
        return v

    @model_validator(mode="after")
    def _one_source(self) -> "CaptionsSpec":
        given = [k for k in ("source", "lines", "script") if getattr(self, k) is not None]
        if len(given) != 1:
            what = "none" if not given else " and ".join(given)
            raise ValueError(f"captions need exactly one of source, lines or script (got {what}) — "
                             "keep one: a .srt/.vtt file, inline lines with times, or script lines")
        if self.voice is not None and self.script is None:
            raise ValueError("`voice` only applies to `script` captions — remove it or use `script:`")
        return self

    def script_lines(self) -> list[str]:
        if self.script is None:
            return []
        items = self.script.splitlines() if isinstance(self.script, str) else self.script
        return [" ".join(s.split()) for s in items if s and s.strip()]
