"""The `audio:` section of a project file: music bed, voice clips, sound effects and the loudness target.

Levels are written the way editors say them (`-14dB`, `-16 LUFS`); plain numbers are accepted too. A clip is
placed at a shot's start (`at: open`), at a time (`at: 7.4`) or after another clip (`after: intro`), plus an
`offset`. With neither, a voice clip follows the previous voice clip (the first starts at 0), so a list of VO
takes plays back to back unless told otherwise.
"""
from __future__ import annotations

import re
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import BeforeValidator, Field, field_validator, model_validator
from ..vocab.strict import Strict

from compositor.vocab.bounds import MAX_GAIN_DB, MAX_PROJECT_SECONDS, TimelineSeconds

_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"


def _parse_level(value: Any, unit: str, what: str, example: str) -> float:
    """'-14dB', '-14 dB', -14 -> -14.0 (unit is case-insensitive and optional)."""
    if isinstance(value, bool):
        raise ValueError(f"{what} must be a level like {example} — write it as {example}")
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        m = re.fullmatch(rf"\s*({_NUMBER})\s*({unit})?\s*", value, flags=re.IGNORECASE)
        if m:
            return float(m.group(1))
        m = re.fullmatch(rf"\s*({_NUMBER})\s*([A-Za-z]+)\s*", value)
        if m:
            raise ValueError(f"unknown unit {m.group(2)!r} in {value!r} — {what} is written in {unit}, "
                             f"e.g. {example}")
    raise ValueError(f"{value!r} is not a level — write {what} like {example}")


def parse_db(value: Any) -> float:
    return _parse_level(value, "dB", "a gain", "-14dB")


def parse_lufs(value: Any) -> float:
    v = _parse_level(value, "LUFS|LKFS", "a loudness", "-16 LUFS")
    if not -70.0 <= v <= -5.0:
        raise ValueError(f"{v:g} LUFS is outside -70…-5 — use -16 LUFS for the web, -23 for broadcast")
    return v


def parse_dbtp(value: Any) -> float:
    v = _parse_level(value, "dBTP|dB", "a true-peak ceiling", "-1 dBTP")
    if v > 0:
        raise ValueError(f"a true-peak ceiling of {v:g} dBTP would clip — use a value ≤ 0, e.g. -1 dBTP")
    return v


Decibels = Annotated[float, BeforeValidator(parse_db), Field(ge=-MAX_GAIN_DB, le=MAX_GAIN_DB)]
Lufs = Annotated[float, BeforeValidator(parse_lufs)]
Dbtp = Annotated[float, BeforeValidator(parse_dbtp)]
Seconds = TimelineSeconds


class Duck(Strict):
    """Sidechain ducking: the music drops by `by` while the `under` bus is active, reaching full depth
    `attack` seconds after the ramp starts (the ramp starts early, so speech never begins over full music)
    and recovering over `release` seconds after the speech ends."""

    under: Union[Literal["voice", "sfx"], list[Literal["voice", "sfx"]]] = "voice"
    by: Decibels = -12.0
    attack: Seconds = 0.2
    release: Seconds = 0.5
    hold: Seconds = 0.3           # pauses shorter than this (between words) keep the music down

    @field_validator("by")
    @classmethod
    def _negative(cls, v: float) -> float:
        if v > 0:
            raise ValueError(f"ducking by +{v:g}dB would raise the music — write a cut, e.g. by: -{v:g}dB")
        return v

    @property
    def buses(self) -> list[str]:
        return [self.under] if isinstance(self.under, str) else list(self.under)


class Music(Strict):
    """The music bed: starts at `start` (seconds) and runs to the end of the video (looped if `loop`)."""

    file: str
    gain: Decibels = 0.0
    start: Seconds = 0.0
    fade_in: Seconds = 0.0
    fade_out: Seconds = 0.0
    loop: bool = False
    duck: Optional[Duck] = None


class Footage(Strict):
    """The generated shots' own sound (`generate: {audio: ...}` with a model that makes it, e.g. LTX-2): a level
    for all of it, and ducking under the voice like a music bed."""

    gain: Decibels = 0.0
    duck: Optional[Duck] = None


class Clip(Strict):
    """One voice take or sound effect and where it goes on the timeline."""

    id: Optional[str] = None
    file: str
    at: Optional[Union[float, str]] = None     # a shot id or seconds
    after: Optional[str] = None                # another clip's id: start when it ends
    offset: float = Field(0.0, ge=-MAX_PROJECT_SECONDS, le=MAX_PROJECT_SECONDS)
    gain: Decibels = 0.0

    @field_validator("at", mode="before")
    @classmethod
    def _at(cls, v: Any) -> Any:
        if isinstance(v, bool):
            raise ValueError("`at` is a shot id or a time in seconds — e.g. at: open, or at: 7.4")
        if isinstance(v, str):
            m = re.fullmatch(rf"\s*({_NUMBER})\s*s?\s*", v)
            if m:                                   # "7.4s" is a time, not a shot id
                v = float(m.group(1))
        if isinstance(v, (int, float)):
            if v < 0:
                raise ValueError(f"a clip cannot start at {v:g} s — use a time ≥ 0")
            if not v <= MAX_PROJECT_SECONDS:
                raise ValueError(f"a clip cannot start at {v:g} s — use a time ≤ {MAX_PROJECT_SECONDS} s")
            return float(v)
        return v

    @model_validator(mode="after")
    def _one_anchor(self) -> "Clip":
        if self.at is not None and self.after is not None:
            raise ValueError("a clip has either `at` or `after`, not both — keep one and use `offset` to nudge it")
        return self


class AudioSpec(Strict):
    """The whole `audio:` section."""

    music: Optional[Music] = None
    voice: list[Clip] = Field(default_factory=list)
    sfx: list[Clip] = Field(default_factory=list)
    footage: Optional[Footage] = None
    loudness: Lufs = -16.0
    true_peak: Dbtp = -1.0

    @model_validator(mode="after")
    def _check_clips(self) -> "AudioSpec":
        for i, clip in enumerate(self.sfx):
            if clip.at is None and clip.after is None:
                raise ValueError(f"sfx[{i}] has no place — add `at:` a shot id or seconds, or `after:` a clip id")
        seen: dict[str, str] = {}
        for kind in ("voice", "sfx"):
            for i, clip in enumerate(getattr(self, kind)):
                if clip.id is None:
                    continue
                if clip.id in seen:
                    raise ValueError(f"clip id {clip.id!r} is used by {seen[clip.id]} and {kind}[{i}] — "
                                     "give every clip its own id")
                seen[clip.id] = f"{kind}[{i}]"
        return self

    def clips(self) -> list[tuple[str, int, Clip]]:
        """(kind, index, clip) for every voice clip then every sound effect."""
        return [("voice", i, c) for i, c in enumerate(self.voice)] + [("sfx", i, c) for i, c in enumerate(self.sfx)]


def clip_key(kind: str, index: int, clip: Clip) -> str:
    """The name a clip goes by in reports and dicts: its id, else `voice[0]`, `sfx[2]`."""
    return clip.id or f"{kind}[{index}]"
