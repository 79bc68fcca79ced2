"""A held-out set of deformation cases for bench/coherence_deformation.py: defects and legitimate footage that the
tests (tests/consistency/coherence_cases.py) do not hold, so that a measure tuned on the tests' cases can be
checked on clips it was never fitted to. Other centres, radii, strengths, durations and start frames; the
defects placed on other clips; and legitimate cases the tests lack (frame-skipped footage, a fade-in, a
dissolve between two shots, a shaking camera, a local light coming on). Positions are fractions of the frame
height (compositor.consistency.synthetic). Deterministic."""
from __future__ import annotations

import cv2
import numpy as np
from coherence_media import clip, fps

from compositor.consistency import synthetic as S

# name: (clip, builder, is a defect)
DEFECTS = {
    "ship, a sail swirls briefly (milder, 2 frames)": ("ship", lambda f: S.local_warp(f, (0.75, 0.25), 0.18, 12, 2, "swirl", 0.9)),
    "mural, the wing swirls hard": ("mural", lambda f: S.local_warp(f, (1.15, 0.30), 0.22, 5, 4, "swirl", 1.6)),
    "bedroom, the girl swirls": ("bedroom", lambda f: S.local_warp(f, (0.55, 0.25), 0.15, 6, 6, "swirl", 1.0)),
    "mural, the face bulges (mild)": ("mural", lambda f: S.local_warp(f, (0.28, 0.22), 0.18, 14, 3, "bulge", 0.35)),
    "ship, the hull shrinks in and back": ("ship", lambda f: S.local_warp(f, (0.55, 0.55), 0.20, 4, 4, "bulge", -0.6)),
    "blocks, the right hand swirls mildly and slowly": ("blocks", lambda f: S.local_warp(f, (1.15, 0.22), 0.20, 10, 8, "swirl", 0.7)),
    "bedroom, a pillow morphs into the wall": ("bedroom", lambda f: S.morph(f, (0.75, 0.58), 0.12, 8, 10, (1.25, 0.30))),
    "mural, the bird's tail morphs into wall": ("mural", lambda f: S.morph(f, (1.05, 0.75), 0.14, 12, 3, (1.40, 0.55))),
    "face, the nose morphs into ruins (fast, 2 frames)": ("face", lambda f: S.morph(f, (0.15, 0.80), 0.12, 14, 2, (1.20, 0.50))),
    "blocks, SAM morphs into the mat": ("blocks", lambda f: S.morph(f, (0.80, 0.78), 0.10, 30, 5, (0.40, 0.95))),
}


def _every(k):
    return lambda f: f[::k]


def _fade_in(f):
    n = len(f)
    return [np.clip(x.astype(np.float32) * min(1.0, (i + 1) / (0.75 * n)), 0, 255).astype(np.uint8)
            for i, x in enumerate(f)]


def _dissolve(_):
    """mural dissolving into face over 6 frames (an edit, the whole frame)."""
    a, b = clip("mural"), clip("face")
    out = a[:10]
    for i in range(1, 7):
        w = i / 7.0
        out.append(np.clip(a[9 + i] * (1 - w) + b[i] * w + 0.5, 0, 255).astype(np.uint8))
    return out + b[7:20]


def _shake(f, amp=6.0, seed=1):
    """A handheld camera: a smooth random drift of position and roll (low-passed noise, about 2 Hz at 30 fps),
    slightly zoomed in so that no border shows."""
    rng = np.random.default_rng(seed)
    h, w = f[0].shape[:2]
    k = np.hanning(9)
    walk = np.stack([np.convolve(rng.standard_normal(len(f) + 8), k / k.sum(), "valid") for _ in range(3)], 1)
    walk /= max(1e-6, float(walk[:, :2].std()))
    out = []
    for x, (dx, dy, da) in zip(f, walk):
        m = cv2.getRotationMatrix2D((w / 2, h / 2), 0.3 * da, 1.04)
        m[:, 2] += (amp * dx, amp * dy)
        out.append(cv2.warpAffine(x, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT))
    return out


def _roll(f, degrees=10.0, n=24):
    """A camera rolling over a still (a similarity: no deformation at all)."""
    h, w = f[0].shape[:2]
    return [cv2.warpAffine(f[0], cv2.getRotationMatrix2D((w / 2, h / 2), degrees * i / (n - 1), 1.15), (w, h),
                           flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT) for i in range(n)]


LEGIT = {
    "blocks at 15 fps (every 2nd frame)": ("blocks", _every(2)),
    "bedroom at 15 fps (every 2nd frame)": ("bedroom", _every(2)),
    "mural at 4 fps (every 2nd frame)": ("mural", _every(2)),
    "ship, slow fade-in from black": ("ship", _fade_in),
    "mural dissolves into face (an edit)": ("mural", _dissolve),
    "bedroom, shaking camera": ("bedroom", _shake),
    "face, shaking camera": ("face", lambda f: _shake(f, 4.0, 2)),
    "zoom out over a still (mural, 1.4x)": ("mural", lambda f: S.pan_zoom(f[5], 24, (720, 480), pan=0.0, zoom=1.4)[::-1]),
    "fast zoom in over a still (face, 2x in 24 frames)": ("face", lambda f: S.pan_zoom(f[0], 24, (720, 480), pan=0.0, zoom=2.0)),
    "camera roll over a still (ship, 10 degrees)": ("ship", _roll),
}
HALVED = {"blocks at 15 fps (every 2nd frame)", "bedroom at 15 fps (every 2nd frame)", "mural at 4 fps (every 2nd frame)"}


def build(name: str) -> tuple[list, float, bool]:
    if name in DEFECTS:
        src, make = DEFECTS[name]
        return make(clip(src)), fps(src), True
    src, make = LEGIT[name]
    return make(clip(src)), fps(src) / (2 if name in HALVED else 1), False
