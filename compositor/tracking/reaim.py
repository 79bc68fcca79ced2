"""Tracks in a variant: a track's `point`/`corners` are written in the main cut's pixels; a variant frames the
footage differently (another size, a crop around its `focus`), so before tracking they are carried through
that framing at the track's reference frame. A value the variant gives itself (`set:` or in place) is already
in its pixels and stays as written."""
from __future__ import annotations

from typing import Mapping

from .common import frame_index
from .spec import PlanarTrack, PointTrack

MIN_PATCH, MAX_PATCH = 16.0, 1024.0      # the bounds of a point track's `size`


def framings(tracks: Mapping, shot_index: int, source, ctx, given=None) -> dict:
    """Track name -> (sx, sy, tx, ty): the main cut's pixels to this cut's at the track's reference frame, for
    every point or planar track written in the main cut's pixels (none in the main cut itself)."""
    design = getattr(ctx, "design_size", None)
    if not tracks or design is None or tuple(design) == tuple(ctx.size):
        return {}
    inner = source.unwrap()
    out = {}
    for name, spec in tracks.items():
        if given is not None and given.given(("shots", shot_index, "tracks", name)):
            continue
        if isinstance(spec, (PointTrack, PlanarTrack)):
            at = spec.at if isinstance(spec, PointTrack) else spec.reference()[0]
            out[name] = _map(inner, ctx, design, frame_index(at, ctx.fps, ctx.n_frames))
    return out


def reaim(tracks: Mapping, shot_index: int, source, ctx, given=None) -> Mapping:
    """The shot's track specs with those written in the main cut's pixels carried into this cut's."""
    maps = framings(tracks, shot_index, source, ctx, given)
    if not maps:
        return tracks
    out = dict(tracks)
    for name, m in maps.items():
        spec = tracks[name]
        if isinstance(spec, PointTrack):
            size = min(MAX_PATCH, max(MIN_PATCH, spec.size * min(m[0], m[1])))
            out[name] = spec.model_copy(update={"point": place(m, spec.point), "size": size})
        else:
            update = {"keyframes": [(t, [place(m, p) for p in q]) for t, q in spec.keyframes]}
            if spec.corners is not None:
                update["corners"] = [place(m, p) for p in spec.corners]
            out[name] = spec.model_copy(update=update)
    return out


def _map(source, ctx, design, index: int) -> tuple[float, ...]:
    """(sx, sy, tx, ty) from the main cut's pixels to this cut's at frame `index`: the source's own framing
    where it knows it (footage), else positions keep their relative place, as layers do."""
    reframe = getattr(source, "reframe", None)
    if reframe is not None:
        return reframe(index)
    return ctx.size[0] / design[0], ctx.size[1] / design[1], 0.0, 0.0


def place(m, p) -> tuple[float, float]:
    """A point through a (sx, sy, tx, ty) framing."""
    return m[0] * float(p[0]) + m[2], m[1] * float(p[1]) + m[3]
