"""Top-level layers the player cannot finish, drawn on their own and finished on their pixels.

The player leaves out many After Effects colour effects (Threshold, Black & White, Hue/Saturation …) and
computes some blend modes (Hue, Color, Luminosity, Hard Mix …) with other formulas than After Effects. Where
such a layer sits in the main composition, the animation is drawn in passes: each run of ordinary layers
between such layers is one pass, each such layer is a pass of its own, drawn with its own opacity at 100 %
and without the effects taken from it. The layer's pixels are then finished as Skia's Skottie finishes them
(`lottie_pixel_ops`: the effects in their order, then the layer's opacity), and the passes are composited
bottom to top: over, or by the layer's blend mode onto the picture of every layer below it.

In a pass, every layer it does not own becomes a null layer with the same index, parent, transform and
times, so children of a hidden layer move as before; track-matte sources (`td`) stay as they are, as they
draw only through the layer they matte. A layer is finished here only when every effect it keeps (the player
draws Gaussian Blur, Drop Shadow, Tint …) comes before the ones taken from it, as effects apply in order.
Layer styles (Drop Shadow, Inner Shadow, Outer and Inner Glow, Color Overlay) are finished here too, after the
effects, measured in drawn pixels, on the layer drawn with a margin around the picture. Any layer with a blend
mode above the lowest finished layer is finished here too, since its backdrop now lies
in other passes. An effect that measures lengths (Directional Blur) gets the map from the units Skottie applies it
in to drawn pixels: the drawing scale, times the layer's and its parents' scale and rotation where Skottie applies
the layer's effects before its transform (`lottie_px_blur.mark_layer_units`); on a layer with a track matte it is
refused, as the matte would cut the layer before the blur instead of after. An effect placed at points (Bulge) gets
the whole affine map, translation too, from those units to the pixels it works on (`lottie_pixel_ops.PlacedOp`),
refused where that map is unknown as the blur is. A precomposition layer whose content needs passes is a pass of
its own too, drawn as a sub-animation (`lottie_nest`) through `LayeredPlayer.composite` with a placement. An
image layer is a pass of its own too, drawn by Skia as Skottie samples it (`lottie_images`), over the picture of
the layers below it.
"""
from __future__ import annotations

import copy
import json
from typing import Optional

import numpy as np

from . import lottie_3d, lottie_images, lottie_nest
from . import lottie_pixel_ops as ops
from . import lottie_px_blends, lottie_px_blur, lottie_px_bulge, lottie_px_levels, lottie_px_mono  # noqa: F401
from . import lottie_px_styles  # noqa: F401
from . import lottie_px_tones, lottie_px_wipes  # noqa: F401
from .lottie_effects import effect_left_out
from .lottie_keyframes import Prop
from .lottie_player import LottiePlayer
from .lottie_tritone import OVER_ALPHA as TRITONE_OVER_ALPHA

# Effects the player draws, but not as Skottie does: Tint and Tritone take the luminance of premultiplied pixels
# (a translucent pixel toned as a darker one; Tint: mean 15-30 levels off on translucent pixels, bench
# lottie_px_tones_cases.py), so on a top-level layer they are finished here.
DRAWN_OTHERWISE = {20: "ADBE Tint", 23: "ADBE Tritone"}
# Blend modes the player draws as Skottie does on any backdrop (bench/lottie_px_blends_cases.py: within 5
# levels); every other one it draws with too low an alpha over translucent pixels, or another formula.
PLAYER_BLENDS_RIGHT = {0, 2, 11}
MARGIN_STEP = 16
PASS_KEY = "x-pass"            # set on a layer finished here: its index in the plan's list
UNSUPPORTED_KEY = "x-unsupported"   # set on an effect in a form not finished here: why, for the refusal
NULL_LAYER = 3
KEPT_ON_NULL = ("ind", "parent", "ks", "ip", "op", "st", "sr", "ddd", "ao", "nm")


class Finish:
    """What is done to one layer's pixels: its taken effects in order, its layer styles, its opacity, its blend
    mode. Kept as the layer's JSON, so a player sent to a render worker rebuilds the ops there."""

    def __init__(self, effects: list, styles: list, opacity, mode: int, transforms: list = ()):
        self.state = {"effects": effects, "styles": styles, "opacity": opacity, "mode": mode,
                      "transforms": list(transforms)}
        self.effect_ops = [ops.effect_op(e) for e in effects]
        self.transforms = list(transforms)      # `ks` of the layer and its parents, for effects in layer units
        if any(isinstance(op, ops.MeasuredOp) for op in self.effect_ops):
            lottie_px_blur.layer_linear(self.transforms, 0.0)      # refuses what it cannot measure
        if any(isinstance(op, ops.PlacedOp) for op in self.effect_ops):
            lottie_px_blur.layer_affine(self.transforms, 0.0)      # refuses what it cannot place
        self.style_ops = [ops.STYLES[s.get("ty")](s) for s in styles]
        self.opacity = Prop(opacity, 100.0)
        self.blend = ops.BLENDS.get(mode) if mode else None

    def __getstate__(self):
        return self.state

    def __setstate__(self, state):
        self.__init__(**state)

    def margin(self, frame: float, screen: np.ndarray) -> int:
        """Pixels to draw beyond the picture's edge: a style reads the layer's content past it (Skottie filters
        the whole layer), so the pass is drawn this much larger and cropped after the styles. In steps of
        MARGIN_STEP, so an animated blur does not set the player up afresh at every frame. `screen`: the 3x3 map
        from the composition's units to the picture's pixels."""
        draw_scale = np.asarray(screen, float)[:2, :2]
        reach = max((lottie_px_styles.reach(s, frame, draw_scale) for s in self.state["styles"]), default=0)
        measured = [op for op in self.effect_ops if isinstance(op, ops.MeasuredOp)]
        if measured:
            linear = self._effect_linear(frame, draw_scale)
            reach = max(reach, sum(op.reach(frame, linear) for op in measured))
        return -(-reach // MARGIN_STEP) * MARGIN_STEP

    def apply(self, rgba: np.ndarray, frame: float, screen: np.ndarray, margin: int = 0) -> np.ndarray:
        """The layer's pixels finished: effects, then styles (measured in drawn pixels: Skottie applies both
        after the layer's transform), then its opacity. `rgba` is the picture drawn through `screen` (the 3x3 map
        from the composition's units to pixels) with `margin` pixels more on each side. Worked on the box around
        the layer's paint (grown by `margin`, how far its styles reach): the ops keep transparent pixels
        transparent, and a placed effect fills only that box, as Skottie fills the layer's bounds."""
        box = _paint_box(rgba, margin)
        if box is None:
            return np.zeros_like(rgba)
        draw_scale = np.asarray(screen, float)[:2, :2]
        part = rgba[box]
        for op in self.effect_ops:
            if isinstance(op, ops.MeasuredOp):
                part = op(part, frame, self._effect_linear(frame, draw_scale))
            elif isinstance(op, ops.PlacedOp):
                to_part = np.array([[1.0, 0, margin - box[1].start], [0, 1.0, margin - box[0].start], [0, 0, 1.0]])
                part = op(part, frame, to_part @ np.asarray(screen, float)
                          @ lottie_px_blur.layer_affine(self.transforms, frame))
            else:
                part = op(part, frame)
        for op in self.style_ops:
            part = op(part, frame, draw_scale)
        o = float(np.clip(self.opacity.at(frame)[0] / 100.0, 0.0, 1.0))
        out = np.zeros_like(rgba)
        out[box] = part if o >= 1.0 else part * o
        return out

    def _effect_linear(self, frame: float, draw_scale: np.ndarray) -> np.ndarray:
        return np.asarray(draw_scale, float) @ lottie_px_blur.layer_linear(self.transforms, frame)


def _paint_box(rgba: np.ndarray, margin: int) -> Optional[tuple[slice, slice]]:
    rows = np.flatnonzero(rgba[..., 3].any(axis=1))
    if rows.size == 0:
        return None
    cols = np.flatnonzero(rgba[rows[0]:rows[-1] + 1, :, 3].any(axis=0))
    h, w = rgba.shape[:2]
    return (slice(max(0, rows[0] - margin), min(h, rows[-1] + 1 + margin)),
            slice(max(0, cols[0] - margin), min(w, cols[-1] + 1 + margin)))


def plan_passes(data: dict, top_level: bool = True) -> list:
    """Take what the player cannot draw off the top-level layers it can be finished on; the list of Finish (or
    Warp3D, or Nested for a precomposition drawn as a sub-animation), by the index stored under PASS_KEY on each
    layer (empty when the animation is drawn in one pass). `top_level`: `data` is the main composition, not a
    precomposition's sub-animation."""
    warps = lottie_3d.plan(data)
    warps.update(lottie_nest.plan(data, plan_passes, top_level))
    warps.update(lottie_images.plan(data))
    layers = data.get("layers") or []
    finishes: list = []
    lowest = None
    for pos in range(len(layers) - 1, -1, -1):          # bottom to top: blends above a finished layer follow it
        layer = layers[pos]
        if not isinstance(layer, dict) or layer.get("td") or layer.get("hd") is True:
            continue
        if pos in warps:
            layer[PASS_KEY] = len(finishes)
            finishes.append(warps[pos])
            lowest = pos if lowest is None else lowest
            continue
        needed = _finish_needed(layer) or (lowest is not None and _blended(layer))
        if not needed:
            continue
        finish = _finish_of(layer, _transforms(layers, layer))
        if finish is None:
            continue
        layer[PASS_KEY] = len(finishes)
        finishes.append(finish)
        lowest = pos if lowest is None else lowest
    return finishes


def _finish_needed(layer: dict) -> bool:
    return effect_left_out(layer) is not None or any(_taken(e) for e in _effects_on(layer)) \
        or (_blended(layer) and _player_blend_wrong(layer.get("bm")))


def _effects_on(layer: dict) -> list:
    return [e for e in layer.get("ef") or [] if isinstance(e, dict) and e.get("en", 1) != 0]


def _blended(layer: dict) -> bool:
    return isinstance(layer.get("bm"), int) and layer.get("bm") != 0


def _player_blend_wrong(mode: int) -> bool:
    return mode not in PLAYER_BLENDS_RIGHT


def _transforms(layers: list, layer: dict) -> list:
    """The `ks` of the layer and of each parent, where Skottie applies the layer's effects before its transform."""
    if not layer.get(lottie_px_blur.LAYER_UNITS_KEY):
        return []
    by_index = {l.get("ind"): l for l in layers if isinstance(l, dict) and "ind" in l}
    chain, seen, current = [], set(), layer
    while isinstance(current, dict) and id(current) not in seen:
        seen.add(id(current))
        ks = current.get("ks") or {}
        chain.append({**ks, lottie_px_blur.AUTO_ORIENT_KEY: True} if current.get("ao") == 1 else ks)
        current = by_index.get(current.get("parent")) if "parent" in current else None
    return chain


def _finish_of(layer: dict, transforms: list = ()) -> Optional[Finish]:
    """The layer's Finish, its taken effects removed and its blend and opacity reset; None (layer untouched, so
    refused where the player cannot draw it) where it cannot be finished so."""
    taken = []
    for e in _effects_on(layer):
        if not _taken(e):
            if taken:
                return None                 # a kept effect after a taken one: its input would be wrong
            continue
        try:
            op = ops.effect_op(e)
            if op is None:
                return None
            if isinstance(op, (ops.MeasuredOp, ops.PlacedOp)) and layer.get("tt"):
                raise ops.Unsupported("on a layer with a track matte (the matte would cut it before the effect)")
        except ops.Unsupported as why:
            e[UNSUPPORTED_KEY] = str(why)
            return None
        taken.append(e)
    styles = [s for s in layer.get("sy") or [] if isinstance(s, dict) and s.get("en", 1) != 0]
    for style in styles:
        try:
            ops.STYLES[style.get("ty")](style)
        except KeyError:
            return None
        except ops.Unsupported as why:
            style[UNSUPPORTED_KEY] = str(why)
            return None
    mode = layer.get("bm") if _blended(layer) else 0
    if (mode and mode not in ops.BLENDS) or (not taken and not styles and not mode):
        return None
    ks = layer.setdefault("ks", {})
    opacity = ks.get("o", {"a": 0, "k": 100})
    try:
        finish = Finish(taken, styles, opacity, mode, transforms)
    except ops.Unsupported as why:
        for e in taken:
            if isinstance(ops.effect_op(e), (ops.MeasuredOp, ops.PlacedOp)):
                e[UNSUPPORTED_KEY] = str(why)
        return None
    except ValueError:
        return None
    layer["ef"] = [e for e in layer.get("ef") or [] if not any(e is t for t in taken)]
    layer.pop("sy", None)
    ks["o"] = {"a": 0, "k": 100}
    layer["bm"] = 0
    return finish


def _taken(effect: dict) -> bool:
    """Effects finished here: those the player leaves out, and those it draws with another formula."""
    return effect_left_out({"ef": [effect]}) is not None or bool(effect.get(TRITONE_OVER_ALPHA)) \
        or effect.get("ty") in DRAWN_OTHERWISE or effect.get("mn") in DRAWN_OTHERWISE.values()


def pass_sources(data: dict, finishes: list) -> list[tuple[Optional[str], Optional[int]]]:
    """(JSON text, finish index or None) per pass, bottom to top; no text for a precomposition drawn as a
    sub-animation (its Nested finish has its player)."""
    layers = data.get("layers") or []
    groups: list[tuple[list, Optional[int]]] = []
    for pos in range(len(layers) - 1, -1, -1):
        layer = layers[pos]
        if not isinstance(layer, dict) or layer.get("td"):
            continue
        index = layer.get(PASS_KEY)
        if index is not None or not groups or groups[-1][1] is not None:
            groups.append(([], index))
        groups[-1][0].append(pos)
    sources = []
    for owned, index in groups:
        if index is not None and isinstance(finishes[index], (lottie_nest.Nested, lottie_images.ImagePass)):
            sources.append((None, index))           # drawn by its Nested finish's own player, or by Skia
            continue
        copy_ = dict(data)
        copy_["layers"] = [l if (pos in owned or not isinstance(l, dict) or l.get("td")) else _as_null(l)
                           for pos, l in enumerate(layers)]
        if len(owned) == 1 and isinstance(layers[owned[0]], dict) and layers[owned[0]].get(lottie_3d.WARP_KEY):
            lottie_3d.flat_pass(copy_, owned[0])
        sources.append((json.dumps(copy_, separators=(",", ":")), index))
    return sources


def _as_null(layer: dict) -> dict:
    null = {k: copy.deepcopy(layer[k]) for k in KEPT_ON_NULL if k in layer}
    null["ty"] = NULL_LAYER
    return null


class LayeredPlayer:
    """An animation drawn in passes and composited; the same interface as `LottiePlayer`."""

    def __init__(self, sources: list, finishes: list, ip: float, size: tuple[float, float]):
        self.size = size                    # the composition's w x h, to measure the drawing scale
        self.players = [LottiePlayer(text, ip) if text is not None else finishes[index].player
                        for text, index in sources]
        self.indices = [index for _, index in sources]
        self.finishes = finishes
        self.ip = ip

    @property
    def sources(self) -> list[bytes]:
        return [data for p in self.players if p is not None for data in p.sources]

    def check(self) -> Optional[str]:
        for p in self.players:
            problem = p.check() if p is not None else None
            if problem:
                return problem
        return None

    def frame(self, f: float, w: int, h: int) -> np.ndarray:
        acc = self.composite(f, w, h)
        acc *= 255.0
        np.rint(acc, out=acc)
        return np.clip(acc, 0, 255, out=acc).astype(np.uint8)

    def composite(self, f: float, w: int, h: int, place: Optional[np.ndarray] = None) -> np.ndarray:
        """Premultiplied RGBA float32 (h, w, 4) of frame f: the composition scaled to w x h, or, with `place`
        (a 3x3 affine from its units to pixels), drawn through it (a sub-animation placed in its parent)."""
        acc = np.zeros((h, w, 4), np.float32)
        empty = True                        # nothing drawn yet: the first picture is taken as it is
        screen = np.diag([w / self.size[0], h / self.size[1], 1.0]) if place is None else np.asarray(place, float)
        for player, index in zip(self.players, self.indices):
            finish = self.finishes[index] if index is not None else None
            if isinstance(finish, lottie_images.ImagePass) and finish.blend is None:
                finish.draw_over(acc, f, screen)        # drawn over in place: no picture of its own to composite
                empty = False
                continue
            if isinstance(finish, lottie_3d.Warp3D):
                px = finish.draw(player, f, w, h, place)
            elif isinstance(finish, (lottie_nest.Nested, lottie_images.ImagePass)):   # ImagePass: blended
                px = finish.draw(f, w, h, screen)
            else:
                m = finish.margin(f, screen) if finish is not None else 0
                if place is None:
                    px = player.frame(f, w, h, margin=m)
                else:
                    shifted = np.array([[1, 0, m], [0, 1, m], [0, 0, 1.0]]) @ screen
                    px = player.frame_placed(f, w + 2 * m, h + 2 * m, shifted)
                px = px.astype(np.float32)
                px *= 1.0 / 255.0
                if finish is not None:
                    px = finish.apply(px, f, screen, m)[m:m + h, m:m + w]
            blend = finish.blend if finish is not None else None
            if blend is not None:
                acc = np.ascontiguousarray(blend(acc, px), np.float32)
            elif empty:
                acc = np.array(px, np.float32, order="C")
            else:
                acc *= 1.0 - px[..., 3:4]
                acc += px
            empty = False
        return acc


def player_for(data: dict, finishes: list, ip: float):
    """One player for an animation drawn in one pass, a LayeredPlayer for one with finished layers (the players
    of its sub-animations built first, from `data` as it is now)."""
    if not finishes:
        return LottiePlayer(json.dumps(data, separators=(",", ":")), ip)
    for finish in finishes:
        if isinstance(finish, lottie_nest.Nested):
            finish.bind(data, player_for)
    return LayeredPlayer(pass_sources(data, finishes), finishes, ip, (float(data["w"]), float(data["h"])))
