"""Rewrites of a Lottie's JSON, at load, into the form the player draws as After Effects would.

Each rewrite keeps what the animation shows and only changes how it is said:
- whole numbers written as floats (`"ty": 4.0`) are written as integers, which the player reads without crashing
  (see `lottie_integral_numbers`);
- a Bodymovin 3.x or early 4.x file is put in the form of later exports, as lottie-web upgrades it (0-255
  colours, closed flags, text documents; see `lottie_old_versions`);
- layers whose effects Skottie applies before their transform (precompositions, solids, images) are marked first,
  as later rewrites change their type (see `lottie_px_blur.mark_layer_units`), and each Bulge gets the size of the
  layer's picture, which it repeats (see `lottie_px_bulge.mark_tiles`);
- colours of Bodymovin 4.0-era files, stored as 0-255 rather than 0-1, are scaled to 0-1 (the player would wrap
  them around: 255 read as 255.0 of 1.0);
- a solid with a Gradient Ramp effect becomes a shape layer: its rectangle filled with the ramp's gradient (see
  `lottie_gradient_ramp`);
- a radial gradient's end point is put level with its centre at the same distance, so the player's radius is the
  true distance Skottie draws (see `lottie_radial_gradients`);
- an enabled Fill effect ("ADBE Fill", `ef` type 21) on a layer is applied to the layer's own paint: every fill,
  stroke, gradient, solid and text colour of the layer (and of its precomposition) becomes the effect's colour
  (the player ignores the effect and draws the original colours);
- a fill or stroke colour with a fourth component below 1 (written by exporters other than Bodymovin) has it
  folded into the paint's opacity: Skia's Skottie and lottie-android draw that component as alpha, the player
  ignores it and would draw the paint opaque (lottie-android's MattWithParentAlpha.json; an animated one becomes
  an animated opacity: see `lottie_colour_alpha`);
- a solid layer whose colour is no hex colour (`"sc": ""`) is hidden, as Skottie and rlottie leave it out (the
  player would fill it black); a short `#rgb` is written out as `#rrggbb`;
- a solid layer with masks or an opacity other than a constant 100 % becomes the shape layer it stands for (one
  filled rectangle, `sw` x `sh` from the layer's origin): the player applies a solid's opacity twice (50 % drawn
  as 25 %; rlottie's like.json, lottie-android's SolidLayerTransform.json);
- expressions are dropped, the keyframes drawn (see `lottie_expressions`);
- effects that draw nothing (a Drop Shadow at opacity 0, a Gaussian Blur of 0) are dropped (see
  `lottie_noop_effects`);
- layer styles no player draws (Stroke, Bevel and Emboss, Satin, Gradient Overlay) are dropped (see
  `lottie_unplayed_styles`);
- keyframe easing handles written as null are removed, read as linear (see `lottie_null_easing`);
- an anchor, position or scale written with fewer than two numbers becomes its default, as Skottie draws it (see
  `lottie_short_vectors`);
- a 2D layer's or shape group's rotation written as Z rotation (`rz`) becomes the plain rotation the player
  reads (see `lottie_z_rotation`);
- a shape layer of the main composition whose top-level groups carry blend modes becomes one layer per group,
  each blended by its group's mode, under a null that keeps the layer's place as a parent (see
  `lottie_shape_blends`);
- a layer played backwards (negative time stretch) has its in and out points put in order (see
  `lottie_time_reverse`);
- a visible layer that is also another layer's track matte gets a hidden copy as the matte (see `lottie_mattes`);
- a repeater's fractional copy count is rounded as Skottie does (see `lottie_repeaters`), and the
  repeater is written out as groups, one per copy (see `lottie_repeater_copies`);
- a polystar's fractional point count is rounded as Skottie does (see `lottie_polystars`);
- a static polystar under Trim Paths becomes the path Skottie builds of it (see `lottie_trimmed_stars`);
- dashed strokes on static ellipses become fills of the outlines Skia strokes their dashes into (see
  `lottie_dashed_ellipses`);
- a matte layer with a track matte of its own is precomposed with that matte (see `lottie_matte_chains`);
- a shape or text layer with a Drop Shadow or Gaussian Blur is precomposed, so the effect is measured in composition pixels (see
  `lottie_effect_space`);
- a precomposition layer with a Drop Shadow or Gaussian Blur is wrapped in one with room for the effect past its
  clip, and the animation is drawn with a margin as wide as such effects reach (see `lottie_effect_room`);
- shapes under a Round Corners modifier become the paths Skottie rounds them into (see `lottie_round_corners`);
- shapes under a Pucker & Bloat modifier become the paths Skottie bloats them into (see `lottie_pucker_bloat`);
- a Trim Paths that keeps its whole path, whatever its offset, is left out, as Skottie draws it (see
  `lottie_full_trims`);
- a Trim Paths trimming several shapes Individually becomes one trim per shape (see `lottie_trim_individually`);
- strokes in a skewed group become filled outlines, so the skew shears them (see `lottie_skewed_strokes`);
- axis-aligned rectangles are put in a form the player antialiases (see `lottie_rects`);
- shapes with fractional stroke widths are drawn in finer units, so the player's rounding of the width is
  invisible at any scale (see `lottie_stroke_widths`);
- affine colour effects (Invert, legacy Brightness & Contrast, Levels with gamma 1, Tritone …) are applied to
  the paints under the layer (see `lottie_colour_effects`); a Tritone left to the player over partly transparent
  content is marked for refusal (see `lottie_tritone`);
- masks are put in an order and form whose result the player computes correctly (see `lottie_masks`);
- a value moving along a curved motion path is written out as straight keyframes that follow the curve at the
  speed the path's true length gives (see `lottie_spatial_paths`);
- every keyframe's easing is named by its exact handles, so the player never shares one curve between keyframes
  whose Bodymovin names agree only in their first 20 characters (see `lottie_easing_names`).
"""
from __future__ import annotations

import copy
import re
from typing import Iterator

from .lottie_colour_alpha import colour_alpha_as_opacity
from .lottie_colour_effects import bake_colour_effects, mark_tritones_over_alpha
from .lottie_effect_room import make_room_for_effects
from .lottie_easing_names import name_easings_exactly
from .lottie_effect_space import shadows_in_comp_space
from .lottie_expressions import drop_expressions
from .lottie_file import animated_values
from .lottie_full_trims import drop_full_trims
from .lottie_gradient_ramp import gradient_ramp_solids
from .lottie_noop_effects import drop_noop_effects
from .lottie_null_easing import drop_null_easing
from .lottie_matte_chains import precompose_matte_chains
from .lottie_polystars import round_star_points
from .lottie_pucker_bloat import pucker_bloat
from .lottie_px_blur import mark_layer_units
from .lottie_px_bulge import mark_tiles
from .lottie_radial_gradients import level_radial_ends
from .lottie_mattes import split_visible_mattes
from .lottie_old_versions import upgrade_old_versions
from .lottie_rects import antialias_rects
from .lottie_shape_blends import split_blended_groups
from .lottie_short_vectors import default_short_vectors
from .lottie_round_corners import round_corners
from .lottie_skewed_strokes import shear_skewed_strokes
from .lottie_spatial_paths import straighten_spatial_paths
from .lottie_stroke_widths import exact_stroke_widths
from .lottie_time_reverse import order_reversed_spans
from .lottie_trim_individually import trim_individually
from .lottie_unplayed_styles import drop_unplayed_styles
from .lottie_repeaters import round_repeater_copies
from .lottie_repeater_copies import expand_repeaters, isolate_faded_copies
from .lottie_trimmed_stars import trimmed_stars_as_paths
from .lottie_dashed_ellipses import outline_dashed_ellipses
from .lottie_z_rotation import rename_z_rotation
from .lottie_integral_numbers import integral_numbers

FILL_EFFECT = 21
HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def normalise(data: dict) -> None:
    """Rewrite `data` in place (see the module docstring)."""
    integral_numbers(data)
    upgrade_old_versions(data)
    mark_layer_units(data)
    mark_tiles(data)
    drop_expressions(data)
    drop_unplayed_styles(_layers(data))
    drop_noop_effects(_layers(data))
    drop_null_easing(data)
    default_short_vectors(_layers(data))
    rename_z_rotation(_layers(data))
    split_blended_groups(data)
    order_reversed_spans(data)
    _colours_0_255(data)
    colour_alpha_as_opacity(_layers(data))
    gradient_ramp_solids(data)
    level_radial_ends(data)
    _fill_effects(data)
    _unreadable_solid_colours(data)
    _masked_solids(data)
    round_corners(_layers(data))
    pucker_bloat(_layers(data))
    drop_full_trims(_layers(data))
    trim_individually(_layers(data))
    shear_skewed_strokes(_layers(data))
    antialias_rects(_layers(data))
    round_repeater_copies(_layers(data))
    expand_repeaters(_layers(data))
    isolate_faded_copies([data.get("layers") or []] + [a["layers"] for a in data.get("assets") or []
                                                         if isinstance(a.get("layers"), list)])
    round_star_points(_layers(data))
    trimmed_stars_as_paths(_layers(data))
    outline_dashed_ellipses(_layers(data))
    exact_stroke_widths(_layers(data))
    precompose_matte_chains(data)
    shadows_in_comp_space(data)
    make_room_for_effects(data)
    split_visible_mattes([data.get("layers") or []] + [a["layers"] for a in data.get("assets") or []
                                                       if isinstance(a.get("layers"), list)])
    bake_colour_effects(data)
    mark_tritones_over_alpha(data)
    straighten_spatial_paths(data)
    name_easings_exactly(data)


def _colour_props(shapes: list) -> Iterator[dict]:
    for s in shapes or []:
        if not isinstance(s, dict):
            continue
        if s.get("ty") in ("fl", "st") and isinstance(s.get("c"), dict):
            yield s["c"]
        if s.get("ty") == "gr":
            yield from _colour_props(s.get("it"))


def _layers(data: dict) -> Iterator[dict]:
    yield from data.get("layers") or []
    for asset in data.get("assets") or []:
        yield from asset.get("layers") or []


def _colours_0_255(data: dict) -> None:
    """A colour property with any channel above 1 is in 0-255 (Bodymovin 4.0): scale it to 0-1."""
    for layer in _layers(data):
        for prop in _colour_props(layer.get("shapes")):
            values = list(animated_values(prop))
            if any(isinstance(v, (int, float)) and v > 1 for vs in values for v in vs[:3]):
                for vs in values:
                    vs[:] = [v / 255 if isinstance(v, (int, float)) else v for v in vs]


def _unreadable_solid_colours(data: dict) -> None:
    """A solid whose colour is no hex colour (`"sc": ""`) is not drawn, as Skottie and rlottie leave it out (the
    player would fill it black: rlottie's starts_transparent); a short `#rgb` is written out as `#rrggbb`, which
    Skottie reads and the player would draw black."""
    for layer in _layers(data):
        if layer.get("ty") != 1:
            continue
        sc = layer.get("sc")
        if isinstance(sc, str) and HEX_COLOUR.fullmatch(sc):
            layer["sc"] = "#" + "".join(c * 2 for c in sc[1:]) if len(sc) == 4 else sc
        else:
            layer["hd"] = True


def _masked_solids(data: dict) -> None:
    for layer in _layers(data):
        if layer.get("ty") != 1 or not (layer.get("masksProperties") or _translucent(layer)) \
                or not isinstance(layer.get("sc"), str):
            continue
        w, h = float(layer.get("sw", 0)), float(layer.get("sh", 0))
        colour = layer.pop("sc").lstrip("#")[:6].ljust(6, "0")
        rgb = [int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        layer.pop("sw", None), layer.pop("sh", None)
        static = lambda v: {"a": 0, "k": v}                     # noqa: E731 - a tiny local constructor
        layer["ty"] = 4
        layer["shapes"] = [{"ty": "gr", "nm": "solid", "it": [
            {"ty": "rc", "d": 1, "s": static([w, h]), "p": static([w / 2, h / 2]), "r": static(0)},
            {"ty": "fl", "c": static(rgb + [1]), "o": static(100), "r": 1},
            {"ty": "tr", "p": static([0, 0]), "a": static([0, 0]), "s": static([100, 100]), "r": static(0),
             "o": static(100)}]}]


def _translucent(layer: dict) -> bool:
    o = (layer.get("ks") or {}).get("o")
    return isinstance(o, dict) and (o.get("a") == 1 or isinstance(o.get("k"), list) or o.get("k", 100) != 100)


def _effect_param(effect: dict, index: int) -> dict | None:
    params = effect.get("ef") or []
    for p in params:
        if isinstance(p, dict) and p.get("mn", "").endswith(f"-{index:04d}"):
            return p.get("v")
    return None


def _fill_effects(data: dict) -> None:
    assets = {a.get("id"): a for a in data.get("assets") or [] if "layers" in a}
    for layer in list(_layers(data)):
        fills = [e for e in layer.get("ef") or [] if isinstance(e, dict) and e.get("ty") == FILL_EFFECT
                 and e.get("en", 1) != 0]
        if not fills:
            continue
        colour = _effect_param(fills[-1], 2)           # ADBE Fill-0002: Color
        if not isinstance(colour, dict):
            continue
        layer["ef"] = [e for e in layer["ef"] if e not in fills]
        _fill_opacity(layer, _effect_param(fills[-1], 5))          # ADBE Fill-0005: Opacity, 0-1
        if not _recolour_precomp(layer, colour, assets, data):
            _recolour(layer, colour, assets, data)


def _fill_opacity(layer: dict, opacity: dict | None) -> None:
    """The Fill effect's Opacity scales the layer's alpha (Skottie: the colour's alpha in a SrcIn blend), which
    is the layer's opacity times it; when both are animated the product has no keyframed form and is left out."""
    if not isinstance(opacity, dict) or (opacity.get("a") != 1 and opacity.get("k") in (1, [1], 1.0)):
        return
    ks = layer.setdefault("ks", {})
    o = ks.get("o") if isinstance(ks.get("o"), dict) else {"a": 0, "k": 100}
    if _animated(o) and _animated(opacity):
        return
    if _animated(o):
        ks["o"] = _scaled(o, _static_value(opacity))
    else:
        ks["o"] = _scaled(opacity, _static_value(o))


def _animated(prop: dict) -> bool:
    k = prop.get("k")
    return prop.get("a") == 1 or (isinstance(k, list) and bool(k) and isinstance(k[0], dict))


def _static_value(prop: dict) -> float:
    k = prop.get("k")
    return float(k[0] if isinstance(k, list) else k)


def _scaled(prop: dict, factor: float) -> dict:
    out = copy.deepcopy(prop)
    if _animated(out):
        for kf in out["k"]:
            for key in ("s", "e"):
                if isinstance(kf.get(key), list):
                    kf[key] = [float(v) * factor for v in kf[key]]
    else:
        out["k"] = _static_value(out) * factor
    return out


def _recolour(layer: dict, colour: dict, assets: dict, data: dict) -> None:
    layer.pop("ef", None)
    if layer.get("ty") == 1:
        layer["sc"] = _hex(colour)
    _recolour_shapes(layer.get("shapes"), colour)
    _recolour_precomp(layer, colour, assets, data)


def _recolour_precomp(layer: dict, colour: dict, assets: dict, data: dict) -> bool:
    """A precomposition layer points at a recoloured copy of its asset (others may use the original); False when
    the layer is no precomposition."""
    if layer.get("ty") != 0 or layer.get("refId") not in assets:
        return False
    asset = copy.deepcopy(assets[layer["refId"]])
    asset["id"] = f"{asset['id']}__fill{len(data['assets'])}"
    data["assets"].append(asset)
    layer["refId"] = asset["id"]
    for inner in asset["layers"]:
        _recolour(inner, colour, assets, data)
    return True


def _recolour_shapes(shapes: list, colour: dict) -> None:
    for i, s in enumerate(shapes or []):
        if not isinstance(s, dict):
            continue
        if s.get("ty") in ("fl", "st"):
            s["c"] = copy.deepcopy(colour)
        elif s.get("ty") in ("gf", "gs"):              # a gradient paints one colour under a Fill effect
            s["ty"] = "fl" if s["ty"] == "gf" else "st"
            s["c"] = copy.deepcopy(colour)
        elif s.get("ty") == "gr":
            _recolour_shapes(s.get("it"), colour)


def _hex(colour: dict) -> str:
    k = colour.get("k")
    if not (isinstance(k, list) and k and isinstance(k[0], (int, float))):
        k = (k[0].get("s") if isinstance(k, list) and k and isinstance(k[0], dict) else None) or [0, 0, 0]
    return "#" + "".join(f"{round(max(0.0, min(1.0, float(c))) * 255):02x}" for c in k[:3])
