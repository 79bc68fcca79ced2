"""Deformation cases built from the real test footage: objects that morph and hands or faces that warp mid-motion
(defects), beside legitimate motion, pans and cuts (not defects). Deterministic; shared by the tests and
bench/coherence_deformation.py. Positions are fractions of the frame height (compositor.consistency.synthetic)."""
from __future__ import annotations

import cv2
from coherence_media import clip, fps

from compositor.consistency import synthetic as S

# name: (clip, builder of the frames from the clip's frames, is a defect)
DEFECTS = {
    "face, swirl mid-motion": ("face", lambda f: S.local_warp(f, (0.40, 0.50), 0.30, 8, 3, "swirl", 1.2)),
    "face, bulge mid-motion": ("face", lambda f: S.local_warp(f, (0.40, 0.45), 0.30, 8, 3, "bulge", 0.5)),
    "face, eye morphs into rubble": ("face", lambda f: S.morph(f, (0.40, 0.42), 0.16, 8, 4, (1.20, 0.85))),
    "blocks, hand swirls mid-motion": ("blocks", lambda f: S.local_warp(f, (1.25, 0.30), 0.25, 26, 5, "swirl", 1.2)),
    "blocks, hand bulges mid-motion": ("blocks", lambda f: S.local_warp(f, (1.25, 0.30), 0.25, 26, 5, "bulge", 0.5)),
    "blocks, letters morph": ("blocks", lambda f: S.morph(f, (0.85, 0.48), 0.12, 16, 8, (1.03, 0.80))),
    "blocks, a block grows a bulge": ("blocks", lambda f: S.local_warp(f, (0.85, 0.48), 0.15, 16, 8, "bulge", 0.5,
                                                                      hold=True)),
    "mural, arm swirls mid-motion": ("mural", lambda f: S.local_warp(f, (0.90, 0.40), 0.25, 8, 3, "swirl", 1.2)),
    "ship, hull morphs into the rug": ("ship", lambda f: S.morph(f, (0.70, 0.55), 0.18, 8, 4, (0.70, 0.90))),
    "bedroom, girl bulges mid-jump": ("bedroom", lambda f: S.local_warp(f, (0.60, 0.40), 0.20, 10, 5, "bulge", 0.5)),
}


def _cut(_):
    other = [cv2.resize(f, (480, 270), interpolation=cv2.INTER_AREA) for f in clip("bedroom", 24)]
    return clip("blocks", 24) + other


def _crop_pan(frames, step=6):
    """A real pan: a 3/4-width window sliding across the moving footage."""
    w = frames[0].shape[1]
    cw = w * 3 // 4
    return [f[:, min(w - cw, i * step):min(w - cw, i * step) + cw] for i, f in enumerate(frames)]


LEGIT = {
    "face": ("face", list),
    "ship": ("ship", list),
    "mural": ("mural", list),
    "bedroom": ("bedroom", list),
    "blocks": ("blocks", list),
    "blocks, pan across the moving footage": ("blocks", _crop_pan),
    "bedroom, pan across the moving footage": ("bedroom", lambda f: _crop_pan(f, 8)),
    "pan over a still (blocks)": ("blocks", lambda f: S.pan_zoom(f[0], 24, (480, 270), pan=0.5, zoom=1.0)),
    "zoom over a still (ship)": ("ship", lambda f: S.pan_zoom(f[0], 24, (720, 480), pan=0.1, zoom=1.3)),
    "blocks cut to bedroom": ("blocks", _cut),
    # was held out (bench/deformation_heldout.py) until `morph` was made to leave clipped highlights alone on it
    "blocks, a light comes on over the mat": ("blocks", lambda f: S.light_on(f, (0.35, 0.35), 0.25, 6, 8)),
}


def build(name: str) -> tuple[list, float, bool]:
    """(frames, fps, is a defect) of a named case."""
    if name in DEFECTS:
        src, make = DEFECTS[name]
        return make(clip(src)), fps(src), True
    src, make = LEGIT[name]
    return make(clip(src)), fps(src), False
