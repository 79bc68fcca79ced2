"""The native player behind `lottie:` layers: ThorVG (thorvg-python), software rasterizer, no threads.

Chosen over rlottie by bench/lottie_players.py: closer to lottie-ios's own snapshots on the shipped samples
(median difference 1.0 vs 2.7 levels, closer at 12 of 16 points), 1.3-6.5x faster per frame at 1080p, and it
renders fractional frames, so a 24 fps animation in a 30 fps video shows frame 0.8, not frame 1 (rlottie draws
whole frames only).

Effects are drawn at the player's highest quality (100, not its default 50): its Gaussian blur and Drop Shadow
approximate a Gaussian by box blurs sized for three passes, and below quality 67 it runs only two of them, a
narrower, more peaked profile (against Skia's Skottie, lottie-android's StrokeBlur: mean 3.22 levels off at
quality 50, 2.14 at 100).
"""
from __future__ import annotations

import ctypes
import json
import math
import os
import threading
from typing import Optional

import numpy as np

from .lottie_effect_room import bleed_reach, with_bleed

_ENGINE = {}                 # pid -> thorvg Engine (one per process: a forked worker makes its own)
EFFECT_QUALITY = 100         # three box passes per blur axis (see the module docstring)
BLEED_STEP = 8               # the margin drawn for blurs near the edge, in whole steps of pixels


def _engine():
    import thorvg_python as tvg
    pid = os.getpid()
    if pid not in _ENGINE:
        _ENGINE[pid] = tvg.Engine(threads=0)
    return _ENGINE[pid]


class LottiePlayer:
    """One animation, drawn at any pixel size; `frame(f, w, h)` is a pure function of (f, w, h)."""

    def __init__(self, json_text: str, ip: Optional[float] = None):
        self.data = json_text.encode()
        doc = json.loads(json_text)
        self.ip = float(doc.get("ip", 0)) if ip is None else float(ip)
        self.size = (float(doc.get("w") or 1), float(doc.get("h") or 1))
        self.reach = bleed_reach(doc)          # composition units past the edge its blurs and shadows read
        self._lock = threading.Lock()
        self._state = None          # (pid, w, h, margin, canvas, animation)
        self._placed = None         # (pid, w, h, canvas, animation, picture): see `frame_placed`

    def __getstate__(self):
        return {"data": self.data, "ip": self.ip}

    def __setstate__(self, state):
        self.__init__(state["data"].decode(), state["ip"])

    @property
    def sources(self) -> list[bytes]:
        """The JSON the player draws (one; a LayeredPlayer has one per pass)."""
        return [self.data]

    def check(self) -> str | None:
        """None when the player accepts the animation, else why not."""
        import thorvg_python as tvg
        anim = tvg.LottieAnimation(_engine())
        result = anim.get_picture().load_data(self.data, "lottie", None, True)
        return None if result == tvg.Result.SUCCESS else f"the player refused it ({result.name})"

    def _setup(self, w: int, h: int, margin: int = 0):
        import thorvg_python as tvg
        pid = os.getpid()
        if self._state is not None and self._state[:4] == (pid, w, h, margin):
            return self._state
        engine = _engine()
        canvas = tvg.SwCanvas(engine)
        canvas.set_target(w + 2 * margin, h + 2 * margin, cs=tvg.Colorspace.ABGR8888)   # premultiplied RGBA
        anim = tvg.LottieAnimation(engine)
        pic = anim.get_picture()
        pic.load_data(self._bled(w, h, margin), "lottie", None, True)
        _set_effect_quality(engine, anim)
        pic.set_size(w + 2 * margin, h + 2 * margin)
        canvas.add(pic)
        self._state = (pid, w, h, margin, canvas, anim)
        return self._state

    def frame(self, f: float, w: int, h: int, margin: int = 0) -> np.ndarray:
        """Premultiplied RGBA uint8 (h, w, 4) of Lottie frame `f`, in the file's own frame numbers (`ip` to `op`;
        fractional frames interpolate). ThorVG counts its frames from `ip`, so `ip` is taken off here. With a
        margin, the picture is drawn that many pixels larger on every side (what lies beyond its edge). An
        animation with blurs or shadows is drawn with a margin as wide as they reach, so they read and fade
        the content past the picture's edge, and cropped back."""
        bleed = max(margin, self._bleed_px(w, h))
        with self._lock:
            canvas, anim = self._setup(w, h, bleed)[4:]
            anim.set_frame(max(0.0, float(f) - self.ip))
            canvas.update()
            canvas.draw(True)
            canvas.sync()
            px = np.frombuffer(canvas.buffer_arr, np.uint8).reshape(h + 2 * bleed, w + 2 * bleed, 4)
            cut = bleed - margin
            return px[cut:cut + h + 2 * margin, cut:cut + w + 2 * margin].copy()

    def _bleed_px(self, w: int, h: int) -> int:
        if self.reach <= 0:
            return 0
        px = self.reach * max(w / self.size[0], h / self.size[1])
        return int(math.ceil(px / BLEED_STEP) * BLEED_STEP)

    def _bled(self, w: int, h: int, margin: int) -> bytes:
        """The JSON drawn for a margin: the composition grown by it on every side (the player clips to it)."""
        if not margin:
            return self.data
        doc = json.loads(self.data)
        return json.dumps(with_bleed(doc, margin * self.size[0] / w, margin * self.size[1] / h),
                          separators=(",", ":")).encode()

    def _setup_placed(self, w: int, h: int):
        """A canvas of w x h with the picture at the composition's own size (one unit, one pixel), to be
        placed by a matrix; the animation is kept when only the canvas size changes."""
        import thorvg_python as tvg
        pid = os.getpid()
        state = self._placed
        if state is not None and state[0] == pid:
            if state[1:3] != (w, h):
                state[3].set_target(w, h, cs=tvg.Colorspace.ABGR8888)
                self._placed = state = (pid, w, h) + state[3:]
            return state
        engine = _engine()
        canvas = tvg.SwCanvas(engine)
        canvas.set_target(w, h, cs=tvg.Colorspace.ABGR8888)
        anim = tvg.LottieAnimation(engine)
        pic = anim.get_picture()
        pic.load_data(self.data, "lottie", None, True)
        _set_effect_quality(engine, anim)
        pic.set_size(*self.size)
        canvas.add(pic)
        self._placed = state = (pid, w, h, canvas, anim, pic)
        return state

    def frame_placed(self, f: float, w: int, h: int, place) -> np.ndarray:
        """Premultiplied RGBA uint8 (h, w, 4) of frame `f` with the composition's point (x, y) drawn at pixel
        `place` @ (x, y, 1) (an affine 3x3): a part of the picture at any scale."""
        import thorvg_python as tvg
        with self._lock:
            _, _, _, canvas, anim, pic = self._setup_placed(w, h)
            anim.set_frame(max(0.0, float(f) - self.ip))
            pic.set_transform(tvg.Matrix(*(float(v) for v in np.asarray(place, float).reshape(9))))
            canvas.update()
            canvas.draw(True)
            canvas.sync()
            return np.frombuffer(canvas.buffer_arr, np.uint8).reshape(h, w, 4).copy()


def _set_effect_quality(engine, anim) -> None:
    """The player's effect quality; thorvg-python has no wrapper for it, the C API has (ThorVG 1.0+). A file the
    player could not load refuses it too: that is reported by `check`, not here."""
    set_quality = engine.thorvg_lib.tvg_lottie_animation_set_quality
    set_quality.argtypes = [ctypes.c_void_p, ctypes.c_uint8]
    set_quality.restype = ctypes.c_int
    set_quality(anim._animation, EFFECT_QUALITY)
