"""Where the caption plate sits: a named place inside the kit's safe area, an `[x, y]` centre, or (by default)
the first place whose plates stay clear of the project's keep-clear boxes.

Geometry only, in output pixels. The caption box is the area any cue's plate can take (its width, and the
height of `max_lines` lines); a plate sits inside it towards the place's side (bottom-aligned at the bottom, so a
one-line caption keeps the baseline of a two-line one; left-aligned at the left).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence, Union

Rect = tuple[float, float, float, float]        # x, y, w, h

FRACTIONS = {"center": (0.5, 0.5), "top-left": (0, 0), "top": (0.5, 0), "top-right": (1, 0), "left": (0, 0.5),
             "right": (1, 0.5), "bottom-left": (0, 1), "bottom": (0.5, 1), "bottom-right": (1, 1)}
# the order the default placement tries (the usual subtitle places first, the middle of the picture last)
AUTO_ORDER = ("bottom", "top", "bottom-left", "bottom-right", "top-left", "top-right", "left", "right", "center")


@dataclass(frozen=True)
class Placement:
    box: Rect                         # the caption box in output pixels (whole pixels)
    align: tuple[float, float]        # where a plate sits inside the box (0 left/top … 1 right/bottom)
    name: str                         # the named place, or "[x, y]"

    @property
    def center(self) -> tuple[float, float]:
        x, y, w, h = self.box
        return x + w / 2, y + h / 2

    def plate(self, pw: float, ph: float) -> Rect:
        """A plate of this size, in output pixels."""
        x, y, w, h = self.box
        fx, fy = self.align
        return x + fx * (w - pw), y + fy * (h - ph), pw, ph


def place(position: Union[str, Sequence[float]], size: tuple[int, int], safe: float,
          box: tuple[float, float]) -> Placement:
    """The caption box for a named place (inside the safe area) or an [x, y] plate centre (kept in the frame)."""
    W, H = size
    bw, bh = box
    if isinstance(position, str):
        fx, fy = FRACTIONS[position]
        mx, my = W * safe, H * safe
        px, py = mx + fx * (W - 2 * mx), my + fy * (H - 2 * my)
        x, y, name = px - fx * bw, py - fy * bh, position
    else:
        fx = fy = 0.5
        x, y = float(position[0]) - bw / 2, float(position[1]) - bh / 2
        name = f"[{position[0]:g}, {position[1]:g}]"
        x, y = min(max(x, 0.0), max(0.0, W - bw)), min(max(y, 0.0), max(0.0, H - bh))
    return Placement((float(round(x)), float(round(y)), bw, bh), (fx, fy), name)


def overlap(a: Rect, b: Rect) -> float:
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(0.0, w) * max(0.0, h)


def covered(p: Placement, plates: Sequence[tuple[float, float]], keep_clear: Sequence[Rect]) -> float:
    """Pixels of keep-clear boxes the plates cover (summed over plates and boxes)."""
    return sum(overlap(p.plate(w, h), k) for w, h in plates for k in keep_clear)


def choose(position: Optional[Union[str, Sequence[float]]], size: tuple[int, int], safe: float,
           box: tuple[float, float], plates: Sequence[tuple[float, float]],
           keep_clear: Sequence[Rect]) -> tuple[Placement, float]:
    """(the placement, keep-clear pixels its plates still cover). A given position is kept as it is; otherwise
    the first place of AUTO_ORDER whose plates cover no keep-clear box, else the one that covers least."""
    if position is not None:
        p = place(position, size, safe, box)
        return p, covered(p, plates, keep_clear)
    best = None
    for name in AUTO_ORDER:
        p = place(name, size, safe, box)
        c = covered(p, plates, keep_clear)
        if c == 0:
            return p, 0.0
        if best is None or c < best[1]:
            best = (p, c)
    return best
