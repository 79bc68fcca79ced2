"""Reading a Lottie property's value at any frame, and writing a function of time back as keyframes.

Rewrites that combine several animated properties into one (a repeater copy's position is its offset times the
repeater's position plus its anchor) need the value of each at a time, as the player interpolates it: eased
keyframes (`i`/`o` Bézier handles, one per dimension or shared), hold keyframes (`h`), old `e` end values, and
spatial tangents (`to`/`ti`) along which a position moves at the eased fraction of the path's length. A value
with no keyframed form is written back sampled at every frame, linearly between samples (samples that a straight
line through their neighbours reproduces are left out), with a step wherever an input holds.
"""
from __future__ import annotations

import math
from typing import Callable, Optional

import numpy as np

TOLERANCE = 1e-4          # in the property's own units (px, %, degrees): below any visible difference


class Prop:
    """A static or keyframed property, evaluated at a frame."""

    def __init__(self, prop, default):
        self.default = np.atleast_1d(np.asarray(default, float))
        self.keys: list = []
        self.value = self.default
        self._memo: dict = {}
        k = prop.get("k") if isinstance(prop, dict) else prop
        if isinstance(k, list) and k and isinstance(k[0], dict):
            self.keys = [key for key in k if isinstance(key, dict) and isinstance(key.get("t"), (int, float))]
            if not self.keys or _vec(self.keys[0].get("s")) is None:
                raise ValueError("unreadable keyframes")
        elif isinstance(k, (int, float)) or (isinstance(k, list) and k and isinstance(k[0], (int, float))):
            self.value = np.atleast_1d(np.asarray(k, float))
        elif k is not None:
            raise ValueError("unreadable value")

    @property
    def static(self) -> bool:
        return len(self.keys) < 2

    def times(self) -> list:
        return [float(key["t"]) for key in self.keys]

    def hold_times(self) -> list:
        """Times where the value may jump: the end of every hold keyframe."""
        return [float(b["t"]) for a, b in zip(self.keys, self.keys[1:]) if a.get("h")]

    def at(self, t: float) -> np.ndarray:
        if not self.keys:
            return self.value
        if t not in self._memo:
            self._memo[t] = self._at(t)
        return self._memo[t]

    def _at(self, t: float) -> np.ndarray:
        if len(self.keys) == 1 or t <= self.keys[0]["t"]:
            return _vec(self.keys[0].get("s"))
        for a, b in zip(self.keys, self.keys[1:]):
            if t < b["t"]:
                return self._between(a, b, t)
        last = self.keys[-1]
        end = _vec(last.get("s"))
        if end is None:                                # old files: the last key has only `t`
            end = _vec(self.keys[-2].get("e")) if len(self.keys) > 1 else None
        return end if end is not None else _vec(self.keys[0].get("s"))

    def _between(self, a: dict, b: dict, t: float) -> np.ndarray:
        v0 = _vec(a.get("s"))
        v1 = _vec(a.get("e")) if a.get("e") is not None else _vec(b.get("s"))
        if a.get("h") or v1 is None or b["t"] <= a["t"]:
            return v0
        x = (t - a["t"]) / (b["t"] - a["t"])
        o, i = a.get("o") or {}, a.get("i") or {}
        dims = len(v0)
        eased = np.array([_ease(x, _at(o.get("x"), d, 0.0), _at(o.get("y"), d, 0.0),
                                _at(i.get("x"), d, 1.0), _at(i.get("y"), d, 1.0)) for d in range(dims)])
        to, ti = _vec(a.get("to")), _vec(a.get("ti"))
        if to is not None and ti is not None and len(to) >= 2 and dims >= 2 and (np.any(to) or np.any(ti)):
            return _along(v0, v1, to, ti, float(eased[0]))
        return v0 + (v1 - v0) * eased


def _vec(v) -> Optional[np.ndarray]:
    if isinstance(v, (int, float)):
        return np.array([float(v)])
    if isinstance(v, list) and v and all(isinstance(x, (int, float)) for x in v):
        return np.asarray(v, float)
    return None


def _at(v, d: int, default: float) -> float:
    if isinstance(v, list):
        return float(v[min(d, len(v) - 1)]) if v else default
    return float(v) if isinstance(v, (int, float)) else default


def _bez(u: float, p1: float, p2: float) -> float:
    return 3 * (1 - u) ** 2 * u * p1 + 3 * (1 - u) * u * u * p2 + u ** 3


def _ease(x: float, ox: float, oy: float, ix: float, iy: float) -> float:
    lo, hi = 0.0, 1.0
    for _ in range(48):
        mid = (lo + hi) / 2
        if _bez(mid, ox, ix) < x:
            lo = mid
        else:
            hi = mid
    return _bez((lo + hi) / 2, oy, iy)


def _along(v0, v1, to, ti, fraction: float) -> np.ndarray:
    """The point at `fraction` of the length of the cubic from v0 to v1 with handles v0 + to, v1 + ti."""
    n = len(to)
    p0, p3 = v0[:n], v1[:n]
    p1, p2 = p0 + to, p3 + ti
    us = np.linspace(0, 1, 257)[:, None]
    pts = (1 - us) ** 3 * p0 + 3 * (1 - us) ** 2 * us * p1 + 3 * (1 - us) * us ** 2 * p2 + us ** 3 * p3
    lengths = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(pts, axis=0), axis=1))])
    if lengths[-1] <= 1e-9:
        point = p0
    else:
        point = np.array([np.interp(fraction * lengths[-1], lengths, pts[:, d]) for d in range(n)])
    out = v0 + (v1 - v0) * fraction
    out[:n] = point
    return out


def as_property(f: Callable[[float], np.ndarray], inputs: list, fr_step: float = 1.0) -> dict:
    """`f` of time as a Lottie property: static when every input is, else sampled at every frame between the
    inputs' first and last keyframes (plus their keyframe times), a step at every hold."""
    animated = [p for p in inputs if not p.static]
    if not animated:
        return {"a": 0, "k": _out(f(0.0))}
    times = sorted({t for p in animated for t in p.times()})
    start, end = times[0], times[-1]
    grid = set(times)
    grid.update(np.arange(math.ceil(start), math.floor(end) + 1, fr_step).tolist())
    jumps = {t for p in animated for t in p.hold_times()}
    grid.update(t - 1e-3 for t in jumps if t - 1e-3 > start)
    ts = sorted(grid)
    values = [np.asarray(f(t), float) for t in ts]
    keep = _decimate(ts, values)
    keys = []
    for n in keep:
        keys.append({"t": round(ts[n], 6), "s": _out(values[n]), "i": {"x": [1], "y": [1]},
                     "o": {"x": [0], "y": [0]}})
    if len(keys) == 1:
        return {"a": 0, "k": keys[0]["s"]}
    keys[-1] = {"t": keys[-1]["t"], "s": keys[-1]["s"]}
    return {"a": 1, "k": keys}


def _decimate(ts: list, values: list) -> list:
    """Indices of the samples to keep: one is dropped when the line from the last kept to the next sample
    passes within TOLERANCE of it and of every sample dropped since."""
    if len(ts) <= 2:
        return list(range(len(ts)))
    t, v = np.asarray(ts, float), np.asarray(values, float).reshape(len(ts), -1)
    if np.ptp(v, axis=0).max() <= TOLERANCE:
        return [0, len(ts) - 1]                        # constant throughout
    keep = [0]
    for n in range(1, len(ts) - 1):
        a, b = keep[-1], n + 1
        span = t[b] - t[a]
        u = ((t[a + 1:b] - t[a]) / span)[:, None] if span > 0 else None
        if u is None or np.abs(v[a] + (v[b] - v[a]) * u - v[a + 1:b]).max() > TOLERANCE:
            keep.append(n)
    keep.append(len(ts) - 1)
    return keep


def _out(v: np.ndarray) -> list:
    return [round(float(x), 6) for x in np.atleast_1d(v)]
