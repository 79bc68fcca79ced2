"""Static Lottie shapes as the contours Skottie builds of them, for rewrites that need their geometry (Pucker &
Bloat's centre, the lengths Trim Paths measures).

A contour is a start point and segments, each ("L", end) or ("C", control 1, control 2, end): a path (`sh`) keeps
a segment straight where both its tangents are zero; an unrounded rectangle (`rc`) and a polystar without roundness
(`sr`) are straight lines; an ellipse (`el`) is four quarter arcs, Skia's conics, as cubics. A shape that is
animated or rounded raises `NotStatic`.
"""
from __future__ import annotations

import math

KAPPA = 0.551915024494                           # Skia's cubic of a quarter circle


class NotStatic(Exception):
    pass


def static_number(prop) -> float:
    if not isinstance(prop, dict) or prop.get("a") == 1:
        raise NotStatic
    k = prop.get("k")
    k = k[0] if isinstance(k, list) and len(k) == 1 else k
    if not isinstance(k, (int, float)):
        raise NotStatic
    return float(k)


def static_xy(prop) -> list:
    if not isinstance(prop, dict) or prop.get("a") == 1 or not isinstance(prop.get("k"), list) \
            or len(prop["k"]) < 2 or not all(isinstance(v, (int, float)) for v in prop["k"][:2]):
        raise NotStatic
    return [float(v) for v in prop["k"][:2]]


def contour(shape: dict, bezier: dict | None = None) -> tuple:
    """(start, segments, closed) of a static shape; `bezier` gives the value of a path (`sh`) to use."""
    kind = shape.get("ty")
    if kind == "sh":
        if bezier is None:
            k = (shape.get("ks") or {}).get("k")
            if not isinstance(k, dict):
                raise NotStatic
            bezier = k
        return bezier_contour(bezier)
    if kind == "rc":
        if shape.get("r") is not None and static_number(shape.get("r")) != 0:
            raise NotStatic
        (x, y), (w, h) = static_xy(shape.get("p")), static_xy(shape.get("s"))
        return _polygon([[x + w / 2, y - h / 2], [x + w / 2, y + h / 2], [x - w / 2, y + h / 2],
                         [x - w / 2, y - h / 2]])
    if kind == "el":
        (x, y), (w, h) = static_xy(shape.get("p")), static_xy(shape.get("s"))
        rx, ry = w / 2, h / 2
        ends = [[x + rx, y], [x, y + ry], [x - rx, y], [x, y - ry]]
        corners = [[x + rx, y - ry], [x + rx, y + ry], [x - rx, y + ry], [x - rx, y - ry]]
        segments, start = [], ends[-1]
        for corner, end in zip(corners, ends):
            segments.append(("C", _lerp(start, corner, KAPPA), _lerp(end, corner, KAPPA), end))
            start = end
        return ends[-1], segments, True
    if kind == "sr":
        return _polygon(_star_points(shape))
    raise NotStatic


def bezier_contour(bezier: dict) -> tuple:
    v = [[float(a), float(b)] for a, b in bezier.get("v") or []]
    n = len(v)
    if n == 0:
        raise NotStatic
    ins = [[float(a), float(b)] for a, b in (bezier.get("i") or [[0, 0]] * n)]
    outs = [[float(a), float(b)] for a, b in (bezier.get("o") or [[0, 0]] * n)]
    closed = bool(bezier.get("c"))
    segments = []
    for k in range(n if closed else n - 1):
        j = (k + 1) % n
        if outs[k] == [0.0, 0.0] and ins[j] == [0.0, 0.0]:
            segments.append(("L", v[j]))
        else:
            segments.append(("C", _add(v[k], outs[k]), _add(v[j], ins[j]), v[j]))
    return v[0], segments, closed


def _polygon(points: list) -> tuple:
    return points[0], [("L", p) for p in points[1:] + points[:1]], True


def _star_points(star: dict) -> list:
    if any(star.get(key) is not None and static_number(star.get(key)) != 0 for key in ("os", "is")):
        raise NotStatic                                # rounded points are curves Skottie builds otherwise
    kind = star.get("sy", 1)
    count = int(math.floor(static_number(star.get("pt")) + 0.5 + 1e-9))       # rounded, as Skottie counts
    outer, turn = static_number(star.get("or")), static_number(star.get("r") or {"k": 0})
    inner = static_number(star.get("ir")) if kind == 1 else 0.0
    if count < 1:
        raise NotStatic
    x, y = static_xy(star.get("p"))
    arc, angle = 2 * math.pi / count, math.radians(turn - 90)
    pts = []
    for _ in range(count):
        pts.append([x + outer * math.cos(angle), y + outer * math.sin(angle)])
        if kind == 1:
            pts.append([x + inner * math.cos(angle + arc / 2), y + inner * math.sin(angle + arc / 2)])
        angle += arc
    return pts


def tight_bounds_centre(start: list, segments: list) -> list:
    """The centre of the box around the drawn curve (not its control points), as Skia's computeTightBounds."""
    xs, ys, at = [start[0]], [start[1]], start
    for seg in segments:
        end = seg[-1]
        xs.append(end[0]), ys.append(end[1])
        if seg[0] == "C":
            for t in _extrema(at, seg[1], seg[2], end):
                p = cubic_point(at, seg[1], seg[2], end, t)
                xs.append(p[0]), ys.append(p[1])
        at = end
    return [(min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2]


def _extrema(p0, p1, p2, p3) -> list:
    ts = []
    for axis in (0, 1):
        a = -p0[axis] + 3 * p1[axis] - 3 * p2[axis] + p3[axis]
        b = 2 * (p0[axis] - 2 * p1[axis] + p2[axis])
        c = p1[axis] - p0[axis]
        if abs(a) < 1e-12:
            roots = [-c / b] if abs(b) > 1e-12 else []
        else:
            disc = b * b - 4 * a * c
            roots = [] if disc < 0 else [(-b + s * math.sqrt(disc)) / (2 * a) for s in (1, -1)]
        ts += [t for t in roots if 0 < t < 1]
    return ts


def cubic_point(p0, p1, p2, p3, t) -> list:
    u = 1 - t
    return [u * u * u * p0[i] + 3 * u * u * t * p1[i] + 3 * u * t * t * p2[i] + t * t * t * p3[i] for i in (0, 1)]


def length(start: list, segments: list, closed: bool) -> float:
    """The contour's length as Skia measures it (a closed contour ends on its start)."""
    total, at = 0.0, start
    for seg in segments:
        if seg[0] == "L":
            total += math.hypot(seg[1][0] - at[0], seg[1][1] - at[1])
        else:
            prev = at
            for k in range(1, 65):
                p = cubic_point(at, seg[1], seg[2], seg[3], k / 64)
                total += math.hypot(p[0] - prev[0], p[1] - prev[1])
                prev = p
        at = seg[-1]
    if closed:
        total += math.hypot(start[0] - at[0], start[1] - at[1])
    return total


def _lerp(a, b, t):
    return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]


def _add(a, b):
    return [a[0] + b[0], a[1] + b[1]]
