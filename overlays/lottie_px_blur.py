"""Directional Blur ("ADBE Motion Blur") on a layer's own pixels, as Skia's Skottie draws it.

Skottie (modules/skottie/src/effects/DirectionalBlur.cpp) turns the layer by -(direction - 90) degrees, blurs it
along X with sigma 0.3 x the blur length (`kBlurSizeToSigma`, no blur across), and turns it back, each turn
resampled bilinearly: a Gaussian along one line, direction 0 vertical, 90 horizontal. The blur is Skia's raster
one (`lottie_px_styles.skia_blur`: a true Gaussian below sigma 2, three boxes above, on 8-bit premultiplied
pixels); a direction at a multiple of 90 degrees (once drawn) needs no turn, and none is made.

The length is measured where Skottie applies the effect: after the layer's transform for shape and text layers
(composition units), before it for precomposition, solid and image layers (`kTransformEffects` in its Layer.cpp:
the layer's units, scaled and turned with the layer and its parents). Normalising turns a masked solid into a shape
layer, so `mark_layer_units` records, before any rewrite, which effects are in the layer's units; the pass that
finishes the layer (`lottie_passes.Finish`) then gives the op the map from those units to drawn pixels. The line
in drawn pixels is that map applied to the direction: a layer scaled 68 % draws a blur of length 80 as one of 54.4.
"""
from __future__ import annotations

import math

import numpy as np
from scipy import ndimage

from .lottie_keyframes import Prop
from .lottie_pixel_ops import EFFECTS, MeasuredOp, Unsupported, param
from .lottie_px_styles import BLUR_SIZE_TO_SIGMA, skia_blur

LAYER_UNITS_KEY = "x-layer-units"        # on a layer whose effects Skottie applies before its transform
EFFECTS_TRANSFORMED = (0, 1, 2)          # precomposition, solid, image (Skottie's kTransformEffects)
MIN_SIGMA = 0.03                         # below it Skia does not blur
AUTO_ORIENT_KEY = "x-auto-orient"        # on a copy of an auto-oriented layer's `ks` in a transform chain
AXIS_TOLERANCE = 1e-6                    # degrees off an axis still drawn without a turn
NO_PAD = np.zeros(4)


def mark_layer_units(data: dict) -> None:
    """Mark the layers whose effects are measured in their own units (before rewrites change their type)."""
    layers = list(data.get("layers") or [])
    for asset in data.get("assets") or []:
        layers += asset.get("layers") or [] if isinstance(asset, dict) else []
    for layer in layers:
        if isinstance(layer, dict) and layer.get("ty") in EFFECTS_TRANSFORMED and layer.get("ef"):
            layer[LAYER_UNITS_KEY] = True


def layer_linear(transforms: list, frame: float) -> np.ndarray:
    """The 2x2 map from a layer's own units to its composition's: its scale and rotation, then its parents'
    (`transforms`: the `ks` of the layer, then of each parent). Skew and 3D turns are refused."""
    m = np.eye(2)
    for ks in transforms:
        m = _linear(ks, frame) @ m
    return m


def layer_affine(transforms: list, frame: float) -> np.ndarray:
    """The 3x3 map from a layer's own units to its composition's, translation too: for each of the layer and its
    parents, its anchor taken off, its scale and rotation, its position added. Skew, 3D turns and auto-orient
    (a rotation read from the motion path) are refused."""
    m = np.eye(3)
    for ks in transforms:
        if ks.get(AUTO_ORIENT_KEY):
            raise Unsupported("an effect placed in the units of an auto-oriented layer")
        step = np.eye(3)
        step[:2, :2] = _linear(ks, frame)
        step[:2, 2] = _position(ks, frame) - step[:2, :2] @ _point(ks.get("a"), frame)
        m = step @ m
    return m


def _linear(ks: dict, frame: float) -> np.ndarray:
    for key in ("sk", "rx", "ry"):
        if key in ks and any(np.any(np.asarray(v) != 0) for v in _values(ks[key])):
            raise Unsupported("an effect measured in the units of a skewed or 3D-turned layer")
    r = math.radians(_scalar(ks.get("r", ks.get("rz", 0)), 0.0, frame))
    s = np.atleast_1d(_prop(ks.get("s"), [100.0, 100.0]).at(frame))
    sx, sy = (float(s[0]), float(s[1] if len(s) > 1 else s[0]))
    turn = np.array([[math.cos(r), -math.sin(r)], [math.sin(r), math.cos(r)]])
    return turn @ np.diag([sx / 100.0, sy / 100.0])


def _position(ks: dict, frame: float) -> np.ndarray:
    p = ks.get("p")
    if isinstance(p, dict) and p.get("s") and "k" not in p:            # split position: x and y of their own
        return np.array([_scalar(p.get("x"), 0.0, frame), _scalar(p.get("y"), 0.0, frame)])
    return _point(p, frame)


def _point(prop, frame: float) -> np.ndarray:
    v = np.atleast_1d(_prop(prop, [0.0, 0.0]).at(frame)).astype(float)
    return np.array([v[0], v[1] if len(v) > 1 else 0.0])


def _values(prop) -> list:
    k = prop.get("k") if isinstance(prop, dict) else prop
    if isinstance(k, list) and k and isinstance(k[0], dict):
        return [key.get("s", 0) for key in k if isinstance(key, dict)]
    return [k if k is not None else 0]


def _prop(prop, default) -> Prop:
    try:
        return Prop(prop if prop is not None else {"a": 0, "k": default}, default)
    except ValueError as e:
        raise Unsupported(f"the layer's transform: {e}") from None


def _scalar(prop, default: float, frame: float) -> float:
    return float(np.atleast_1d(_prop(prop, default).at(frame))[0])


class DirectionalBlur(MeasuredOp):
    """The effect at a frame: a Gaussian along the drawn direction, measured through `linear`."""

    def __init__(self, effect: dict):
        self.direction = param(effect, 0, 0.0)
        self.length = param(effect, 1, 0.0)

    def line(self, frame: float, linear: np.ndarray) -> tuple[float, float]:
        """(sigma in drawn pixels, the drawn direction in degrees, clockwise from +X)."""
        turn = math.radians(float(self.direction.at(frame)[0]) - 90.0)
        v = np.asarray(linear, float) @ np.array([math.cos(turn), math.sin(turn)])
        sigma = max(float(self.length.at(frame)[0]), 0.0) * BLUR_SIZE_TO_SIGMA * float(np.hypot(*v))
        return sigma, math.degrees(math.atan2(v[1], v[0]))

    def reach(self, frame: float, linear: np.ndarray) -> int:
        sigma, _ = self.line(frame, linear)
        return math.ceil(3.0 * sigma) + 1 if sigma > MIN_SIGMA else 0

    def __call__(self, rgba: np.ndarray, frame: float, linear: np.ndarray) -> np.ndarray:
        img8 = np.clip(np.floor(np.asarray(rgba, np.float64) * 255.0 + 0.5), 0, 255)
        sigma, angle = self.line(frame, linear)
        if sigma > MIN_SIGMA:
            off_x = (angle + 90.0) % 180.0 - 90.0            # -90..90: 0 when along X
            if abs(off_x) <= AXIS_TOLERANCE:
                img8 = skia_blur(img8, sigma, 0.0, NO_PAD)
            elif abs(abs(off_x) - 90.0) <= AXIS_TOLERANCE:
                img8 = skia_blur(img8, 0.0, sigma, NO_PAD)
            else:
                img8 = _turned_blur(img8, sigma, angle)
        return (img8 / 255.0).astype(np.float32)


def _turned_blur(img8: np.ndarray, sigma: float, angle: float) -> np.ndarray:
    """Turn the picture so the direction lies along X, blur along X, turn back: each turn bilinear, kept in 8 bits,
    on a canvas that holds the whole turned picture."""
    t = math.radians(angle)
    c, s = math.cos(t), math.sin(t)
    canvas, origin = _warp(img8, np.array([[c, s], [-s, c]]))           # R(-t): the direction onto +X
    canvas = skia_blur(canvas, sigma, 0.0, NO_PAD)
    return _unwarp(canvas, np.array([[c, s], [-s, c]]), origin, img8.shape[:2])


def _warp(img: np.ndarray, m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The picture mapped by the 2x2 `m` (x, y), bilinear, on a canvas holding all of it; and the canvas origin."""
    h, w = img.shape[:2]
    corners = np.array([[0, 0], [w, 0], [0, h], [w, h]], float) @ m.T
    lo, hi = np.floor(corners.min(axis=0)), np.ceil(corners.max(axis=0))
    shape = (int(hi[1] - lo[1]), int(hi[0] - lo[0]))
    inv = np.linalg.inv(m)
    to_source = inv[::-1, ::-1]                                          # (y, x) order
    offset = to_source @ (lo[::-1] + 0.5) - 0.5
    return _resample(img, to_source, offset, shape), lo


def _unwarp(canvas: np.ndarray, m: np.ndarray, origin: np.ndarray, shape: tuple) -> np.ndarray:
    """`_warp` undone: the canvas mapped back by m^-1 onto a picture of `shape`."""
    to_canvas = m[::-1, ::-1]
    offset = to_canvas @ np.array([0.5, 0.5]) - (origin[::-1] + 0.5)
    return _resample(canvas, to_canvas, offset, shape)


def _resample(img: np.ndarray, matrix: np.ndarray, offset: np.ndarray, shape: tuple) -> np.ndarray:
    out = np.empty(shape + (img.shape[2],))
    for ch in range(img.shape[2]):
        out[..., ch] = ndimage.affine_transform(img[..., ch], matrix, offset, output_shape=shape, order=1,
                                                mode="constant", cval=0.0)
    return np.clip(np.floor(out + 0.5), 0, 255)


EFFECTS["ADBE Motion Blur"] = DirectionalBlur
