"""Turning SVG and bitmap files into skia images: read once at load, rasterized at the device size at draw.

SVG is rendered by cairosvg with external references refused (only inline `data:` URIs load) and scripts
ignored, at the exact pixel size it will occupy, so logos stay crisp at any scale.
"""
from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import skia
from PIL import Image


class ExternalReferenceRefused(Exception):
    pass


def _refuse(url, resource_type):
    """Inline `data:` URIs load; any other reference (files, http) is skipped as if empty — never fetched."""
    if str(url).startswith("data:"):
        from cairosvg.url import fetch
        return fetch(url, resource_type)
    return b""


def svg_intrinsic_size(data: bytes) -> tuple[float, float]:
    """The SVG's own size (width/height attributes, else the viewBox), in px."""
    attrs = _root_size_attributes(data)
    if attrs is None:      # styled or unusual: let cairosvg resolve it (and raise its own parse errors)
        attrs = _root_size_attributes_cairosvg(data)
    return _size_from(*attrs)


def _root_size_attributes(data: bytes):
    """(width, height, viewBox) of the root element, read with the same defused XML parser cairosvg uses, but
    without importing cairosvg (whose cairo bindings take a large share of a preview's start-up).

    None whenever cairosvg could read the values differently (CSS in a `style` attribute or a <style>
    element, `inherit`) or the bytes do not parse: the caller then asks cairosvg itself, so sizes and error
    messages are exactly cairosvg's."""
    import gzip

    from defusedxml import ElementTree

    if not data:
        return None
    try:
        if data.startswith(b"\x1f\x8b"):
            data = gzip.decompress(data)
        root = ElementTree.fromstring(data, forbid_entities=True, forbid_external=True)
    except Exception:
        return None
    if "style" in root.attrib or any(_local_name(el.tag) == "style" for el in root.iter()):
        return None
    values = tuple(root.get(name) for name in ("width", "height", "viewBox"))
    if "inherit" in values:
        return None
    return values


def _local_name(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _root_size_attributes_cairosvg(data: bytes):
    import cairosvg.parser

    tree = cairosvg.parser.Tree(bytestring=data, url_fetcher=_refuse, unsafe=False)
    return tree.get("width"), tree.get("height"), tree.get("viewBox")


def _size_from(width, height, view_box) -> tuple[float, float]:
    def length(v):
        if not v:
            return None
        m = re.match(r"^\s*([0-9.]+)\s*(px)?\s*$", str(v))
        return float(m.group(1)) if m else None
    w, h = length(width), length(height)
    vb = view_box
    if vb:
        parts = [float(x) for x in re.split(r"[\s,]+", vb.strip()) if x]
        if len(parts) == 4 and parts[2] > 0 and parts[3] > 0:
            if w is None and h is None:
                return parts[2], parts[3]
            if w is None:
                return h * parts[2] / parts[3], h
            if h is None:
                return w, w * parts[3] / parts[2]
    return (w or 300.0), (h or 150.0)


def check_svg(data: bytes) -> str | None:
    """None if the SVG parses, else the reason (validation reports it before any render)."""
    try:
        svg_intrinsic_size(data)
        # a thumbnail finds what only drawing finds (<use> loops that recurse forever); one drawn before, of the
        # same bytes by the same cairosvg, is in the disk cache, so checking a known logo does not load cairo
        from .svg_cache import cached_png

        cached_png(data, 4, 4, lambda: _render_svg(data, 4, 4))
        return None
    except RecursionError:
        return "its <use> references loop (or nest too deeply) — break the cycle of href=\"#…\" references"
    except Exception as exc:
        return str(exc) or type(exc).__name__


def _strip_external(data: bytes) -> bytes:
    """Drop <script> elements (never run) — cairosvg ignores them, but keep the bytes we hand it clean."""
    return re.sub(rb"<script\b.*?</script\s*>", b"", data, flags=re.S | re.I)


@lru_cache(maxsize=128)
def svg_to_image(data: bytes, width: int, height: int) -> skia.Image:
    """Rasterize SVG bytes to a premultiplied skia image of exactly width x height pixels (disk-cached)."""
    from .svg_cache import cached_png

    width, height = max(1, width), max(1, height)
    return png_bytes_to_image(cached_png(data, width, height, lambda: _render_svg(data, width, height)))


def _render_svg(data: bytes, width: int, height: int) -> bytes:
    from cairosvg.surface import PNGSurface

    return PNGSurface.convert(bytestring=_strip_external(data), url_fetcher=_refuse, unsafe=False,
                              output_width=width, output_height=height)


def png_bytes_to_image(png: bytes) -> skia.Image:
    img = Image.open(io.BytesIO(png)).convert("RGBA")
    return rgba_to_image(np.asarray(img))


def rgba_to_image(rgba: np.ndarray) -> skia.Image:
    """Straight-alpha RGBA uint8 -> skia image (skia premultiplies on draw)."""
    rgba = np.ascontiguousarray(rgba)
    return skia.Image.fromarray(rgba, colorType=skia.kRGBA_8888_ColorType, alphaType=skia.kUnpremul_AlphaType)


def load_bitmap(path: Path) -> np.ndarray:
    """Any PIL-readable image as straight RGBA uint8, EXIF orientation applied."""
    from PIL import ImageOps

    with Image.open(path) as img:
        img = ImageOps.exif_transpose(img)
        return np.asarray(img.convert("RGBA")).copy()


SAMPLING = skia.SamplingOptions(skia.CubicResampler.Mitchell())


def device_scale(canvas: skia.Canvas) -> float:
    m = canvas.getTotalMatrix()
    return max(abs(m.getScaleX()), abs(m.getScaleY()), 1e-6)
