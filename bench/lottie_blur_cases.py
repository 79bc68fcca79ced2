"""Gaussian blurs of several sizes, directions and layer kinds in one Lottie, and Skia's Skottie frames of it, for
tests/lottie/test_lottie_blur.py (which has no node); prints each cell's difference from Skottie.

Eight cells, each a red 40 px square (or what draws as one) blurred by the After Effects Gaussian Blur effect:
blurriness 5, 20 and 60; 20 horizontally and vertically only; a shape layer scaled 250 % (blurred in composition
pixels, as After Effects and Skottie measure a shape layer's effects); a blurriness animated from 0 to 60; a
precomposition layer scaled 200 % (its effects apply before the transform, so the blur scales with it).

    (cd bench/skottie && npm ci) && python3 bench/lottie_blur_cases.py
"""
from __future__ import annotations

import sys
from pathlib import Path

from lottie_case_kit import fill, group_plain, static, transform, write_skottie_goldens

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
OUT = REPO / "tests" / "golden" / "lottie-blur"
FILE = OUT / "blur.json"
W, H, CELL = 480, 240, 120
FRAMES = (0, 21)


def blur(blurriness, dimensions=1, repeat_edges=0) -> dict:
    """The Gaussian Blur effect as Bodymovin writes it (`ef` type 29)."""
    v = blurriness if isinstance(blurriness, dict) else static(blurriness)
    return {"ty": 29, "nm": "Gaussian Blur", "mn": "ADBE Gaussian Blur 2", "ix": 1, "en": 1, "ef": [
        {"ty": 0, "nm": "Blurriness", "mn": "ADBE Gaussian Blur 2-0001", "ix": 1, "v": v},
        {"ty": 7, "nm": "Blur Dimensions", "mn": "ADBE Gaussian Blur 2-0002", "ix": 2, "v": static(dimensions)},
        {"ty": 7, "nm": "Repeat Edge Pixels", "mn": "ADBE Gaussian Blur 2-0003", "ix": 3, "v": static(repeat_edges)}]}


def square(side: float) -> list:
    return [group_plain([{"ty": "rc", "d": 1, "s": static([side, side]), "p": static([0, 0]), "r": static(0)},
                         fill([0.9, 0.2, 0.1])])]


RISING = {"a": 1, "k": [{"t": 0, "s": [0], "o": {"x": [0.3], "y": [0]}, "i": {"x": [0.7], "y": [1]}},
                        {"t": 30, "s": [60]}]}
CELLS = (("blurriness 5", 40, 100, blur(5)), ("blurriness 20", 40, 100, blur(20)),
         ("blurriness 60", 40, 100, blur(60)), ("horizontal 20", 40, 100, blur(20, 2)),
         ("vertical 20", 40, 100, blur(20, 3)), ("shape layer at 250 %", 16, 250, blur(20)),
         ("animated 0 to 60", 40, 100, blur(RISING)), ("precomposition at 200 %", None, 200, blur(10)))


def animation(cells=CELLS) -> dict:
    layers = []
    for i, (name, side, scale, effect) in enumerate(cells):
        centre = (CELL // 2 + CELL * (i % 4), CELL // 2 + CELL * (i // 4))
        layer = {"ddd": 0, "ind": i + 1, "nm": name, "ks": transform(centre, s=(scale, scale)), "ip": 0, "op": 30,
                 "st": 0, "ef": [effect]}
        if side is None:                  # a 20 px square at the centre of a 40 px precomposition
            layer.update({"ty": 0, "refId": "square", "w": 40, "h": 40})
            layer["ks"]["a"] = static([20, 20, 0])
        else:
            layer.update({"ty": 4, "shapes": square(side)})
        layers.append(layer)
    square_comp = {"id": "square", "layers": [{"ddd": 0, "ind": 1, "ty": 4, "nm": "square", "ks": transform((20, 20)),
                                               "ip": 0, "op": 30, "st": 0, "shapes": square(20)}]}
    return {"v": "5.7.4", "fr": 30, "ip": 0, "op": 30, "w": W, "h": H, "nm": "blur", "ddd": 0,
            "assets": [square_comp], "layers": layers}


def main() -> int:
    from lottie_corpus import difference
    from overlays.lottie import load_player
    ref = write_skottie_goldens(animation(), FILE, FRAMES, (W, H))
    _, player = load_player(FILE, OUT, ("lottie",))
    for frame, rgba in zip(FRAMES, ref):
        ours = player.frame(frame, W, H)
        for i, (name, *_) in enumerate(CELLS):
            y, x = CELL * (i // 4), CELL * (i % 4)
            mean, p99 = difference(ours[y:y + CELL, x:x + CELL], rgba[y:y + CELL, x:x + CELL])
            print(f"frame {frame:2}  {name:26} mean {mean:5.2f}  p99 {p99:4.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
