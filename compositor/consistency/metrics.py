"""Temporal-consistency metrics: one function per metric, each computed at a 540p analysis size.

All metrics work on motion-compensated correspondences, so that legitimate camera or object motion is not
mistaken for inconsistency:

- warping error (Lai et al. 2018) — how well frame t+1, warped back along the optical flow, reproduces frame t;
- unmatched fraction — how much of frame t has no consistent correspondence in t+1 at all (cuts, shuffles,
  morphing); Lai et al. exclude those pixels from the warping error, so this reports them separately;
- global flicker — the jump of the mean colour between corresponding pixels (not explained by motion);
- drift — how far the look (colour histogram, detail energy) wanders from the shot's first second;
- seams — how much worse a chunk join or shot continuation is than the pairs around it.

Frames are RGB uint8 (H, W, 3). Colour values in the results are in 8-bit levels unless said otherwise.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import cv2
import numpy as np

ANALYSIS_HEIGHT = 540
HIST_BINS = 8          # per channel: an 8x8x8 RGB histogram


def analysis_size(width: int, height: int, target_height: int = ANALYSIS_HEIGHT) -> tuple[int, int]:
    """(w, h) to analyse at: downscaled to `target_height` lines (never upscaled), even dimensions."""
    if height <= target_height:
        return width - width % 2, height - height % 2
    w = int(round(width * target_height / height))
    return w - w % 2, target_height


def to_analysis(frame: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """Resize an RGB frame to the analysis size with an area filter (no aliasing of fine texture).

    Exact halvings go first with the bilinear filter, which at a factor of 2 averages 2x2 blocks exactly like
    the area filter but 3x faster; the area filter does the rest."""
    frame = np.ascontiguousarray(frame[..., :3])
    w, h = size
    while frame.shape[1] >= 2 * w and frame.shape[0] >= 2 * h:
        frame = cv2.resize(frame, (frame.shape[1] // 2, frame.shape[0] // 2), interpolation=cv2.INTER_LINEAR)
    if (frame.shape[1], frame.shape[0]) == size:
        return frame
    return cv2.resize(frame, size, interpolation=cv2.INTER_AREA)


def gray(rgb: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)


class Flow:
    """Dense optical flow with OpenCV DIS (Kroeger et al. 2016), the `fast` preset: ~7 ms at 540p.

    DIS normalises patch means, so a global brightness jump barely disturbs the flow itself; the flicker then
    shows up in the warping error, which is what we want to measure."""

    def __init__(self, preset: int = cv2.DISOPTICAL_FLOW_PRESET_FAST):
        self._dis = cv2.DISOpticalFlow_create(preset)

    def __call__(self, gray_a: np.ndarray, gray_b: np.ndarray) -> np.ndarray:
        """Flow field F (H, W, 2) with a(x) ~ b(x + F(x))."""
        return self._dis.calc(gray_a, gray_b, None)


_GRIDS: dict[tuple[int, int], np.ndarray] = {}


def _grid(h: int, w: int) -> np.ndarray:
    """(H, W, 2) float32 pixel coordinates (x, y), cached per size."""
    g = _GRIDS.get((h, w))
    if g is None:
        ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
        g = _GRIDS[(h, w)] = np.dstack([xs, ys])
    return g


def sample_map(flow: np.ndarray) -> np.ndarray:
    """The absolute sampling positions x + flow(x), as a CV_32FC2 map for cv2.remap."""
    return cv2.add(_grid(*flow.shape[:2]), flow)


def warp(image: np.ndarray, flow: np.ndarray, interpolation: int = cv2.INTER_LINEAR,
         positions: np.ndarray | None = None) -> np.ndarray:
    """Backward warp: out(x) = image(x + flow(x)). With flow t->t+1 this brings frame t+1 onto frame t."""
    m = sample_map(flow) if positions is None else positions
    return cv2.remap(image, m, None, interpolation, borderMode=cv2.BORDER_REPLICATE)


_SUM2 = np.ones((1, 2), np.float32)


def occlusion_mask(flow_fw: np.ndarray, flow_bw: np.ndarray, positions: np.ndarray | None = None) -> np.ndarray:
    """Forward-backward consistency (Ruder et al. 2016, used by Lai et al. 2018). A pixel is *valid* when

        |F(x) + B(x + F(x))|^2  <  0.01 (|F(x)|^2 + |B(x + F(x))|^2) + 0.5

    and its target lies inside the frame. Returns a uint8 mask, 255 = visible in both frames (the form the
    OpenCV masked reductions take)."""
    h, w = flow_fw.shape[:2]
    pos = sample_map(flow_fw) if positions is None else positions
    bw_at = cv2.remap(flow_bw, pos, None, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    s = cv2.add(flow_fw, bw_at)
    lhs = cv2.transform(cv2.multiply(s, s), _SUM2)
    rhs = cv2.transform(cv2.add(cv2.multiply(flow_fw, flow_fw), cv2.multiply(bw_at, bw_at)), _SUM2 * 0.01)
    consistent = cv2.compare(lhs, cv2.add(rhs, 0.5), cv2.CMP_LT)
    inside = cv2.inRange(pos, (0.0, 0.0), (float(w - 1), float(h - 1)))
    return cv2.bitwise_and(consistent, inside)


def half(flow: np.ndarray, factor: int = 2) -> np.ndarray:
    """A flow field at 1/factor size, vectors rescaled to the smaller pixel grid."""
    h, w = flow.shape[:2]
    return cv2.resize(flow, (w // factor, h // factor), interpolation=cv2.INTER_AREA) * (1.0 / factor)


def occlusion_mask_fast(flow_fw: np.ndarray, flow_bw: np.ndarray) -> np.ndarray:
    """`occlusion_mask` evaluated at half size (the test is about flow vectors, which are smooth) and
    scaled back with nearest-neighbour: a quarter of the work, the same mask up to one-pixel borders. The
    0.5 px^2 tolerance is kept in full-size pixels."""
    h, w = flow_fw.shape[:2]
    f, b = half(flow_fw), half(flow_bw)
    pos = sample_map(f)
    b_at = cv2.remap(b, pos, None, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    s = cv2.add(f, b_at)
    lhs = cv2.transform(cv2.multiply(s, s), _SUM2)
    rhs = cv2.transform(cv2.add(cv2.multiply(f, f), cv2.multiply(b_at, b_at)), _SUM2 * 0.01)
    consistent = cv2.compare(lhs, cv2.add(rhs, 0.125), cv2.CMP_LT)
    inside = cv2.inRange(pos, (0.0, 0.0), (float(f.shape[1] - 1), float(f.shape[0] - 1)))
    return cv2.resize(cv2.bitwise_and(consistent, inside), (w, h), interpolation=cv2.INTER_NEAREST)


def motion_judder(flow_prev: np.ndarray, flow_next: np.ndarray, factor: int = 4) -> float:
    """Mean acceleration of the motion along its own path, in pixels (analysis size) per frame^2:

        J(t) = mean_x | F_t(x + F_{t-1}(x)) - F_{t-1}(x) |

    with F_{t-1} the flow (t-1 -> t) and F_t the flow (t -> t+1). A pan or zoom keeps its speed (J ~ 0);
    frames out of order, duplicated or dropped make the motion jump back and forth. Computed at 1/4 size."""
    fp, fn = half(flow_prev, factor), half(flow_next, factor)
    acc = cv2.subtract(warp(fn, fp), fp)
    mag = cv2.magnitude(acc[..., 0], acc[..., 1])
    return float(np.minimum(mag, 64.0 / factor).mean() * factor)


LOCAL_FLOOR = 0.02     # share of the frame: the least "moving" area a pair is judged over (noise on a still)


TEXTURE = 24.0         # Sobel magnitude (half-size levels): below it a pixel's flow is a guess, never evidence


def local_incoherence(flow_prev: np.ndarray | None, flow_next: np.ndarray, valid: np.ndarray,
                      gray_t: np.ndarray) -> float:
    """Share of the *moving* part of frame t that moves incoherently, 0 (all of it coherent) .. ~1:

    - FB-inconsistent pixels (no consistent match in t+1, target inside the frame) that form blobs: an opening
      with a disc of 1.5 % of the height removes the thin strips that real motion uncovers at object edges, so
      what is left is matter that jumped, appeared or changed shape;
    - erratic motion where the flow *is* consistent: |F_t(x + F_{t-1}(x)) - F_{t-1}(x)| larger than half the
      speed (+1 px): content going back and forth (frames out of order, a warping hand or face, boiling shapes).

    The moving part is every pixel with more than 1 px of motion or no consistent match, and never less than
    LOCAL_FLOOR of the frame. Only textured pixels of frame t (`gray_t`) count: on a flat area (a UI screen, a
    wall, the sky) the flow is a guess, and its failing the forward-backward check says nothing. Global metrics average a small jumping object into a still background; this one
    asks what share of what moves does so coherently. Computed at half size (analysis pixels halved)."""
    f = half(flow_next)
    h, w = f.shape[:2]
    ok = cv2.resize(valid, (w, h), interpolation=cv2.INTER_NEAREST)
    g = cv2.resize(gray_t, (w, h), interpolation=cv2.INTER_AREA)
    mag = cv2.magnitude(cv2.Sobel(g, cv2.CV_32F, 1, 0, ksize=3), cv2.Sobel(g, cv2.CV_32F, 0, 1, ksize=3))
    textured = cv2.dilate(cv2.compare(mag, TEXTURE, cv2.CMP_GT), np.ones((3, 3), np.uint8))
    inside = cv2.bitwise_and(cv2.inRange(sample_map(f), (0.0, 0.0), (float(w - 1), float(h - 1))), textured)
    bad = cv2.bitwise_and(cv2.bitwise_not(ok), inside)
    r = max(1, int(round(h * 0.015)))
    blob = cv2.morphologyEx(bad, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1,) * 2))
    speed = cv2.magnitude(f[..., 0], f[..., 1])
    moving = cv2.bitwise_or(cv2.bitwise_and(cv2.compare(speed, 0.5, cv2.CMP_GT), textured), bad)
    incoherent = blob
    if flow_prev is not None:
        p = half(flow_prev)
        ahead = warp(f, p)
        acc = cv2.subtract(ahead, p)
        a = cv2.magnitude(acc[..., 0], acc[..., 1])
        v0, v1 = cv2.magnitude(p[..., 0], p[..., 1]), cv2.magnitude(ahead[..., 0], ahead[..., 1])
        erratic = cv2.compare(a, cv2.add(cv2.multiply(cv2.add(v0, v1), 0.5), 0.5), cv2.CMP_GT)
        erratic = cv2.bitwise_and(erratic, cv2.compare(cv2.max(v0, v1), 0.5, cv2.CMP_GT))
        incoherent = cv2.bitwise_or(blob, cv2.bitwise_and(cv2.bitwise_and(erratic, ok), textured))
    area = max(cv2.countNonZero(moving), LOCAL_FLOOR * h * w)
    return float(min(1.0, cv2.countNonZero(incoherent) / area))


def warping_error(frame_t: np.ndarray, warped_next: np.ndarray, valid: np.ndarray) -> float:
    """Flow-based warping error of one pair (Lai et al. 2018, "Learning Blind Video Temporal Consistency",
    ECCV, eq. 9), for RGB values scaled to [0, 1]:

        E_warp(t) = 1 / sum_x M_t(x) * sum_x M_t(x) * || V_t(x) - W(V_{t+1})(x) ||^2

    where W warps frame t+1 onto frame t with the flow t->t+1 and M_t is the non-occlusion mask (uint8, 255 =
    valid). The squared norm is averaged over the 3 channels: a mean squared error per channel value."""
    n = cv2.countNonZero(valid)
    if n == 0:
        return 0.0
    sse = cv2.norm(frame_t, warped_next, cv2.NORM_L2SQR, valid)
    return float(sse / (n * 3) / (255.0 ** 2))


def global_flicker(frame_t: np.ndarray, warped_next: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """Mean colour jump between corresponding pixels, per channel, in 8-bit levels:

        d(t) = mean_{x in M_t} W(V_{t+1})(x) - mean_{x in M_t} V_t(x)

    Because both means run over the same surface points, content entering or leaving the frame and motion
    do not move it; a brightness or white-balance jump does. The shot value detrends d(t) (see
    `flicker_series`) so a slow, intended fade is not counted."""
    if cv2.countNonZero(valid) == 0:
        return np.zeros(3, np.float32)
    a = np.array(cv2.mean(frame_t, valid)[:3], np.float32)
    b = np.array(cv2.mean(warped_next, valid)[:3], np.float32)
    return b - a


def flicker_series(deltas: np.ndarray, window: int = 5) -> np.ndarray:
    """Per-pair global flicker magnitude (levels): |d(t) - median of d over the `window` pairs around t|.

    Flicker is a jump that the neighbouring pairs do not share; a fade shifts every pair alike and cancels."""
    deltas = np.asarray(deltas, np.float32).reshape(-1, 3)
    n = len(deltas)
    if n == 0:
        return np.zeros(0, np.float32)
    half = window // 2
    out = np.empty(n, np.float32)
    for i in range(n):
        lo, hi = max(0, i - half), min(n, i + half + 1)
        neigh = np.delete(deltas[lo:hi], i - lo, axis=0)
        trend = np.median(neigh, axis=0) if len(neigh) else np.zeros(3, np.float32)
        out[i] = float(np.linalg.norm(deltas[i] - trend) / np.sqrt(3.0))
    return out


def colour_histogram(rgb: np.ndarray) -> np.ndarray:
    """Normalised 8x8x8 RGB histogram of a quarter-size copy (the look, not the layout)."""
    small = cv2.resize(rgb, (max(1, rgb.shape[1] // 4), max(1, rgb.shape[0] // 4)), interpolation=cv2.INTER_AREA)
    h = cv2.calcHist([small], [0, 1, 2], None, [HIST_BINS] * 3, [0, 256] * 3)
    return (h / max(1.0, float(h.sum()))).astype(np.float32)


def detail_energy(gray_frame: np.ndarray) -> float:
    """Mean gradient magnitude (Sobel): a cheap measure of how much fine structure the frame holds."""
    gx = cv2.Sobel(gray_frame, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(gray_frame, cv2.CV_32F, 0, 1, ksize=3)
    return float(cv2.magnitude(gx, gy).mean())


def drift(hist: np.ndarray, ref_hist: np.ndarray, energy: float, ref_energy: float) -> tuple[float, float]:
    """How far a frame's look is from the shot's first second: (colour, structure).

    colour    = Hellinger (Bhattacharyya) distance between RGB histograms, 0 (same) .. 1 (disjoint);
    structure = |log(E / E_ref)| with E the mean gradient magnitude: detail melting away or turning to
                noise over a long generated clip. Both ignore *where* things are, so a pan is cheap."""
    colour = float(cv2.compareHist(hist, ref_hist, cv2.HISTCMP_BHATTACHARYYA))
    structure = abs(float(np.log((energy + 1e-3) / (ref_energy + 1e-3))))
    return colour, structure


def seam_discontinuity(pair_errors: Sequence[float], seams: Sequence[int], radius: int = 4) -> list[tuple[int, float]]:
    """For each seam frame s (first frame after a chunk join or a shot continuation), the ratio

        r(s) = e(s-1 -> s) / median{ e(k -> k+1) : 0 < |k - (s-1)| <= radius }

    of the join's per-pair error to the pairs around it; ~1 for an invisible join, >> 1 for a visible jump.
    `pair_errors[k]` is the error of the pair (k, k+1). Seams outside the shot are skipped."""
    e = np.asarray(pair_errors, np.float64)
    out: list[tuple[int, float]] = []
    for s in seams:
        k = int(s) - 1
        if k < 0 or k >= len(e):
            continue
        idx = [j for j in range(k - radius, k + radius + 1) if j != k and 0 <= j < len(e)]
        base = float(np.median(e[idx])) if idx else float(e[k])
        out.append((int(s), float(e[k] / max(base, 1e-6))))
    return out


@dataclass
class PairMetrics:
    """Everything measured on one frame pair (t, t+1)."""

    warp_error: float          # Lai et al. E_warp, [0,1]-scaled MSE
    flow: np.ndarray           # the flow t -> t+1 (for the judder of the next pair)
    unmatched: float           # fraction of frame t failing the forward-backward check
    flicker_delta: np.ndarray  # mean colour jump per channel (levels), before detrending
    valid: np.ndarray          # the forward-backward mask (uint8, 255 = consistent match), for local_incoherence
    back: np.ndarray           # the flow t+1 -> t (for the deformation measures)


def measure_pair(a_rgb: np.ndarray, a_gray: np.ndarray, b_rgb: np.ndarray, b_gray: np.ndarray,
                 flow: Flow) -> PairMetrics:
    """Warping error, unmatched fraction and colour jump of the pair (a, b) = (t, t+1)."""
    fw = flow(a_gray, b_gray)
    bw = flow(b_gray, a_gray)
    valid = occlusion_mask_fast(fw, bw)
    warped = warp(b_rgb, fw)
    return PairMetrics(
        warp_error=warping_error(a_rgb, warped, valid),
        flow=fw,
        unmatched=1.0 - cv2.countNonZero(valid) / valid.size,
        flicker_delta=global_flicker(a_rgb, warped, valid),
        valid=valid,
        back=bw,
    )
