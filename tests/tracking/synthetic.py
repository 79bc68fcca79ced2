"""Synthetic footage with known motion: a real photograph as a planar card moving in perspective over a
second, independently moving textured background, with sensor noise and blur. Frames are made on demand (the
clip is never held in memory), and the true card corners are known exactly for every frame."""
from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

PHOTO = Path(__file__).resolve().parents[1] / "data" / "tracking" / "grace_hopper.jpg"


class PlanarClip:
    """`frame(i)` -> RGB uint8 (h, w, 3); `corners(i)` -> the card's true TL, TR, BR, BL in pixels."""

    def __init__(self, n_frames: int = 150, size: tuple[int, int] = (1920, 1080), noise: float = 2.0,
                 blur: float = 0.7, seed: int = 0, occlude: tuple[int, int] = (0, 0)):
        self.n = n_frames
        self._memo: dict[int, np.ndarray] = {}
        self.occlude = occlude   # frames [start, end) where a flat grey board hides the card completely
        self.size = size
        self.noise = noise
        self.blur = blur
        self.seed = seed
        w, h = size
        k = w / 1920.0
        self.k = k
        photo = cv2.cvtColor(cv2.imread(str(PHOTO)), cv2.COLOR_BGR2RGB)
        self.card = photo                          # 512 x 600
        ch, cw = photo.shape[:2]
        self.card_rect = np.array([[0, 0], [cw, 0], [cw, ch], [0, ch]], np.float64)
        # background: the same photograph mirrored, enlarged and softened, so texture around the card
        # moves differently from the card (the tracker must not follow it)
        bg = cv2.flip(photo, 1)
        bg = cv2.resize(bg, (int(w * 1.3), int(w * 1.3 * ch / cw)), interpolation=cv2.INTER_CUBIC)
        self.background = cv2.GaussianBlur(bg, (0, 0), 2.0)

    def corners(self, i: int) -> np.ndarray:
        """A smooth perspective path: translation, rotation, scale and per-corner tilt, all sinusoids."""
        w, h = self.size
        k = self.k
        t = i / max(1, self.n - 1)
        cx = w * 0.5 + k * 260 * np.sin(2 * np.pi * 0.8 * t)
        cy = h * 0.5 + k * 110 * np.sin(2 * np.pi * 0.6 * t + 0.7)
        s = k * (1.0 + 0.18 * np.sin(2 * np.pi * 0.5 * t))
        ang = np.deg2rad(9.0 * np.sin(2 * np.pi * 0.4 * t + 0.3))
        half = np.array([[-260, -300], [260, -300], [260, 300], [-260, 300]], np.float64) * s
        rot = np.array([[np.cos(ang), -np.sin(ang)], [np.sin(ang), np.cos(ang)]])
        quad = half @ rot.T
        # perspective: push the left/right edges in and out (a card turning about its vertical axis)
        tilt = 0.12 * np.sin(2 * np.pi * 0.45 * t + 1.1)
        quad[:, 1] *= np.array([1 - tilt, 1 + tilt, 1 + tilt, 1 - tilt])
        return quad + (cx, cy)

    def homography(self, i: int) -> np.ndarray:
        return cv2.getPerspectiveTransform(self.card_rect.astype(np.float32), self.corners(i).astype(np.float32))

    def background_at(self, i: int) -> np.ndarray:
        w, h = self.size
        t = i / max(1, self.n - 1)
        ox = 40 + 120 * t * self.k
        oy = 30 + 60 * np.sin(2 * np.pi * t) * self.k
        M = np.array([[1, 0, -ox], [0, 1, -oy]], np.float64)
        return cv2.warpAffine(self.background, M, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)

    def frame(self, i: int) -> np.ndarray:
        """Frame i; kept in memory below 1080p so tests that read the clip twice render it once."""
        if i in self._memo:
            return self._memo[i]
        out = self._render(i)
        if self.size[0] < 1920:
            self._memo[i] = out
        return out

    def _render(self, i: int) -> np.ndarray:
        w, h = self.size
        H = self.homography(i)
        card = cv2.warpPerspective(self.card, H, (w, h), flags=cv2.INTER_LINEAR)
        alpha = cv2.warpPerspective(np.full(self.card.shape[:2], 255, np.uint8), H, (w, h),
                                    flags=cv2.INTER_LINEAR).astype(np.float32)[..., None] / 255.0
        out = self.background_at(i).astype(np.float32) * (1 - alpha) + card.astype(np.float32) * alpha
        if self.occlude[0] <= i < self.occlude[1]:
            x0, y0 = np.floor(self.corners(i).min(0) - 30 * self.k).astype(int)
            x1, y1 = np.ceil(self.corners(i).max(0) + 30 * self.k).astype(int)
            out[max(0, y0):y1, max(0, x0):x1] = 90.0
        if self.blur > 0:
            out = cv2.GaussianBlur(out, (0, 0), self.blur)
        if self.noise > 0:
            cv2.setRNGSeed(self.seed * 100003 + i)
            noise = np.empty(out.shape, np.float32)
            cv2.randn(noise, 0.0, self.noise)
            out += noise
        return np.clip(out + 0.5, 0, 255).astype(np.uint8)

    def __call__(self, i: int) -> np.ndarray:
        return self.frame(i)
