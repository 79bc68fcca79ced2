"""Where a shot's `reference:` goes, by family, in order of preference:

1. subject conditioning — Wan VACE takes any number of references as `reference_images`;
2. image-to-video from the reference — one reference becomes the first frame (Wan I2V / FLF2V / TI2V `image`,
   Wan text-to-video by first-latent pinning, LTX `image`, LTX condition a condition at frame 0);
3. otherwise a FieldError naming the families that can.

Exact references (product lock) are never routed to the model: they become `Lock`s, composited after.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Optional

import numpy as np

from compositor.diffusion.families import REFERENCE_FAMILIES, FolderInfo
from compositor.diffusion.references import Lock, Reference, References, entry_name, entry_region
from compositor.errors import FieldError

FIELD = ("generate", "reference")
# the spec keys that also set a shot's first frame (an image-to-video reference would compete with them)
FIRST_FRAME_KEYS = ("image", "continue_from", "start_from", "continuity")
MARKER_VERSION = "1"


@dataclass(frozen=True)
class Routing:
    content: tuple[Reference, ...] = ()     # given to the model
    how: str = ""                          # "reference_images" | "first_frame" | "" (none)
    locks: tuple[Lock, ...] = ()           # exact references, composited through a track


def has_content(spec, references) -> bool:
    """True when the shot names a reference the model is given (not exact): it can be a first frame."""
    refs = references or {}
    return any(entry_name(e) in refs and not refs[entry_name(e)].exact for e in spec.reference)


def route(spec, info: FolderInfo, references: Optional[References]) -> Routing:
    """Decide at load, reading only files: a FieldError (relative to `background`) when the family cannot."""
    if not spec.reference:
        return Routing()
    fam = info.family
    refs = references if references is not None else References({})
    content, locks = [], []
    for j, entry in enumerate(spec.reference):
        name = entry_name(entry)
        if name not in refs:      # the loader reports unknown names with their line; a bare source says it here
            raise FieldError(FIELD + (j,), f"unknown reference {name!r}",
                             f"declare it under the project's `references:` ({', '.join(refs) or 'none declared'})")
        ref = refs[name]
        if ref.exact:
            locks.append(Lock(ref, tuple(entry_region(entry) or (0, 0, 0, 0)), refs.design_size))
        else:
            content.append(ref)
    if not content:
        return Routing((), "", tuple(locks))
    if fam.subject_references:
        return Routing(tuple(content), "reference_images", tuple(locks))
    if not fam.can_i2v:
        raise FieldError(FIELD, f"{info.folder.name} is a {fam.label} model ({info.class_name}): it cannot be "
                         "conditioned on a reference image",
                         f"use a model that can: {'; '.join(REFERENCE_FAMILIES)} — or remove `reference`")
    if len(content) > 1:
        raise FieldError(FIELD, f"{info.folder.name} ({fam.label}) takes one reference, as its first frame; "
                         f"this shot names {len(content)}",
                         f"use a Wan VACE model for several ({REFERENCE_FAMILIES[0]}), or keep one reference")
    taken = [k for k in FIRST_FRAME_KEYS if getattr(spec, k, None) is not None]
    if taken:
        raise FieldError(FIELD, f"on {fam.label} models the reference becomes the first frame, and `{taken[0]}` "
                         "sets it too", f"keep one of them, or use a Wan VACE model ({REFERENCE_FAMILIES[0]}), "
                         "which takes references besides a first frame")
    return Routing(tuple(content), "first_frame", tuple(locks))


def marker(w: int, h: int) -> np.ndarray:
    """The placeholder the generator sees where the product will be: a fixed high-contrast block pattern, so
    the region stays trackable in the generated footage. uint8 (h, w, 3)."""
    rng = np.random.default_rng(20240)
    cell = max(2, min(w, h) // 6)
    blocks = rng.integers(0, 2, size=(h // cell + 1, w // cell + 1)).astype(np.uint8) * 255
    grid = np.kron(blocks, np.ones((cell, cell), np.uint8))[:h, :w]
    return np.repeat(grid[..., None], 3, axis=2)


def generation_rect(lock: Lock, out_size: tuple[int, int], gen_size: tuple[int, int]) -> tuple[int, int, int, int]:
    """The lock's region in generation pixels (x0, y0, x1, y1): the inverse of the centre-crop + resize that
    turns the generated frame into the output frame (resample.crop_box)."""
    from compositor.diffusion.resample import crop_box

    x, y, w, h = lock.region_at(out_size)
    cx, cy, cw, ch = crop_box(gen_size, out_size)
    sx, sy = cw / out_size[0], ch / out_size[1]
    x0, y0 = int(np.floor(cx + x * sx)), int(np.floor(cy + y * sy))
    x1, y1 = int(np.ceil(cx + (x + w) * sx)), int(np.ceil(cy + (y + h) * sy))
    return max(0, x0), max(0, y0), min(gen_size[0], x1), min(gen_size[1], y1)


def digest(pixels: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(pixels).tobytes()).hexdigest()


@dataclass(frozen=True)
class Inputs:
    """What a routed shot gives the pipeline, at the generation size."""

    start: Optional[np.ndarray]                 # the first frame (a reference, or the shot's own, with placeholder)
    reference_images: tuple = ()               # uint8 RGB arrays for `reference_images`
    placeholder: Optional[tuple] = None        # (x0, y0, x1, y1, pixels): VACE keeps it on frame 0
    key: Optional[dict] = None                 # added to the clip's cache key (None: nothing routed)
    notes: tuple = ()


def inputs(routing: Routing, info: FolderInfo, start: Optional[np.ndarray], out_size: tuple[int, int],
           gen_size: tuple[int, int]) -> Inputs:
    """The routed references as pipeline inputs; `start` is the shot's own first frame (None: none)."""
    from compositor.diffusion.references import read_rgb, subject_pixels

    if not routing.content and not routing.locks:
        return Inputs(start)
    fam = info.family
    notes, key, refs = [], {}, ()
    if routing.how == "reference_images":
        refs = tuple(subject_pixels(r) for r in routing.content)
        key["references"] = [{"name": r.name, "as": routing.how, "sha256": digest(px)}
                             for r, px in zip(routing.content, refs)]
        notes.append(f"references {', '.join(r.name for r in routing.content)}: subject conditioning "
                     f"({info.class_name} `reference_images`)")
    elif routing.how == "first_frame":
        from compositor.diffusion.resample import cover

        ref = routing.content[0]
        start = cover(read_rgb(ref.image, ("references", ref.name, "image")), gen_size)
        key["references"] = [{"name": ref.name, "as": routing.how, "sha256": digest(start)}]
        notes.append(f"reference {ref.name}: the first frame (image-to-video, {info.class_name})")
    placeholder = None
    for lock in routing.locks:
        x0, y0, x1, y1 = generation_rect(lock, out_size, gen_size)
        name = lock.reference.name
        if x1 - x0 < 1 or y1 - y0 < 1:
            continue
        pixels = marker(x1 - x0, y1 - y0)
        if start is not None:          # every family that starts from a frame carries the placeholder from it
            start = start.copy()
            start[y0:y1, x0:x1] = pixels
            how = "painted into the first frame"
        elif fam.inpaint and placeholder is None:
            placeholder = (x0, y0, x1, y1, pixels)
            how = f"kept on frame 0 through {info.class_name}'s `video` + `mask`"
        else:
            how = None
            notes.append(f"product lock {name}: {fam.label} has no mask input and this shot no first frame, so "
                         "the generator draws freely there; the product covers it, tracked through the region")
        if how:
            notes.append(f"product lock {name}: the generator sees a placeholder at {[x0, y0, x1 - x0, y1 - y0]} "
                         f"(generation pixels, {how}), never the product")
            key.setdefault("locks", []).append({"rect": [x0, y0, x1, y1], "marker": MARKER_VERSION, "how": how})
    return Inputs(start, refs, placeholder, key or None, tuple(notes))
