"""Product lock: the exact product image composited into generated footage through a planar track.

The generator only ever saw a placeholder in the product's region (diffusion/routing.py); after the footage
is made, the region is tracked through it (the same planar tracker as `tracks:`, with a wide margin so the
scene around the region counts too), and the product's own pixels are corner-pinned onto the tracked quad on
every frame. The generator makes the world, the compositor puts the exact product in it.
"""
from __future__ import annotations

import hashlib
from typing import Optional

import numpy as np

from ..errors import FieldError
from .base import ShotContext, Source, WrapperSource

MARGIN = 0.5      # features up to half the region's size around it (the placeholder alone may be flat)


def product_raster(lock) -> np.ndarray:
    """The product as premultiplied RGBA uint8: its mask (white = product) is the alpha."""
    from compositor.diffusion.references import read_mask, read_rgb

    ref = lock.reference
    rgb = read_rgb(ref.image, ("references", ref.name, "image"))
    alpha = np.full(rgb.shape[:2], 255, np.uint8)
    if ref.mask is not None:
        alpha = read_mask(ref.mask, ("references", ref.name, "mask")).astype(np.uint8) * 255
    rgba = np.dstack([rgb, alpha])
    rgba[..., :3] = (rgba[..., :3].astype(np.uint16) * alpha[..., None] // 255).astype(np.uint8)
    return np.ascontiguousarray(rgba)


class LockedSource(WrapperSource):
    """`inner` with each lock's product pinned to its tracked region. `report["locks"]` says, per product,
    whether the region was tracked (and how confidently) or held still."""

    def __init__(self, inner: Source, locks):
        super().__init__(inner)
        self.locks = tuple(locks)
        self.rasters = tuple(product_raster(lock) for lock in self.locks)    # read once, at load
        self.report: dict = {}
        self._placed: list = []

    def prepare(self, ctx: ShotContext) -> None:
        super().prepare(ctx)
        self.inner.prepare(ctx)
        self.report = {"locks": {}}
        self._placed = [self._place(lock, raster, ctx) for lock, raster in zip(self.locks, self.rasters)]

    def notes(self) -> list[str]:
        return self.inner.notes() + [f"product lock {name}: {info['how']}"
                                     for name, info in self.report.get("locks", {}).items()]

    def _place(self, lock, raster: np.ndarray, ctx: ShotContext):
        from compositor.tracking.shot import track_shot
        from compositor.tracking.spec import PlanarTrack

        x, y, w, h = lock.region_at(ctx.size)
        quad = np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]], np.float64)
        name = f"lock:{lock.reference.name}"
        info = {"region": [round(float(v), 2) for v in (x, y, w, h)]}
        try:
            ts = track_shot({name: PlanarTrack(corners=quad.tolist(), at=0.0, margin=MARGIN)}, self.inner.frame,
                            ctx.n_frames, ctx.fps, ctx.size, ctx.cache_dir, f"locked:{self.inner.identity()}",
                            use_cache=ctx.use_cache)
            from compositor.tracking.trackset import LOW_CONFIDENCE

            corners = np.stack([ts.corners(name, i) for i in range(ctx.n_frames)])
            confs = np.array([ts.confidence(name, i) for i in range(ctx.n_frames)])
            low = int((confs < LOW_CONFIDENCE).sum())
            how = f"tracked through the shot (lowest confidence {confs.min():.2f})"
            if low:
                how += f"; on {low} of {ctx.n_frames} frames the tracker lost it and the last good place is held"
            info.update(how=how, tracked=True, confidence=float(confs.min()), held_frames=low)
        except FieldError as exc:
            corners = np.repeat(quad[None], ctx.n_frames, axis=0)
            info.update(how=f"held at its region ({exc.message}: nothing to track there)", tracked=False)
        corners[0] = quad          # the region is where the user put it on the first frame, exactly
        self.report["locks"][lock.reference.name] = info
        return raster, corners

    def frame(self, index: int) -> np.ndarray:
        from compositor.composite import warp_over
        from compositor.tracking.trackset import homography_rect_to_quad

        f = np.array(self.inner.frame(index), copy=True)
        i = min(max(index, 0), self.ctx.n_frames - 1)
        for raster, corners in self._placed:
            rh, rw = raster.shape[:2]
            warp_over(f, raster, homography_rect_to_quad(rw, rh, corners[i]), 1.0)
        return f

    def corners(self, name: str, index: int) -> Optional[np.ndarray]:
        """Where product `name` lands on frame `index` (TL, TR, BR, BL output pixels)."""
        for lock, (_, corners) in zip(self.locks, self._placed):
            if lock.reference.name == name:
                return corners[min(max(index, 0), len(corners) - 1)].copy()
        return None

    def identity(self) -> str:
        h = hashlib.sha256()
        for lock, raster in zip(self.locks, self.rasters):
            h.update(raster.tobytes())
            h.update(repr((lock.region, lock.design_size)).encode())
        return f"locked[{h.hexdigest()[:16]}]({self.inner.identity()})"
