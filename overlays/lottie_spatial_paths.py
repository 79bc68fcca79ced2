"""A value moving along a curved motion path (keyframes with spatial tangents `to`/`ti`) is written out as
keyframes along straight lines, close enough that the curve and its timing are kept.

After Effects, lottie-web and Skia's Skottie move such a value by the eased fraction of the path's true length.
The player measures that length with an estimate of each segment's length (the larger side plus 3/8 of the
smaller, up to 7 % off and depending on the direction), so a value on a curved path runs ahead or behind where
it should be, by up to 1.4 px on rlottie's confetti.json, where particles fly out along curves. Straight
keyframes the player interpolates exactly; they are placed, eased and timed here (by `lottie_keyframes.Prop`,
which measures the length exactly), sampled finely enough that the straight pieces stay within TOLERANCE of the
curve at every time in between.

A layer that is auto-oriented along its path keeps its curved position: the player turns it by the curve's
tangent, which straight pieces would turn in steps. 3D layers and cameras are left as they are: Skottie moves
them component by component, without spatial tangents (see `lottie_3d_maths`).
"""
from __future__ import annotations

from typing import Iterator

import numpy as np

from .lottie_keyframes import Prop

TOLERANCE = 0.05          # composition units: the straight pieces stay this close to the curve
CAMERA = 13
MIN_STEP = 1 / 32         # frames: the finest sampling, however sharp the ease


def straighten_spatial_paths(data: dict) -> None:
    """Rewrite every curved motion path in `data` (see the module docstring)."""
    for prop in _spatial_props(data):
        _straighten(prop)


def _spatial_props(data: dict) -> Iterator[dict]:
    lists = [data.get("layers") or []] + [a.get("layers") or [] for a in data.get("assets") or []]
    for layers in lists:
        for layer in layers:
            if isinstance(layer, dict) and layer.get("ddd") != 1 and layer.get("ty") != CAMERA:
                yield from _curved(layer, skip_position=layer.get("ao") == 1)


def _curved(node, skip_position: bool = False) -> Iterator[dict]:
    if isinstance(node, list):
        for item in node:
            yield from _curved(item)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key == "p" and skip_position:
            continue
        if key == "ks" and isinstance(value, dict) and "k" not in value:      # the layer's transform
            yield from _curved(value, skip_position)
        elif _has_tangents(value):
            yield value
        elif isinstance(value, (dict, list)):
            yield from _curved(value)


def _has_tangents(prop) -> bool:
    if not isinstance(prop, dict) or not isinstance(prop.get("k"), list):
        return False
    return any(_tangent_pair(key) is not None for key in prop["k"][:-1])


def _tangent_pair(key) -> tuple | None:
    if not isinstance(key, dict) or key.get("h"):
        return None
    to, ti = key.get("to"), key.get("ti")
    if not (isinstance(to, list) and isinstance(ti, list) and len(to) >= 2 and len(ti) >= 2):
        return None
    if not all(isinstance(v, (int, float)) for v in to + ti) or not any(to + ti):
        return None
    return to, ti


def _straighten(prop: dict) -> None:
    try:
        keys = Prop(prop, [0, 0]).keys
    except ValueError:
        return                                       # unreadable keyframes: left to the player as they are
    if len(keys) != len(prop["k"]):
        return
    out: list[dict] = []
    for n, key in enumerate(keys):
        nxt = keys[n + 1] if n + 1 < len(keys) else None
        curve = _Curve.of(key, nxt) if nxt is not None else None
        if nxt is None:
            out.append(key)
        elif curve is None:
            out.append(_kept(key, nxt))
        else:
            times = _samples(curve, float(key["t"]), float(nxt["t"]))
            values = curve.at(np.asarray(times))
            out.extend(_linear(t, a, b) for t, a, b in zip(times, values, values[1:]))
    if out and "s" not in out[-1]:
        last = keys[-2] if len(keys) > 1 else keys[-1]
        end = last.get("e") if last.get("e") is not None else last.get("s")
        out[-1] = {"t": out[-1]["t"], "s": end}
    prop["k"] = out


class _Curve:
    """One keyframe's move along its cubic: the eased fraction of the path's length, as `lottie_keyframes.Prop`
    evaluates it (the end point held where an ease overshoots), for many times at once."""

    def __init__(self, t0, t1, v0, v1, to, ti, ease):
        self.t0, self.t1, self.v0, self.v1, self.ease = t0, t1, v0, v1, ease
        n = len(to)
        us = np.linspace(0, 1, 2049)[:, None]
        p0, p3 = v0[:n], v1[:n]
        p1, p2 = p0 + to, p3 + ti
        self.pts = (1 - us) ** 3 * p0 + 3 * (1 - us) ** 2 * us * p1 + 3 * (1 - us) * us ** 2 * p2 + us ** 3 * p3
        self.lengths = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(self.pts, axis=0), axis=1))])

    @classmethod
    def of(cls, key: dict, nxt: dict):
        pair = _tangent_pair(key)
        if pair is None or float(nxt["t"]) <= float(key["t"]):
            return None
        v0 = np.asarray(key["s"], float)
        end = key.get("e") if key.get("e") is not None else nxt.get("s")
        if not isinstance(end, list) or len(end) != len(v0):
            return None
        to, ti = np.asarray(pair[0], float), np.asarray(pair[1], float)
        n = min(len(to), len(ti), len(v0))
        o, i = key.get("o") or {}, key.get("i") or {}
        ease = tuple(_first(h.get(c), d) for h, c, d in ((o, "x", 0.0), (o, "y", 0.0), (i, "x", 1.0), (i, "y", 1.0)))
        return cls(float(key["t"]), float(nxt["t"]), v0, np.asarray(end, float), to[:n], ti[:n], ease)

    def at(self, ts: np.ndarray) -> np.ndarray:
        ts = np.atleast_1d(np.asarray(ts, float))
        x = np.clip((ts - self.t0) / (self.t1 - self.t0), 0.0, 1.0)
        fraction = _eased(x, *self.ease)
        n = self.pts.shape[1]
        out = self.v0 + (self.v1 - self.v0) * fraction[:, None]
        if self.lengths[-1] > 1e-9:
            along = fraction * self.lengths[-1]
            out[:, :n] = np.stack([np.interp(along, self.lengths, self.pts[:, d]) for d in range(n)], axis=1)
        else:
            out[:, :n] = self.v0[:n]
        return out


def _first(v, default: float) -> float:
    if isinstance(v, list):
        return float(v[0]) if v and isinstance(v[0], (int, float)) else default
    return float(v) if isinstance(v, (int, float)) else default


def _eased(x: np.ndarray, ox: float, oy: float, ix: float, iy: float) -> np.ndarray:
    def bez(u, p1, p2):
        return 3 * (1 - u) ** 2 * u * p1 + 3 * (1 - u) * u * u * p2 + u ** 3
    lo, hi = np.zeros_like(x), np.ones_like(x)
    for _ in range(40):
        mid = (lo + hi) / 2
        below = bez(mid, ox, ix) < x
        lo, hi = np.where(below, mid, lo), np.where(below, hi, mid)
    return bez((lo + hi) / 2, oy, iy)


def _samples(curve: _Curve, start: float, end: float) -> list[float]:
    """Times from start to end, MIN_STEP apart where the value turns or changes speed, further apart where
    straight lines between them stay within TOLERANCE of every finer sample."""
    ts = np.linspace(start, end, max(2, int(np.ceil((end - start) / MIN_STEP)) + 1))
    vs = curve.at(ts)
    keep, last = [0], 0
    while last < len(ts) - 1:
        lo, hi = last + 1, len(ts) - 1                # the furthest sample a straight line reaches
        if not _straight(ts, vs, last, lo):
            keep.append(lo)
            last = lo
            continue
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if _straight(ts, vs, last, mid):
                lo = mid
            else:
                hi = mid - 1
        keep.append(lo)
        last = lo
    return [float(ts[n]) for n in keep]


def _straight(ts: np.ndarray, vs: np.ndarray, a: int, b: int) -> bool:
    if b - a < 2:
        return True
    u = ((ts[a + 1:b] - ts[a]) / (ts[b] - ts[a]))[:, None]
    return bool(np.abs(vs[a] + (vs[b] - vs[a]) * u - vs[a + 1:b]).max() <= TOLERANCE)


def _values(v: np.ndarray) -> list[float]:
    return [round(float(x), 4) for x in v]


def _linear(t: float, start: np.ndarray, end: np.ndarray) -> dict:
    return {"t": round(float(t), 6), "s": _values(start), "e": _values(end),
            "i": {"x": 1, "y": 1}, "o": {"x": 0, "y": 0}}


def _kept(key: dict, nxt: dict) -> dict:
    """A keyframe without a curve, as it was, with its end value written out (the form every key now has)."""
    out = {k: v for k, v in key.items() if k not in ("to", "ti")}
    end = key.get("e") if key.get("e") is not None else nxt.get("s")
    if not key.get("h") and end is not None:
        out["e"] = end
    return out
