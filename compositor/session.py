"""A render session: everything preparing a project produces, kept apart from the frozen project.

The loaded `Project` is a description; its shots hold source *templates* that are never prepared. A session
prepares, per shot and once, a fresh copy of the source, its tracks and the plate wrappers (stabilization),
and hands them to the frame loop. Two sessions on one project (the quality gate's and the render's, two
worker processes, a studio and a render) share nothing but caches on disk, so a frame is a pure function of
(project, frame index) whoever draws it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from .errors import FieldError
from .profile import NULL as NULL_PROFILE, Profile
from .vocab.validation import field_error_to_user
from .report import RenderReport
from .sources import ShotContext, Source

ProgressFn = Callable[[str, int, int], None]


@dataclass(frozen=True)
class PreparedShot:
    source: Source              # the plate to draw: prepared, wrappers (stabilize) included
    tracks: object = None       # bind.ShotTracks, or None when the shot has no tracks
    placeholder: bool = False   # an offline session's stand-in for footage not generated yet


class RenderSession:
    """Prepares shots on demand (a preview of one frame touches one shot) and idempotently."""

    def __init__(self, project, use_cache: bool = True, progress: Optional[ProgressFn] = None,
                 profile: Optional[Profile] = None, offline: bool = False):
        self.project = project
        self.use_cache = use_cache
        self.progress = progress
        self.profile = profile or NULL_PROFILE
        self.offline = offline           # never run expensive preparation: show a placeholder instead
        self.report = RenderReport()
        self._prepared: dict[int, PreparedShot] = {}
        self._seed_attempts: dict[int, int] = {}

    def context(self, shot) -> ShotContext:
        p = self.project
        return ShotContext(shot_id=shot.id, size=p.size, fps=p.fps, n_frames=shot.span.n_frames,
                           base_dir=p.base_dir, cache_dir=p.cache_dir, use_cache=self.use_cache, brand=p.kit,
                           progress=self.progress, previous=self._previous_source,
                           design_size=tuple(p.spec.output.size), tracks=shot.spec.tracks)

    def _previous_source(self, shot_id: str) -> Source:
        return self.prepare(self.project.shot(shot_id)).source

    def prepare(self, shot) -> PreparedShot:
        """The shot's prepared source and tracks (prepared the first time it is asked for)."""
        done = self._prepared.get(shot.index)
        if done is None:
            done = self._prepare(shot)
            self._prepared[shot.index] = done
        return done

    def reprepare(self, shot, seed_attempt: Optional[int] = None) -> PreparedShot:
        """Drop the shot's prepared state and prepare it again — with the `seed_attempt`-th next block of seeds
        for a generated shot (quality `on_fail: regenerate`), or as the cache now says when None."""
        old = self._prepared.pop(shot.index, None)
        if old is not None:
            old.source.close()
        if seed_attempt is None:
            self._seed_attempts.pop(shot.index, None)
        else:
            self._seed_attempts[shot.index] = seed_attempt
        return self.prepare(shot)

    def _prepare(self, shot) -> PreparedShot:
        ctx = self.context(shot)
        source = shot.source.fresh()
        if self.offline and source.expensive and not source.cached(ctx):
            from .sources.placeholder import PlaceholderSource

            source = PlaceholderSource(f"shot {shot.id}: generated footage", ctx.size)
            source.prepare(ctx)
            return PreparedShot(source, None, placeholder=True)
        attempt = self._seed_attempts.get(shot.index)
        if attempt is not None:
            source.unwrap().reseed(attempt)
        with self.profile.stage("generate" if source.expensive else "prepare"):
            try:
                source.prepare(ctx)
            except FieldError as exc:   # found only now (a size the model cannot make, an unreadable image…)
                raise field_error_to_user(exc, self.project.lines, ("shots", shot.index, "background"))
        if self.profile is not NULL_PROFILE:
            source.unwrap().profile = self.profile
        for note in source.notes():       # a wrapper adds its own to its inner source's
            self.report.note(f"note: shot {shot.id}: {note}")
        if not shot.spec.tracks:
            return PreparedShot(source)
        from .bind import bind_tracks

        with self.profile.stage("track"):
            plate, tracks, warnings = bind_tracks(self.project, shot, source, ctx)
        for line in warnings:
            self.report.warn(line)
        return PreparedShot(plate, tracks)

    def warm(self, shots=None) -> list:
        """Prepare the shots whose preparation is expensive and cached (generation, tracking) — done once before
        the chunks, so workers load results instead of each computing them again. Returns those shots."""
        todo = [s for s in (shots if shots is not None else self.project.shots) if needs_warming(s)]
        for shot in todo:
            self.prepare(shot)
        return todo

    def close(self) -> None:
        for done in self._prepared.values():
            done.source.close()
        self._prepared.clear()


def needs_warming(shot) -> bool:
    """True for shots whose preparation is expensive and cached: generated footage, or tracks."""
    return bool(shot.source.expensive or shot.spec.tracks)
