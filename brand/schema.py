"""The brand.yaml model: what a kit may declare. Validated once, then resolved into a `BrandKit`."""
from __future__ import annotations

from typing import Literal, Optional, Union

from pydantic import Field
from compositor.vocab.strict import Strict


class StyleSpec(Strict):
    """A named text style: which kit font (or a fallback chain of kit fonts, `[body, arabic]`: each run of text
    is shaped with the first that covers it), how big, which colour token."""

    font: Union[str, list[str]] = Field(min_length=1)
    size: float = Field(gt=0)
    color: str = "ink"
    line_height: float = Field(1.2, gt=0)
    tracking: float = 0.0          # extra letter spacing in px
    align: Literal["left", "center", "right"] = "center"
    uppercase: bool = False


class LookSpec(Strict):
    """Appended to every generation prompt so footage looks like the brand across videos."""

    prompt: str = ""
    negative: str = ""
    palette: list[str] = Field(default_factory=list)   # colour tokens generated footage is mapped to (dark → light)


class MotionSpec(Strict):
    """Defaults for enter/exit presets when a layer gives only a name."""

    duration: float = Field(0.5, ge=0)
    ease: str = "cubic-out"


class BrandSpec(Strict):
    name: str
    colors: dict[str, str] = Field(default_factory=dict)
    fonts: dict[str, str] = Field(default_factory=dict)
    logo: dict[str, str] = Field(default_factory=dict)
    icons: dict[str, str] = Field(default_factory=dict)     # name -> SVG file, drawn in one colour (UI table cells)
    styles: dict[str, StyleSpec] = Field(default_factory=dict)
    safe_area: float = Field(0.05, ge=0, lt=0.5)
    lock: Literal["strict", "off"] = "off"
    look: Optional[LookSpec] = None
    motion: MotionSpec = Field(default_factory=MotionSpec)
    words: list[str] = Field(default_factory=list)   # names and product terms spelt as written (qc's spelling check)
    ui: dict = Field(default_factory=dict)   # UI kit tokens (radius, spacing, shadow, surface …), read by overlays.ui
