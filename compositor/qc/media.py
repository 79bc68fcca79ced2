"""Reading the rendered file back: its stream facts, its frames (one pass), its audio."""
from __future__ import annotations

from pathlib import Path

import numpy as np


def probe(path: Path) -> dict:
    import av

    with av.open(str(path)) as c:
        v = c.streams.video[0]
        n = v.frames
        span = float(v.duration * v.time_base) if v.duration and v.time_base else None
        # frames over the stream's own duration: the container's average rate can count the encoder's start
        # delay (an edit list) as time, and read 23.74 fps for a 24 fps file of 182 frames
        rate = (n / span) if n and span else (v.average_rate or v.guessed_rate)
        dur = float(c.duration / 1e6) if c.duration else None
        return {"width": v.codec_context.width, "height": v.codec_context.height,
                "fps": float(rate) if rate else None, "frames": int(n) if n else None,
                "duration": dur, "has_audio": bool(c.streams.audio)}


def frames(path: Path):
    """(index, RGB uint8 frame) for every decoded frame, in order."""
    import av

    with av.open(str(path)) as c:
        for i, f in enumerate(c.decode(video=0)):
            yield i, f.to_ndarray(format="rgb24")


def audio(path: Path) -> np.ndarray:
    from ..audio.decode import decode_audio

    return decode_audio(path)
