"""What the Lottie case scripts share: the few Lottie builders each small test animation is made of, and the
writer that turns Skia's Skottie frames of it into the PNG goldens a test compares against (the tests have no
node, so Skottie's frames are drawn here once and kept)."""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import numpy as np


def static(v) -> dict:
    """A property that does not change over time."""
    return {"a": 0, "k": v}


def transform(p, o=100, r=0, a=(0, 0), s=(100, 100)) -> dict:
    """A layer transform (`ks`) in the picture plane; `p`, `o` and `r` may be given as animated properties."""
    return {"o": o if isinstance(o, dict) else static(o), "r": r if isinstance(r, dict) else static(r),
            "p": p if isinstance(p, dict) else static([p[0], p[1], 0]), "a": static([a[0], a[1], 0]),
            "s": static([s[0], s[1], 100])}


def group_transform(o=100, skew: bool = False) -> dict:
    """A shape group's identity transform (`tr`) at opacity `o`; its skew written out (0) with `skew`."""
    tr = {"ty": "tr", "p": static([0, 0]), "a": static([0, 0]), "s": static([100, 100]), "r": static(0),
          "o": static(o)}
    return tr | {"sk": static(0), "sa": static(0)} if skew else tr


def group(items: list, o=100) -> dict:
    """A shape group of `items` under an identity group transform at opacity `o`, its skew written out."""
    return {"ty": "gr", "it": items + [group_transform(o, skew=True)]}


def group_plain(items: list) -> dict:
    """A shape group of `items` under an identity group transform written without skew."""
    return {"ty": "gr", "it": items + [group_transform()]}


def fill(rgb, o=100) -> dict:
    return {"ty": "fl", "c": static(list(rgb) + [1]), "o": static(o), "r": 1}


def card_group(fill_rgb, stroke_rgb) -> dict:
    """A 60 x 40 rounded rectangle filled and stroked 3 px, centred on its layer's origin: the card the 3D cases
    turn and move."""
    return group_plain([{"ty": "rc", "d": 1, "s": static([60, 40]), "p": static([0, 0]), "r": static(5)},
                        fill(fill_rgb),
                        {"ty": "st", "c": static(list(stroke_rgb) + [1]), "o": static(100), "w": static(3),
                         "lc": 2, "lj": 2}])


def eased_keys(pairs, hold: bool = False) -> dict:
    """An animated property from (frame, value) pairs, eased as After Effects exports keyframes (or held)."""
    keys = []
    for t, v in pairs:
        key = {"t": t, "s": list(v) if isinstance(v, (list, tuple)) else [v]}
        if hold:
            key["h"] = 1
        else:
            key.update({"o": {"x": [0.3], "y": [0]}, "i": {"x": [0.7], "y": [1]}})
        keys.append(key)
    return {"a": 1, "k": keys}


def over_grey(rgba: np.ndarray) -> np.ndarray:
    """Skottie's premultiplied RGBA over mid grey (128): what a test shot with a grey background shows."""
    a = rgba.astype(np.float32)
    return np.round(a[..., :3] + 128 * (1 - a[..., 3:] / 255)).astype(np.uint8)


def write_skottie_goldens(doc: dict, file: Path, frames, size: tuple[int, int], prefix: str = "frame",
                          skottie=None) -> list:
    """Write `doc` to `file` and Skottie's frames of it beside it as `<prefix>-<frame>.png`, over grey; the
    frames (premultiplied RGBA) are returned for the scripts that also measure the player against them. Exits
    with Skottie's message when it cannot draw the file."""
    from PIL import Image
    from lottie_corpus import Skottie
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(json.dumps(doc) + "\n")
    with tempfile.TemporaryDirectory() as tmp:
        ref = (skottie or Skottie()).render(file, list(frames), size[0], size[1], Path(tmp))
    if isinstance(ref, str):
        sys.exit(ref)
    for frame, rgba in zip(frames, ref):
        Image.fromarray(over_grey(rgba)).save(file.parent / f"{prefix}-{frame}.png")
    return ref


def skottie_frames(skottie, doc: dict, frames, size: tuple[int, int], tmp: Path, file: str = "case.json",
                   what: str | None = None) -> list:
    """Skottie's frames (premultiplied RGBA) of `doc`, written to `tmp/file` to be drawn; exits with Skottie's
    message, after `what: ` when given, when it cannot draw the file."""
    path = tmp / file
    path.write_text(json.dumps(doc))
    ref = skottie.render(path, list(frames), size[0], size[1], tmp)
    if isinstance(ref, str):
        sys.exit(f"{what}: {ref}" if what else ref)
    return ref


def save_pair(path: Path, without: np.ndarray, with_: np.ndarray) -> None:
    """A pixel-op golden: the frame without the effect (left half) beside the frame with it (right half)."""
    from PIL import Image
    Image.fromarray(np.concatenate([without, with_], axis=1)).save(path, optimize=True)


def frames_with_and_without(skottie, name: str, doc: dict, without: dict, frames, size: int, tmp: Path) -> dict:
    """Skottie's frames of a case with its effect or style ("with") and of the same file without it ("without"),
    at `size` x `size`: the two halves of a pixel-op golden."""
    return {tag: skottie_frames(skottie, d, [float(x) for x in frames], (size, size), tmp, f"{name}-{tag}.json",
                                what=name)
            for tag, d in (("with", doc), ("without", without))}


def clear_pngs(folder: Path) -> None:
    """Make `folder` and remove its PNGs, so that goldens no longer written do not stay behind."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
