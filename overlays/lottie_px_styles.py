"""Layer styles (`sy`) on a layer's own pixels, as Skia's Skottie draws them.

Skottie draws four styles as image filters on the layer (modules/skottie/src/effects/ShadowStyles.cpp,
GlowStyles.cpp) and a fifth as a colour filter (ColorOverlayStyles.cpp); the others (stroke, bevel and emboss,
satin, gradient overlay) it leaves out, so they are refused here rather than drawn in a way no reference shows.

- Drop Shadow / Outer Glow: the layer's alpha, coloured, blurred (and, for the shadow, moved), under the layer.
- Inner Shadow / Inner Glow: the same from the inverse alpha (a centre-source glow keeps the alpha), masked by the
  layer's alpha and drawn over it.
- Color Overlay: straight RGB mixed towards the colour, alpha scaled by the colour's alpha.

Skottie attaches styles after the layer's transform (modules/skottie/src/Layer.cpp: transform, effects, styles,
opacity), so sizes and distances are in the units of the composition the layer sits in, not the layer's own:
`linear` is taken as the map from those units to output pixels (the drawing scale, for a top-level layer), and the
layer's opacity applies after its styles. Blur sizes are After Effects sizes, sigma = 0.3 size
(`kBlurSizeToSigma`). The blur is Skia's raster one on 8-bit premultiplied pixels: a true Gaussian below sigma 2,
three box passes (the SVG window) above, each axis rounded to 8 bits; the shadow's offset is rounded to whole pixels.

A shadow's choke scales the blurred alpha in Skottie's source through a runtime colour filter; the Skottie build
measured against (canvaskit-wasm 0.42) draws shadows the same whatever the choke, so the choke is read and left
out here too. A glow's choke (1 / (1 - choke^0.2), clamped) is drawn.
"""
from __future__ import annotations

import math

import numpy as np
from scipy import ndimage

from .lottie_keyframes import Prop
from .lottie_pixel_ops import STYLES, StyleOp, Unsupported

BLUR_SIZE_TO_SIGMA = 0.3          # SkottiePriv.h: "Close-enough to AE."
MAX_ALPHA_SCALE = 1e6
GLOW_CHOKE_GAMMA = 0.2
NAMES = {0: "stroke", 1: "drop shadow", 2: "inner shadow", 3: "outer glow", 4: "inner glow",
         5: "bevel and emboss", 6: "satin", 7: "colour overlay", 8: "gradient overlay"}


def _prop(style: dict, key: str, default) -> Prop:
    try:
        return Prop(style.get(key, default), default)
    except ValueError as e:
        raise Unsupported(f"layer style {NAMES.get(style.get('ty'), '?')}: `{key}`: {e}") from None


def _scalar(p: Prop, frame: float) -> float:
    return float(np.atleast_1d(p.at(frame))[0])


def _colour(p: Prop, frame: float) -> np.ndarray:
    """RGBA 0..1 (alpha 1 when the file gives three components), as Skottie reads a colour vector."""
    v = np.atleast_1d(np.asarray(p.at(frame), float))
    c = np.ones(4)
    c[:min(len(v), 4)] = v[:4]
    return np.clip(c, 0.0, 1.0)


# --- Skia's raster blur (src/core/SkBlurEngine.cpp), one axis at a time on 8-bit values ---------------------

def _gaussian_axis(img: np.ndarray, sigma: float, axis: int, pad: np.ndarray) -> np.ndarray:
    """GaussianPass: the kernel exp(-x^2 / 2 sigma^2) over radius ceil(3 sigma), normalised; rounded to 8 bits."""
    radius = math.ceil(3.0 * sigma)
    x = np.arange(-radius, radius + 1, dtype=np.float64)
    k = np.exp(-x * x / (2.0 * sigma * sigma))
    k /= k.sum()
    out = np.empty_like(img)
    for c in range(img.shape[2]):
        out[..., c] = ndimage.convolve1d(img[..., c] / 255.0, k, axis=axis, mode="constant", cval=pad[c] / 255.0)
    return np.clip(np.floor(out * 255.0 + 0.5), 0, 255)


def _box_kernel(sigma: float) -> tuple[np.ndarray, int]:
    """ThreeBoxApproxPass: three boxes of the SVG window (an even window's last box one longer), integer."""
    window = max(1, math.floor(sigma * 3 * math.sqrt(2 * math.pi) / 4 + 0.5))
    box = np.ones(window, dtype=np.float64)
    last = np.ones(window if window % 2 else window + 1, dtype=np.float64)
    k = np.convolve(np.convolve(box, box), last)
    return k, int(k.sum())


def _box_axis(img: np.ndarray, sigma: float, axis: int, pad: np.ndarray) -> np.ndarray:
    k, divisor = _box_kernel(sigma)
    half = (divisor + 1) >> 1
    factor = round((1.0 / divisor) * (1 << 32))
    s = _three_boxes(img, _box_lengths(sigma), axis, pad)      # = the integer convolution with k
    s = np.rint(s).astype(np.uint64) + np.uint64(half)
    return np.clip(((s * np.uint64(factor)) >> np.uint64(32)).astype(np.float64), 0, 255)


def _box_lengths(sigma: float) -> tuple[int, int, int]:
    """The three boxes of _box_kernel; 3w - 2 or, for an even w, 3w - 1 long together: always odd."""
    window = max(1, math.floor(sigma * 3 * math.sqrt(2 * math.pi) / 4 + 0.5))
    return window, window, window if window % 2 else window + 1


def _three_boxes(img: np.ndarray, lengths: tuple, axis: int, pad: np.ndarray) -> np.ndarray:
    """The convolution with three boxes as running sums (exact on 8-bit values in float64), centred as
    ndimage.convolve1d centres the whole kernel, beyond the edges `pad` (per channel): O(n) for any blur size,
    where the direct convolution costs the kernel's length per pixel. A channel that is `pad` everywhere stays
    as it is."""
    size = sum(lengths) - len(lengths) + 1
    a = np.moveaxis(img, axis, 0)
    out = np.array(a, np.float64)
    n = a.shape[0]
    for c in range(a.shape[-1]):
        ch = a[..., c]
        if not np.any(ch != pad[c]):
            continue
        v = np.full((n + 2 * (size - 1),) + ch.shape[1:], float(pad[c]))
        v[size - 1:size - 1 + n] = ch
        for length in lengths:
            prefix = np.empty((v.shape[0] + 1,) + v.shape[1:])
            prefix[0] = 0.0
            np.cumsum(v, axis=0, out=prefix[1:])
            v = prefix[length:] - prefix[:-length]
        out[..., c] = v[size // 2:size // 2 + n]
    return np.moveaxis(out, 0, axis)


def _blur_axis(img: np.ndarray, sigma: float, axis: int, pad: np.ndarray) -> np.ndarray:
    if sigma <= 0.03:
        return img
    if sigma < 2.0:
        return _gaussian_axis(img, sigma, axis, pad)
    return _box_axis(img, sigma, axis, pad)


def skia_blur(img8: np.ndarray, sigma_x: float, sigma_y: float, pad8: np.ndarray) -> np.ndarray:
    """Blur 8-bit premultiplied values (h, w, 4), held as float, X then Y; `pad8` is the colour beyond the edges."""
    img = _blur_axis(img8.astype(np.float64), sigma_x, 1, pad8)
    return _blur_axis(img, sigma_y, 0, pad8)


def _to8(x: np.ndarray) -> np.ndarray:
    return np.clip(np.floor(np.asarray(x, np.float64) * 255.0 + 0.5), 0, 255)


def _sigmas(size: float, linear: np.ndarray) -> tuple[float, float]:
    """The blur in output pixels: sigma 0.3 size in layer units, carried by the layer's linear map.

    Skia blurs in a scale-only layer space and draws the result through the rest of the matrix; for an axis-aligned
    map that is a per-axis sigma, for a rotated uniform scale an isotropic one."""
    sigma = max(size, 0.0) * BLUR_SIZE_TO_SIGMA
    m = np.asarray(linear, float)
    if abs(m[0, 1]) < 1e-6 and abs(m[1, 0]) < 1e-6:
        return sigma * abs(m[0, 0]), sigma * abs(m[1, 1])
    cov = m @ m.T
    round_blur = abs(cov[0, 1]) <= 1e-3 * max(cov[0, 0], cov[1, 1]) and abs(cov[0, 0] - cov[1, 1]) <= 1e-3 * cov[0, 0]
    if sigma > 0 and not round_blur:
        raise Unsupported("a blurred layer style on a layer scaled unevenly and rotated or skewed")
    s = math.sqrt(abs(np.linalg.det(m)))
    return sigma * s, sigma * s


def _shift(img: np.ndarray, dx: float, dy: float, pad: np.ndarray) -> np.ndarray:
    """Move by (dx, dy) output pixels rounded to whole pixels, as Skia's raster filters draw an offset image."""
    dx, dy = math.floor(dx + 0.5), math.floor(dy + 0.5)
    if dx == 0 and dy == 0:
        return img
    h, w = img.shape[:2]
    out = np.empty_like(img)
    out[...] = pad
    ys, yd = (slice(0, max(h - dy, 0)), slice(dy, h)) if dy >= 0 else (slice(-dy, h), slice(0, max(h + dy, 0)))
    xs, xd = (slice(0, max(w - dx, 0)), slice(dx, w)) if dx >= 0 else (slice(-dx, w), slice(0, max(w + dx, 0)))
    if abs(dx) < w and abs(dy) < h:
        out[yd, xd] = img[ys, xs]
    return out


def _over(top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
    return top + bottom * (1.0 - top[..., 3:4])


def _coloured_mask(alpha: np.ndarray, colour: np.ndarray, opacity: float, inverse: bool) -> tuple:
    """The colour-matrix step: the (inverse) alpha times opacity, coloured, premultiplied and stored in 8 bits."""
    a = (1.0 - alpha) if inverse else alpha
    a = np.clip(a * opacity * colour[3], 0.0, 1.0)
    img = np.concatenate([colour[:3] * a, a], axis=-1)
    a0 = opacity * colour[3] if inverse else 0.0        # beyond the picture: alpha 0, or 1 inverted
    pad = np.array([*(colour[:3] * a0), a0])
    return _to8(img), _to8(pad)


def _alpha_mask(alpha: np.ndarray, inverse: bool) -> tuple:
    a = (1.0 - alpha) if inverse else alpha
    img = np.concatenate([np.zeros_like(a)] * 3 + [a], axis=-1)
    return _to8(img), _to8(np.array([0.0, 0.0, 0.0, 1.0 if inverse else 0.0]))


def _colourise(mask8: np.ndarray, colour: np.ndarray, opacity: float, alpha_scale: float) -> np.ndarray:
    """A glow's choke: the blurred alpha scaled up and clamped (its own colour matrix), then coloured."""
    a = np.minimum(mask8[..., 3:4] / 255.0 * alpha_scale, 1.0)
    a = np.clip(a * opacity * colour[3], 0.0, 1.0)
    return np.concatenate([colour[:3] * a, a], axis=-1)


def _layer_filter(style: dict, kind: str):
    """Shadows and glows: one builder, `kind` in drop/inner shadow, outer/inner glow."""
    shadow = kind.endswith("shadow")
    inner = kind.startswith("inner")
    colour_p, opacity_p = _prop(style, "c", [0, 0, 0, 1]), _prop(style, "o", 100)
    size_p, choke_p = _prop(style, "s", 0), _prop(style, "ch", 0)
    angle_p, distance_p = _prop(style, "a", 0), _prop(style, "d", 0)
    source_p = _prop(style, "sr", 1)

    def op(rgba: np.ndarray, frame: float, linear: np.ndarray) -> np.ndarray:
        rgba = np.asarray(rgba, np.float64)
        src8 = _to8(rgba) / 255.0
        alpha = src8[..., 3:4]
        colour = _colour(colour_p, frame)
        opacity = min(max(_scalar(opacity_p, frame) / 100.0, 0.0), 1.0)
        choke = min(max(_scalar(choke_p, frame) / 100.0, 0.0), 1.0)
        sx, sy = _sigmas(_scalar(size_p, frame), linear)
        inverse = inner and (shadow or math.floor(_scalar(source_p, frame) + 0.5) == 1)
        chokes = not shadow and (sx > 0 or sy > 0) and choke > 0
        if chokes:
            mask8, pad8 = _alpha_mask(alpha, inverse)
        else:
            mask8, pad8 = _coloured_mask(alpha, colour, opacity, inverse)
        blurred = skia_blur(mask8, sx, sy, pad8)
        if chokes:
            g = choke ** GLOW_CHOKE_GAMMA
            scale = min(1.0 / (1.0 - g) if g < 1 else math.inf, MAX_ALPHA_SCALE)
            effect = _colourise(blurred, colour, opacity, scale)
            pad = _colourise(pad8.reshape(1, 1, 4), colour, opacity, scale).reshape(4)
        else:
            effect, pad = blurred / 255.0, pad8 / 255.0
        if shadow:
            distance = _scalar(distance_p, frame)
            rad = math.radians(180.0 + _scalar(angle_p, frame))
            dx, dy = np.asarray(linear, float) @ np.array([distance * math.cos(rad), -distance * math.sin(rad)])
            effect = _shift(effect, float(dx), float(dy), pad)
        if inner:
            return _over(effect * alpha, src8).astype(np.float32)
        return _over(src8, effect).astype(np.float32)
    return op


def _colour_overlay(style: dict) -> StyleOp:
    colour_p, opacity_p = _prop(style, "c", [0, 0, 0, 1]), _prop(style, "so", 100)

    def op(rgba: np.ndarray, frame: float, linear: np.ndarray) -> np.ndarray:
        rgba = np.asarray(rgba, np.float64)
        a = rgba[..., 3:4]
        rgb = np.divide(rgba[..., :3], a, out=np.zeros_like(rgba[..., :3]), where=a > 0)
        colour = _colour(colour_p, frame)
        opacity = min(max(_scalar(opacity_p, frame) / 100.0, 0.0), 1.0)
        rgb = np.clip(rgb * (1.0 - opacity) + colour[:3] * opacity, 0.0, 1.0)
        a2 = np.clip(a * colour[3], 0.0, 1.0)
        return np.concatenate([rgb * a2, a2], axis=-1).astype(np.float32)
    return op


def reach(style: dict, frame: float, linear: np.ndarray) -> int:
    """How far (output pixels) a style reads and draws beyond the layer's pixels: the blur's radius plus the
    shadow's distance. Skottie filters the layer's whole content, the part beyond the picture's edge included, so
    the layer must be drawn with this margin around the picture (and the result cropped) to match at the edges."""
    ty = int(style.get("ty", -1))
    if ty not in (1, 2, 3, 4):
        return 0
    sx, sy = _sigmas(_scalar(_prop(style, "s", 0), frame), linear)
    distance = _scalar(_prop(style, "d", 0), frame) if ty in (1, 2) else 0.0
    scale = float(np.linalg.norm(np.asarray(linear, float), 2))
    return math.ceil(3.0 * max(sx, sy) + abs(distance) * scale) + 1


def _refused(ty: int):
    def builder(style: dict) -> StyleOp:
        raise Unsupported(f"layer style {NAMES[ty]} (Skottie does not draw it)")
    return builder


STYLES[1] = lambda style: _layer_filter(style, "drop shadow")
STYLES[2] = lambda style: _layer_filter(style, "inner shadow")
STYLES[3] = lambda style: _layer_filter(style, "outer glow")
STYLES[4] = lambda style: _layer_filter(style, "inner glow")
STYLES[7] = _colour_overlay
for _ty in (0, 5, 6, 8):
    STYLES[_ty] = _refused(_ty)
