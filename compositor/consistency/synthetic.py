"""Known defects injected into real footage, so that metrics and the deflicker can be measured against truth.

Every function is deterministic for a given seed. Used by the tests and the benchmark.
"""
from __future__ import annotations

from typing import Sequence

import cv2
import numpy as np


def global_flicker(frames: Sequence[np.ndarray], strength: float, seed: int = 0) -> list[np.ndarray]:
    """Per-frame gain and white-balance jitter: out = in * g_t * c_{t,ch} + o_t, with g ~ 1 + strength*N(0,1),
    per-channel colour c ~ 1 + strength/2*N(0,1) and offset o ~ 4*strength*255/20 levels * N(0,1)."""
    rng = np.random.default_rng(seed)
    out = []
    for f in frames:
        g = 1.0 + strength * rng.standard_normal()
        c = 1.0 + 0.5 * strength * rng.standard_normal(3)
        o = strength * 50.0 * rng.standard_normal()
        lut = np.clip(np.arange(256, dtype=np.float32)[:, None] * (g * c)[None, :] + o, 0, 255).astype(np.uint8)
        out.append(np.stack([lut[f[..., ch], ch] for ch in range(3)], -1))
    return out


def local_flicker(frames: Sequence[np.ndarray], strength: float, seed: int = 0, blobs: int = 4) -> list[np.ndarray]:
    """Spatially varying brightness flicker: each frame is multiplied by 1 + a smooth random field made of a few
    Gaussian blobs (radius ~ 1/5 of the frame) with amplitudes ~ strength*N(0,1), re-drawn every frame."""
    rng = np.random.default_rng(seed)
    out = []
    for f in frames:
        h, w = f.shape[:2]
        sh, sw = max(8, h // 8), max(8, w // 8)
        ys, xs = np.mgrid[0:sh, 0:sw].astype(np.float32)
        field = np.zeros((sh, sw), np.float32)
        for _ in range(blobs):
            cx, cy = rng.uniform(0, sw), rng.uniform(0, sh)
            r = 0.2 * max(sw, sh)
            field += strength * rng.standard_normal() * np.exp(-((xs - cx) ** 2 + (ys - cy) ** 2) / (2 * r * r))
        gain = cv2.resize(1.0 + field, (w, h), interpolation=cv2.INTER_LINEAR)
        out.append(np.clip(f.astype(np.float32) * gain[..., None], 0, 255).astype(np.uint8))
    return out


def shuffled(frames: Sequence[np.ndarray], seed: int = 0) -> list[np.ndarray]:
    """The same frames in a random order: every pair is a jump cut."""
    order = np.random.default_rng(seed).permutation(len(frames))
    return [frames[i] for i in order]


def pan_zoom(image: np.ndarray, n_frames: int, size: tuple[int, int], pan: float = 0.25,
             zoom: float = 1.25) -> list[np.ndarray]:
    """A smooth virtual camera move over a still: pans `pan` of the width left-to-right while zooming in by
    `zoom`. Perfectly coherent footage with real motion (parallax-free)."""
    h, w = image.shape[:2]
    ow, oh = size
    out = []
    for i in range(n_frames):
        s = i / max(1, n_frames - 1)
        z = 1.0 + (zoom - 1.0) * s
        cw, ch = w / (1.0 + pan) / z, h / z
        x0 = s * (w - cw) * 0.9 + 0.05 * (w - cw)
        y0 = (h - ch) / 2
        m = np.array([[ow / cw, 0, -x0 * ow / cw], [0, oh / ch, -y0 * oh / ch]], np.float32)
        out.append(cv2.warpAffine(image, m, (ow, oh), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT))
    return out


def _envelope(i: int, start: int, length: int, hold: bool) -> float:
    """0 before `start`; rises smoothly to 1 over `length` frames. Then it stays at 1 (`hold`: the change is
    permanent, a morph) or falls back to 0 over the next `length` frames (a warp that comes and goes)."""
    s = (i - start) / max(1, length)
    if s <= 0:
        return 0.0
    if s >= 1:
        if hold:
            return 1.0
        s = 2.0 - s
        if s <= 0:
            return 0.0
    return float(0.5 - 0.5 * np.cos(np.pi * s))


def local_warp(frames: Sequence[np.ndarray], center: tuple[float, float], radius: float, start: int,
               length: int, kind: str = "swirl", strength: float = 1.0, hold: bool = False) -> list[np.ndarray]:
    """A non-rigid warp of a disc (a hand or a face bending out of shape) that grows over `length` frames from
    `start`, then relaxes over as many (or holds, `hold=True`). `center` and `radius` are fractions of the
    frame height (x as well, so the disc is round). Inside the disc, with u = 1 - r/R:

    - swirl: the content turns by `strength` * u^2 radians about the centre (a twist, densest halfway out);
    - bulge: a point at distance r shows what lay at r * (1 - `strength` * u^2): the centre is magnified
      (strength > 0, up to 1 / (1 - strength)) or shrunk (strength < 0).

    The rest of the frame, and the disc's rim, are untouched, so the footage's own motion goes on around it."""
    out = []
    for i, f in enumerate(frames):
        e = _envelope(i, start, length, hold)
        if e == 0.0:
            out.append(f)
            continue
        h, w = f.shape[:2]
        cx, cy, rr = center[0] * h, center[1] * h, radius * h
        ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
        dx, dy = xs - cx, ys - cy
        r = np.sqrt(dx * dx + dy * dy)
        u = np.clip(1.0 - r / rr, 0.0, 1.0) ** 2
        if kind == "swirl":
            a = -e * strength * u
            c, s = np.cos(a), np.sin(a)
            mx, my = cx + c * dx - s * dy, cy + s * dx + c * dy
        elif kind == "bulge":
            k = 1.0 - e * strength * u
            mx, my = cx + k * dx, cy + k * dy
        else:
            raise ValueError(f"unknown warp kind {kind!r}: swirl | bulge")
        out.append(cv2.remap(f, mx.astype(np.float32), my.astype(np.float32), cv2.INTER_LINEAR,
                             borderMode=cv2.BORDER_REFLECT))
    return out


def morph(frames: Sequence[np.ndarray], center: tuple[float, float], radius: float, start: int, length: int,
          source: tuple[float, float]) -> list[np.ndarray]:
    """An object turning into something else: from `start`, over `length` frames, a soft disc of the frame
    (`center`, `radius` as fractions of the height) cross-dissolves into the content of the same frame at
    `source` (a different object or texture), and stays changed. The disc follows nothing: it is a patch of the
    picture whose identity changes while the footage around it moves on."""
    out = []
    for i, f in enumerate(frames):
        e = _envelope(i, start, length, hold=True)
        if e == 0.0:
            out.append(f)
            continue
        h, w = f.shape[:2]
        cx, cy, rr = center[0] * h, center[1] * h, radius * h
        ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
        r = np.sqrt((xs - cx) ** 2 + (ys - cy) ** 2)
        alpha = e * np.clip((rr - r) / (0.25 * rr), 0.0, 1.0)[..., None]
        mx, my = xs + (source[0] - center[0]) * h, ys + (source[1] - center[1]) * h
        other = cv2.remap(f, mx, my, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT).astype(np.float32)
        out.append(np.clip(f * (1.0 - alpha) + other * alpha + 0.5, 0, 255).astype(np.uint8))
    return out


def light_on(frames: Sequence[np.ndarray], center: tuple[float, float], radius: float, start: int, length: int,
             gain: float = 0.5) -> list[np.ndarray]:
    """A soft light coming on over part of the scene: a legitimate change of lighting, not of identity. Each
    frame is multiplied by 1 + gain·e·spot (spot a Gaussian of `radius`, e ramping 0 → 1 over `length` frames
    from `start`), clipping where it brightens past white. Positions and radius are fractions of the height."""
    h, w = frames[0].shape[:2]
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    spot = np.exp(-((xs - center[0] * h) ** 2 + (ys - center[1] * h) ** 2) / (2 * (radius * h) ** 2))
    out = []
    for i, x in enumerate(frames):
        e = float(np.clip((i - start) / length, 0, 1))
        out.append(np.clip(x * (1 + gain * e * spot[..., None]), 0, 255).astype(np.uint8))
    return out
