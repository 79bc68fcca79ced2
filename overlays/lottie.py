"""`lottie:` layers — an After Effects animation exported as Lottie JSON or `.lottie`, played frame-exactly.

The Lottie frame shown at shot time t is a pure function of t: `in + (t - start) * speed * fr` (its own frame
rate `fr`, not the video's), held on the last frame after `out` or wrapped when `loop` is set. Placement, timing,
enter/exit, `pin:`/`follow:` are the same as any layer; size as for `svg:` (the animation's own w×h by default).
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Callable, Literal, Optional

import skia
from pydantic import Field, model_validator

from compositor.errors import FieldError
from compositor.vocab.bounds import MAX_SCALE
from compositor.vocab.layer import LayerCommon

from .base import BuildContext, Overlay
from .lottie_brand import apply_brand
from .lottie_file import LottieDoc, read_lottie
from .lottie_normalise import normalise
from .lottie_passes import LayeredPlayer, player_for, plan_passes
from .lottie_support import refuse_unsupported
from .lottie_guard import crash_of, shown_frames
from .lottie_player import LottiePlayer
from .media import _box
from .raster import SAMPLING, device_scale
from .registry import register

FRAME_DECIMALS = 3           # frames are rounded to 1/1000 (the player's own resolution): equal t, equal pixels


class LottieLayer(LayerCommon):
    lottie: str
    speed: float = Field(1.0, gt=0, le=MAX_SCALE)
    loop: bool = False
    frames: Optional[tuple[float, float]] = None
    colors: dict[str, str] = {}
    fit: Literal["contain", "cover", "fill"] = "contain"

    @model_validator(mode="after")
    def _frames(self):
        if self.frames is not None and self.frames[1] <= self.frames[0]:
            raise ValueError(f"frames: out ({self.frames[1]}) must be after in ({self.frames[0]}) — "
                             f"give [in, out] in the animation's own frames")
        return self


class LottieOverlay(Overlay):
    def __init__(self, player: LottiePlayer, fr: float, first: float, last: float, start: float, speed: float,
                 loop: bool, intrinsic: tuple[int, int], width, height, fit: str):
        self.player = player
        self.fr, self.first, self.last = fr, first, last
        self.start, self.speed, self.loop = start, speed, loop
        self.width, self.height, self.aw, self.ah, self.ax, self.ay = _box(intrinsic, width, height, fit)

    def lottie_frame(self, t: float) -> float:
        """The animation's frame at shot time t."""
        f = max(0.0, t - self.start) * self.speed * self.fr
        span = self.last - self.first
        if self.loop:
            f = math.fmod(f, span)
        else:
            f = min(f, max(0.0, span - 1.0))    # `out` is exclusive: hold the last whole frame
        return round(self.first + f, FRAME_DECIMALS)

    def content_key(self, t: float, reveal: float = 1.0):
        return ("lottie", self.lottie_frame(t), reveal)

    def draw(self, canvas: skia.Canvas, t: float, reveal: float = 1.0) -> None:
        s = device_scale(canvas)
        pw, ph = max(1, math.ceil(self.aw * s)), max(1, math.ceil(self.ah * s))
        rgba = self.player.frame(self.lottie_frame(t), pw, ph)
        image = skia.Image.fromarray(rgba, colorType=skia.kRGBA_8888_ColorType, alphaType=skia.kPremul_AlphaType)
        canvas.save()
        canvas.clipRect(skia.Rect.MakeWH(self.width, self.height))
        canvas.drawImageRect(image, skia.Rect.MakeXYWH(self.ax, self.ay, self.aw, self.ah), SAMPLING)
        canvas.restore()


def build_lottie(layer: LottieLayer, ctx: BuildContext, path: tuple) -> Overlay:
    field = path + ("lottie",)
    file = ctx.asset(layer.lottie, field, kinds=(".json", ".lottie"))
    doc, player = load_player(file, ctx.base_dir, field,
                              brand=lambda d: apply_brand(d, layer.colors, ctx.kit, ctx.base_dir, path))
    first, last = (doc.ip, doc.op) if layer.frames is None else layer.frames
    if layer.frames is not None and not (doc.ip <= first < last <= doc.op):
        raise FieldError(path + ("frames",), f"[{first:g}, {last:g}] is outside the animation's frames "
                                              f"[{doc.ip:g}, {doc.op:g}]",
                         f"pick in/out within {doc.ip:g}..{doc.op:g}")
    overlay = LottieOverlay(player, doc.fr, first, last, layer.start, layer.speed, layer.loop, (doc.w, doc.h),
                            layer.width, layer.height, layer.fit)
    _refuse_crashes(overlay, layer, ctx, path)        # first: loading alone may crash the player
    problem = player.check()
    if problem:
        raise FieldError(field, f"{layer.lottie}: {problem}", "check the file plays in a Lottie viewer")
    overlay.texts, overlay.text_fonts = text_layers(doc.data)
    return overlay


def load_player(file: Path, base_dir: Path, field: tuple,
                brand: Optional[Callable[[LottieDoc], None]] = None) -> tuple[LottieDoc, LottiePlayer | LayeredPlayer]:
    """The checked, self-contained animation and its player; what the player would draw wrongly is refused
    (FieldError naming the Lottie's FILE:LINE and the feature)."""
    doc = read_lottie(file, base_dir, field)
    normalise(doc.data)
    finishes = plan_passes(doc.data)
    refuse_unsupported(doc, base_dir, field)
    if brand is not None:
        brand(doc)
    return doc, player_for(doc.data, finishes, doc.ip)


def _refuse_crashes(overlay: LottieOverlay, layer: LottieLayer, ctx: BuildContext, path: tuple) -> None:
    """A crash of the native player on a frame this layer shows is a user error now, not a dead render later."""
    end = min(layer.end, ctx.shot_duration) if layer.end is not None else ctx.shot_duration
    if end <= layer.start:
        return
    frames = shown_frames(overlay, layer.start, end, ctx.fps)
    size = (max(1, math.ceil(overlay.aw)), max(1, math.ceil(overlay.ah)))
    found = crash_of(overlay.player, frames, size)
    if found is not None:
        crash, frame, t = found
        when = "while loading it" if frame is None else f"at frame {frame:g} (shot time {t:.2f} s)"
        raise FieldError(path, f"the Lottie player crashed ({crash.signal}) on {layer.lottie} {when}",
                         "open it in a Lottie viewer and re-export it without the feature the player cannot draw "
                         "(text animators with Randomize Order are a known cause), or show other frames with "
                         "`frames: [in, out]`")


def text_layers(data: dict) -> tuple[tuple, tuple]:
    """What the animation's top-level text layers say, for `compositor qc`: ((in, out, ((frame, string), ...)),
    ...) and the font families they are set in."""
    texts = []
    for lay in data.get("layers") or []:
        if lay.get("ty") != 5:
            continue
        keys = ((lay.get("t") or {}).get("d") or {}).get("k") or []
        shown = tuple((float(k.get("t", 0)), str((k.get("s") or {}).get("t", ""))) for k in keys if isinstance(k, dict))
        texts.append((float(lay.get("ip", 0)), float(lay.get("op", 1e9)), shown))
    fonts = tuple(str(f.get("fFamily") or f.get("fName") or "") for f in (data.get("fonts") or {}).get("list") or []
                  ) if texts else ()
    return tuple(texts), fonts


register("lottie", LottieLayer, build_lottie)
