"""`color:`, `gradient:` and `none` backgrounds: cheap, exact, brand-token colours."""
from __future__ import annotations

import math
from typing import Annotated, Literal, Union

import numpy as np
from pydantic import Field, model_validator

from ..errors import FieldError
from ..vocab.strict import Strict
from .base import Source
from .registry import BgCommon, background, kit_color


class ColorSource(Source):
    kind = "color"

    def __init__(self, rgba):
        self.rgba = rgba

    def prepare(self, ctx) -> None:
        super().prepare(ctx)
        w, h = ctx.size
        self._frame = np.empty((h, w, 3), np.uint8)
        self._frame[...] = np.array(self.rgba[:3], np.uint8)
        self._frame.flags.writeable = False

    def frame(self, index: int) -> np.ndarray:
        return self._frame

    def identity(self) -> str:
        return f"color:{self.rgba}"


class NoneSource(Source):
    """Transparent background: frames carry alpha (ProRes 4444 / VP9 alpha / PNG outputs)."""

    kind = "none"

    has_alpha = True

    def prepare(self, ctx) -> None:
        super().prepare(ctx)
        w, h = ctx.size
        self._frame = np.zeros((h, w, 4), np.uint8)
        self._frame.flags.writeable = False

    def frame(self, index: int) -> np.ndarray:
        return self._frame

    def identity(self) -> str:
        return "none"


class GradientSource(Source):
    """A linear gradient through evenly spaced colour stops; `drift` turns it slowly over time."""

    kind = "gradient"

    def __init__(self, colors: list, angle: float, drift: float):
        self.colors = np.array([c[:3] for c in colors], np.float32)
        self.angle = angle
        self.drift = drift

    def prepare(self, ctx) -> None:
        super().prepare(ctx)
        w, h = ctx.size
        ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
        self._xs, self._ys = xs - w / 2, ys - h / 2
        self._static = None if self.drift else self._render(self.angle)

    def _render(self, angle: float) -> np.ndarray:
        w, h = self.ctx.size
        a = math.radians(angle)
        dx, dy = math.cos(a), math.sin(a)
        half = abs(dx) * w / 2 + abs(dy) * h / 2
        u = np.clip((self._xs * dx + self._ys * dy) / (2 * half) + 0.5, 0, 1)
        n = len(self.colors) - 1
        pos = u * n
        i = np.minimum(pos.astype(np.int32), n - 1)
        f = (pos - i)[..., None]
        out = self.colors[i] * (1 - f) + self.colors[i + 1] * f
        # ordered dither so 8-bit gradients do not band
        noise = ((np.indices((h, w)).sum(axis=0) % 4) / 4.0 - 0.375)[..., None]
        return np.clip(out + noise, 0, 255).astype(np.uint8)

    def frame(self, index: int) -> np.ndarray:
        if self._static is not None:
            return self._static
        return self._render(self.angle + self.drift * index / self.ctx.fps)

    def identity(self) -> str:
        return f"gradient:{self.colors.tolist()}:{self.angle}:{self.drift}"


# ---- the kinds: models and builders ------------------------------------------------------------------------
class ColorBg(BgCommon):
    color: str


class GradientStops(Strict):
    colors: list[str] = Field(min_length=2)
    angle: float = 90.0             # degrees: 0 = left->right, 90 = top->bottom
    drift: float = 0.0              # degrees per second the angle turns (a calm moving backdrop)


class GradientBg(BgCommon):
    gradient: Union[Annotated[list[str], Field(min_length=2)], GradientStops]

    @property
    def stops(self) -> GradientStops:
        return self.gradient if isinstance(self.gradient, GradientStops) else GradientStops(colors=self.gradient)


class NoneBg(BgCommon):
    none: Literal[True] = True

    @model_validator(mode="before")
    @classmethod
    def _word(cls, data):
        return {"none": True} if data == "none" else data

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema, handler):
        return {"anyOf": [{"const": "none"}, handler(core_schema)]}


@background("color", ColorBg)
def build_color(bg, kit, base_dir, seed, references):
    return ColorSource(kit_color(kit, bg.color, "color"))


@background("gradient", GradientBg)
def build_gradient(bg, kit, base_dir, seed, references):
    stops = bg.stops
    cols = []
    for i, c in enumerate(stops.colors):
        try:
            cols.append(kit.color(c))
        except FieldError as exc:
            raise FieldError(("gradient", i) if isinstance(bg.gradient, list) else ("gradient", "colors", i),
                             exc.message, exc.fix)
    return GradientSource(cols, stops.angle, stops.drift)


@background("none", NoneBg)
def build_none(bg, kit, base_dir, seed, references):
    return NoneSource()
