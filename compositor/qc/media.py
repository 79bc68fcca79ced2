"""Reading the rendered file back: its stream facts, its frames (one pass), its audio."""
from __future__ import annotations

from pathlib import Path

import numpy as np


def probe(path: Path) -> dict:
    import av

    with av.open(str(path)) as c:
        v = c.streams.video[0]
        rate = v.average_rate or v.guessed_rate
        n = v.frames
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
