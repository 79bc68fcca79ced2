"""A Lottie showing Tritone in four cells, and Skia's Skottie frames of it, for tests/lottie/test_lottie_tritone.py
(which has no node).

Cells 0 and 1 put Tritone (without and with Blend With Original) over an opaque picture whose colours lie on both
sides of the ramp's midpoint: overlapping shapes, a gradient across the midpoint, an animated fill colour, a
stroke, a solid. Cells 2 and 3 put it over a picture of translucent shapes whose colours all lie below the
midpoint, where they mix over areas. Each is drawn by rewriting the paints (`overlays/lottie_tritone.py`).

    (cd bench/skottie && npm ci) && python3 bench/lottie_tritone_cases.py
"""
from __future__ import annotations

import sys
from pathlib import Path

from lottie_case_kit import fill, group, static, transform, write_skottie_goldens

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "tests" / "golden" / "lottie-tritone"
FILE = OUT / "tritone.json"
W, H, CELL = 160, 160, 80
FRAMES = (0, 21)


def opaque_picture() -> list:
    gradient = {"ty": "gf", "o": static(100), "r": 1, "t": 1, "s": static([-30, 0]), "e": static([30, 0]),
                "g": {"p": 3, "k": static([0, 0.05, 0.1, 0.2, 0.5, 0.95, 0.9, 0.2, 1, 1, 1, 0.6])}}
    shapes = [
        group([{"ty": "el", "d": 1, "s": static([30, 30]), "p": static([12, 12])},
                {"ty": "st", "c": static([0.98, 0.9, 0.1, 1]), "o": static(100), "w": static(3), "lc": 2, "lj": 2},
                fill([0.1, 0.8, 0.3])]),
        group([{"ty": "el", "d": 1, "s": static([36, 36]), "p": static([-10, 10])},
                {"ty": "fl", "o": static(100), "r": 1,
                 "c": {"a": 1, "k": [{"t": 0, "s": [0.9, 0.2, 0.3, 1], "o": {"x": [0.3], "y": [0]},
                                      "i": {"x": [0.7], "y": [1]}}, {"t": 30, "s": [0.7, 0.95, 0.6, 1]}]}}]),
        group([{"ty": "rc", "d": 1, "s": static([60, 24]), "p": static([0, -22]), "r": static(0)}, gradient]),
    ]
    return [
        {"ddd": 0, "ind": 1, "ty": 4, "nm": "shapes", "ks": transform((40, 40)), "ip": 0, "op": 60, "st": 0,
         "shapes": shapes},
        {"ddd": 0, "ind": 2, "ty": 1, "nm": "solid", "ks": transform((4, 4)), "sc": "#3a6ea5", "sw": 20, "sh": 20,
         "ip": 0, "op": 60, "st": 0},
    ]


def dark_translucent_picture() -> list:
    shapes = [
        group([{"ty": "el", "d": 1, "s": static([40, 40]), "p": static([-8, 4])}, fill([0.2, 0.1, 0.9], 70)]),
        group([{"ty": "el", "d": 1, "s": static([40, 40]), "p": static([10, -6])}, fill([0.8, 0.2, 0.1], 60)]),
        group([{"ty": "rc", "d": 1, "s": static([50, 20]), "p": static([0, 16]), "r": static(0)},
               fill([0.1, 0.4, 0.3], 80)]),
    ]
    return [{"ddd": 0, "ind": 1, "ty": 4, "nm": "shapes", "ks": transform((40, 40)), "ip": 0, "op": 60, "st": 0,
             "shapes": shapes}]


def tritone(high, mid, low, blend=0):
    params = [{"ty": 2, "nm": n, "mn": f"ADBE Tritone-{i + 1:04d}", "ix": i + 1, "v": static(list(v) + [1])}
              for i, (n, v) in enumerate((("Highlights", high), ("Midtones", mid), ("Shadows", low)))]
    params.append({"ty": 0, "nm": "Blend With Original", "mn": "ADBE Tritone-0004", "ix": 4, "v": static(blend)})
    return {"ty": 23, "nm": "Tritone", "mn": "ADBE Tritone", "ix": 1, "en": 1, "ef": params}


CELLS = [("opaque", tritone([1, 0.95, 0.6], [0.9, 0.1, 0.3], [0.05, 0.1, 0.4])),
         ("opaque", tritone([0.6, 1, 0.9], [0.2, 0.5, 0.1], [0.3, 0, 0.2], blend=40)),
         ("dark", tritone([1, 1, 1], [1, 0.5, 0], [0, 0.2, 0.6])),
         ("dark", tritone([0.9, 0.9, 0.2], [0.1, 0.9, 0.8], [0.4, 0, 0.1], blend=25))]


def animation() -> dict:
    cells = [{"ddd": 0, "ind": i + 1, "ty": 0, "nm": f"cell {i}", "refId": picture, "w": CELL, "h": CELL,
              "ks": transform(((i % 2) * CELL, (i // 2) * CELL)), "ip": 0, "op": 60, "st": 0, "ef": [effect]}
             for i, (picture, effect) in enumerate(CELLS)]
    return {"v": "5.7.4", "fr": 30, "ip": 0, "op": 60, "w": W, "h": H, "nm": "tritone", "ddd": 0,
            "assets": [{"id": "opaque", "layers": opaque_picture()},
                       {"id": "dark", "layers": dark_translucent_picture()}],
            "layers": cells}


def main() -> int:
    write_skottie_goldens(animation(), FILE, FRAMES, (W, H))
    return 0


if __name__ == "__main__":
    sys.exit(main())
