"""`track_shot`: every track of one shot, read from cache or tracked in one pass over the footage."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Mapping, Optional, Union

import numpy as np

from ..errors import FieldError
from . import cache
from .camera import track_camera
from .common import frame_index
from .frames import DEFAULT_MAX_SIDE, GrayStack, analysis_scale
from .planar import track_planar
from .point import track_point
from .spec import CameraTrack, PlanarTrack, PointTrack, TrackSpec, parse_track
from .trackset import TrackData, TrackSet

Progress = Callable[[str, int, int], None]


def _region_side(spec: TrackSpec, size: tuple[int, int]) -> float:
    """The smallest side of what a track follows, in output pixels (decides the analysis size)."""
    if isinstance(spec, PlanarTrack):
        q = np.asarray(spec.reference()[1])
        return float(np.linalg.norm(np.roll(q, -1, axis=0) - q, axis=1).min())
    if isinstance(spec, PointTrack):
        return float(spec.size)
    return float(min(size))


def _run(spec: TrackSpec, stack: GrayStack, fps: float, size: tuple[int, int], tick) -> TrackData:
    n = len(stack)
    if isinstance(spec, PlanarTrack):
        res = track_planar(spec, stack, fps, tick)
        r = frame_index(spec.reference()[0], fps, n)
        return TrackData("planar", res.confidence, r, corners=res.corners, anchor=res.corners[r].mean(0))
    if isinstance(spec, PointTrack):
        res = track_point(spec, stack, fps, tick)
        return TrackData("point", res.confidence, frame_index(spec.at, fps, n), matrices=res.matrices,
                         points=res.points, anchor=np.asarray(spec.point, np.float64))
    res = track_camera(spec, stack, fps, tick)
    w, h = size
    return TrackData("camera", res.confidence, frame_index(spec.at, fps, n), matrices=res.matrices,
                     anchor=np.array([w / 2, h / 2], np.float64))


def track_shot(tracks: Mapping[str, Union[TrackSpec, dict]], frames: Callable[[int], np.ndarray], n_frames: int,
               fps: float, size: tuple[int, int], cache_dir: Optional[Union[str, Path]], footage_id: str,
               progress: Optional[Progress] = None, use_cache: bool = True,
               max_side: int = DEFAULT_MAX_SIDE) -> TrackSet:
    """Track every named spec through the shot's frames (RGB uint8 at output `size`, local indices).

    Results are cached in `cache_dir` by (footage_id, spec, shot geometry, tracking code): `footage_id` must
    change whenever the frames would (a source's identity() or a content hash). Frames are read only when
    something is missing from the cache, each exactly once, in order. A track that cannot be started (no
    texture at its reference) raises FieldError with the path (name, field).
    """
    if n_frames < 1:
        raise ValueError("a shot needs at least one frame to track")
    specs = {name: (s if isinstance(s, (PlanarTrack, PointTrack, CameraTrack)) else parse_track(s))
             for name, s in tracks.items()}
    cache_dir = Path(cache_dir) if cache_dir is not None else None
    size = (int(size[0]), int(size[1]))
    scales = {name: analysis_scale(size, [_region_side(s, size)], max_side) for name, s in specs.items()}
    keys = {name: cache.track_key(footage_id, s.model_dump(mode="json"), n_frames, fps, size, scales[name])
            for name, s in specs.items()}
    out: dict[str, TrackData] = {}
    todo = []
    for name in specs:
        hit = cache.load(cache_dir, keys[name]) if use_cache else None
        if hit is not None:
            out[name] = TrackData.from_arrays(hit)
        else:
            todo.append(name)
    for scale in sorted({scales[n] for n in todo}):
        names = [n for n in todo if scales[n] == scale]
        work = cache_dir / "tracks" if cache_dir is not None else None
        with GrayStack(frames, n_frames, size, scale, work_dir=work, progress=progress) as stack:
            for name in names:
                done = [0]

                def tick(k: int, name=name, done=done) -> None:
                    done[0] += k
                    if progress and (done[0] % 10 == 0 or done[0] >= n_frames - 1):
                        progress(f"tracking {name}", done[0], max(1, n_frames - 1))

                try:
                    data = _run(specs[name], stack, fps, size, tick)
                except FieldError as e:
                    raise FieldError((name,) + tuple(e.path), e.message, e.fix) from None
                out[name] = data
                cache.save(cache_dir, keys[name], data.arrays())
    ordered = {name: out[name] for name in specs}
    return TrackSet(ordered, fps=float(fps), size=size, n_frames=n_frames, cache_keys=keys)
