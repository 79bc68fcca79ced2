"""A Lottie showing one small picture six times, each under one affine colour effect, and Skia's Skottie frames of
it, for tests/lottie/test_lottie_colour_effects.py (which has no node).

The picture is a precomposition where paints mix: translucent shapes overlapping, a gradient whose stops the
effects push past 0 or 1, an animated fill colour, a stroke, a solid, an image. The six cells apply Invert (RGB),
Invert (blue), legacy Brightness & Contrast, Levels (gamma 1), Shift Channels and Hue/Saturation lightness, with
the parameters Skottie reads (modules/skottie/src/effects).

    (cd bench/skottie && npm ci) && python3 bench/lottie_colour_effect_cases.py
"""
from __future__ import annotations

import base64
import io
import sys
from pathlib import Path

import numpy as np
from lottie_case_kit import group, static, transform, write_skottie_goldens

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "tests" / "golden" / "lottie-colour-effects"
FILE = OUT / "colour_effects.json"
W, H, CELL = 240, 160, 80
FRAMES = (0, 21)


def _image_uri() -> str:
    from PIL import Image
    y, x = np.mgrid[0:16, 0:16]
    px = np.stack([x * 16, y * 16, 255 - x * 8, np.full_like(x, 255)], axis=-1).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(px).save(buf, "PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def picture_layers() -> list:
    gradient = {"ty": "gf", "o": static(100), "r": 1, "t": 1, "s": static([-30, 0]), "e": static([30, 0]),
                "g": {"p": 3, "k": static([0, 0.05, 0.1, 0.9, 0.5, 0.95, 0.6, 0.2, 1, 0.3, 0.9, 0.1])}}
    shapes = [
        group([{"ty": "rc", "d": 1, "s": static([60, 24]), "p": static([0, -22]), "r": static(0)}, gradient]),
        group([{"ty": "el", "d": 1, "s": static([40, 40]), "p": static([-10, 10])},
                {"ty": "fl", "c": static([0.9, 0.2, 0.3, 1]), "o": static(70), "r": 1}]),
        group([{"ty": "el", "d": 1, "s": static([36, 36]), "p": static([12, 14])},
                {"ty": "fl", "o": static(60), "r": 1,
                 "c": {"a": 1, "k": [{"t": 0, "s": [0.1, 0.8, 0.3, 1], "o": {"x": [0.3], "y": [0]},
                                      "i": {"x": [0.7], "y": [1]}}, {"t": 30, "s": [0.2, 0.3, 0.95, 1]}]}},
                {"ty": "st", "c": static([0.98, 0.9, 0.1, 1]), "o": static(100), "w": static(3), "lc": 2, "lj": 2}]),
    ]
    return [
        {"ddd": 0, "ind": 1, "ty": 4, "nm": "shapes", "ks": transform((40, 40)), "ip": 0, "op": 60, "st": 0,
         "shapes": shapes},
        {"ddd": 0, "ind": 2, "ty": 2, "nm": "image", "refId": "img", "ks": transform((62, 62), a=(8, 8)), "ip": 0,
         "op": 60, "st": 0},
        {"ddd": 0, "ind": 3, "ty": 1, "nm": "solid", "ks": transform((4, 4)), "sc": "#3a6ea5", "sw": 20, "sh": 20,
         "ip": 0, "op": 60, "st": 0},
    ]


def _effect(mn, values):
    params = [{"ty": 0, "nm": f"p{i}", "mn": f"{mn}-{i + 1:04d}", "ix": i + 1, "v": static(v)}
              if v is not None else {} for i, v in enumerate(values)]
    return {"ty": 5, "nm": mn, "mn": mn, "ix": 1, "en": 1, "ef": params}


EFFECTS = [
    _effect("ADBE Invert", [1, 0]),
    _effect("ADBE Invert", [4, 0]),
    _effect("ADBE Brightness & Contrast 2", [20, -30, 1]),
    _effect("ADBE Easy Levels2", [1, None, 0, 1, 1, 0.9, 0.15, 1, 1]),
    _effect("ADBE Shift Channels", [1, 4, 5, 9]),
    _effect("ADBE HUE SATURATION", [1, 0, 0, 0, -40, 0, 0, 0, 0]),
]


def animation() -> dict:
    cells = [{"ddd": 0, "ind": i + 1, "ty": 0, "nm": f"cell {i}", "refId": "picture", "w": CELL, "h": CELL,
              "ks": transform(((i % 3) * CELL, (i // 3) * CELL)), "ip": 0, "op": 60, "st": 0, "ef": [effect]}
             for i, effect in enumerate(EFFECTS)]
    return {"v": "5.7.4", "fr": 30, "ip": 0, "op": 60, "w": W, "h": H, "nm": "colour effects", "ddd": 0,
            "assets": [{"id": "img", "w": 16, "h": 16, "u": "", "p": _image_uri(), "e": 1},
                       {"id": "picture", "layers": picture_layers()}],
            "layers": cells}


def main() -> int:
    write_skottie_goldens(animation(), FILE, FRAMES, (W, H))
    return 0


if __name__ == "__main__":
    sys.exit(main())
