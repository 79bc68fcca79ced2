"""Project-level `references:` — named images shots can condition on — and the shot-side `reference:` uses.

A reference is resolved once at load (files found, confined, readable) into a frozen `Reference`; a shot's
`generate.reference` names them. Non-exact references are content for the generator (routed by family in
`route`); an `exact: true` reference is never given to the generator: it is composited into a `region` of the
shot through a planar track (compositor/sources/locked.py), the generator only sees a placeholder there.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator

from compositor.errors import FieldError
from compositor.vocab.bounds import MAX_SIZE

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")


class ReferenceSpec(BaseModel):
    """`references: {NAME: {image: PATH, mask: PATH, exact: false}}`."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    image: str = Field(min_length=1, description="The reference picture, relative to the project file.")
    mask: Optional[str] = Field(None, description="White = the subject (product, character), black = ignore. "
                                "Content references: the rest is whitened before the model sees it; exact ones: "
                                "the product's silhouette when composited.")
    exact: bool = Field(False, description="Product lock: never given to the generator; the exact pixels are "
                        "composited into the shot's `region` through a planar track.")


class ReferenceUse(BaseModel):
    """One entry of `generate.reference` in its long form: `{name: laptop, region: [x, y, w, h]}`."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    name: str = Field(min_length=1, description="A name under the project's `references:`.")
    region: Optional[tuple[int, int, int, int]] = Field(
        None, description="Where an exact reference lands: [x, y, width, height] in output pixels (output.size) "
        "on the shot's first frame; tracked from there.")

    @field_validator("region")
    @classmethod
    def _region(cls, v):
        if v is not None and (v[2] < 4 or v[3] < 4 or v[0] < 0 or v[1] < 0):
            raise ValueError(f"region {list(v)} needs x, y ≥ 0 and a width and height of at least 4 px — "
                             "give [x, y, width, height] in output pixels")
        if v is not None and max(v) > MAX_SIZE:
            raise ValueError(f"region {list(v)} reaches past {MAX_SIZE} px — "
                             "give [x, y, width, height] in output pixels")
        return v


ReferenceEntry = Union[str, ReferenceUse]


def entry_name(entry: ReferenceEntry) -> str:
    return entry if isinstance(entry, str) else entry.name


def entry_region(entry: ReferenceEntry) -> Optional[tuple]:
    return None if isinstance(entry, str) else entry.region


@dataclass(frozen=True)
class Reference:
    """A resolved reference: absolute, confined paths."""

    name: str
    image: Path
    mask: Optional[Path] = None
    exact: bool = False


class References(Mapping):
    """The project's resolved `references:` (name -> Reference, read only) and the design size regions are in."""

    def __init__(self, items: dict, design_size: tuple[int, int] = (1920, 1080)):
        self._items = dict(items)
        self.design_size = (int(design_size[0]), int(design_size[1]))

    def __getitem__(self, name: str) -> Reference:
        return self._items[name]

    def __iter__(self):
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


@dataclass(frozen=True)
class Lock:
    """An exact reference placed in one shot: the product, its silhouette and where it lands (design pixels)."""

    reference: Reference
    region: tuple[int, int, int, int]
    design_size: tuple[int, int]

    def region_at(self, size: tuple[int, int]) -> tuple[float, float, float, float]:
        """The region in an output of `size` (a variant keeps the region's relative centre and scales it by the
        smaller axis ratio, as layers do)."""
        W, H = self.design_size
        x, y, w, h = self.region
        if (W, H) == tuple(size):
            return float(x), float(y), float(w), float(h)
        s = min(size[0] / W, size[1] / H)
        cx, cy = (x + w / 2) / W * size[0], (y + h / 2) / H * size[1]
        return cx - w * s / 2, cy - h * s / 2, w * s, h * s


def read_rgb(path: Path, field: tuple):
    """uint8 (H, W, 3) of an image file, or a FieldError naming `field`."""
    import numpy as np
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as im:
            return np.asarray(im.convert("RGB"))
    except (OSError, UnidentifiedImageError, ValueError) as exc:
        raise FieldError(field, f"cannot read the image: {exc}", "use a PNG, JPEG or WebP file") from None


def read_mask(path: Path, field: tuple):
    """bool (H, W): white (≥ 128) is the subject."""
    import numpy as np
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as im:
            return np.asarray(im.convert("L")) >= 128
    except (OSError, UnidentifiedImageError, ValueError) as exc:
        raise FieldError(field, f"cannot read the mask: {exc}", "use a black-and-white PNG") from None


def resolve(name: str, spec: ReferenceSpec, base_dir: Path, roots=()) -> Reference:
    """Find, confine and read-check one reference. FieldErrors are relative to `references.NAME`."""
    from compositor.confine import find_asset

    image = find_asset(base_dir, spec.image, ("image",), roots, IMAGE_SUFFIXES)
    rgb = read_rgb(image, ("image",))
    mask = None
    if spec.mask is not None:
        mask = find_asset(base_dir, spec.mask, ("mask",), roots, IMAGE_SUFFIXES)
        m = read_mask(mask, ("mask",))
        if m.shape != rgb.shape[:2]:
            raise FieldError(("mask",), f"the mask is {m.shape[1]}×{m.shape[0]} but the image is "
                             f"{rgb.shape[1]}×{rgb.shape[0]}", "make the mask the same size as the image")
        if not m.any():
            raise FieldError(("mask",), "the mask is all black, so it selects nothing",
                             "paint the subject white")
    return Reference(name, image, mask, spec.exact)


def subject_pixels(ref: Reference):
    """The reference as the model should see it: uint8 RGB, the area outside its mask whitened (VACE's own
    convention for subject references: the subject on white)."""
    import numpy as np

    rgb = read_rgb(ref.image, ("references", ref.name, "image")).copy()
    if ref.mask is not None:
        rgb[~read_mask(ref.mask, ("references", ref.name, "mask"))] = 255
    return np.ascontiguousarray(rgb)


def check_uses(entries, references: dict, design_size: tuple[int, int], field: tuple) -> list[tuple[tuple, str, str]]:
    """Problems with one shot's `reference:` list as (path, what, fix); nothing is raised."""
    issues = []
    known = ", ".join(references) or "none declared"
    seen = set()
    for j, entry in enumerate(entries):
        name, region = entry_name(entry), entry_region(entry)
        path = field + (j,) if isinstance(entry, str) else field + (j, "name")
        if name not in references:
            issues.append((path, f"unknown reference {name!r}",
                           f"declare it under the project's `references:` (references here: {known})"))
            continue
        if name in seen:
            issues.append((path, f"reference {name!r} is used twice", "name each reference once"))
        seen.add(name)
        ref = references[name]
        if ref.exact and region is None:
            issues.append((path, f"{name!r} is an exact reference (product lock) and needs a region to land in",
                           f"write it as {{name: {name}, region: [x, y, width, height]}} (output pixels)"))
        if not ref.exact and region is not None:
            issues.append((field + (j, "region"), f"{name!r} is not exact: a region only places exact references",
                           f"set `exact: true` on references.{name}, or remove the region"))
        if region is not None:
            x, y, w, h = region
            W, H = design_size
            if x + w > W or y + h > H:
                issues.append((field + (j, "region"), f"region {list(region)} reaches outside the {W}×{H} frame",
                               "keep x + width ≤ output width and y + height ≤ output height"))
    return issues
