"""The linear part of a layer's transform at a frame (its parents' included): how the layer's own units map to
the composition's, for effects measured in layer units (a layer style's distance and blur size)."""
from __future__ import annotations

import math

import numpy as np

from .lottie_keyframes import Prop


def parent_chain(layer: dict, layers: list) -> list[dict]:
    """The transforms (`ks`) of the layer and its parents, the layer's first."""
    by_index = {l.get("ind"): l for l in layers if isinstance(l, dict) and "ind" in l}
    chain, seen = [], set()
    while isinstance(layer, dict) and id(layer) not in seen:
        seen.add(id(layer))
        chain.append(layer.get("ks") or {})
        layer = by_index.get(layer.get("parent")) if layer.get("parent") is not None else None
    return chain


class LayerLinear:
    """linear(frame) -> 2x2, from the chain's rotation, skew and scale (position and anchor do not scale)."""

    def __init__(self, chain: list[dict]):
        self.chain = chain
        self.props = [(Prop(ks.get("r", ks.get("rz", 0)), 0.0), Prop(ks.get("s", [100, 100]), [100.0, 100.0]),
                       Prop(ks.get("sk", 0), 0.0), Prop(ks.get("sa", 0), 0.0)) for ks in chain]

    def __call__(self, frame: float) -> np.ndarray:
        m = np.eye(2)
        for r, s, sk, sa in self.props:         # the layer's own first: parents apply after it
            scale = s.at(frame)
            sx, sy = float(scale[0]) / 100, float(scale[min(1, len(scale) - 1)]) / 100
            m = _rotation(float(r.at(frame)[0])) @ _skew(float(sk.at(frame)[0]), float(sa.at(frame)[0])) \
                @ np.diag([sx, sy]) @ m
        return m


def _rotation(degrees: float) -> np.ndarray:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return np.array([[c, -s], [s, c]])


def _skew(skew: float, axis: float) -> np.ndarray:
    if abs(skew) < 1e-9:
        return np.eye(2)
    turn = _rotation(axis)
    return turn @ np.array([[1.0, -math.tan(math.radians(skew))], [0.0, 1.0]]) @ turn.T
