"""Tracks meet the render loop: track a prepared shot once (cached), give its layers pin/follow matrices, and
stabilize the plate when the camera track asks for it. Low confidence warns, or fails under `quality.strict`."""
from __future__ import annotations

import cv2
import numpy as np

from ..errors import FieldError, UserError
from ..project.validation import field_error_to_user
from ..sources.base import Source


class ShotTracks:
    """What a Layer asks of its shot's tracks, in output pixels of the (possibly stabilized) plate."""

    def __init__(self, trackset, stabilize: bool):
        self.ts = trackset
        self.stabilize = stabilize

    def _plate(self, i) -> np.ndarray:
        return self.ts.stabilize_matrix(i) if self.stabilize else np.eye(3)

    def pin_matrix(self, name: str, i, natural: tuple[float, float]) -> np.ndarray:
        from .trackset import homography_rect_to_quad

        w, h = natural
        return self._plate(i) @ homography_rect_to_quad(w, h, self.ts.corners(name, i))

    def follow_matrix(self, follow, i) -> np.ndarray:
        return self._plate(i) @ self.ts.follow_matrix(follow.track, i, rotate=follow.rotate, scale=follow.scale)


class StabilizedSource(Source):
    """The shot's footage warped so the camera track's reference frame stays still."""

    def __init__(self, inner: Source, trackset):
        self.inner = inner
        self.ts = trackset
        self.has_alpha = inner.has_alpha

    def prepare(self, ctx) -> None:
        self.ctx = ctx       # the inner source is already prepared (it was tracked)

    def frame(self, index: int) -> np.ndarray:
        f = self.inner.frame(index)
        m = self.ts.stabilize_matrix(index)
        h, w = f.shape[:2]
        return cv2.warpPerspective(f, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)

    def identity(self) -> str:
        return f"stabilized({self.inner.identity()})"

    def close(self) -> None:
        self.inner.close()


def track(shot, ctx, renderer=None):
    """The shot's TrackSet (from the cache when the footage and specs are unchanged)."""
    from .shot import track_shot

    project = renderer.project if renderer is not None else None
    try:
        return track_shot(shot.spec.tracks, shot.source.frame, ctx.n_frames, ctx.fps, ctx.size, ctx.cache_dir,
                          shot.source.identity(), progress=ctx.progress, use_cache=ctx.use_cache)
    except FieldError as exc:
        if project is None:
            raise
        raise field_error_to_user(exc, project.lines, ("shots", shot.index, "tracks"))


def bind_tracks(renderer, shot, ctx) -> None:
    project = renderer.project
    ts = track(shot, ctx, renderer)
    cam = ts.camera_name() if hasattr(ts, "camera_name") else None
    stabilize = bool(cam and getattr(shot.spec.tracks[cam], "stabilize", False))
    shot.tracks = ShotTracks(ts, stabilize)
    for layer in shot.layers:
        layer.tracks = shot.tracks
    if stabilize:
        shot.source = StabilizedSource(shot.source, ts)
    _confidence(project, shot, ts)


def _confidence(project, shot, ts) -> None:
    """Tracks the layers rely on must not silently pin to garbage: report their low-confidence times."""
    used = {l.spec.pin for l in shot.layers if l.spec.pin}
    used |= {l.spec.follow_spec.track for l in shot.layers if l.spec.follow_spec}
    issues = []
    for name in sorted(used):
        spans = ts.low_confidence_spans(name)
        if spans:
            when = ", ".join(f"{a:.2f}–{b:.2f}s" for a, b in spans[:5])
            issues.append(project.lines.issue(("shots", shot.index, "tracks", name),
                                              f"track {name!r} loses confidence at {when} (occlusion or the "
                                              "surface leaving the frame)",
                                              "add corner keyframes there, move `at:` to a clearer moment, or "
                                              "shorten the shot"))
    if not issues:
        return
    q = project.spec.quality
    if q is not None and getattr(q, "strict", False):
        raise UserError(issues)
    warnings = project.extras.setdefault("warnings", [])
    warnings.extend(f"warning: {i}" for i in issues if f"warning: {i}" not in warnings)
