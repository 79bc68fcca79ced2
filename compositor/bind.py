"""Tracks meet the render loop: track a prepared shot once (cached), give its layers pin/follow matrices, and
stabilize the plate when the camera track asks for it. Low confidence warns, or fails under `quality.strict`."""
from __future__ import annotations

import cv2
import numpy as np

from .errors import FieldError, UserError
from .listing import first
from .vocab.validation import field_error_to_user
from .sources.base import Source, WrapperSource


class ShotTracks:
    """What a Layer asks of its shot's tracks, in output pixels of the (possibly stabilized) plate."""

    def __init__(self, trackset, stabilize: bool, framing=None):
        self.ts = trackset
        self.stabilize = stabilize
        self.framing = framing or {}     # track -> main-cut pixels to this cut's (a variant: reaim.framings)

    def place(self, name: str, point):
        """Where a point written in the main cut's pixels is in this cut's frame, framed as the track `name`
        was (a variant's crop of the footage); None when the track needs no re-framing."""
        from .tracking.reaim import place

        m = self.framing.get(name)
        return place(m, point) if m is not None else None

    def _plate(self, i) -> np.ndarray:
        return self.ts.stabilize_matrix(i) if self.stabilize else np.eye(3)

    def pin_matrix(self, name: str, i, natural: tuple[float, float]) -> np.ndarray:
        from .tracking.trackset import homography_rect_to_quad

        w, h = natural
        return self._plate(i) @ homography_rect_to_quad(w, h, self.ts.corners(name, i))

    def follow_matrix(self, follow, i) -> np.ndarray:
        return self._plate(i) @ self.ts.follow_matrix(follow.track, i, rotate=follow.rotate, scale=follow.scale)


class StabilizedSource(WrapperSource):
    """The shot's footage warped so the camera track's reference frame stays still. A render session builds it
    around the source it prepared and tracked, so it never prepares what it wraps."""

    def __init__(self, inner: Source, trackset):
        super().__init__(inner)
        self.ts = trackset

    def frame(self, index: int) -> np.ndarray:
        f = self.inner.frame(index)
        m = self.ts.stabilize_matrix(index)
        h, w = f.shape[:2]
        return cv2.warpPerspective(f, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)

    def identity(self) -> str:
        return f"stabilized({self.inner.identity()})"


def track(shot, source: Source, ctx, lines=None, given=None):
    """The shot's TrackSet on the prepared `source` (from the cache when the footage and specs are unchanged).
    In a variant, tracks written in the main cut's pixels are re-aimed through the variant's framing first
    (`given`: what the variant wrote in its own pixels, kept as written)."""
    from .tracking.reaim import reaim
    from .tracking.shot import track_shot

    try:
        return track_shot(reaim(shot.spec.tracks, shot.index, source, ctx, given), source.frame, ctx.n_frames,
                          ctx.fps, ctx.size, ctx.cache_dir, source.identity(), progress=ctx.progress,
                          use_cache=ctx.use_cache)
    except FieldError as exc:
        if lines is None:
            raise
        raise field_error_to_user(exc, lines, ("shots", shot.index, "tracks"))


def bind_tracks(project, shot, source: Source, ctx) -> tuple[Source, ShotTracks, list[str]]:
    """Track the prepared `source`: (the plate to draw — stabilized when the camera track asks —, the tracks
    its layers are placed with, warning lines). Nothing is written into the project or the shot."""
    from .tracking.reaim import framings

    given = getattr(project, "given", None)
    ts = track(shot, source, ctx, project.lines, given)
    cam = ts.camera_name()
    stabilize = bool(cam and getattr(shot.spec.tracks[cam], "stabilize", False))
    tracks = ShotTracks(ts, stabilize, framings(shot.spec.tracks, shot.index, source, ctx, given))
    plate = StabilizedSource(source, ts) if stabilize else source
    return plate, tracks, _confidence(project, shot, ts)


def _confidence(project, shot, ts) -> list[str]:
    """Tracks the layers rely on must not silently pin to garbage: report their low-confidence times (warning
    lines; a UserError under `quality.strict`)."""
    used = {l.spec.pin for l in shot.layers if l.spec.pin}
    used |= {l.spec.follow_spec.track for l in shot.layers if l.spec.follow_spec}
    issues = []
    for name in sorted(used):
        spans = ts.low_confidence_spans(name)
        if spans:
            when = first(spans, 5, lambda s: f"{s[0]:.2f}–{s[1]:.2f}s")
            issues.append(project.lines.issue(("shots", shot.index, "tracks", name),
                                              f"track {name!r} loses confidence at {when} (occlusion or the "
                                              "surface leaving the frame)",
                                              "add corner keyframes there, move `at:` to a clearer moment, or "
                                              "shorten the shot"))
    q = project.spec.quality
    if issues and q is not None and getattr(q, "strict", False):
        raise UserError(issues)
    return [f"warning: {i}" for i in issues]
