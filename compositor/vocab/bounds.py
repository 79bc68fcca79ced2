"""Bounds on the numbers of a project file that reach an allocation or frame arithmetic (raster sizes,
coordinates, stroke widths, font sizes, blur radii, durations). Generous enough that no real project meets them,
tight enough that a typo (`from: [-5.5e16, 0]`) is refused at its line instead of failing in the renderer.

docs/project-file.md ("Limits") lists them; change both together.
"""
from __future__ import annotations

from typing import Annotated

from pydantic import Field

MAX_COORD = 100_000        # px: positions, points, offsets, distances (50× an 8K frame either way)
MAX_SIZE = 8192            # px: a side of anything drawn (output, layer widths, shapes, UI components)
MAX_STROKE = 1000          # px: stroke widths, corner radii, paddings, gaps
MAX_FONT = 2000            # px: a font size (and letter tracking either way)
MAX_LINE_HEIGHT = 10       # a line height, in multiples of the font size
MAX_LINES = 1000           # max_lines of a text
MAX_BLUR = 1000            # px: a blur or shadow radius
MAX_SCALE = 100            # a layer's scale factor
MAX_SECONDS = 3600         # s: a shot, and any time inside one (start, end, keys, preset durations)
MAX_PROJECT_SECONDS = 86400  # s: a time on the whole timeline (audio clips, captions)
MAX_GAIN_DB = 120          # dB: a gain either way
MAX_SEED = 2**63 - 1       # a generation seed (the generators take 64-bit seeds)
MAX_VALUE = 1e15           # a number shown in a UI component (stat, chart, table)
MAX_RASTER = 16384         # px: a side of a layer's raster as drawn (its size × the largest scale it reaches)

Coord = Annotated[float, Field(ge=-MAX_COORD, le=MAX_COORD)]
Point = tuple[Coord, Coord]
Length = Annotated[float, Field(ge=0, le=MAX_SIZE)]
Stroke = Annotated[float, Field(ge=0, le=MAX_STROKE)]
Seconds = Annotated[float, Field(ge=0, le=MAX_SECONDS)]
TimelineSeconds = Annotated[float, Field(ge=0, le=MAX_PROJECT_SECONDS)]
