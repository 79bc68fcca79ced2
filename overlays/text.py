"""`text:` layers — exact words in a kit style, wrapped inside `width`, never clipped.

Overflow when `width`/`height` bound the box: `wrap` (default: wrap, grow in height), `shrink` (reduce the size
until it fits), `ellipsize` (cut with …), `error` (refuse at load: the copy must be shortened).
"""
from __future__ import annotations

from typing import Literal, Optional

import skia
from pydantic import Field

from compositor.errors import FieldError
from compositor.vocab.bounds import MAX_FONT, MAX_LINE_HEIGHT, MAX_LINES, Stroke
from compositor.vocab.layer import LayerCommon, Strict

from .base import BuildContext, Overlay, paint
from .registry import register
from .textblock import TextBlock, uncovered


def check_glyphs(text: str, fonts, kit, path: tuple, whose: Optional[str] = None) -> None:
    """A character no font of the chain has a glyph for is refused at load: it would be drawn as an empty box."""
    missing = uncovered(text, fonts)
    if missing:
        codes = " ".join(f"U+{ord(c):04X}" for c in missing[:8]) + (" …" if len(missing) > 8 else "")
        raise FieldError(path, f"no font covers {missing[:20]!r} ({codes}); fonts tried: {kit.font_names(fonts)}",
                         f"add a kit font that has these characters to the font chain of the {whose or 'layer'} in "
                         "brand.yaml (e.g. `font: [body, arabic]`), or change the text")


class BoxSpec(Strict):
    """An optional plate behind the text (captions, labels)."""

    fill: str
    padding: Stroke | tuple[Stroke, Stroke] = 16
    radius: Stroke = 12


class TextLayer(LayerCommon):
    text: str
    style: str = "body"
    color: Optional[str] = None
    font: Optional[str] = None
    size: Optional[float] = Field(None, gt=0, le=MAX_FONT)
    align: Optional[Literal["left", "center", "right"]] = None
    line_height: Optional[float] = Field(None, gt=0, le=MAX_LINE_HEIGHT)
    tracking: Optional[float] = Field(None, ge=-MAX_FONT, le=MAX_FONT)
    max_lines: Optional[int] = Field(None, ge=1, le=MAX_LINES)
    overflow: Literal["wrap", "shrink", "ellipsize", "error"] = "wrap"
    box: Optional[BoxSpec] = None


class TextOverlay(Overlay):
    def __init__(self, block_args: dict, box: Optional[tuple] = None):
        self.block_args = block_args
        self.block = TextBlock(**block_args)
        self.box = box  # (fill rgba, pad_x, pad_y, radius)
        pad_x, pad_y = (box[1], box[2]) if box else (0.0, 0.0)
        self.pad = (pad_x, pad_y)
        self.width = self.block.width + 2 * pad_x
        self.height = self.block.height + 2 * pad_y

    def content_key(self, t: float, reveal: float = 1.0):
        return None if reveal >= 1 else ("reveal", round(reveal * len(self.block.text)))

    def draw(self, canvas: skia.Canvas, t: float, reveal: float = 1.0) -> None:
        if self.box:
            fill, _, _, radius = self.box
            canvas.drawRRect(skia.RRect.MakeRectXY(skia.Rect.MakeWH(self.width, self.height), radius, radius),
                             paint(fill))
        block = self.block if reveal >= 1 else TextBlock(**{**self.block_args, "reveal": reveal})
        block.paint(canvas, self.pad[0], self.pad[1])


def build_text(layer: TextLayer, ctx: BuildContext, path: tuple) -> TextOverlay:
    style = ctx.style(layer.style, path + ("style",))
    font = (ctx.font(layer.font, path + ("font",)),) if layer.font else style.chain
    text = layer.text.upper() if style.uppercase else layer.text
    check_glyphs(text, font, ctx.kit, path + ("text",), "style " + repr(layer.style) if not layer.font else None)
    color = ctx.color(layer.color, path + ("color",)) if layer.color else style.color
    size = layer.size or style.size
    args = dict(text=text, font=font, size=size, color=color, align=layer.align or style.align,
                width=layer.width, line_height=layer.line_height or style.line_height,
                tracking=style.tracking if layer.tracking is None else layer.tracking,
                max_lines=layer.max_lines, ellipsize=layer.overflow == "ellipsize")
    box = None
    if layer.box:
        pad = layer.box.padding
        px, py = (pad, pad) if isinstance(pad, (int, float)) else pad
        box = (ctx.color(layer.box.fill, path + ("box", "fill")), float(px), float(py), layer.box.radius)
        if layer.width:
            args["width"] = max(1.0, layer.width - 2 * px)
    block = TextBlock(**args)
    too_many = layer.max_lines is not None and block.lines > layer.max_lines
    too_tall = layer.height is not None and block.height > layer.height
    if layer.overflow == "shrink":
        while (too_many or too_tall) and args["size"] > 6:
            args["size"] *= 0.94
            block = TextBlock(**args)
            too_many = layer.max_lines is not None and block.lines > layer.max_lines
            too_tall = layer.height is not None and block.height > layer.height
    elif layer.overflow == "error" and (too_many or too_tall):
        raise FieldError(path, f"the text needs {block.lines} line(s) / {block.height:.0f}px and does not fit",
                         "shorten it, widen 'width', or set overflow: wrap|shrink|ellipsize")
    return TextOverlay(args, box)


register("text", TextLayer, build_text)
