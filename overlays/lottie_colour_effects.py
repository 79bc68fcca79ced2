"""After Effects colour effects that are per-pixel affine maps of unpremultiplied colour, drawn by rewriting the
paints under the layer instead of being refused.

Inside a layer, normal compositing and antialiasing only ever mix paint colours in convex combinations (weights
that do not depend on colour), and an affine map commutes with convex combinations: applying it to the
layer's finished picture, as After Effects and Skottie do, equals applying it to every paint before drawing. So
an Invert of the RGB channels becomes every fill, stroke, gradient stop (keyframes too), solid colour, text
colour and image pixel of the layer, and of the precomposition it sits on, inverted. Clamping to 0..1 is the
one kink: a gradient whose stops would leave the range gets stops where a channel crosses 0 or 1, so it stays
exact; solid paints are clamped, so only pixels where two such paints meet can differ.

Baked here, with the parameters and formulas of Skottie (modules/skottie/src/effects):
- Invert (`ADBE Invert`) of RGB, red, green or blue, with Blend With Original as After Effects mixes it;
- Brightness & Contrast (`ADBE Brightness & Contrast 2`) with Use Legacy on (a scale and offset per channel),
  or with both values 0;
- Levels (`ADBE Easy Levels2`) of RGB, red, green or blue with gamma 1 (a clamped linear map);
- Shift Channels (`ADBE Shift Channels`) taking each colour from red, green, blue, luminance, full on or off,
  and alpha from alpha;
- Hue/Saturation (`ADBE HUE SATURATION`) on the master channel with hue and saturation 0 (lightness is a blend
  towards black or white);
- Tritone (`ADBE Tritone`), a ramp of luminance bent at two luminances (see `lottie_tritone`).
A layer keeps the effect (and `lottie_effects` refuses it) where the map is not affine (HLS or alpha inversion,
gamma other than 1, saturation, Black & White, Threshold …), a parameter is animated, or something under the
layer would not be mixed convexly: a blend mode, an effect or layer style of its own, an animated gradient that
would need stops added.
"""
from __future__ import annotations

import base64
import copy
import io
from typing import Callable, Iterator, Optional

import numpy as np

from .lottie_tritone import OVER_ALPHA, is_tritone, tritone_map

ColourMap = Callable[[np.ndarray], np.ndarray]          # (..., 3) unpremultiplied RGB in 0..1 -> same shape
LUMA = np.array([0.2126, 0.7152, 0.0722])               # SK_LUM_COEFF_R/G/B, Skottie's luminance
CHANNEL_MASKS = {1: (1, 1, 1), 2: (1, 0, 0), 3: (0, 1, 0), 4: (0, 0, 1)}


class CannotBake(Exception):
    """The layer's content cannot be rewritten so that it draws as the effect would."""


def bake_colour_effects(data: dict) -> None:
    """Rewrite, in place, the paints under each layer whose leading effects are affine colour maps."""
    assets = {a.get("id"): a for a in data.get("assets") or [] if isinstance(a.get("layers"), list)}
    for layers in [data.get("layers") or []] + [a["layers"] for a in assets.values()]:
        for layer in layers:
            if isinstance(layer, dict) and layer.get("ef"):
                _bake_layer(layer, assets, data)


def _bake_layer(layer: dict, assets: dict, data: dict) -> None:
    effects = [e for e in layer["ef"] if isinstance(e, dict) and e.get("en", 1) != 0]
    maps, baked = [], []
    for effect in effects:
        colour_map = effect_map(effect)
        if colour_map is None:
            break
        maps.append(colour_map)
        baked.append(effect)
    if not maps:
        return
    combined = _Recorder(_compose(maps))
    trial = copy.deepcopy(layer)
    added: list = []
    try:
        _rewrite_layer(trial, combined, assets, data, added)
    except CannotBake:
        return
    if not combined.one_piece() and _translucent_inside(layer, assets):
        return                                         # clamped colours that mix: not exact, keep the refusal
    data.setdefault("assets", []).extend(added)
    trial["ef"] = [e for e in layer["ef"] if not any(e is b for b in baked)]
    layer.clear()
    layer.update(trial)


class _Recorder:
    """The map, noting every colour it is asked for, so one can tell whether they share one affine piece."""

    def __init__(self, f: ColourMap):
        self.f, self.seen = f, []

    def __call__(self, rgb: np.ndarray) -> np.ndarray:
        self.seen.append(np.asarray(rgb, float).reshape(-1, 3))
        return self.f(rgb)

    def one_piece(self) -> bool:
        """True when the map is affine over the hull of every colour seen: each segment from the colours'
        centroid to a colour is straight (the pieces of a clamped affine map are convex)."""
        if not self.seen:
            return True
        colours = np.unique(np.round(np.concatenate(self.seen), 4), axis=0)
        centre = colours.mean(axis=0)
        ts = np.linspace(0, 1, 9)[:, None, None]
        points = centre + ts * (colours - centre)[None]                 # (9, n, 3)
        mapped = self.f(points.reshape(-1, 3)).reshape(points.shape)
        chord = mapped[0] + ts * (mapped[-1] - mapped[0])
        return bool(np.abs(mapped - chord).max() < 1e-6)


def _translucent_inside(layer: dict, assets: dict) -> bool:
    """Whether anything under the layer is drawn with partial alpha over something else, so that colours mix
    over areas, not only along the antialiased edges where opaque shapes meet."""
    if layer.get("ty") == 0 and layer.get("refId") in assets:
        for inner in assets[layer["refId"]]["layers"]:
            if not isinstance(inner, dict) or inner.get("td"):
                continue
            if not _static_full((inner.get("ks") or {}).get("o")) or inner.get("tt") or \
                    any(not _static_full(m.get("o")) or m.get("mode") == "n"
                        for m in inner.get("masksProperties") or [] if isinstance(m, dict)) or \
                    _translucent_inside(inner, assets):
                return True
        return False
    if layer.get("ty") == 2:
        return True                                    # an image's own pixels may be partly transparent
    return _translucent_shapes(layer.get("shapes"))


def _translucent_shapes(shapes: list) -> bool:
    for s in shapes or []:
        if not isinstance(s, dict):
            continue
        kind = s.get("ty")
        if kind in ("fl", "st", "gf", "gs", "tr") and not _static_full(s.get("o")):
            return True
        if kind in ("fl", "st") and any(len(v) > 3 and v[3] < 1 for v in _values(s.get("c") or {})):
            return True
        if kind in ("gf", "gs"):
            count = int((s.get("g") or {}).get("p", 0))
            if any(any(a < 1 for a in v[4 * count + 1::2]) for v in _values((s.get("g") or {}).get("k") or {})):
                return True
        if kind == "gr" and _translucent_shapes(s.get("it")):
            return True
    return False


def _static_full(prop) -> bool:
    if prop is None:
        return True
    k = prop.get("k") if isinstance(prop, dict) else prop
    k = k[0] if isinstance(k, list) and len(k) == 1 else k
    return isinstance(k, (int, float)) and k >= 100


def _compose(maps: list) -> ColourMap:
    def apply(rgb: np.ndarray) -> np.ndarray:
        for m in maps:
            rgb = m(rgb)
        return rgb
    return apply


# ---- the effects ------------------------------------------------------------------------------------------------

def effect_map(effect: dict) -> Optional[ColourMap]:
    """The effect as an affine (clamped) map of unpremultiplied RGB, or None when it is not one or is animated."""
    if is_tritone(effect):
        return tritone_map(effect)                     # piecewise affine: bent at two luminances
    builder = {"ADBE Invert": _invert, "ADBE Brightness & Contrast 2": _brightness_contrast,
               "ADBE Easy Levels2": _levels, "ADBE Shift Channels": _shift_channels,
               "ADBE HUE SATURATION": _hue_saturation}.get(str(effect.get("mn", "")))
    if builder is None:
        return None
    try:
        return builder(lambda i, default=0.0: _param(effect, i, default))
    except CannotBake:
        return None


def _param(effect: dict, index: int, default: float) -> float:
    """The static value of the effect's parameter at `index` (Skottie reads them by position)."""
    params = effect.get("ef") or []
    if index >= len(params) or not isinstance(params[index], dict) or "v" not in params[index]:
        return default
    v = params[index]["v"]
    if isinstance(v, dict):
        if v.get("a") == 1 or not isinstance(v.get("k"), (int, float)):
            raise CannotBake                           # an animated parameter: one map does not hold for all time
        return float(v["k"])
    if isinstance(v, (int, float)):
        return float(v)
    raise CannotBake


def _matrix_map(scale: np.ndarray, offset: np.ndarray) -> ColourMap:
    """c' = clamp(scale @ c + offset), scale 3x3."""
    return lambda rgb: np.clip(rgb @ scale.T + offset, 0.0, 1.0)


def _invert(p) -> ColourMap:
    channel, blend = int(p(0, 1)), min(max(p(1) / 100, 0.0), 1.0)
    if channel not in CHANNEL_MASKS:
        raise CannotBake                               # HLS, alpha, YIQ …: not affine on RGB
    mask = np.array(CHANNEL_MASKS[channel], float)
    scale = np.diag(1 - 2 * mask * (1 - blend))        # After Effects mixes the inverted picture with the original
    return _matrix_map(scale, mask * (1 - blend))


def _brightness_contrast(p) -> ColourMap:
    brightness, contrast, legacy = p(0), p(1), round(p(2))
    if not legacy:
        if abs(brightness) < 1e-6 and abs(contrast) < 1e-6:
            return lambda rgb: rgb
        raise CannotBake                               # curves (a power and a cubic), not affine
    b = min(max(brightness, -100.0), 100.0) / 255
    c = min(max(contrast, -100.0), 100.0) / 100
    s = 1 / max(1 - c, 1e-6) if c > 0 else 1 + c
    offset = 0.5 * (1 - s) + b * max(s, 1.0)
    return _matrix_map(np.eye(3) * s, np.full(3, offset))


def _levels(p) -> ColourMap:
    channel = int(p(0, 1))
    if channel not in CHANNEL_MASKS or abs(p(4, 1) - 1) > 1e-6:
        raise CannotBake                               # alpha, or a gamma curve
    pin = lambda v: min(max(v, 0.0), 1.0)              # noqa: E731 - Skottie pins every level to 0..1
    in0, in1, out0, out1 = pin(p(2, 0)), pin(p(3, 1)), pin(p(5, 0)), pin(p(6, 1))
    clip = [0.0, 1.0]
    if int(p(7, 1)) == 1:
        clip[0 if p(5, 0) <= p(6, 1) else 1] = out0
    if int(p(8, 1)) == 1:
        clip[1 if p(5, 0) <= p(6, 1) else 0] = out1
    d_in, d_out = in1 - in0, out1 - out0
    if abs(d_in) < 1e-6:
        eps = 2 / (1 << 12)
        d_in += eps if d_in >= 0 else -eps
        in0 += eps if in0 <= 0.5 else -eps
    mask = np.array(CHANNEL_MASKS[channel], bool)

    def apply(rgb: np.ndarray) -> np.ndarray:
        t = np.maximum((rgb - in0) / d_in, 0.0)
        out = np.clip(out0 + d_out * t, clip[0], clip[1])
        return np.where(mask, out, rgb)
    return apply


def _shift_channels(p) -> ColourMap:
    sources = {2: np.array([1, 0, 0, 0.0]), 3: np.array([0, 1, 0, 0.0]), 4: np.array([0, 0, 1, 0.0]),
               5: np.append(LUMA, 0.0), 9: np.array([0, 0, 0, 1.0]), 10: np.zeros(4)}
    if int(min(max(p(0, 1), 1), 10)) != 1:
        raise CannotBake                               # alpha taken from a colour: not a map of colour alone
    rows = []
    for index, default in ((1, 2), (2, 3), (3, 4)):
        src = int(min(max(p(index, default), 1), 10))
        if src not in sources:
            raise CannotBake                           # alpha, hue, lightness or saturation as a colour
        rows.append(sources[src])
    m = np.array(rows)
    return _matrix_map(m[:, :3], m[:, 3])


def _hue_saturation(p) -> ColourMap:
    if int(p(0, 1)) != 1 or abs(p(2)) > 1e-6 or abs(p(3)) > 1e-6 or round(p(5)) not in (0,):
        raise CannotBake                               # other channels, hue, saturation, colorize: not affine
    light = min(max(p(4) / 100, -1.0), 1.0)
    scale = 1 - abs(light)
    return _matrix_map(np.eye(3) * scale, np.full(3, 0.0 if light < 0 else 1 - scale))


# ---- rewriting what the layer draws -----------------------------------------------------------------------------

BLEND_NORMAL = 0


def _rewrite_layer(layer: dict, f: ColourMap, assets: dict, data: dict, added: list) -> None:
    kind = layer.get("ty")
    if kind == 1 and isinstance(layer.get("sc"), str):
        layer["sc"] = _hex(f(np.array(_rgb_of_hex(layer["sc"]))))
    elif kind == 4:
        _rewrite_shapes(layer.get("shapes"), f)
    elif kind == 5:
        _rewrite_text(layer, f)
    elif kind == 2:
        _rewrite_image(layer, f, assets, data, added)
    elif kind == 0:
        _rewrite_precomp(layer, f, assets, data, added)


def _rewrite_precomp(layer: dict, f: ColourMap, assets: dict, data: dict, added: list) -> None:
    if layer.get("refId") not in assets:
        return
    asset = copy.deepcopy(assets[layer["refId"]])
    asset["id"] = f"{asset['id']}__colour{len(data.get('assets') or []) + len(added)}"
    added.append(asset)
    layer["refId"] = asset["id"]
    for inner in asset["layers"]:
        if not isinstance(inner, dict) or inner.get("td"):
            continue                                   # a matte layer shapes alpha; its colour must stay (luma)
        if inner.get("bm", BLEND_NORMAL) != BLEND_NORMAL or _has_effects(inner):
            raise CannotBake
        _rewrite_layer(inner, f, assets, data, added)


def _has_effects(layer: dict) -> bool:
    from .lottie_effects import BY_MATCH_NAME, DRAWN, TYPED
    if any(isinstance(s, dict) and s.get("en", 1) != 0 for s in layer.get("sy") or []):
        return True
    return any(isinstance(e, dict) and e.get("en", 1) != 0 and
               (e.get("ty") in DRAWN or e.get("ty") in TYPED or str(e.get("mn", "")) in BY_MATCH_NAME)
               for e in layer.get("ef") or [])


def _rewrite_shapes(shapes: list, f: ColourMap) -> None:
    for s in shapes or []:
        if not isinstance(s, dict):
            continue
        if s.get("bm", BLEND_NORMAL) not in (BLEND_NORMAL, None):
            raise CannotBake
        if s.get("ty") in ("fl", "st") and isinstance(s.get("c"), dict):
            keys = [np.array(v[:3], float) for v in _values(s["c"])]
            if any(_bends(a, b, f) for a, b in zip(keys, keys[1:])):
                s["c"] = _sampled_colour(s["c"], f)    # an animated colour crossing a bend: mapped at every frame
                continue
            for values in _values(s["c"]):
                values[:3] = [float(v) for v in f(np.array(values[:3], float))]
        elif s.get("ty") in ("gf", "gs") and isinstance(s.get("g"), dict):
            _rewrite_gradient(s["g"], f)
        elif s.get("ty") == "gr":
            _rewrite_shapes(s.get("it"), f)


def _sampled_colour(prop: dict, f: ColourMap) -> dict:
    """An animated colour whose keyframes straddle a bend of the map, mapped at every frame (mapping only the
    keyframes would interpolate across the bend in a straight line)."""
    from .lottie_keyframes import Prop, as_property
    try:
        colour = Prop(prop, [0, 0, 0, 1])
    except ValueError:
        raise CannotBake
    if len(colour.at(0.0)) < 3:
        raise CannotBake

    def mapped(t: float) -> np.ndarray:
        v = np.array(colour.at(t), float)
        v[:3] = f(v[:3])
        return v
    return as_property(mapped, [colour])


def _values(prop: dict) -> Iterator[list]:
    from .lottie_file import animated_values
    for values in animated_values(prop):
        if len(values) >= 3 and all(isinstance(v, (int, float)) for v in values[:3]):
            yield values


def _rewrite_gradient(g: dict, f: ColourMap) -> None:
    count = int(g.get("p", 0))
    prop = g.get("k")
    lists = list(_values(prop)) if isinstance(prop, dict) else []
    animated = isinstance(prop, dict) and not (isinstance(prop.get("k"), list) and prop["k"]
                                               and isinstance(prop["k"][0], (int, float)))
    for values in lists:
        stops = [values[4 * i:4 * i + 4] for i in range(count)]
        new_stops = _mapped_stops(stops, f)
        if len(new_stops) != count:
            if animated:
                raise CannotBake                       # keyframes must keep one stop count
            alphas = values[4 * count:]
            values[:] = [v for stop in new_stops for v in stop] + alphas
            g["p"] = len(new_stops)
        else:
            values[:4 * count] = [v for stop in new_stops for v in stop]


def _mapped_stops(stops: list, f: ColourMap) -> list:
    """Each stop mapped, with stops added where the clamped map bends between two (so the ramp stays exact)."""
    out = []
    for i, stop in enumerate(stops):
        pos, rgb = float(stop[0]), np.array(stop[1:4], float)
        if i > 0:
            prev_pos, prev_rgb = float(stops[i - 1][0]), np.array(stops[i - 1][1:4], float)
            for t in _bends(prev_rgb, rgb, f):
                mid = prev_rgb + (rgb - prev_rgb) * t
                out.append([prev_pos + (pos - prev_pos) * t] + [float(v) for v in f(mid)])
        out.append([pos] + [float(v) for v in f(rgb)])
    return out


def _bends(a: np.ndarray, b: np.ndarray, f: ColourMap, lo: float = 0.0, hi: float = 1.0) -> list:
    """Where between colours a and b (0..1) the piecewise-linear map f bends, found by bisection."""
    ts = np.linspace(lo, hi, 9)
    samples = f(a + np.outer(ts, b - a))
    chord = samples[0] + np.outer((ts - lo) / (hi - lo), samples[-1] - samples[0])
    if np.abs(samples - chord).max() < 1e-6:
        return []
    mid = lo + (hi - lo) * 0.41421356              # an uneven split: a bend rarely falls exactly on it
    if hi - lo < 1e-5:
        return [(lo + hi) / 2]
    inner = _bends(a, b, f, lo, mid) + _bends(a, b, f, mid, hi)
    return inner or [mid]                              # both halves straight: the bend is at the midpoint


def _rewrite_text(layer: dict, f: ColourMap) -> None:
    text = layer.get("t") or {}
    for animator in text.get("a") or []:
        if any(key in (animator.get("a") or {}) for key in ("fc", "sc", "fh", "fs", "fb")):
            raise CannotBake                           # colour animators: left for the player
    for key in ((text.get("d") or {}).get("k") or []):
        doc = key.get("s") if isinstance(key, dict) else None
        for name in ("fc", "sc"):
            if isinstance(doc, dict) and isinstance(doc.get(name), list) and len(doc[name]) >= 3:
                doc[name][:3] = [float(v) for v in f(np.array(doc[name][:3], float))]


def _rewrite_image(layer: dict, f: ColourMap, assets_by_id: dict, data: dict, added: list) -> None:
    from PIL import Image
    asset = next((a for a in data.get("assets") or [] if a.get("id") == layer.get("refId")), None)
    uri = (asset or {}).get("p", "")
    if not isinstance(uri, str) or not uri.startswith("data:") or ";base64," not in uri:
        raise CannotBake
    image = Image.open(io.BytesIO(base64.b64decode(uri.split(";base64,", 1)[1]))).convert("RGBA")
    px = np.asarray(image).astype(np.float64) / 255
    px[..., :3] = f(px[..., :3])
    buf = io.BytesIO()
    Image.fromarray(np.round(px * 255).astype(np.uint8)).save(buf, "PNG")
    copy_ = dict(asset, id=f"{asset['id']}__colour{len(data.get('assets') or []) + len(added)}",
                 p="data:image/png;base64," + base64.b64encode(buf.getvalue()).decode())
    added.append(copy_)
    layer["refId"] = copy_["id"]


def _rgb_of_hex(colour: str) -> list:
    h = colour.lstrip("#")[:6].ljust(6, "0")
    return [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]


def _hex(rgb: np.ndarray) -> str:
    return "#" + "".join(f"{round(float(min(max(c, 0.0), 1.0)) * 255):02x}" for c in rgb)


def mark_tritones_over_alpha(data: dict) -> None:
    """Mark each Tritone still on a layer (not drawn by rewriting the paints) whose content is partly transparent,
    or follows another effect, where the player's premultiplied luminance differs from Skottie's."""
    assets = {a.get("id"): a for a in data.get("assets") or [] if isinstance(a.get("layers"), list)}
    for layers in [data.get("layers") or []] + [a["layers"] for a in assets.values()]:
        for layer in layers:
            if not isinstance(layer, dict):
                continue
            effects = [e for e in layer.get("ef") or [] if isinstance(e, dict) and e.get("en", 1) != 0]
            for n, effect in enumerate(effects):
                if is_tritone(effect) and (n > 0 or _translucent_inside(layer, assets)):
                    effect[OVER_ALPHA] = 1
