"""Where every clip lands: the timeline asks this module how long voice clips are, how long a `duration: auto`
shot must be to hold its voice, and, once shot starts are known, the absolute start of every clip.

A clip's position is resolved to an *anchor* (a shot's start, or time zero) plus seconds relative to it;
`after:` chains inherit the anchor of the clip they follow. That is what keeps picture and sound together when
a VO take is re-recorded at a different length: shots marked `auto` grow or shrink, and every `at:`/`after:`
reference moves with them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..errors import FieldError
from .decode import AudioFileError, audio_duration
from .spec import AudioSpec, Clip, clip_key

VIDEO_EDGE_TOLERANCE = 0.02   # seconds a clip may run past the end before it counts as cut off


@dataclass(frozen=True)
class PlacedClip:
    """A clip at its final place on the timeline (seconds from the start of the video)."""

    id: str
    kind: str                 # "voice" | "sfx" | "music" | "footage" (a generated shot's own sound)
    file: Path
    start: float
    duration: float
    gain_db: float = 0.0
    path: tuple = field(default=(), compare=False)    # field path inside `audio:`, e.g. ("voice", 1)
    samples: object = field(default=None, compare=False, repr=False)   # (n, 2) float32 at 48 kHz, not a file

    @property
    def end(self) -> float:
        return self.start + self.duration


@dataclass(frozen=True)
class _Anchor:
    shot: Optional[str]       # None: relative to time zero
    rel: float                # seconds after the anchor


def resolve_file(base_dir: Path, file: str) -> Path:
    """An audio file, relative to the project; confined to the project tree (see compositor.confine)."""
    from ..confine import confined

    p = Path(file).expanduser()
    p = p if p.is_absolute() else Path(base_dir) / p
    return confined(p, (base_dir,), (), str(file)) if base_dir is not None else p


def clip_duration(kind: str, index: int, clip: Clip, base_dir: Path) -> float:
    """Length of one clip's file, or a FieldError naming its `file` field."""
    try:
        return audio_duration(resolve_file(base_dir, clip.file))
    except AudioFileError as exc:
        raise FieldError((kind, index, "file"), str(exc),
                         "check the path (relative to the project file) and that ffmpeg can play it") from None


def voice_clip_durations(audio_spec: AudioSpec, base_dir: Path) -> dict[str, float]:
    """{clip key: seconds} for every voice clip (key: its `id`, else `voice[i]`)."""
    return {clip_key("voice", i, c): clip_duration("voice", i, c, base_dir) for i, c in enumerate(audio_spec.voice)}


class _Resolver:
    def __init__(self, spec: AudioSpec, base_dir: Path):
        self.spec = spec
        self.base_dir = Path(base_dir)
        self.entries = spec.clips()
        self.by_key: dict[str, tuple[str, int, Clip]] = {}
        for kind, i, c in self.entries:
            self.by_key[f"{kind}[{i}]"] = (kind, i, c)
            if c.id:
                self.by_key[c.id] = (kind, i, c)
        self.durations: dict[tuple[str, int], float] = {}
        self.anchors: dict[tuple[str, int], _Anchor] = {}

    def duration(self, kind: str, i: int) -> float:
        if (kind, i) not in self.durations:
            self.durations[(kind, i)] = clip_duration(kind, i, getattr(self.spec, kind)[i], self.base_dir)
        return self.durations[(kind, i)]

    def anchor(self, kind: str, i: int, visiting: tuple = ()) -> _Anchor:
        if (kind, i) in self.anchors:
            return self.anchors[(kind, i)]
        if (kind, i) in visiting:
            names = " → ".join(f"{k}[{j}]" for k, j in visiting + ((kind, i),))
            raise FieldError((kind, i, "after"), f"clips follow each other in a circle ({names})",
                             "anchor one of them with `at:` a shot or a time")
        clip = getattr(self.spec, kind)[i]
        if clip.after is not None:
            if clip.after not in self.by_key:
                known = ", ".join(sorted(c.id for _, _, c in self.entries if c.id)) or "none has an id yet"
                raise FieldError((kind, i, "after"), f"no clip has the id {clip.after!r}",
                                 f"give the clip to follow an `id:` (clip ids: {known})")
            pk, pi, _ = self.by_key[clip.after]
            base = self.anchor(pk, pi, visiting + ((kind, i),))
            result = _Anchor(base.shot, base.rel + self.duration(pk, pi) + clip.offset)
        elif isinstance(clip.at, str):
            result = _Anchor(clip.at, clip.offset)
        elif clip.at is not None:
            result = _Anchor(None, clip.at + clip.offset)
        elif kind == "voice" and i > 0:   # no anchor: straight after the previous voice clip
            base = self.anchor("voice", i - 1, visiting + ((kind, i),))
            result = _Anchor(base.shot, base.rel + self.duration("voice", i - 1) + clip.offset)
        else:
            result = _Anchor(None, clip.offset)
        self.anchors[(kind, i)] = result
        return result


def auto_shot_duration(shot_id: str, audio_spec: AudioSpec, base_dir: Path, padding: float = 0.5) -> Optional[float]:
    """Seconds a `duration: auto` shot needs to hold the voice clips anchored to it (directly or through an
    `after:` chain), plus `padding`; None when no voice clip is placed in it."""
    r = _Resolver(audio_spec, base_dir)
    ends = []
    for i, _ in enumerate(audio_spec.voice):
        a = r.anchor("voice", i)
        if a.shot == shot_id:
            ends.append(a.rel + r.duration("voice", i))
    if not ends:
        return None
    return max(0.0, max(ends)) + padding


def shots_referenced(audio_spec: AudioSpec) -> set[str]:
    """Every shot id named by an `at:` (the timeline can check them against its shots)."""
    return {c.at for _, _, c in audio_spec.clips() if isinstance(c.at, str)}


def place_clips(audio_spec: AudioSpec, shot_starts: dict[str, float], base_dir: Path) -> list[PlacedClip]:
    """Absolute placement of the music bed, every voice clip and every effect, in that order."""
    r = _Resolver(audio_spec, base_dir)
    placed: list[PlacedClip] = []
    m = audio_spec.music
    if m is not None:
        try:
            dur = audio_duration(resolve_file(base_dir, m.file))
        except AudioFileError as exc:
            raise FieldError(("music", "file"), str(exc),
                             "check the path (relative to the project file) and that ffmpeg can play it") from None
        placed.append(PlacedClip("music", "music", resolve_file(base_dir, m.file), m.start,
                                 float("inf") if m.loop else dur, m.gain, ("music",)))
    for kind, i, clip in r.entries:
        a = r.anchor(kind, i)
        if a.shot is None:
            start = a.rel
        else:
            if a.shot not in shot_starts:
                known = ", ".join(shot_starts) or "(none)"
                path = (kind, i, "at") if clip.at == a.shot else (kind, i, "after")
                raise FieldError(path, f"no shot has the id {a.shot!r}", f"use one of: {known}")
            start = shot_starts[a.shot] + a.rel
        if start < -1e-9:
            raise FieldError((kind, i, "offset"), f"this places the clip at {start:.2f} s, before the video starts",
                             "use a smaller negative offset or a later anchor")
        placed.append(PlacedClip(clip_key(kind, i, clip), kind, resolve_file(base_dir, clip.file), max(0.0, start),
                                 r.duration(kind, i), clip.gain, (kind, i)))
    return placed


def check_voice_fit(placed: list[PlacedClip], shot_spans: dict[str, tuple[float, float]], total_duration: float,
                    audio_spec: Optional[AudioSpec] = None, auto_shots: tuple = (), strict: bool = False
                    ) -> list[FieldError]:
    """Problems with where voice and effects ended up.

    A clip that starts after the video ends, or is cut off by its end, is an error (raised). A voice clip that
    runs past the end of its fixed-length shot is returned as a warning (VO over a cut is an ordinary edit), or
    raised when `strict`. Overlapping voice clips are a warning too (two takes talking at once is rarely meant).
    """
    warnings: list[FieldError] = []
    for c in placed:
        if c.kind in ("music", "footage"):
            continue
        if c.start >= total_duration:
            raise FieldError(c.path, f"{c.id} starts at {c.start:.2f} s, after the video ends ({total_duration:.2f} s)",
                             "anchor it to an earlier shot or time")
        if c.end > total_duration + VIDEO_EDGE_TOLERANCE:
            raise FieldError(c.path, f"{c.id} ends at {c.end:.2f} s but the video ends at {total_duration:.2f} s, "
                             f"so {c.end - total_duration:.2f} s would be cut off",
                             "lengthen the last shot, use `duration: auto`, or start the clip earlier")
    voices = sorted((c for c in placed if c.kind == "voice"), key=lambda c: c.start)
    for c in voices:
        spec_clip = audio_spec.voice[c.path[1]] if audio_spec is not None and len(c.path) > 1 else None
        shot = spec_clip.at if spec_clip is not None and isinstance(spec_clip.at, str) else None
        if shot and shot in shot_spans and shot not in auto_shots:
            s0, s1 = shot_spans[shot]
            if c.end > s1 + VIDEO_EDGE_TOLERANCE:
                w = FieldError(c.path, f"voice clip {c.id} ({c.duration:.2f} s) runs {c.end - s1:.2f} s past the end "
                               f"of shot {shot!r}", "give the shot `duration: auto` or lengthen it, or let the "
                               "voice carry over the cut on purpose")
                if strict:
                    raise w
                warnings.append(w)
    for a, b in zip(voices, voices[1:]):
        if b.start < a.end - VIDEO_EDGE_TOLERANCE:
            warnings.append(FieldError(b.path, f"voice clip {b.id} starts {a.end - b.start:.2f} s before {a.id} ends",
                                       f"place it `after: {a.id}` or move it later"))
    return warnings
