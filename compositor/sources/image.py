"""`image:` backgrounds: a still fitted to the frame, with optional Ken Burns pan/zoom."""
from __future__ import annotations

from typing import Annotated, Literal, Optional

import cv2
import numpy as np
from pydantic import Field, field_validator

from ..animate import ease
from ..errors import FieldError
from ..vocab.bounds import MAX_SCALE, Point
from ..vocab.strict import Strict
from .base import Source
from .fit import fit_affine, fit_frame
from .focus import check_focus
from .registry import BgCommon, asset, background, fill_color


class ImageSource(Source):
    kind = "image"

    def __init__(self, rgb: np.ndarray, fit: str, motion=None, fill=(0, 0, 0), ident: str = "", focus=None):
        self.rgb = rgb
        self.focus = focus
        self.fit = fit
        self.motion = motion
        self.fill = fill
        self.ident = ident

    def prepare(self, ctx) -> None:
        super().prepare(ctx)
        W, H = ctx.size
        if self.motion is None:
            self._static = fit_frame(self.rgb, ctx.size, self.fit, self.fill, self.focus)
            return
        self._static = None
        self.zmax = max(self.motion.zoom)
        # the base holds enough pixels for the deepest zoom, so zooming in stays sharp
        self.base = fit_frame(self.rgb, (round(W * self.zmax), round(H * self.zmax)), self.fit, self.fill,
                              self.focus)

    def frame(self, index: int) -> np.ndarray:
        if self._static is not None:
            return self._static
        W, H = self.ctx.size
        n = max(1, self.ctx.n_frames - 1)
        u = ease(self.motion.ease, index / n)
        z = self.motion.zoom[0] + (self.motion.zoom[1] - self.motion.zoom[0]) * u
        (px0, py0), (px1, py1) = self.motion.pan
        px, py = px0 + (px1 - px0) * u, py0 + (py1 - py0) * u
        s = z / self.zmax
        bh, bw = self.base.shape[:2]
        # the visible window is W/s x H/s base pixels; pan moves it within the spare margin (-1..1)
        spare_x, spare_y = (bw - W / s) / 2, (bh - H / s) / 2
        cx, cy = bw / 2 + px * spare_x, bh / 2 + py * spare_y
        m = np.array([[s, 0, W / 2 - s * cx], [0, s, H / 2 - s * cy]], np.float64)
        return cv2.warpAffine(self.base, m, (W, H), flags=cv2.INTER_AREA if s < 1 else cv2.INTER_LINEAR,
                              borderMode=cv2.BORDER_REFLECT)

    def reframe(self, index: int) -> tuple[float, ...]:
        """Main-cut pixels -> this cut's (sx, sy, tx, ty) for a still without Ken Burns motion (with motion: the
        relative place, as layers keep it)."""
        W, H = self.ctx.size
        design = tuple(self.ctx.design_size or self.ctx.size)
        if self.motion is not None:
            return W / design[0], H / design[1], 0.0, 0.0
        src = (self.rgb.shape[1], self.rgb.shape[0])
        d, o = fit_affine(src, design, self.fit, self.focus), fit_affine(src, (W, H), self.fit, self.focus)
        sx, sy = o[0] / d[0], o[1] / d[1]
        return sx, sy, o[2] - sx * d[2], o[3] - sy * d[3]

    def identity(self) -> str:
        focus = f":{self.focus}" if self.focus is not None else ""
        return f"image:{self.ident}:{self.fit}:{self.motion}{focus}"


# ---- the kind: model and builder --------------------------------------------------------------------------
class MotionSpec(Strict):
    """Ken Burns: zoom from/to and pan from/to (pan in fractions of the spare image, -1..1)."""

    zoom: tuple[Annotated[float, Field(gt=0, le=MAX_SCALE)], Annotated[float, Field(gt=0, le=MAX_SCALE)]] = (1.0, 1.0)
    pan: tuple[Point, Point] = ((0.0, 0.0), (0.0, 0.0))
    ease: str = "sine-in-out"


class ImageBg(BgCommon):
    image: str
    fit: Literal["cover", "contain"] = "cover"
    focus: Optional[tuple[float, float]] = None    # what a `cover` crop keeps in frame (fractions of the image)
    motion: Optional[MotionSpec] = None
    fill: Optional[str] = None      # letterbox colour for `contain`

    @field_validator("focus")
    @classmethod
    def _focus(cls, v):
        return check_focus(v)


@background("image", ImageBg)
def build_image(bg, kit, base_dir, seed, references):
    from overlays.raster import load_bitmap

    path = asset(base_dir, bg.image, "image")
    try:
        rgba = load_bitmap(path)
    except Exception as exc:
        raise FieldError(("image",), f"cannot read the image ({exc})", "use a PNG, JPEG or WebP file")
    return ImageSource(rgba[..., :3].copy(), bg.fit, bg.motion, fill_color(bg, kit), ident=str(path), focus=bg.focus)
