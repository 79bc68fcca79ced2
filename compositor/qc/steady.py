"""Does the tracked thing stay put in the footage? For each frame pair (i, i+1) of a track's region: points of
the region in frame i are followed to i+1 with pyramidal Lucas-Kanade and back again. A point holds when it
comes back to where it started (forward-backward error) and lands where the track says the region went. The
per-frame figure is the share of the region's points that hold: 1 when the surface or subject moves as the
layer riding on it does, low when something crosses it, it slides, or it leaves the frame.

This judges the footage and the track together, not the tracker's own bookkeeping (how many of its reference
features it re-found): a walking person changes look all the time and keeps few reference features, yet every
point of the patch still moves with the ring that follows it."""
from __future__ import annotations

import cv2
import numpy as np

ANALYSIS_HEIGHT = 360      # px: the footage is judged at most this tall
FB_PX = 1.0                # analysis px (+ FB_SHARE of the motion): a point that does not come back is lost
FB_SHARE = 0.5
AGREE_PX = 2.0             # analysis px, + a share of the region's side + MOTION_SHARE of its motion: how far
MOTION_SHARE = 0.5         # from where the track's motion puts it a point may land (a fast subject is blurred)
AGREE_SHARE = {"planar": 0.15,   # a flat surface is rigid: its points move as its corners do
               "point": 0.4,     # a subject is not (a skirt flaps, an arm swings): the ring stays on the person
               "camera": 0.15}
MAX_POINTS = 80
MIN_POINTS = 12            # fewer corners than this (a flat region): a grid of points stands in
LK = dict(winSize=(21, 21), maxLevel=4, criteria=(cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 30, 0.01),
          flags=0, minEigThreshold=1e-4)


def region(ts, name: str, i: int, size: tuple[int, int], patch: float) -> np.ndarray:
    """The (4, 2) quad, in output pixels, of what track `name` follows at frame i: a planar track's corners,
    a point track's patch (side `patch`) carried by its similarity, a camera track's whole frame."""
    t = ts.tracks[name]
    if t.kind == "planar":
        return np.asarray(ts.corners(name, i), np.float64)
    if t.kind == "point":
        p, h = np.asarray(t.anchor, np.float64), patch / 2
        sq = p + np.array([[-h, -h], [h, -h], [h, h], [-h, h]])
        M = t.matrices[ts._i(i)]
        q = np.c_[sq, np.ones(4)] @ M.T
        return q[:, :2] / q[:, 2:3]
    w, h = size
    m = 0.05
    return np.array([[w * m, h * m], [w * (1 - m), h * m], [w * (1 - m), h * (1 - m)], [w * m, h * (1 - m)]])


def _points(gray: np.ndarray, quad: np.ndarray) -> np.ndarray:
    mask = np.zeros_like(gray)
    cv2.fillConvexPoly(mask, np.round(quad).astype(np.int32), 255)
    if cv2.countNonZero(mask) < 16:
        return np.zeros((0, 1, 2), np.float32)
    pts = cv2.goodFeaturesToTrack(gray, MAX_POINTS, 0.01, 4, mask=mask, blockSize=5)
    if pts is not None and len(pts) >= MIN_POINTS:
        return pts.astype(np.float32)
    u = np.linspace(0.1, 0.9, 7)
    a, b = np.meshgrid(u, u)
    tl, tr, br, bl = quad
    grid = ((1 - a) * (1 - b))[..., None] * tl + (a * (1 - b))[..., None] * tr + (a * b)[..., None] * br + \
        ((1 - a) * b)[..., None] * bl
    grid = grid.reshape(-1, 2)
    h, w = gray.shape
    inside = (grid[:, 0] >= 0) & (grid[:, 0] < w) & (grid[:, 1] >= 0) & (grid[:, 1] < h)
    return grid[inside].reshape(-1, 1, 2).astype(np.float32)


def hold(gray_a: np.ndarray, gray_b: np.ndarray, quad_a: np.ndarray, quad_b: np.ndarray,
         rigid_share: float = AGREE_SHARE["planar"]) -> float:
    """Share (0-1) of the points of `quad_a` in frame a that go forward to b and back to within FB_PX, and
    land within the agreement tolerance of where the quad's own motion (quad_a -> quad_b) puts them."""
    pts = _points(gray_a, quad_a)
    if len(pts) == 0:
        return 0.0          # the region is off screen: nothing of it holds
    fwd, st1, _ = cv2.calcOpticalFlowPyrLK(gray_a, gray_b, pts, None, **LK)
    back, st2, _ = cv2.calcOpticalFlowPyrLK(gray_b, gray_a, fwd, None, **LK)
    fb = np.linalg.norm((back - pts).reshape(-1, 2), axis=1)
    H = cv2.getPerspectiveTransform(quad_a.astype(np.float32), quad_b.astype(np.float32))
    pred = cv2.perspectiveTransform(pts, H).reshape(-1, 2)
    agree = np.linalg.norm(fwd.reshape(-1, 2) - pred, axis=1)
    side = float(np.linalg.norm(np.roll(quad_a, -1, 0) - quad_a, axis=1).min())
    motion = np.maximum(np.linalg.norm(pred - pts.reshape(-1, 2), axis=1),      # the track's motion, or the
                        np.linalg.norm((fwd - pts).reshape(-1, 2), axis=1))      # point's: blur grows with it
    ok = (st1.ravel() == 1) & (st2.ravel() == 1) & (fb < FB_PX + FB_SHARE * motion) & \
        (agree < AGREE_PX + rigid_share * side + MOTION_SHARE * motion)
    return float(ok.mean())


def steadiness(source, ts, name: str, frames: range, size: tuple[int, int], patch: float = 64.0) -> np.ndarray:
    """Per frame of `frames`: the share of the track's region that holds from that frame to the next new one.
    Footage at a lower frame rate repeats frames; a run of repeats is one moment and is compared with the next
    new frame. One moment measured badly (motion blur, a hand brushing a corner for one frame) is not a layer
    sliding off: each moment takes the median of itself and its two neighbours. `source.frame(i)` is the
    footage the track was made on."""
    w, h = size
    s = min(1.0, ANALYSIS_HEIGHT / h)
    dims = (max(1, int(round(w * s))), max(1, int(round(h * s))))
    cache: dict[int, np.ndarray] = {}

    def gray(i):
        if i not in cache:
            if len(cache) > 4:
                cache.clear()
            f = source.frame(i)
            g = cv2.cvtColor(np.ascontiguousarray(f[..., :3]), cv2.COLOR_RGB2GRAY)
            cache[i] = cv2.resize(g, dims, interpolation=cv2.INTER_AREA) if s < 1 else g
        return cache[i]

    idx = list(frames)
    if not idx:
        return np.zeros(0)
    runs, start = [], idx[0]
    for i in idx[1:]:
        if not np.array_equal(gray(start), gray(i)):
            runs.append((start, i))
            start = i
    runs.append((start, idx[-1] + 1))
    rigid = AGREE_SHARE[ts.tracks[name].kind]
    held = []
    for k, (a, end) in enumerate(runs):
        if k + 1 < len(runs):
            b = runs[k + 1][0]
            held.append(hold(gray(a), gray(b), region(ts, name, a, size, patch) * s,
                             region(ts, name, b, size, patch) * s, rigid))
        else:
            held.append(held[-1] if held else 1.0)      # the last moment has no next: it repeats the one before
    held = np.asarray(held, np.float64)
    if len(held) > 2:        # three moments around each (the first and last: the three at that end)
        at = np.clip(np.arange(len(held)), 1, len(held) - 2)
        held = np.median(np.stack([held[at - 1], held[at], held[at + 1]]), 0)
    out = np.empty(len(idx))
    for (a, end), v in zip(runs, held):
        out[a - idx[0]:end - idx[0]] = v
    return out
