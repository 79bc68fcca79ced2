"""`svg:`, `image:` and `logo:` layers — vector and bitmap artwork, aspect ratio kept unless told otherwise.

Size: `width` and/or `height` in output pixels; with only one, the other follows the artwork's aspect ratio;
with both, `fit` decides (`contain` default, `cover` crops, `fill` stretches).
`tint` recolours the artwork: every painted pixel takes the tint's colour and keeps its own alpha (a one-colour
silhouette, as a mono logo or an icon is usually shown on footage); transparent pixels stay transparent.
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Literal, Optional

import skia

from brand.colors import RGBA
from compositor.errors import FieldError
from compositor.vocab.layer import LayerCommon

from .base import BuildContext, Overlay, skia_color
from .raster import SAMPLING, check_svg, device_scale, load_bitmap, rgba_to_image, svg_intrinsic_size, svg_to_image
from .registry import register

BITMAP_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif", ".tif", ".tiff")


class SvgLayer(LayerCommon):
    svg: str
    fit: Literal["contain", "cover", "fill"] = "contain"
    tint: Optional[str] = None          # a colour token (or a literal where the lock allows)


class ImageLayer(LayerCommon):
    image: str
    fit: Literal["contain", "cover", "fill"] = "contain"
    tint: Optional[str] = None


class LogoLayer(LayerCommon):
    logo: str = "default"
    fit: Literal["contain", "cover", "fill"] = "contain"
    tint: Optional[str] = None


def _box(intrinsic: tuple[float, float], width: Optional[float], height: Optional[float], fit: str):
    """(box w, box h, art w, art h, art x, art y): where the artwork sits inside the layer box."""
    iw, ih = intrinsic
    if width is None and height is None:
        return iw, ih, iw, ih, 0.0, 0.0
    if width is None:
        width = height * iw / ih
        return width, height, width, height, 0.0, 0.0
    if height is None:
        height = width * ih / iw
        return width, height, width, height, 0.0, 0.0
    if fit == "fill":
        return width, height, width, height, 0.0, 0.0
    s = (min if fit == "contain" else max)(width / iw, height / ih)
    aw, ah = iw * s, ih * s
    return width, height, aw, ah, (width - aw) / 2, (height - ah) / 2


def tint_paint(tint: Optional[RGBA]) -> Optional[skia.Paint]:
    """A paint that draws an image in one colour with the image's own alpha (source-in), or None for as-is."""
    if tint is None:
        return None
    return skia.Paint(ColorFilter=skia.ColorFilters.Blend(skia_color(tint), skia.BlendMode.kSrcIn))


class SvgOverlay(Overlay):
    def __init__(self, data: bytes, width: Optional[float], height: Optional[float], fit: str,
                 tint: Optional[RGBA] = None):
        self.data = data
        self.paint = tint_paint(tint)
        self.width, self.height, self.aw, self.ah, self.ax, self.ay = _box(svg_intrinsic_size(data), width,
                                                                            height, fit)

    def draw(self, canvas: skia.Canvas, t: float, reveal: float = 1.0) -> None:
        s = device_scale(canvas)
        pw, ph = max(1, math.ceil(self.aw * s)), max(1, math.ceil(self.ah * s))
        image = svg_to_image(self.data, pw, ph)
        canvas.save()
        canvas.clipRect(skia.Rect.MakeWH(self.width, self.height))
        canvas.drawImageRect(image, skia.Rect.MakeXYWH(self.ax, self.ay, self.aw, self.ah), SAMPLING, self.paint)
        canvas.restore()


class BitmapOverlay(Overlay):
    def __init__(self, rgba, width: Optional[float], height: Optional[float], fit: str,
                 tint: Optional[RGBA] = None):
        self.image = rgba_to_image(rgba)
        self.paint = tint_paint(tint)
        h, w = rgba.shape[:2]
        self.width, self.height, self.aw, self.ah, self.ax, self.ay = _box((w, h), width, height, fit)

    def draw(self, canvas: skia.Canvas, t: float, reveal: float = 1.0) -> None:
        canvas.save()
        canvas.clipRect(skia.Rect.MakeWH(self.width, self.height))
        canvas.drawImageRect(self.image, skia.Rect.MakeXYWH(self.ax, self.ay, self.aw, self.ah), SAMPLING,
                             self.paint)
        canvas.restore()


def artwork(path: Path, width, height, fit: str, field: tuple, tint: Optional[RGBA] = None) -> Overlay:
    """An overlay for an SVG or bitmap file (read now, never at draw time), drawn in `tint` when given."""
    if path.suffix.lower() == ".svg":
        data = path.read_bytes()
        problem = check_svg(data)
        if problem:
            raise FieldError(field, f"cannot read the SVG ({problem})", "check the file is valid SVG")
        return SvgOverlay(data, width, height, fit, tint)
    try:
        rgba = load_bitmap(path)
    except Exception as exc:
        raise FieldError(field, f"cannot read the image ({exc})", "use a PNG, JPEG or WebP file")
    return BitmapOverlay(rgba, width, height, fit, tint)


def _tint(layer, ctx: BuildContext, path: tuple) -> Optional[RGBA]:
    return ctx.color(layer.tint, path + ("tint",)) if layer.tint is not None else None


def build_svg(layer: SvgLayer, ctx: BuildContext, path: tuple) -> Overlay:
    file = ctx.asset(layer.svg, path + ("svg",), kinds=(".svg",))
    return artwork(file, layer.width, layer.height, layer.fit, path + ("svg",), _tint(layer, ctx, path))


def build_image(layer: ImageLayer, ctx: BuildContext, path: tuple) -> Overlay:
    file = ctx.asset(layer.image, path + ("image",), kinds=BITMAP_SUFFIXES + (".svg",))
    return artwork(file, layer.width, layer.height, layer.fit, path + ("image",), _tint(layer, ctx, path))


def build_logo(layer: LogoLayer, ctx: BuildContext, path: tuple) -> Overlay:
    try:
        file = ctx.kit.logo(layer.logo, ctx.base_dir)
    except FieldError as exc:
        raise FieldError(path + ("logo",), exc.message, exc.fix)
    return artwork(file, layer.width, layer.height, layer.fit, path + ("logo",), _tint(layer, ctx, path))


register("svg", SvgLayer, build_svg)
register("image", ImageLayer, build_image)
register("logo", LogoLayer, build_logo)
