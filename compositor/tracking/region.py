"""The engine under every track kind: follow an image region from its reference frame, both ways.

Per frame, two stages:
1. predict: pyramidal Lucas-Kanade from the previous frame on the current feature set, kept only where the
   forward-backward check agrees (< FB_MAX px), then a RANSAC fit of reference -> current coordinates (each
   feature remembers where it sits in the reference frame, so frame-to-frame errors never multiply matrices);
2. correct drift: warp the current frame back into the reference view with the prediction and LK-align the
   reference features directly against the reference image. The fit from that alignment ties every frame to
   the reference, so error does not accumulate along the shot. When the reference no longer matches (occlusion,
   the region leaving frame, a big change of look) the prediction is kept and confidence drops.
Features that thin out (occlusion, leaving frame) are re-detected inside the predicted region; a region lost
altogether is searched for again with ORB matches against the reference (and confirmed by the correction).

Version independence: every OpenCV call states all its parameters, and the two steps whose results changed
between OpenCV 4 and 5 are done here instead (`warp_back`: fixed-point sampling; `homography_lsq`: the
least-squares refit), so a tracked corner is the same bits on opencv-python-headless 4.9-4.13 and 5.x.

Models: "homography" (planar surfaces, the camera on a flat scene) or "similarity" (points, stabilizing).
All coordinates here are analysis pixels; callers scale to output pixels.
"""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable, Optional

import cv2
import numpy as np

LK_WIN = (21, 21)
LK_LEVELS = 3
LK_CRITERIA = (cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 20, 0.02)
LK_FLAGS = 0            # no initial guess, plain window error: said here, not left to the installed version
LK_MIN_EIG = 1e-4       # a feature whose gradient matrix is flatter than this is reported lost
GFTT_QUALITY = 0.005    # Shi-Tomasi (not Harris) corners down to 0.5% of the strongest
GFTT_BLOCK = 5
GFTT_GRADIENT = 3
FB_MAX = 0.8            # px: forward-backward disagreement above this drops a feature
RANSAC_PX = 1.5         # px: inlier threshold of the fits
TIGHT_PX = 0.5          # px: the least-squares refit keeps residuals below this (or 2.5x the median)
MAX_CORRECTION = 10.0   # px: a drift correction larger than this is a mismatch, not drift
THREADS = 2             # forwards and backwards from the reference in parallel
CHAIN_POINTS = 80       # features followed frame to frame for the prediction
CORRECT_WIN = (15, 15)  # a smaller window for the near-aligned reference match: as precise, cheaper
CORRECT_FB = True
CORRECT_RANSAC_PX = 1.0  # aligned against the reference, residuals are tenths of a pixel: a tight RANSAC
                         # keeps nearby background that happens to move almost like the surface from bending the fit
CORRECT_LEVELS = 2      # the warped frame is already within a few px of the reference: a short pyramid
MIN_FIT = {"homography": 8, "similarity": 4}


@dataclass
class RegionTrack:
    """Per frame: `H[i]` maps reference-frame analysis coordinates to frame i; `confidence[i]` in [0, 1]."""

    H: np.ndarray
    confidence: np.ndarray
    ref_index: int


def fit_model(model: str, src: np.ndarray, dst: np.ndarray, thr: float = RANSAC_PX):
    """RANSAC fit src -> dst, then a least-squares refit on the tight inliers; returns (3x3, inlier mask)
    or (None, None). The tight pass matters: near the reference frame, features on a differently moving
    background still agree with the surface within the RANSAC threshold and would bias the fit."""
    if len(src) < MIN_FIT[model]:
        return None, None
    src = np.ascontiguousarray(src, np.float32)
    dst = np.ascontiguousarray(dst, np.float32)
    if model == "homography":
        H, mask = cv2.findHomography(src, dst, cv2.RANSAC, thr, maxIters=2000, confidence=0.995)
    else:
        M, mask = cv2.estimateAffinePartial2D(src, dst, method=cv2.RANSAC, ransacReprojThreshold=thr,
                                              maxIters=2000, confidence=0.995, refineIters=10)
        H = None if M is None else np.vstack([M, [0.0, 0.0, 1.0]])
    if H is None or mask is None or not np.all(np.isfinite(H)):
        return None, None
    inl = mask.ravel().astype(bool)
    if inl.sum() < MIN_FIT[model]:
        return None, None
    # OpenCV's own final refinement on the inliers differs between versions (4.x and 5.x disagree in the 6th
    # digit); refit here so only the inlier set comes from OpenCV
    H = _least_squares(model, src[inl], dst[inl])
    if H is None:
        return None, None
    res = np.linalg.norm(project(H, src) - dst, axis=1)
    tight = inl & (res < max(TIGHT_PX, 2.5 * float(np.median(res[inl]))))
    if tight.sum() >= max(MIN_FIT[model], inl.sum() // 2):
        H2 = _least_squares(model, src[tight], dst[tight])
        if H2 is not None:
            H, inl = H2, tight
    return H, inl


def _least_squares(model: str, src: np.ndarray, dst: np.ndarray):
    if model == "homography":
        return homography_lsq(src, dst)
    # similarity (Umeyama without reflection)
    s = src.astype(np.float64)
    d = dst.astype(np.float64)
    ms, md = s.mean(0), d.mean(0)
    s0, d0 = s - ms, d - md
    var = (s0 ** 2).sum() / len(s)
    if var < 1e-12:
        return None
    a = (s0[:, 0] * d0[:, 0] + s0[:, 1] * d0[:, 1]).sum() / len(s) / var
    b = (s0[:, 0] * d0[:, 1] - s0[:, 1] * d0[:, 0]).sum() / len(s) / var
    A = np.array([[a, -b], [b, a]])
    t = md - A @ ms
    return np.array([[a, -b, t[0]], [b, a, t[1]], [0.0, 0.0, 1.0]])


def _normalizer(p: np.ndarray) -> np.ndarray:
    """Hartley normalization: centroid to the origin, mean distance sqrt(2)."""
    c = p.mean(0)
    d = np.sqrt(((p - c) ** 2).sum(1)).mean()
    k = np.sqrt(2.0) / d if d > 1e-12 else 1.0
    return np.array([[k, 0.0, -k * c[0]], [0.0, k, -k * c[1]], [0.0, 0.0, 1.0]])


def homography_lsq(src: np.ndarray, dst: np.ndarray, iters: int = 10):
    """Least-squares homography src -> dst: normalized DLT, then Gauss-Newton on the reprojection error.

    Written out rather than cv2.findHomography(method=0) because that one's solver changed between OpenCV 4
    and 5 (the same points give matrices differing by ~1e-4), which moved tracked corners by pixels on
    hard frames. numpy's SVD and lstsq give the same answer whatever OpenCV is installed."""
    s = np.asarray(src, np.float64).reshape(-1, 2)
    d = np.asarray(dst, np.float64).reshape(-1, 2)
    if len(s) < 4:
        return None
    Ts, Td = _normalizer(s), _normalizer(d)
    sn = s @ Ts[:2, :2].T + Ts[:2, 2]
    dn = d @ Td[:2, :2].T + Td[:2, 2]
    x, y, u, v = sn[:, 0], sn[:, 1], dn[:, 0], dn[:, 1]
    one, zero = np.ones_like(x), np.zeros_like(x)
    A = np.concatenate([np.stack([x, y, one, zero, zero, zero, -u * x, -u * y, -u], 1),
                        np.stack([zero, zero, zero, x, y, one, -v * x, -v * y, -v], 1)])
    try:
        _, _, vt = np.linalg.svd(A, full_matrices=False)
    except np.linalg.LinAlgError:
        return None
    h = vt[-1]
    if abs(h[8]) < 1e-12:
        return None
    h = h / h[8]
    for _ in range(iters):   # Gauss-Newton on the 8 free entries, in normalized coordinates
        w = h[6] * x + h[7] * y + 1.0
        if np.any(np.abs(w) < 1e-9):
            break
        pu = (h[0] * x + h[1] * y + h[2]) / w
        pv = (h[3] * x + h[4] * y + h[5]) / w
        r = np.concatenate([pu - u, pv - v])
        J = np.concatenate([np.stack([x / w, y / w, one / w, zero, zero, zero, -pu * x / w, -pu * y / w], 1),
                            np.stack([zero, zero, zero, x / w, y / w, one / w, -pv * x / w, -pv * y / w], 1)])
        step = np.linalg.lstsq(J, -r, rcond=None)[0]
        h[:8] += step
        if np.abs(step).max() < 1e-12:
            break
    Hn = h.reshape(3, 3)
    H = np.linalg.inv(Td) @ Hn @ Ts
    if not np.all(np.isfinite(H)) or abs(H[2, 2]) < 1e-12:
        return None
    return H / H[2, 2]


def project(H: np.ndarray, pts: np.ndarray) -> np.ndarray:
    """Apply a 3x3 to (N, 2) points."""
    if len(pts) == 0:
        return np.zeros((0, 2), np.float64)
    return cv2.perspectiveTransform(np.asarray(pts, np.float64).reshape(-1, 1, 2), H).reshape(-1, 2)


def polygon_mask(shape: tuple[int, int], poly: np.ndarray) -> np.ndarray:
    mask = np.zeros(shape, np.uint8)
    cv2.fillConvexPoly(mask, np.round(poly * 16).astype(np.int32), 255, lineType=cv2.LINE_8, shift=4)
    return mask


def expand(poly: np.ndarray, margin: float) -> np.ndarray:
    """Grow a polygon about its centroid by `margin` of its size."""
    c = poly.mean(axis=0)
    return c + (poly - c) * (1.0 + margin)


def coverage(poly: np.ndarray, shape: tuple[int, int]) -> float:
    """The fraction of a convex polygon's area that lies inside the frame."""
    h, w = shape
    area = abs(cv2.contourArea(poly.astype(np.float32)))
    if area < 1e-6:
        return 0.0
    frame = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    try:
        inter, _ = cv2.intersectConvexConvex(poly.astype(np.float32), frame)
    except cv2.error:
        return 0.0
    return float(np.clip(inter / area, 0.0, 1.0))


def is_sane_quad(poly: np.ndarray, prev: Optional[np.ndarray] = None) -> bool:
    """A fitted region that folded over or jumped in size between two frames is a bad fit."""
    edges = np.roll(poly, -1, axis=0) - poly
    nxt = np.roll(edges, -1, axis=0)
    cross = edges[:, 0] * nxt[:, 1] - edges[:, 1] * nxt[:, 0]
    if not (np.all(cross > 0) or np.all(cross < 0)):
        return False
    if prev is None:
        return True
    a0 = abs(cv2.contourArea(prev.astype(np.float32)))
    a1 = abs(cv2.contourArea(poly.astype(np.float32)))
    return a0 > 0 and 0.6 < a1 / a0 < 1.6


def bridge_lost(H: np.ndarray, conf: np.ndarray) -> np.ndarray:
    """Frames where the region was lost (confidence 0) between two tracked frames get matrices interpolated
    linearly between those neighbours (a brief occlusion glides instead of freezing, then jumping); lost
    frames at either end keep the last tracked matrix. Confidence stays 0 there, so it is still reported."""
    H = H / H[:, 2:3, 2:3]
    good = np.flatnonzero(conf > 0)
    if len(good) == 0 or len(good) == len(conf):
        return H
    idx = np.arange(len(conf))
    flat = H.reshape(len(conf), 9)
    out = np.stack([np.interp(idx, good, flat[good, k]) for k in range(9)], axis=1)
    out[good] = flat[good]
    return out.reshape(-1, 3, 3)


def warp_back(img: np.ndarray, M: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """Sample `img` at M @ (x, y, 1) for every pixel of a `size` (w, h) output: bilinear, 0 outside.

    Not cv2.warpPerspective: OpenCV 4 rounds the sampling coordinates to 1/32 px (INTER_BITS = 5) while
    OpenCV 5 interpolates float maps at full precision, so the same call gives pixels up to 4 grey levels apart
    and the tracker's results depended on the installed version. Fixed-point maps (convertMaps to CV_16SC2)
    are the same 1/32 px grid in both, so the result is bit-identical across versions. (Exact sampling done
    in numpy lowers the locked-off jitter from 0.04 to 0.005 px but costs ~7 ms a frame: not worth it.)"""
    w, h = size
    xs = np.arange(w, dtype=np.float64)[None, :]
    ys = np.arange(h, dtype=np.float64)[:, None]
    z = M[2, 0] * xs + M[2, 1] * ys + M[2, 2]
    with np.errstate(divide="ignore", invalid="ignore"):
        mx = (M[0, 0] * xs + M[0, 1] * ys + M[0, 2]) / z
        my = (M[1, 0] * xs + M[1, 1] * ys + M[1, 2]) / z
    bad = ~(np.isfinite(mx) & np.isfinite(my))
    mx = np.clip(np.where(bad, -10.0, mx), -1e4, 1e4).astype(np.float32)
    my = np.clip(np.where(bad, -10.0, my), -1e4, 1e4).astype(np.float32)
    m1, m2 = cv2.convertMaps(mx, my, cv2.CV_16SC2, nninterpolation=False)
    return cv2.remap(img, m1, m2, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)


def _orb():
    """ORB for relocalization, every parameter given (the defaults of OpenCV 4.x, written out)."""
    return cv2.ORB_create(nfeatures=1500, scaleFactor=1.2, nlevels=8, edgeThreshold=31, firstLevel=0, WTA_K=2,
                          scoreType=cv2.ORB_HARRIS_SCORE, patchSize=31, fastThreshold=10)


def _lk(a, b, pts: np.ndarray, levels: int = LK_LEVELS, win: tuple[int, int] = LK_WIN, check: bool = True):
    """Forward LK a->b with a backward check (unless `check` is off); returns (new points, ok mask)."""
    p0 = np.ascontiguousarray(pts, np.float32).reshape(-1, 1, 2)
    p1, st1, _ = cv2.calcOpticalFlowPyrLK(a, b, p0, None, winSize=win, maxLevel=levels, criteria=LK_CRITERIA,
                                          flags=LK_FLAGS, minEigThreshold=LK_MIN_EIG)
    if p1 is None:
        return pts.copy(), np.zeros(len(pts), bool)
    if not check:
        return p1.reshape(-1, 2).astype(np.float64), st1.ravel() == 1
    pb, st2, _ = cv2.calcOpticalFlowPyrLK(b, a, p1, None, winSize=win, maxLevel=levels, criteria=LK_CRITERIA,
                                          flags=LK_FLAGS, minEigThreshold=LK_MIN_EIG)
    fb = np.linalg.norm((pb - p0).reshape(-1, 2), axis=1)
    ok = (st1.ravel() == 1) & (st2.ravel() == 1) & (fb < FB_MAX)
    return p1.reshape(-1, 2).astype(np.float64), ok


def _inside(pts: np.ndarray, shape: tuple[int, int], border: float) -> np.ndarray:
    h, w = shape
    return ((pts[:, 0] >= border) & (pts[:, 0] < w - 1 - border) &
            (pts[:, 1] >= border) & (pts[:, 1] < h - 1 - border))


class RegionTracker:
    """Tracks one region (a polygon in the reference frame) through a GrayStack, both ways."""

    def __init__(self, stack, ref_index: int, polygon: np.ndarray, model: str = "homography",
                 margin: float = 0.1, max_points: int = 300, min_distance: Optional[float] = None):
        self.stack = stack
        self.r = int(np.clip(ref_index, 0, len(stack) - 1))
        self.poly = np.asarray(polygon, np.float64)
        self.model = model
        self.shape = stack.shape
        self.max_points = max_points
        self.search = expand(self.poly, margin)
        area = abs(cv2.contourArea(self.poly.astype(np.float32)))
        self.min_distance = min_distance or float(np.clip(np.sqrt(area / max_points) * 0.7, 4, 30))
        ref = stack[self.r]
        self.ref_pts = self._detect(np.asarray(ref), self.search)
        # the reference patch used for drift correction: the search region's bounding box
        x0, y0, x1, y1 = self._bbox(self.search, pad=LK_WIN[0])
        self.roi = (x0, y0, x1 - x0, y1 - y0)
        self.ref_patch = np.ascontiguousarray(np.asarray(ref)[y0:y1, x0:x1])
        self._ref_orb = None  # ORB features of the reference, built on the first loss
        self._lock = threading.Lock()

    def _bbox(self, poly: np.ndarray, pad: int):
        h, w = self.shape
        x0 = int(max(0, np.floor(poly[:, 0].min()) - pad))
        y0 = int(max(0, np.floor(poly[:, 1].min()) - pad))
        x1 = int(min(w, np.ceil(poly[:, 0].max()) + pad + 1))
        y1 = int(min(h, np.ceil(poly[:, 1].max()) + pad + 1))
        return x0, y0, max(x1, x0 + 2), max(y1, y0 + 2)

    def _detect(self, img: np.ndarray, poly: np.ndarray, max_points: Optional[int] = None) -> np.ndarray:
        mask = polygon_mask(self.shape, poly)
        pts = cv2.goodFeaturesToTrack(img, maxCorners=max_points or self.max_points, qualityLevel=GFTT_QUALITY,
                                      minDistance=self.min_distance, mask=mask, blockSize=GFTT_BLOCK,
                                      gradientSize=GFTT_GRADIENT, useHarrisDetector=False, k=0.04)
        if pts is None:
            return np.zeros((0, 2), np.float64)
        return pts.reshape(-1, 2).astype(np.float64)

    @property
    def n_features(self) -> int:
        return len(self.ref_pts)

    def run(self, progress: Optional[Callable[[int], None]] = None) -> RegionTrack:
        n = len(self.stack)
        H = np.zeros((n, 3, 3))
        conf = np.zeros(n)
        H[self.r] = np.eye(3)
        conf[self.r] = 1.0
        steps = [step for step in (1, -1) if 0 <= self.r + step < n]
        if len(steps) == 2 and THREADS > 1:
            # the two directions share nothing but the read-only stack, and OpenCV releases the GIL: on two
            # cores they run side by side
            with ThreadPoolExecutor(max_workers=2) as pool:
                for f in [pool.submit(self._run_direction, step, H, conf, progress) for step in steps]:
                    f.result()
        else:
            for step in steps:
                self._run_direction(step, H, conf, progress)
        return RegionTrack(H=bridge_lost(H, conf), confidence=conf, ref_index=self.r)

    def _run_direction(self, step: int, H: np.ndarray, conf: np.ndarray, progress) -> None:
        n = len(self.stack)
        # the chain only predicts (the correction against the reference gives the precision), so it follows a
        # spread-out subset of the features: a few dozen points predict as well as hundreds, for less work
        pick = np.linspace(0, len(self.ref_pts) - 1, min(CHAIN_POINTS, len(self.ref_pts))).round().astype(int)
        pts = self.ref_pts[pick].copy()    # current positions (in the previous frame)
        refs = self.ref_pts[pick].copy()   # their reference-frame positions
        target = max(MIN_FIT[self.model] * 3, int(0.5 * len(pts)))
        H_prev = np.eye(3)
        prev = np.asarray(self.stack[self.r])
        j = self.r + step
        while 0 <= j < n:
            cur = np.asarray(self.stack[j])
            H_j, c, pts, refs = self._step(prev, cur, pts, refs, H_prev)
            # re-detect when features thin out (occlusion, the region leaving frame)
            if len(pts) < target and c > 0:
                new = self._detect(cur, project(H_j, self.search), max(CHAIN_POINTS - len(pts), 8))
                if len(new):
                    pts = np.vstack([pts, new])
                    refs = np.vstack([refs, project(np.linalg.inv(H_j), new)])
            H[j] = H_j
            conf[j] = c
            H_prev = H_j
            prev = cur
            if progress:
                progress(1)
            j += step

    def _step(self, prev, cur, pts, refs, H_prev):
        model = self.model
        poly_prev = project(H_prev, self.poly)
        H_pred, c_pred = None, 0.0
        if len(pts) >= MIN_FIT[model]:
            nxt, ok = _lk(prev, cur, pts)
            ok &= _inside(nxt, self.shape, 1.0)
            if ok.sum() >= MIN_FIT[model]:
                H_pred, inl = fit_model(model, refs[ok], nxt[ok])
                if H_pred is not None:
                    idx = np.flatnonzero(ok)[inl]
                    pts, refs = nxt[idx], refs[idx]
                    c_pred = len(idx) / max(1, ok.size)
                    if not is_sane_quad(project(H_pred, self.poly), poly_prev):
                        H_pred = None
        lost = H_pred is None
        if lost:
            found = self._relocalize(cur)
            if found is not None:
                H_j, c = found
                pts = project(H_j, self.ref_pts)
                keep = _inside(pts, self.shape, 1.0)
                cov = coverage(project(H_j, self.poly), self.shape)
                return H_j, float(c * min(1.0, cov / 0.5)), pts[keep], self.ref_pts[keep].copy()
            H_pred = H_prev
            pts = project(H_prev, refs) if len(refs) else pts
        H_ref, c_ref = self._correct(cur, H_pred)
        if H_ref is not None and is_sane_quad(project(H_ref, self.poly), poly_prev):
            H_j = H_ref
            # snap the chain onto the drift-free fit so its errors never build up
            pts = project(H_j, refs)
            keep = _inside(pts, self.shape, 1.0)
            pts, refs = pts[keep], refs[keep]
            c = c_ref
        else:
            H_j = H_pred
            c = 0.0 if lost else 0.6 * c_pred   # frame-to-frame only: trusted less, flagged when it weakens
        cov = coverage(project(H_j, self.poly), self.shape)
        return H_j, float(c * min(1.0, cov / 0.5)), pts, refs

    def _relocalize(self, cur: np.ndarray):
        """Find the region again after losing it (occlusion, a cut away and back): ORB matches between the
        reference region and the whole frame, then the usual drift correction must confirm the fit."""
        with self._lock:
            if self._ref_orb is None:
                orb = _orb()
                mask = polygon_mask(self.shape, self.search)
                kp, des = orb.detectAndCompute(np.asarray(self.stack[self.r]), mask)
                self._ref_orb = (np.array([k.pt for k in kp], np.float64).reshape(-1, 2), des)
        ref_xy, ref_des = self._ref_orb
        if ref_des is None or len(ref_xy) < MIN_FIT[self.model] * 2:
            return None
        kp, des = _orb().detectAndCompute(cur, None)
        if des is None or len(kp) < MIN_FIT[self.model] * 2:
            return None
        matches = cv2.BFMatcher(cv2.NORM_HAMMING, crossCheck=False).knnMatch(ref_des, des, k=2)
        good = [m[0] for m in matches if len(m) == 2 and m[0].distance < 0.8 * m[1].distance]
        if len(good) < MIN_FIT[self.model] * 2:
            return None
        src = ref_xy[[m.queryIdx for m in good]]
        dst = np.array([kp[m.trainIdx].pt for m in good], np.float64)
        H, inl = fit_model(self.model, src, dst, thr=3.0)
        if H is None or inl.sum() < max(12, MIN_FIT[self.model] * 2) or not is_sane_quad(project(H, self.poly)):
            return None
        H_ref, c = self._correct(cur, H)
        if H_ref is None or not is_sane_quad(project(H_ref, self.poly)):
            return None
        return H_ref, c

    def _correct(self, cur: np.ndarray, H_pred: np.ndarray):
        """LK-align the reference features against the current frame warped back into the reference view."""
        model = self.model
        fwd = project(H_pred, self.ref_pts)
        vis = _inside(fwd, self.shape, LK_WIN[0] / 2)
        if vis.sum() < MIN_FIT[model]:
            return None, 0.0
        x0, y0, w, h = self.roi
        A = np.array([[1.0, 0, x0], [0, 1.0, y0], [0, 0, 1.0]])
        M = H_pred @ A
        warped = warp_back(cur, M, (w, h))
        q0 = self.ref_pts[vis] - (x0, y0)
        q, ok = _lk(self.ref_patch, warped, q0, levels=CORRECT_LEVELS, win=CORRECT_WIN, check=CORRECT_FB)
        ok &= np.linalg.norm(q - q0, axis=1) < MAX_CORRECTION
        if ok.sum() < MIN_FIT[model]:
            return None, 0.0
        dst = project(M, q[ok])
        H_ref, inl = fit_model(model, self.ref_pts[vis][ok], dst, thr=CORRECT_RANSAC_PX)
        if H_ref is None:
            return None, 0.0
        n_vis = int(vis.sum())
        n_inl = int(inl.sum())
        if n_inl < max(MIN_FIT[model] * 2, 0.2 * n_vis):
            return None, 0.0
        return H_ref, float(min(1.0, n_inl / (0.8 * n_vis)))
