"""Measurements of generated motion clips: temporal coherence, family recognition, distances.

- Temporal warping error: DIS optical flow from frame t+1 back to frame t, warp frame t onto t+1, mean absolute
  difference where the flow stays inside the frame. Flicker and popping raise it; smooth motion keeps it low.
- The project's own coherence measurement (`compositor.consistency`): Lai et al.'s warping error E_warp (squared,
  occluded pixels masked out), the unmatched fraction beside it, and the 0-100 coherence score and verdict.
- Family classifier: hand-built, size-invariant features (spatial spectrum, luminance histogram, edges,
  orientation coherence, temporal change) + softmax regression, trained on held-aside generator clips only.
"""
from __future__ import annotations

import cv2
import numpy as np
import torch

from ..procedural import FAMILIES


def _grey(clip: np.ndarray) -> np.ndarray:
    """(T, H, W) float [0, 1] or (T, H, W, 3) uint8 -> (T, H, W) uint8."""
    clip = np.asarray(clip)
    if clip.ndim == 4:
        return np.stack([cv2.cvtColor(np.ascontiguousarray(f), cv2.COLOR_RGB2GRAY) for f in clip])
    if clip.dtype != np.uint8:
        return np.round(np.clip(clip, 0, 1) * 255).astype(np.uint8)
    return clip


def warping_error(clip: np.ndarray) -> float:
    """Mean flow-compensated absolute difference between consecutive frames, in [0, 1] luminance units."""
    return float(np.mean(pair_warping_errors(clip)))


def chunk_boundary_ratio(clip: np.ndarray, chunk: int = 4) -> float:
    """Warping error across the VAE's temporal chunk boundaries over that inside chunks (1 = no staircase).

    Frame 0 is a chunk of its own and chunk k holds frames 4k-3..4k, so pair (i, i+1) crosses a boundary
    when i is a multiple of 4. A model that under-learns motion inside a chunk shows still frames, then a jump.
    """
    return boundary_ratio(pair_warping_errors(clip), chunk)


def boundary_ratio(pair_errors, chunk: int = 4) -> float:
    """`chunk_boundary_ratio` from already measured `pair_warping_errors` (no second flow pass)."""
    errors = np.asarray(pair_errors)
    crossing = np.arange(len(errors)) % chunk == 0
    return float(errors[crossing].mean() / max(errors[~crossing].mean(), 1e-6))


def pair_warping_errors(clip: np.ndarray) -> list[float]:
    """`warping_error` of each consecutive pair of frames."""
    grey = _grey(clip)
    dis = cv2.DISOpticalFlow_create(cv2.DISOPTICAL_FLOW_PRESET_MEDIUM)
    h, w = grey.shape[1:]
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    errors = []
    for prev, nxt in zip(grey[:-1], grey[1:]):
        flow = dis.calc(nxt, prev, None)  # for each pixel of nxt: where it came from in prev
        mx, my = xs + flow[..., 0], ys + flow[..., 1]
        warped = cv2.remap(prev, mx, my, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        inside = (mx >= 0) & (mx <= w - 1) & (my >= 0) & (my <= h - 1)
        diff = np.abs(warped.astype(np.float32) - nxt.astype(np.float32)) / 255.0
        errors.append(float(diff[inside].mean()) if inside.any() else 0.0)
    return errors


def project_coherence(clip: np.ndarray, fps: float):
    """`compositor.consistency.analyze` of a luminance clip (grey RGB): the metric the rest of Compositor uses."""
    from compositor.consistency import analyze

    grey = _grey(clip)
    return analyze((np.repeat(f[..., None], 3, axis=-1) for f in grey), fps)


def mean_motion(clip: np.ndarray) -> float:
    """Mean optical-flow magnitude per frame as a fraction of the frame height (so a still clip reads ~0)."""
    grey = _grey(clip)
    dis = cv2.DISOpticalFlow_create(cv2.DISOPTICAL_FLOW_PRESET_MEDIUM)
    mags = [np.linalg.norm(dis.calc(a, b, None), axis=-1).mean() for a, b in zip(grey[:-1], grey[1:])]
    return float(np.mean(mags) / grey.shape[1])


def features(clip: np.ndarray, size: int = 64) -> np.ndarray:
    """A size-invariant feature vector of a clip (see module docstring)."""
    grey = _grey(clip).astype(np.float32) / 255.0
    frames = np.stack([cv2.resize(f, (size, size), interpolation=cv2.INTER_AREA) for f in grey])
    feats = []
    # Radial power spectrum (log, normalised): gradients are low-frequency, particles high, waves peaked.
    spec = np.abs(np.fft.fftshift(np.fft.fft2(frames - frames.mean(axis=(1, 2), keepdims=True)), axes=(1, 2))) ** 2
    spec = spec.mean(0)
    yy, xx = np.mgrid[0:size, 0:size] - size // 2
    rad = np.hypot(yy, xx)
    bins = np.array([0, 1, 2, 3, 4, 6, 8, 11, 15, 20, 26, 33])
    power = np.array([spec[(rad >= a) & (rad < b)].sum() for a, b in zip(bins[:-1], bins[1:])]) + 1e-8
    feats += list(np.log(power / power.sum()))
    # Angular concentration of the spectrum: stripes and ramps are strongly oriented.
    ang = np.arctan2(yy, xx) % np.pi
    mask = rad >= 2
    hist = np.array([spec[mask & (ang >= a) & (ang < a + np.pi / 8)].sum() for a in np.arange(0, np.pi, np.pi / 8)])
    hist = hist / (hist.sum() + 1e-8)
    feats += [float(hist.max()), float(-(hist * np.log(hist + 1e-8)).sum())]
    # Luminance distribution.
    feats += list(np.histogram(frames, bins=8, range=(0, 1))[0] / frames.size)
    feats += [float(frames.mean()), float(frames.std())]
    # Edges and local structure.
    gx = np.stack([cv2.Sobel(f, cv2.CV_32F, 1, 0) for f in frames])
    gy = np.stack([cv2.Sobel(f, cv2.CV_32F, 0, 1) for f in frames])
    mag = np.hypot(gx, gy)
    feats += [float(mag.mean()), float((mag > 0.5).mean()), float((mag > 1.5).mean()), float(np.percentile(mag, 95))]
    jxx, jyy, jxy = (gx * gx).mean(), (gy * gy).mean(), (gx * gy).mean()
    coherence = np.sqrt((jxx - jyy) ** 2 + 4 * jxy ** 2) / (jxx + jyy + 1e-8)
    feats += [float(coherence)]
    # Local maxima density (specks and discs).
    blur = np.stack([cv2.GaussianBlur(f, (0, 0), 1.0) for f in frames])
    peaks = (blur == np.stack([cv2.dilate(f, np.ones((5, 5), np.uint8)) for f in blur])) & (blur > blur.mean() + 0.1)
    feats += [float(peaks.mean() * 100)]
    # Temporal change and brightness breathing.
    diff = np.abs(np.diff(frames, axis=0))
    feats += [float(diff.mean()), float(frames.mean(axis=(1, 2)).std()), float(frames.max(axis=(1, 2)).std())]
    return np.array(feats, np.float32)


class FamilyClassifier:
    """Softmax regression on standardised `features`; deterministic training (full batch, fixed seed)."""

    def __init__(self):
        self.mu = self.sigma = self.weight = None

    def fit(self, feats: np.ndarray, labels: np.ndarray, epochs: int = 600) -> "FamilyClassifier":
        self.mu, self.sigma = feats.mean(0), feats.std(0) + 1e-6
        x = torch.from_numpy((feats - self.mu) / self.sigma)
        y = torch.from_numpy(labels).long()
        torch.manual_seed(0)
        lin = torch.nn.Linear(x.shape[1], len(FAMILIES))
        opt = torch.optim.LBFGS(lin.parameters(), max_iter=epochs, line_search_fn="strong_wolfe")

        def closure():
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(lin(x), y) + 1e-3 * lin.weight.pow(2).sum()
            loss.backward()
            return loss

        opt.step(closure)
        self.weight = lin
        return self

    def predict(self, feats: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            x = torch.from_numpy((np.atleast_2d(feats) - self.mu) / self.sigma)
            return self.weight(x).argmax(1).numpy()


def clip_distance(a: np.ndarray, b: np.ndarray, size: tuple[int, int] = (48, 32), frames: int = 9) -> float:
    """Mean absolute luminance difference of two clips resampled to a common small size: 0 = identical."""
    def small(clip):
        grey = _grey(clip).astype(np.float32) / 255.0
        idx = np.linspace(0, len(grey) - 1, frames).round().astype(int)
        return np.stack([cv2.resize(grey[i], size, interpolation=cv2.INTER_AREA) for i in idx])
    return float(np.abs(small(a) - small(b)).mean())
