"""The 4x4 matrices Skia's Skottie draws 3D layers and cameras with, ported from its source.

- a 3D layer (Skottie's TransformAdapter3D): T(position) Rx Ry Rz S(scale / 100) T(-anchor), rotation being
  orientation plus the X, Y and Z rotations; vectors read as Skottie reads them (missing components 0, scale's
  default 100, 100, 100) and interpolated component-wise, without the spatial tangents of 2D positions;
- a 2D layer in a 3D chain (TransformAdapter2D, embedded as SkM44 embeds an SkMatrix): T(position) R S T(-anchor);
- a camera (Camera.cpp ComputeCameraMatrix): T(centre) S(size / 2) Perspective(0, zoom, fov) Rz(-rz) Ry(ry)
  Rx(rx) LookAt(eye, point of interest, up 0 1 0) S(1, 1, -1), the eye at (x, y, -z) of the camera's
  position, the point of interest its anchor (two-node) or one unit ahead (one-node), size the longer side of
  the composition; the default camera of a 3D composition without one sits at the centre, zoom 879.13 in
  front of it;
- keyframes eased as Skottie eases them (animator/KeyframeAnimator.cpp, SkottieJson.cpp): one Bézier per
  keyframe, a per-dimension easing (`"x": [0.3, 0.6, 0.6]`) read as its first dimension's for all of them;
- the chain (Layer.cpp): a layer's matrix is its parent's times its own; a 3D layer's chain is rooted on the
  camera, a 2D layer's on nothing; a camera with a parent is its own matrix times the inverse of its parent's.

A plane point (x, y) of the layer is drawn where the matrix sends (x, y, 0, 1), divided by its fourth
coordinate: the 3x3 of rows and columns 0, 1, 3 (SkM44::asM33) is the plane's homography.
"""
from __future__ import annotations

import copy
import math
from typing import Optional

import numpy as np

from .lottie_keyframes import Prop

DEFAULT_ZOOM = 879.13            # Skottie's kDefaultAEZoom


def translate(x: float, y: float, z: float = 0.0) -> np.ndarray:
    m = np.eye(4)
    m[:3, 3] = (x, y, z)
    return m


def scale(x: float, y: float, z: float = 1.0) -> np.ndarray:
    return np.diag([x, y, z, 1.0])


def rotate(axis: int, degrees: float) -> np.ndarray:
    """SkM44::Rotate about the x (0), y (1) or z (2) axis."""
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    i, j = [(1, 2), (2, 0), (0, 1)][axis]
    m = np.eye(4)
    m[i, i], m[i, j], m[j, i], m[j, j] = c, -s, s, c
    return m


def look_at(eye, center, up) -> np.ndarray:
    """Sk3LookAt: the inverse of the frame (s, s x f, -f, eye)."""
    eye, center, up = (np.asarray(v, float) for v in (eye, center, up))
    f = _unit(center - eye)
    u = _unit(up)
    s = _unit(np.cross(f, u))
    frame = np.eye(4)
    frame[:3, 0], frame[:3, 1], frame[:3, 2], frame[:3, 3] = s, np.cross(s, f), -f, eye
    try:
        return np.linalg.inv(frame)
    except np.linalg.LinAlgError:
        return np.eye(4)


def perspective(near: float, far: float, angle: float) -> np.ndarray:
    """Sk3Perspective."""
    cot = 1.0 / math.tan(angle * 0.5)
    m = np.zeros((4, 4))
    m[0, 0] = m[1, 1] = cot
    m[2, 2] = (far + near) / (far - near)
    m[2, 3] = 2 * far * near / (far - near)
    m[3, 2] = -1.0
    return m


def camera_matrix(position, poi, rotation, size: tuple[float, float], zoom: float) -> np.ndarray:
    """Camera.cpp ComputeCameraMatrix."""
    cam = (rotate(2, -rotation[2]) @ rotate(1, rotation[1]) @ rotate(0, rotation[0])
           @ look_at((position[0], position[1], -position[2]), poi, (0, 1, 0)) @ scale(1, 1, -1))
    view_size = max(size)
    angle = math.atan(view_size * 0.5 / zoom) if zoom else math.pi / 2
    persp = scale(view_size * 0.5, view_size * 0.5, 1) @ perspective(0, zoom, 2 * angle)
    return translate(size[0] * 0.5, size[1] * 0.5, 0) @ persp @ cam


def default_camera(size: tuple[float, float]) -> np.ndarray:
    pos = (size[0] * 0.5, size[1] * 0.5, -DEFAULT_ZOOM)
    return camera_matrix(pos, (pos[0], pos[1], -pos[2] - 1), (0, 0, 0), size, DEFAULT_ZOOM)


def homography(m: np.ndarray) -> np.ndarray:
    """SkM44::asM33: where the plane z = 0 of the matrix's input is drawn."""
    return m[np.ix_([0, 1, 3], [0, 1, 3])]


def _unit(v: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(v)
    return v / n if n else v


class Vector:
    """A vector property read as Skottie reads a VectorValue: split into x, y, z scalars where `s` is set,
    keyframes interpolated component-wise (no spatial tangents), missing components 0."""

    def __init__(self, prop, default):
        self.default = np.asarray(default, float)
        self.parts: Optional[list] = None
        self.prop: Optional[Prop] = None
        if not isinstance(prop, dict):
            return
        if prop.get("s") is True:
            self.parts = [Prop(prop.get(k), 0.0) if isinstance(prop.get(k), dict) else None for k in "xyz"]
            return
        prop = first_easing(prop)
        for key in prop.get("k") if isinstance(prop.get("k"), list) else []:
            if isinstance(key, dict):
                key.pop("to", None)
                key.pop("ti", None)
        self.prop = Prop(prop, default)

    def at(self, t: float) -> np.ndarray:
        if self.parts is not None:
            return np.array([float(p.at(t)[0]) if p is not None else 0.0 for p in self.parts])
        if self.prop is None:
            return self.default.copy()
        v = np.asarray(self.prop.at(t), float)
        out = np.zeros(3)
        out[:min(3, len(v))] = v[:3]
        return out


def first_easing(prop: dict) -> dict:
    """A copy of a property whose per-dimension easing handles are cut to their first dimension's: Skottie parses
    a handle's x and y as one number each, an array's first element."""
    prop = copy.deepcopy(prop)
    for key in prop.get("k") if isinstance(prop.get("k"), list) else []:
        for handle in (key.get(n) for n in ("i", "o") if isinstance(key, dict)):
            if isinstance(handle, dict):
                for axis in ("x", "y"):
                    if isinstance(handle.get(axis), list) and handle[axis]:
                        handle[axis] = handle[axis][0]
    return prop


class Scalar:
    def __init__(self, prop, default: float = 0.0):
        self.prop = Prop(prop, default) if isinstance(prop, dict) else None
        self.default = default

    def at(self, t: float) -> float:
        return float(self.prop.at(t)[0]) if self.prop is not None else self.default


class Transform3D:
    """A 3D layer's (or camera's) transform properties."""

    def __init__(self, ks: dict):
        self.anchor = Vector(ks.get("a"), (0, 0, 0))
        self.position = Vector(ks.get("p"), (0, 0, 0))
        self.scale = Vector(ks.get("s"), (100, 100, 100))
        self.orientation = Vector(ks.get("or"), (0, 0, 0))
        self.rx, self.ry, self.rz = Scalar(ks.get("rx")), Scalar(ks.get("ry")), Scalar(ks.get("rz"))

    def rotation(self, t: float) -> np.ndarray:
        return self.orientation.at(t) + np.array([self.rx.at(t), self.ry.at(t), self.rz.at(t)])

    def matrix(self, t: float) -> np.ndarray:
        a, p, s, r = self.anchor.at(t), self.position.at(t), self.scale.at(t), self.rotation(t)
        return (translate(*p) @ rotate(0, r[0]) @ rotate(1, r[1]) @ rotate(2, r[2])
                @ scale(s[0] / 100, s[1] / 100, s[2] / 100) @ translate(-a[0], -a[1], -a[2]))


class Transform2D:
    """A 2D layer's transform (no skew: layers with one are refused before)."""

    def __init__(self, ks: dict):
        self.anchor = Prop(first_easing(ks["a"]), (0, 0)) if isinstance(ks.get("a"), dict) else None
        self.position = Vector(ks.get("p"), (0, 0, 0)) if isinstance(ks.get("p"), dict) and ks["p"].get("s") \
            else (Prop(first_easing(ks["p"]), (0, 0)) if isinstance(ks.get("p"), dict) else None)
        self.scale = Prop(first_easing(ks["s"]), (100, 100)) if isinstance(ks.get("s"), dict) else None
        self.rotation = Scalar(ks.get("r") if "r" in ks else ks.get("rz"))

    def matrix(self, t: float) -> np.ndarray:
        a = _xy(self.anchor, t, 0.0)
        p = _xy(self.position, t, 0.0)
        s = _xy(self.scale, t, 100.0)
        m = translate(p[0], p[1]) @ rotate(2, self.rotation.at(t)) @ scale(s[0] / 100, s[1] / 100, 1) \
            @ translate(-a[0], -a[1])
        return m


def _xy(prop, t: float, default: float) -> tuple[float, float]:
    if prop is None:
        return default, default
    v = np.atleast_1d(prop.at(t))
    return (float(v[0]) if len(v) > 0 else 0.0), (float(v[1]) if len(v) > 1 else 0.0)


class Camera:
    """A camera layer: its transform, zoom (`pe`), kind (two-node when its transform has an anchor, the point
    of interest) and the chain of its parents, whose inverse it is drawn through."""

    def __init__(self, layer: dict, parents: list, size: tuple[float, float]):
        ks = layer.get("ks") or {}
        self.transform = Transform3D(ks)
        self.two_node = "a" in ks
        self.zoom = Scalar(layer.get("pe"), 0.0)
        self.parents = parents
        self.size = size

    def matrix(self, t: float) -> np.ndarray:
        p = self.transform.position.at(t)
        if self.two_node:
            a = self.transform.anchor.at(t)
            poi = (a[0], a[1], -a[2])
        else:
            poi = (p[0], p[1], -p[2] - 1)
        m = camera_matrix(p, poi, self.transform.rotation(t), self.size, self.zoom.at(t))
        parent = chain_matrix(self.parents, t)
        try:
            return m @ np.linalg.inv(parent)
        except np.linalg.LinAlgError:
            return m


def chain_matrix(chain: list, t: float) -> np.ndarray:
    """The product of the transforms of `chain` (root first)."""
    m = np.eye(4)
    for transform in chain:
        m = m @ transform.matrix(t)
    return m
