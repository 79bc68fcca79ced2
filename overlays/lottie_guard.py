"""The Lottie player tried in a child process, at load, over exactly the frames a layer will show.

ThorVG dies of a signal (not an exception) on some animations: text animators with Randomize Order divide by
zero when the range covers the whole text (tests/data/lottie/text_animator_randomize.json, SIGFPE at frame 86).
Inside a render that would kill the process with nothing printed. So `build_lottie` asks `crash_of` first: the
frames the layer shows (its start/end in the shot, speed, loop, in/out) at the size it is drawn, in a forked
child (compositor.crashguard), the verdict cached by the animation's hash.
"""
from __future__ import annotations

import math
from importlib import metadata
from typing import Optional

from compositor.crashguard import Crash, key_of, probe

from .lottie_player import LottiePlayer


def shown_frames(overlay, start: float, end: float, fps: float) -> dict[float, float]:
    """Every Lottie frame the layer shows between shot times `start` and `end`: frame -> first shot time."""
    frames: dict[float, float] = {}
    n = max(1, math.ceil((end - start) * fps - 1e-9))
    for k in range(n):
        t = start + k / fps
        frames.setdefault(overlay.lottie_frame(t), t)
    return frames


def _player_version() -> str:
    try:
        return metadata.version("thorvg-python")
    except metadata.PackageNotFoundError:
        return "unknown"


def crash_of(player, frames: dict[float, float],
             size: tuple[int, int]) -> Optional[tuple[Crash, Optional[float], float]]:
    """None when the player draws every frame; else (the crash, the Lottie frame or None while loading, its
    shot time)."""
    order = sorted(frames)
    sources = player.sources
    key = key_of("lottie", b"\0".join(sources), tuple(order), tuple(size), _player_version())

    def work(announce) -> None:
        fresh = [LottiePlayer(s.decode()) for s in sources]   # nothing shared with the parent's players (locks)
        announce("load")
        for p in fresh:
            p._setup(*size)
        for f in order:
            announce(repr(f))
            for p in fresh:
                p.frame(f, *size)

    crash = probe(key, work)
    if crash is None:
        return None
    try:
        frame = float(crash.step)
    except ValueError:              # died loading it, before the first frame
        return crash, None, 0.0
    return crash, frame, frames.get(frame, 0.0)
