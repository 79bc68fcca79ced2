"""Brand-locked colour: map generated luminance structure onto the brand palette.

The built-in model generates luminance only (structure and motion); this step gives it the kit's colours. The
palette is ordered dark to light (by CIELAB L*) and the clip's luminance range is split into one band per
colour: each band is mostly the flat brand colour, with a smooth blend (in Lab) only near band edges. So the
dominant colours of the result *are* the brand colours (measured by CIEDE2000), while gradients stay smooth.
How wide the blends are is fitted per clip (`fit_softness`): as wide as the clip's dominant colours allow,
so a contrasty palette's large steps turn into wide transitions instead of hard edges.

The mapping is a 256-entry lookup table built once per clip, so it costs the same at 1080p as at 128 px, and
the luminance stretch uses percentiles over the whole clip (never per frame, which would flicker).
"""
from __future__ import annotations

from typing import Sequence

import cv2
import numpy as np

from .colour import lab_to_rgb, palette_match, rgb_to_lab

RGB = tuple[int, int, int]


GRADE_SOFTNESS = 0.4  # share of each colour's band spent blending to the next (the narrowest a fitted grade uses)
GRADE_WIDEST = 1.0    # the widest blend a fitted grade tries (the whole step from one colour to the next)
GRADE_DE_BUDGET = 8.0  # a fitted grade's dominant colours stay this close to the palette (CIEDE2000; bar 10)
GRADE_SMOOTH = 1.5    # Gaussian sigma in native pixels applied to the luminance before grading
GRADE_GLOW = 0.08     # sigma of the glow layer as a share of the frame height
GRADE_GLOW_MIX = 0.4  # weight of the glow layer in the graded luminance
GRADE_FOLLOW = 3.0    # levels follow the clip: per-frame percentiles smoothed over this sigma in native frames


def palette_lut(palette: Sequence[RGB], softness: float = 0.25) -> np.ndarray:
    """A (256, 3) uint8 table: luminance 0..255 -> brand colour. softness in [0, 1] = share of a band blended."""
    return np.round(palette_lut_float(palette, softness, 256)).astype(np.uint8)


def palette_lut_float(palette: Sequence[RGB], softness: float = 0.25, size: int = 256) -> np.ndarray:
    """The same table as `palette_lut` at `size` entries, float32 sRGB (no 8-bit steps in the gradient)."""
    if not palette:
        raise ValueError("palette is empty: give at least one (r, g, b) colour")
    lab = rgb_to_lab(np.array(palette, np.float32).reshape(-1, 3))
    if len(lab) == 1:  # one colour: a tonal ramp from a deep shade of it up to the colour itself
        deep = lab[0].copy()
        deep[0] *= 0.35
        lab = np.stack([deep, lab[0]])
    lab = lab[np.argsort(lab[:, 0], kind="stable")]
    n = len(lab)
    lum = np.linspace(0.0, 1.0, size)
    pos = np.clip(lum * n - 0.5, 0.0, n - 1.0)  # each colour owns an equal share of the luminance range
    lower = np.minimum(np.floor(pos).astype(int), n - 2) if n > 1 else np.zeros(size, int)
    frac = pos - lower
    width = float(np.clip(softness, 1e-3, 1.0))
    t = np.clip((frac - 0.5 + width / 2) / width, 0.0, 1.0)
    t = t * t * (3 - 2 * t)
    upper = np.minimum(lower + 1, n - 1)
    mixed = lab[lower] * (1 - t[:, None]) + lab[upper] * t[:, None]
    return lab_to_rgb(mixed).astype(np.float32)


def clip_luminance(frames_uint8: np.ndarray) -> np.ndarray:
    """(N, H, W, 3) uint8 -> (N, H, W) uint8 Rec.601 luma."""
    frames = np.asarray(frames_uint8)
    return np.stack([cv2.cvtColor(np.ascontiguousarray(f), cv2.COLOR_RGB2GRAY) for f in frames])


def map_to_palette(frames_uint8: np.ndarray, palette: Sequence[RGB], softness: float = 0.25,
                   stretch: tuple[float, float] = (1.0, 99.0)) -> np.ndarray:
    """Recolour a clip (N, H, W, 3) uint8 into the palette; returns (N, H, W, 3) uint8.

    `stretch` percentiles of the clip's luminance map to the darkest and the lightest brand colour, so every
    colour of the palette is used whatever the generated exposure. Deterministic and flicker-free (one table,
    one stretch, for the whole clip).
    """
    frames = np.asarray(frames_uint8)
    if frames.ndim != 4 or frames.shape[-1] != 3 or frames.dtype != np.uint8:
        raise ValueError(f"frames must be (N, H, W, 3) uint8, got {frames.shape} {frames.dtype}")
    luma = clip_luminance(frames)
    sample = luma[:, ::4, ::4]
    lo, hi = np.percentile(sample, stretch)
    if hi - lo < 1.0:
        lo, hi = 0.0, 255.0
    levels = np.clip((np.arange(256) - lo) / (hi - lo), 0.0, 1.0)
    table = palette_lut(palette, softness)[np.round(levels * 255).astype(int)]
    return table[luma]


def grade_to_palette(frames_uint8: np.ndarray, palette: Sequence[RGB], softness: float | None = None,
                     smooth: float = GRADE_SMOOTH, glow: float = GRADE_GLOW, glow_mix: float = GRADE_GLOW_MIX,
                     stretch: tuple[float, float] = (1.0, 99.0), follow: float = GRADE_FOLLOW) -> np.ndarray:
    """`grade_to_palette_float` rounded to uint8 (N, H, W, 3)."""
    return np.round(grade_to_palette_float(frames_uint8, palette, softness, smooth, glow, glow_mix,
                                           stretch, follow)).astype(np.uint8)


def grade_to_palette_float(frames_uint8: np.ndarray, palette: Sequence[RGB], softness: float | None = None,
                           smooth: float = GRADE_SMOOTH, glow: float = GRADE_GLOW, glow_mix: float = GRADE_GLOW_MIX,
                           stretch: tuple[float, float] = (1.0, 99.0), follow: float = GRADE_FOLLOW) -> np.ndarray:
    """A smooth gradient map of a clip through the palette; (N, H, W, 3) float32 sRGB in [0, 255].

    Float so that renders upscale it before any 8-bit rounding (the rounding happens once, at the output size,
    under film grain: `builtin.grain`).

    Why not `map_to_palette`: a narrow blend amplifies every luminance edge into a hard colour edge, so a small
    generated clip reads as posterized blobs once upscaled. Here the luminance is first low-passed in space only
    (a Gaussian of `smooth` native pixels against the codec's 4x4 block structure) and mixed with a wide glow of
    itself (sigma `glow` x height, weight `glow_mix`: light sources bloom into the background as lens light
    does), kept in float, and looked up in a finely sampled gradient whose blends span `softness` of each band:
    colours flow into each other while the dominant colours stay the brand's (CIEDE2000 <= 10, tested). Both
    filters are per frame and spatial only, so they add no flicker.

    softness None (the default) fits the blend to the clip (`fit_softness`): the widest whose dominant colours
    stay within GRADE_DE_BUDGET of the palette, never narrower than GRADE_SOFTNESS. One value per clip, so it
    adds no flicker either.
    """
    frames = np.asarray(frames_uint8)
    if frames.ndim != 4 or frames.shape[-1] != 3 or frames.dtype != np.uint8:
        raise ValueError(f"frames must be (N, H, W, 3) uint8, got {frames.shape} {frames.dtype}")
    luma = clip_luminance(frames).astype(np.float32)
    if smooth > 0:
        luma = np.stack([cv2.GaussianBlur(f, (0, 0), float(smooth), borderType=cv2.BORDER_REFLECT) for f in luma])
    if glow > 0 and glow_mix > 0:
        sigma = float(glow) * luma.shape[1]
        wide = np.stack([cv2.GaussianBlur(f, (0, 0), sigma, borderType=cv2.BORDER_REFLECT) for f in luma])
        luma = (1 - glow_mix) * luma + glow_mix * wide
    lo, hi = _levels(luma, stretch, follow)
    levels = np.clip((luma - lo) / (hi - lo), 0.0, 1.0)
    if softness is None:
        softness = fit_softness(levels, palette)
    return _lookup(levels, palette_lut_float(palette, softness, 1024))


def _lookup(levels: np.ndarray, table: np.ndarray) -> np.ndarray:
    """levels in [0, 1] -> float sRGB, linearly interpolated between the table's entries."""
    pos = levels * (len(table) - 1)
    low = np.floor(pos).astype(np.int32)
    high = np.minimum(low + 1, len(table) - 1)
    frac = (pos - low)[..., None]
    return (table[low] * (1 - frac) + table[high] * frac).astype(np.float32)


def fit_softness(levels: np.ndarray, palette: Sequence[RGB], budget: float = GRADE_DE_BUDGET) -> float:
    """The widest blend (GRADE_WIDEST down to GRADE_SOFTNESS, steps of 0.1) that keeps this clip's dominant
    colours within `budget` CIEDE2000 of the palette.

    Why per clip: a blend wide enough to hide a large colour step (Northwind's navy -> blue -> white, about 100
    dE each) turns a mostly two-level generated clip into smooth transitions at no colour cost, but on a clip
    with much mid-tone (a five-colour palette, a particle field) the same blend moves the dominant colours off
    the palette. Measuring the clip itself (and single frames of it) keeps the colour bar by construction
    and widens only where it can.
    """
    if len(palette) < 2:  # one colour: the blend is a tonal ramp of it, nothing to fit
        return GRADE_SOFTNESS
    widest = int(round(GRADE_WIDEST * 10))
    for tenths in range(widest, int(round(GRADE_SOFTNESS * 10)), -1):
        graded = np.round(_lookup(levels, palette_lut_float(palette, tenths / 10, 1024))).astype(np.uint8)
        if _worst_de(graded, palette) <= budget:
            return tenths / 10
    return GRADE_SOFTNESS


def _worst_de(graded: np.ndarray, palette: Sequence[RGB]) -> float:
    """The largest dominant-colour distance over the whole clip and over 5 single frames across it: a few
    frames of a clip (what a viewer or a check samples) can sit up to 2 dE further off than the whole."""
    picks = [graded] + [graded[i:i + 1] for i in np.linspace(0, len(graded) - 1, min(5, len(graded))).round()
                        .astype(int)]
    return max(float(palette_match(p, palette)[0].max()) for p in picks)



def _levels(luma: np.ndarray, stretch: tuple[float, float], follow: float):
    """The luminance that maps to the darkest and the lightest colour: (lo, hi), scalars or per frame (N, 1, 1).

    follow = 0: one pair for the whole clip. follow > 0: each frame's percentiles, smoothed over time with a
    Gaussian of `follow` native frames, so a generation whose exposure drifts (a wash fading to white) keeps
    using the whole palette, while frame-to-frame changes stay as smooth as the clip's own (no flicker).
    """
    sample = luma[:, ::4, ::4]
    if follow <= 0 or len(luma) < 2:
        lo, hi = np.percentile(sample, stretch)
        return (0.0, 255.0) if hi - lo < 1.0 else (float(lo), float(hi))
    per = np.percentile(sample.reshape(len(luma), -1), stretch, axis=1).astype(np.float32)  # (2, N)
    per = cv2.GaussianBlur(per, (0, 0), sigmaX=float(follow), sigmaY=1e-6, borderType=cv2.BORDER_REFLECT)
    lo, hi = per[0], np.maximum(per[1], per[0] + 8.0)
    return lo[:, None, None], hi[:, None, None]
