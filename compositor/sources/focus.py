"""`focus: TRACK` on a video background: the `cover` crop follows one of the shot's tracks, so what it follows
(a person, a product) stays in frame when a variant crops the footage to another aspect ratio.

The track is written in the main cut's pixels (`output.size`), so it is tracked there, on the footage as the
main cut frames it with a centre crop (the cache is shared with the main cut's own tracking), then turned into
fractions of the source and smoothed over FOCUS_SMOOTH seconds, so the crop glides instead of jittering.
"""
from __future__ import annotations

import numpy as np

from ..errors import FieldError
from .fit import cover_window

def check_focus(v):
    """`focus: [x, y]` fractions of the source (0..1) or the name of one of the shot's tracks."""
    if isinstance(v, tuple) and not all(0 <= c <= 1 for c in v):
        raise ValueError(f"focus {list(v)} is outside the source — give [x, y] as fractions 0..1 of its width "
                         "and height (0.5 = the middle), or the name of a track")
    return v


FOCUS_SMOOTH = 1.0   # seconds of zero-phase smoothing of the crop centre


def follow_track(source, ctx, framer) -> np.ndarray:
    """(n_frames, 2) crop centres, fractions of the source, for `source` (a VideoSource being prepared);
    `framer(size)` opens a decoder of its footage centre-cropped to `size` (`.frame(i)`, `.close()`)."""
    from ..tracking.shot import track_shot
    from ..tracking.smooth import zero_phase

    name = source.focus
    spec = (ctx.tracks or {}).get(name)
    if spec is None or getattr(spec, "kind", None) not in ("point", "planar"):
        raise FieldError(("focus",), f"no point or planar track {name!r} in this shot to follow",
                         "name a point or planar track of this shot's tracks:, or give [x, y] fractions")
    design = tuple(ctx.design_size or ctx.size)
    info = source.info
    decoder = framer(design)
    try:
        ts = track_shot({name: spec}, decoder.frame, ctx.n_frames, ctx.fps, design, ctx.cache_dir,
                        source.identity(focus=False), progress=ctx.progress, use_cache=ctx.use_cache)
    except FieldError as exc:
        raise FieldError(("focus",), f"following track {name!r}: {exc.message}", exc.fix) from None
    finally:
        decoder.close()
    points = np.array([ts.point(name, i) for i in range(ctx.n_frames)], np.float64)
    nw, nh, x0, y0 = cover_window((info["width"], info["height"]), design)
    fractions = (points + [x0, y0]) / [nw, nh]
    return np.clip(zero_phase(fractions, FOCUS_SMOOTH, ctx.fps), 0.0, 1.0)
