"""Burned-in captions: the cue on screen at each moment, in the kit's caption style, inside its caption box.

Captions run on the video's clock, not a shot's: the overlay is given the shot's start time so that the same
cue shows the same way whichever shot (or transition) is on screen. With `highlight_words`, the word being
spoken is drawn in the kit's accent colour where word timings are known. `align` says where the plate sits
inside the box (compositor.captions.place): bottom-centre by default.
"""
from __future__ import annotations

from typing import Optional

import skia

from brand.colors import RGBA

from .base import Overlay, paint
from .textblock import TextBlock


class CaptionOverlay(Overlay):
    def __init__(self, cues, font, size: float, color: RGBA, width: float, max_lines: int, offset: float,
                 plate: Optional[RGBA], highlight: Optional[RGBA], line_height: float = 1.2,
                 align: tuple[float, float] = (0.5, 1.0)):
        self.cues = cues
        self.font, self.font_size, self.color = font, size, color
        self.offset = offset           # seconds from the start of the video to the start of this shot
        self.plate = plate
        self.highlight = highlight
        self.line_height = line_height
        self.align = align
        self.pad = size * 0.35
        self.width = float(width)
        one = TextBlock("Hg", font, size, color, line_height=line_height).height
        self.height = one * max_lines + 2 * self.pad

    def _cue(self, t: float):
        g = t + self.offset
        for i, c in enumerate(self.cues):
            if c.start <= g < c.end:
                return i, c
        return None, None

    def content_key(self, t: float, reveal: float = 1.0):
        i, cue = self._cue(t)
        if cue is None:
            return ("none",)
        word = cue.active_word(t + self.offset) if self.highlight is not None else None
        return ("cue", i, word)

    def _block(self, cue, t: float) -> TextBlock:
        text = "\n".join(cue.shown_lines)
        span = None
        if self.highlight is not None and cue.words:
            k = cue.active_word(t + self.offset)
            if k is not None:
                span = _word_span(text, [w.text for w in cue.words], k)
        return TextBlock(text, self.font, self.font_size, self.color, align="center",
                         width=self.width - 2 * self.pad, line_height=self.line_height,
                         highlight=(span[0], span[1], self.highlight) if span else None)

    def plate_size(self, cue) -> tuple[float, float]:
        """The plate of a cue (its lines and padding), in output pixels."""
        block = self._block(cue, cue.start - self.offset)
        return block.text_width + 2 * self.pad, block.height + 2 * self.pad

    def draw(self, canvas: skia.Canvas, t: float, reveal: float = 1.0) -> None:
        _, cue = self._cue(t)
        if cue is None:
            return
        block = self._block(cue, t)
        w = block.text_width + 2 * self.pad
        h = block.height + 2 * self.pad
        fx, fy = self.align
        x = fx * (self.width - w)
        y = fy * (self.height - h)   # at the bottom, one-line captions sit on the same baseline as two-line ones
        if self.plate is not None:
            r = self.font_size * 0.3
            canvas.drawRRect(skia.RRect.MakeRectXY(skia.Rect.MakeXYWH(x, y, w, h), r, r), paint(self.plate))
        # the paragraph centres its lines in the box's width: move them under the plate
        block.paint(canvas, self.pad + x - (self.width - w) / 2, y + self.pad)


def _word_span(text: str, words: list[str], k: int) -> Optional[tuple[int, int]]:
    """Character span of the k-th word of `words` inside `text` (searching in order)."""
    pos = 0
    for i, word in enumerate(words):
        j = text.find(word, pos)
        if j < 0:
            return None
        if i == k:
            return j, j + len(word)
        pos = j + len(word)
    return None
