"""A repeater's copy count as Skottie counts it.

A fractional copy count (an animated `c` passes through 2.3 on its way from 0 to 18) is rounded to the nearest
whole number by Skia's Skottie (`SkTPin(c, 0, 1024) + 0.5`, truncated): 1.2 copies draw 1, 1.5 and 2.3 draw 2,
2.5 draw 3 (measured with canvaskit 0.42). lottie-web rounds up (`Math.ceil`). The player rounds down, so a
repeater animating its count shows a copy fewer than Skottie for half the animation (rlottie's abstract_circle).
A static count is rounded in place; an animated one becomes hold keyframes at the times its rounded value
changes, found on the keyframes' own easing curves.
"""
from __future__ import annotations

import math
from typing import Callable, Iterator

SAMPLES = 64          # per keyframe segment, to find where the rounded-up count changes; then bisection


def round_repeater_copies(layers: Iterator[dict]) -> None:
    for layer in layers:
        for rp in _repeaters(layer.get("shapes")):
            c = rp.get("c")
            if not isinstance(c, dict):
                continue
            k = c.get("k")
            if not c.get("a"):
                n = k[0] if isinstance(k, list) and len(k) == 1 else k
                if isinstance(n, (int, float)):
                    c["k"] = _round(n)
                continue
            holds = whole_number_holds(k, _round)
            if holds:
                c["k"] = holds


def _repeaters(shapes: list) -> Iterator[dict]:
    for s in shapes or []:
        if isinstance(s, dict):
            if s.get("ty") == "rp":
                yield s
            elif s.get("ty") == "gr":
                yield from _repeaters(s.get("it"))


def _round(v: float) -> int:
    """Skottie's count: pinned to 0..1024, halves rounded up."""
    return int(math.floor(min(max(v, 0.0), 1024.0) + 0.5 + 1e-9))


def _first(v):
    if isinstance(v, list):
        return v[0] if v and isinstance(v[0], (int, float)) else None
    return v if isinstance(v, (int, float)) else None


def _segments(keys: list) -> list | None:
    """[(t0, t1, v0, v1, ease or None (hold))] of a 1D keyframed property, or None when it cannot be read."""
    segs = []
    for a, b in zip(keys, keys[1:]):
        t0, t1, v0 = a.get("t"), b.get("t"), _first(a.get("s"))
        v1 = _first(a.get("e")) if "e" in a else _first(b.get("s"))
        if not all(isinstance(x, (int, float)) for x in (t0, t1)) or v0 is None or (v1 is None and not a.get("h")):
            return None
        if a.get("h"):
            segs.append((t0, t1, v0, v0, None))
            continue
        o, i = a.get("o") or {}, a.get("i") or {}
        ease = tuple(_first(p.get(axis)) for p in (o, i) for axis in ("x", "y"))
        segs.append((t0, t1, v0, v1, ease if all(e is not None for e in ease) else (0, 0, 1, 1)))
    return segs


def _bezier(u: float, p1: float, p2: float) -> float:
    return 3 * (1 - u) ** 2 * u * p1 + 3 * (1 - u) * u * u * p2 + u ** 3


def _value(seg, t: float) -> float:
    t0, t1, v0, v1, ease = seg
    if ease is None or t1 <= t0:
        return v0
    x = min(1.0, max(0.0, (t - t0) / (t1 - t0)))
    ox, oy, ix, iy = ease
    lo, hi = 0.0, 1.0
    for _ in range(50):                            # x(u) is monotone for control x in [0, 1]
        mid = (lo + hi) / 2
        if _bezier(mid, ox, ix) < x:
            lo = mid
        else:
            hi = mid
    return v0 + (v1 - v0) * _bezier((lo + hi) / 2, oy, iy)


def whole_number_holds(keys, to_whole: Callable[[float], int]) -> list | None:
    """Hold keyframes of `to_whole` of a keyframed 1D property: one where its value, on the keyframes' own easing
    curves, first reaches each new whole number; None when the keyframes cannot be read."""
    if not isinstance(keys, list) or len(keys) < 2 or not all(isinstance(k, dict) for k in keys):
        return None
    segs = _segments(keys)
    if segs is None:
        return None
    out = [{"t": segs[0][0], "s": [to_whole(segs[0][2])], "h": 1}]
    for seg in segs:
        t0, t1 = seg[0], seg[1]
        prev_t, prev = t0, to_whole(_value(seg, t0))
        if prev != out[-1]["s"][0]:
            out.append({"t": t0, "s": [prev], "h": 1})
        for n in range(1, SAMPLES + 1):
            t = t0 + (t1 - t0) * n / SAMPLES
            cur = to_whole(_value(seg, t))
            if cur != prev:
                lo, hi = prev_t, t
                for _ in range(40):                 # the first time the rounded-up count is `cur`
                    mid = (lo + hi) / 2
                    if to_whole(_value(seg, mid)) == prev:
                        lo = mid
                    else:
                        hi = mid
                out.append({"t": hi, "s": [cur], "h": 1})
            prev_t, prev = t, cur
    last = _first(keys[-1].get("s"))
    end = to_whole(last) if last is not None else out[-1]["s"][0]
    out.append({"t": keys[-1]["t"], "s": [end], "h": 1})
    return out
