"""Bulge ("ADBE Bulge") on a layer's own pixels, as Skia's Skottie draws it.

Skottie (modules/skottie/src/effects/BulgeEffect.cpp) records the layer as a picture of the layer's size, samples it
as a shader repeated both ways with bilinear filtering, and fills the layer's bounds with a displacement of it:
with v = (p - centre) / radii for a point p of the effect's units, a point inside the ellipse (|v| < 1) reads the
layer at v' * radii + centre, where v' = v + s * (sph(v) + exp(v)), s the sign of the height,
sph(v) = v/|v| * asin(|v|/r) / asin(1/r) - v and exp(v) = v * |v|^(2h) - v, with a = |height| / 4,
r = (1 + a) / 2 / sqrt(a), h = 1.3 a^3; points outside read the layer where they are. A height of 0 leaves the
layer as it is; Taper Radius, Antialiasing and Pinning are read by no player and left out here too.

The centre and radii are in the units Skottie applies the layer's effects in (composition units for shape and
text layers, the layer's own for precompositions, solids and images: `lottie_px_blur.mark_layer_units`), so the
op is a `PlacedOp`, given the whole map from those units to the pixels it works on. The picture repeats with the
layer's size (the composition's for a shape or text layer, `sw` x `sh` for a solid, `w` x `h` for a
precomposition or image): a negative height reads past the ellipse, and past the layer's edge it reads the other
side. `mark_tiles` records that size on each Bulge at load, before rewrites change the layer's type.
"""
from __future__ import annotations

import math

import numpy as np

from .lottie_pixel_ops import EFFECTS, PlacedOp, param

MATCH_NAME = "ADBE Bulge"
TILE_KEY = "x-tile"              # on a Bulge: [w, h] of the layer's picture, in the effect's units
OWN_SIZE = {0: ("w", "h"), 1: ("sw", "sh")}       # precomposition, solid: sizes of their own
PRECOMP, IMAGE = 0, 2


def mark_tiles(data: dict) -> None:
    """Record on each Bulge the size of the picture Skottie repeats: the layer's own size, or its composition's."""
    assets = {a.get("id"): a for a in data.get("assets") or [] if isinstance(a, dict)}
    comp_sizes = {None: (data.get("w"), data.get("h"))}
    for layer in _all_layers(data, assets):
        if layer.get("ty") == PRECOMP and layer.get("refId") in assets:
            comp_sizes.setdefault(layer.get("refId"), (layer.get("w"), layer.get("h")))
    for comp_id, layers in [(None, data.get("layers") or [])] + [(i, a.get("layers") or [])
                                                                  for i, a in assets.items()]:
        for layer in (l for l in layers if isinstance(l, dict)):
            bulges = [e for e in layer.get("ef") or [] if isinstance(e, dict) and e.get("mn") == MATCH_NAME]
            if not bulges:
                continue
            size = _layer_size(layer, assets, comp_sizes.get(comp_id, (None, None)))
            if all(isinstance(v, (int, float)) and v > 0 for v in size):
                for e in bulges:
                    e[TILE_KEY] = [float(size[0]), float(size[1])]


def _all_layers(data: dict, assets: dict) -> list:
    layers = [l for l in data.get("layers") or [] if isinstance(l, dict)]
    for asset in assets.values():
        layers += [l for l in asset.get("layers") or [] if isinstance(l, dict)]
    return layers


def _layer_size(layer: dict, assets: dict, comp_size: tuple) -> tuple:
    if layer.get("ty") in OWN_SIZE:
        w, h = OWN_SIZE[layer["ty"]]
        return layer.get(w), layer.get(h)
    if layer.get("ty") == IMAGE:
        asset = assets.get(layer.get("refId")) or {}
        return asset.get("w"), asset.get("h")
    return comp_size


class Bulge(PlacedOp):
    """The effect at a frame, placed through the map its pass gives."""

    def __init__(self, effect: dict):
        self.radius_x = param(effect, 0, 0.0)
        self.radius_y = param(effect, 1, 0.0)
        self.centre = param(effect, 2, [0.0, 0.0])
        self.height = param(effect, 3, 0.0)
        tile = effect.get(TILE_KEY)
        self.tile = np.asarray(tile, float) if tile else None

    def __call__(self, rgba: np.ndarray, frame: float, place: np.ndarray) -> np.ndarray:
        height = float(self.height.at(frame)[0])
        if height == 0.0 or rgba.size == 0:
            return rgba
        radius = np.array([float(self.radius_x.at(frame)[0]), float(self.radius_y.at(frame)[0])])
        centre = np.atleast_1d(self.centre.at(frame)).astype(float)[:2]
        if not np.all(np.isfinite(radius)) or np.any(radius == 0.0):
            return np.zeros_like(rgba)           # a flat ellipse: Skia cannot invert the shader's matrix, draws nothing
        place = np.asarray(place, float)
        to_units = np.linalg.inv(place)
        h, w = rgba.shape[:2]
        ys, xs = np.mgrid[0:h, 0:w]
        pixels = np.stack([xs.ravel() + 0.5, ys.ravel() + 0.5])      # pixel centres, as shaders are evaluated
        units = to_units[:2, :2] @ pixels + to_units[:2, 2:3]
        v = (units - centre[:, None]) / radius[:, None]
        inside = np.flatnonzero((v * v).sum(axis=0) < 1.0)
        if inside.size == 0:
            return rgba
        moved = displaced(v[:, inside], height) * radius[:, None] + centre[:, None]
        period = None
        if self.tile is not None:
            moved = np.mod(moved, self.tile[:, None])                  # the picture repeats with the layer's size
            period = _pixel_period(place, self.tile)
        source = place[:2, :2] @ moved + place[:2, 2:3] - 0.5           # pixel centres back to array indices
        out = np.array(rgba, np.float32, copy=True).reshape(-1, rgba.shape[2])
        out[inside] = _bilinear(rgba, source[0], source[1], period)
        return out.reshape(rgba.shape)


def _pixel_period(place: np.ndarray, tile: np.ndarray):
    """(first column, first row, width, height) of the repeated picture in whole pixels, where the map keeps the
    axes and the picture spans whole pixels (as the composition drawn at a size does); else None, and sampling
    past the picture's edge reads nothing instead of the other side (one pixel's blend at the seam)."""
    if place[0, 1] != 0 or place[1, 0] != 0:
        return None
    origin = place[:2, 2]
    size = np.diag(place[:2, :2]) * tile
    whole = np.round(np.concatenate([origin, size]))
    if np.any(np.abs(whole - np.concatenate([origin, size])) > 1e-6) or np.any(whole[2:] <= 0):
        return None
    return tuple(int(v) for v in whole)


def _bilinear(img: np.ndarray, x: np.ndarray, y: np.ndarray, period) -> np.ndarray:
    """The picture read at array positions (x, y) between pixel centres, each neighbour taken across the repeated
    picture's edge (`period`) where one is given; transparent outside the picture."""
    h, w = img.shape[:2]
    x0, y0 = np.floor(x), np.floor(y)
    fx, fy = (x - x0)[:, None], (y - y0)[:, None]
    out = np.zeros((x.size, img.shape[2]), np.float32)
    for dx, dy, weight in ((0, 0, (1 - fx) * (1 - fy)), (1, 0, fx * (1 - fy)), (0, 1, (1 - fx) * fy),
                           (1, 1, fx * fy)):
        cx, cy = (x0 + dx).astype(np.int64), (y0 + dy).astype(np.int64)
        if period is not None:
            ox, oy, pw, ph = period
            cx, cy = ox + np.mod(cx - ox, pw), oy + np.mod(cy - oy, ph)
        ok = (cx >= 0) & (cx < w) & (cy >= 0) & (cy < h)
        out[ok] += weight[ok] * img[cy[ok], cx[ok]]
    return out


def displaced(v: np.ndarray, height: float) -> np.ndarray:
    """Where a point v (2, n) of the unit disc reads the layer: spherical plus exponential displacement along the
    radius, outward for a positive height, inward for a negative one."""
    a = abs(height) / 4.0
    r = (1.0 + a) / 2.0 / math.sqrt(a)
    exponent = a ** 3 * 1.3
    t = (v * v).sum(axis=0)
    length = np.sqrt(t)
    with np.errstate(divide="ignore", invalid="ignore"):
        unit = np.where(length > 0, v / length, 0.0)
        sph = unit * (np.arcsin(length / r) / math.asin(1.0 / r)) - v
        exp = v * np.power(t, exponent) - v
    d = sph + exp
    return v + (d if height > 0 else -d)


EFFECTS[MATCH_NAME] = Bulge
