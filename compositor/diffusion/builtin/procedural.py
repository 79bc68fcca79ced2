"""Procedural motion clips: the training data (and the reference) for the built-in motion model.

Explainer backdrops are calm, low-frequency motion. Each family below renders one kind of it as a *luminance*
clip (float32 in [0, 1], shape (frames, height, width)); colour comes later (`backdrop.finish`: a float grade
through the brand palette, then grain at the output size), so
the model only has to learn structure and motion, and any brand palette can be applied afterwards.

Everything is a pure function of (family, params, seed, size, frames, fps): same inputs, same pixels.
Coordinates are resolution-independent (y in [0, 1], x in [0, aspect]) and time is in seconds, so a clip
rendered at another size or frame rate shows the same motion.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, replace

import numpy as np

FAMILIES = ("gradient", "bokeh", "light_leak", "waves", "particles", "geometry")

# Words for each parameter value: captions are built from these, so the tokenizer vocabulary is too.
FAMILY_PHRASES = {
    "gradient": ("drifting gradient", "soft gradient wash", "colour gradient", "smooth gradient background"),
    "bokeh": ("soft bokeh", "bokeh lights", "out of focus lights", "blurred bokeh circles"),
    "light_leak": ("light leak", "warm light leak", "film light leak", "glowing light flare"),
    "waves": ("flowing waves", "wavy lines", "liquid wave pattern", "rolling wave bands"),
    "particles": ("particle field", "floating particles", "dust particles", "tiny glowing specks"),
    "geometry": ("abstract geometry", "rotating shapes", "slow geometric shapes", "spinning polygons"),
}
SPEEDS = {"very slow": 0.35, "slow": 0.7, "medium": 1.2, "fast": 2.0}
DIRECTIONS = {
    "left": (-1.0, 0.0), "right": (1.0, 0.0), "up": (0.0, -1.0), "down": (0.0, 1.0),
    "up left": (-0.7071, -0.7071), "up right": (0.7071, -0.7071),
    "down left": (-0.7071, 0.7071), "down right": (0.7071, 0.7071),
}
DENSITIES = {"sparse": 0.35, "moderate": 0.65, "dense": 1.0}
SOFTNESS = {"crisp": 0.25, "soft": 0.6, "very soft": 1.0}


@dataclass(frozen=True)
class MotionParams:
    """What a caption can say about a clip. Values are the caption words, so params <-> caption round-trip."""

    family: str
    speed: str = "slow"
    direction: str = "right"
    density: str = "moderate"
    softness: str = "soft"

    def to_dict(self) -> dict:
        return asdict(self)


def sample_params(rng: np.random.Generator, family: str | None = None) -> MotionParams:
    """Draw a random parameter set (used to build the training set)."""
    pick = lambda options: options[int(rng.integers(len(options)))]  # noqa: E731
    return MotionParams(
        family=family or pick(FAMILIES),
        speed=pick(list(SPEEDS)),
        direction=pick(list(DIRECTIONS)),
        density=pick(list(DENSITIES)),
        softness=pick(list(SOFTNESS)),
    )


def caption(params: MotionParams, rng: np.random.Generator | None = None) -> str:
    """A caption in the vocabulary, e.g. "slow drifting gradient, soft, moving left, sparse".

    With an rng the family phrase and the order of the modifiers vary, so the text encoder learns that words,
    not positions, carry the meaning; without one the caption is canonical (what the docs show).
    """
    phrases = FAMILY_PHRASES[params.family]
    phrase = phrases[int(rng.integers(len(phrases)))] if rng is not None else phrases[0]
    mods = [params.softness, f"moving {params.direction}", params.density]
    if rng is not None:
        rng.shuffle(mods)
        keep = int(rng.integers(0, len(mods) + 1))
        mods = mods[:keep]
    return ", ".join([f"{params.speed} {phrase}"] + mods)


def render(params: MotionParams, seed: int, size: tuple[int, int] = (128, 128), frames: int = 33,
           fps: float = 8.0) -> np.ndarray:
    """Render a luminance clip (frames, height, width) float32 in [0, 1]. `size` is (width, height)."""
    if params.family not in FAMILIES:
        raise ValueError(f"unknown motion family {params.family!r}; known: {', '.join(FAMILIES)}")
    width, height = size
    rng = np.random.default_rng(seed)
    aspect = width / height
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    grid = ((xs + 0.5) / height, (ys + 0.5) / height)  # both in height units: x in [0, aspect], y in [0, 1]
    spec = _Spec(params, rng, aspect)
    out = np.empty((frames, height, width), np.float32)
    for i in range(frames):
        out[i] = _RENDERERS[params.family](spec, grid, i / fps)
    return np.clip(out, 0.0, 1.0)


class _Spec:
    """Per-clip random layout, drawn once so every frame of a clip shares it."""

    def __init__(self, params: MotionParams, rng: np.random.Generator, aspect: float):
        self.p = params
        self.rng = rng
        self.aspect = aspect
        self.speed = SPEEDS[params.speed]
        self.dir = np.array(DIRECTIONS[params.direction], np.float32)
        # A small random tilt so "right" is not always exactly horizontal.
        tilt = rng.uniform(-0.25, 0.25)
        c, s = math.cos(tilt), math.sin(tilt)
        self.dir = np.array([c * self.dir[0] - s * self.dir[1], s * self.dir[0] + c * self.dir[1]], np.float32)
        self.density = DENSITIES[params.density]
        self.soft = SOFTNESS[params.softness]
        self.phase = rng.uniform(0, 2 * math.pi)
        self.cache: dict = {}


def _wrap(v: np.ndarray, lo: float, span: float) -> np.ndarray:
    return lo + np.mod(v - lo, span)


def _gradient(spec: _Spec, grid, t: float) -> np.ndarray:
    """Two broad sinusoidal ramps drifting along the direction: a slowly moving wash of light."""
    x, y = grid
    if "g" not in spec.cache:
        r = spec.rng
        spec.cache["g"] = (r.uniform(0.45, 0.9), r.uniform(0.25, 0.5), r.uniform(-0.6, 0.6), r.uniform(0, 6.28))
    f1, f2, rot, ph2 = spec.cache["g"]
    d = spec.dir
    along = x * d[0] + y * d[1]
    perp = -x * d[1] + y * d[0]
    shift = 0.12 * spec.speed * t
    v = 0.5 + 0.32 * np.sin(2 * math.pi * f1 * (along - shift) + spec.phase)
    v += 0.18 * np.sin(2 * math.pi * f2 * (perp + rot * along) + ph2 + 0.3 * spec.speed * t)
    contrast = 1.25 - 0.45 * spec.soft
    return 0.5 + (v - 0.5) * contrast


def _blobs(x, y, cx, cy, radius, edge, weight):
    """Sum of discs with a soft edge (edge = width of the falloff, in radius units)."""
    out = np.zeros_like(x)
    for i in range(len(cx)):
        dist = np.sqrt((x - cx[i]) ** 2 + (y - cy[i]) ** 2) / radius[i]
        out += weight[i] * np.clip((1.0 - dist) / edge + 0.5, 0.0, 1.0) ** 2 * (3 - 2 * np.clip((1.0 - dist) / edge + 0.5, 0.0, 1.0))
    return out


def _bokeh(spec: _Spec, grid, t: float) -> np.ndarray:
    """Out-of-focus discs of several sizes drifting slowly, wrapping around the frame."""
    x, y = grid
    if "b" not in spec.cache:
        r = spec.rng
        n = int(round(6 + 12 * spec.density))
        spec.cache["b"] = (r.uniform(0, spec.aspect, n), r.uniform(0, 1, n), r.uniform(0.06, 0.16, n),
                           r.uniform(0.35, 0.9, n), r.uniform(0.6, 1.4, n), r.uniform(0, 6.28, n))
    cx0, cy0, rad, w, depth, ph = spec.cache["b"]
    travel = 0.07 * spec.speed * t * depth
    cx = _wrap(cx0 + spec.dir[0] * travel, -0.2, spec.aspect + 0.4)
    cy = _wrap(cy0 + spec.dir[1] * travel, -0.2, 1.4)
    twinkle = 0.8 + 0.2 * np.sin(ph + 1.5 * spec.speed * t)
    edge = 0.15 + 0.6 * spec.soft
    v = 0.12 + 0.55 * _blobs(x, y, cx, cy, rad, edge, w * twinkle)
    return v


def _light_leak(spec: _Spec, grid, t: float) -> np.ndarray:
    """Large glowing elongated flares that sweep in from one side and breathe in brightness."""
    x, y = grid
    if "l" not in spec.cache:
        r = spec.rng
        n = 2 + int(spec.density > 0.5)
        spec.cache["l"] = (r.uniform(0.2, spec.aspect - 0.2, n), r.uniform(0.2, 0.8, n), r.uniform(0.25, 0.45, n),
                           r.uniform(0.08, 0.16, n), r.uniform(0, 3.14, n), r.uniform(0, 6.28, n))
    cx0, cy0, long_r, short_r, ang, ph = spec.cache["l"]
    v = np.full_like(x, 0.08)
    for i in range(len(cx0)):
        travel = 0.06 * spec.speed * t
        cx = cx0[i] + spec.dir[0] * travel
        cy = cy0[i] + spec.dir[1] * travel
        a = ang[i] + 0.05 * spec.speed * t
        dx, dy = x - cx, y - cy
        u = (dx * math.cos(a) + dy * math.sin(a)) / long_r[i]
        w = (-dx * math.sin(a) + dy * math.cos(a)) / (short_r[i] * (0.8 + 0.6 * spec.soft))
        glow = np.exp(-(u * u + w * w) * 1.2)
        breathe = 0.65 + 0.35 * math.sin(ph[i] + 0.9 * spec.speed * t)
        v += 0.9 * breathe * glow
    # A faint wide halo gives light leaks their washed-out look.
    return v + 0.1 * np.exp(-((x - spec.aspect / 2) ** 2 + (y - 0.5) ** 2) * 2.0)


def _waves(spec: _Spec, grid, t: float) -> np.ndarray:
    """Stripes bent by a slower sine: flowing bands travelling along the direction."""
    x, y = grid
    if "w" not in spec.cache:
        r = spec.rng
        spec.cache["w"] = (r.uniform(1.2, 2.2) * (0.7 + 0.6 * spec.density), r.uniform(0.8, 1.6), r.uniform(0.08, 0.16))
    freq, bend_f, amp = spec.cache["w"]
    d = spec.dir
    along = x * d[0] + y * d[1]
    perp = -x * d[1] + y * d[0]
    bend = amp * np.sin(2 * math.pi * bend_f * perp + spec.phase + 0.8 * spec.speed * t)
    s = np.sin(2 * math.pi * freq * (along + bend) - 2 * math.pi * 0.18 * spec.speed * t)
    sharp = 1.0 + 3.0 * (1.0 - spec.soft)  # crisp waves are narrower bright lines
    v = ((s + 1) / 2) ** sharp
    return 0.1 + 0.8 * v


def _particles(spec: _Spec, grid, t: float) -> np.ndarray:
    """Many small specks drifting with gentle jitter, at three depths (parallax)."""
    x, y = grid
    if "p" not in spec.cache:
        r = spec.rng
        n = int(round(18 + 40 * spec.density))
        spec.cache["p"] = (r.uniform(0, spec.aspect, n), r.uniform(0, 1, n), r.uniform(0.014, 0.03, n),
                           r.choice([0.5, 1.0, 1.6], n), r.uniform(0, 6.28, n), r.uniform(0.5, 1.0, n))
    cx0, cy0, rad, depth, ph, w = spec.cache["p"]
    travel = 0.08 * spec.speed * t * depth
    cx = _wrap(cx0 + spec.dir[0] * travel + 0.01 * np.sin(ph + 2 * t), -0.05, spec.aspect + 0.1)
    cy = _wrap(cy0 + spec.dir[1] * travel + 0.01 * np.cos(ph + 2 * t), -0.05, 1.1)
    sigma = rad * (0.6 + 0.8 * spec.soft)
    v = np.full_like(x, 0.06)
    # Splat each speck only into its bounding box: hundreds of full-frame gaussians would be slow.
    h, wpx = x.shape
    scale = h  # pixels per unit
    for i in range(len(cx)):
        r3 = 3 * sigma[i]
        x0, x1 = int(max(0, (cx[i] - r3) * scale)), int(min(wpx, (cx[i] + r3) * scale + 1))
        y0, y1 = int(max(0, (cy[i] - r3) * scale)), int(min(h, (cy[i] + r3) * scale + 1))
        if x0 >= x1 or y0 >= y1:
            continue
        dx = x[y0:y1, x0:x1] - cx[i]
        dy = y[y0:y1, x0:x1] - cy[i]
        v[y0:y1, x0:x1] += w[i] * np.exp(-(dx * dx + dy * dy) / (2 * sigma[i] ** 2))
    return v


def _geometry(spec: _Spec, grid, t: float) -> np.ndarray:
    """Large soft-edged polygon outlines rotating slowly and drifting: calm abstract geometry."""
    x, y = grid
    if "q" not in spec.cache:
        r = spec.rng
        n = 1 + int(round(2 * spec.density))
        spec.cache["q"] = (r.uniform(0.2, spec.aspect - 0.2, n), r.uniform(0.2, 0.8, n), r.uniform(0.15, 0.32, n),
                           r.choice([3, 4, 5, 6], n), r.uniform(0, 6.28, n), r.choice([-1.0, 1.0], n))
    cx0, cy0, size, sides, rot0, spin = spec.cache["q"]
    v = np.full_like(x, 0.1)
    line = 0.025 + 0.02 * spec.soft
    blur = 0.01 + 0.02 * spec.soft
    for i in range(len(cx0)):
        travel = 0.04 * spec.speed * t
        cx = cx0[i] + spec.dir[0] * travel
        cy = cy0[i] + spec.dir[1] * travel
        a = rot0[i] + spin[i] * 0.25 * spec.speed * t
        dx, dy = x - cx, y - cy
        theta = np.arctan2(dy, dx) - a
        k = int(sides[i])
        sector = 2 * math.pi / k
        # Distance to a regular polygon's edge in polar form.
        local = np.mod(theta, sector) - sector / 2
        radial = np.sqrt(dx * dx + dy * dy) * np.cos(local) / math.cos(sector / 2)
        edge_dist = np.abs(radial - size[i])
        outline = np.clip(1.0 - (edge_dist - line) / blur, 0.0, 1.0)
        v = np.maximum(v, 0.1 + 0.12 * (radial < size[i]))  # a faint fill so the shape reads as a plane
        v = np.maximum(v, 0.85 * outline)
    return v


_RENDERERS = {
    "gradient": _gradient,
    "bokeh": _bokeh,
    "light_leak": _light_leak,
    "waves": _waves,
    "particles": _particles,
    "geometry": _geometry,
}


def with_family(params: MotionParams, family: str) -> MotionParams:
    return replace(params, family=family)
