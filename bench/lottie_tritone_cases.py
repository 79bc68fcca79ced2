"""A Lottie showing Tritone in four cells, and Skia's Skottie frames of it, for tests/lottie/test_lottie_tritone.py
(which has no node).

Cells 0 and 1 put Tritone (without and with Blend With Original) over an opaque picture whose colours lie on both
sides of the ramp's midpoint: overlapping shapes, a gradient across the midpoint, an animated fill colour, a
stroke, a solid. Cells 2 and 3 put it over a picture of translucent shapes whose colours all lie below the
midpoint, where they mix over areas. Each is drawn by rewriting the paints (`overlays/lottie_tritone.py`).

    (cd bench/skottie && npm ci) && python3 bench/lottie_tritone_cases.py
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
OUT = REPO / "tests" / "golden" / "lottie-tritone"
FILE = OUT / "tritone.json"
W, H, CELL = 160, 160, 80
FRAMES = (0, 21)


def _s(v):
    return {"a": 0, "k": v}


def _ks(p, o=100):
    return {"o": _s(o), "r": _s(0), "p": _s([p[0], p[1], 0]), "a": _s([0, 0, 0]), "s": _s([100, 100, 100])}


def _group(items, o=100):
    return {"ty": "gr", "it": items + [{"ty": "tr", "p": _s([0, 0]), "a": _s([0, 0]), "s": _s([100, 100]),
                                        "r": _s(0), "o": _s(o), "sk": _s(0), "sa": _s(0)}]}


def _fill(rgb, o=100):
    return {"ty": "fl", "c": _s(list(rgb) + [1]), "o": _s(o), "r": 1}


def opaque_picture() -> list:
    gradient = {"ty": "gf", "o": _s(100), "r": 1, "t": 1, "s": _s([-30, 0]), "e": _s([30, 0]),
                "g": {"p": 3, "k": _s([0, 0.05, 0.1, 0.2, 0.5, 0.95, 0.9, 0.2, 1, 1, 1, 0.6])}}
    shapes = [
        _group([{"ty": "el", "d": 1, "s": _s([30, 30]), "p": _s([12, 12])},
                {"ty": "st", "c": _s([0.98, 0.9, 0.1, 1]), "o": _s(100), "w": _s(3), "lc": 2, "lj": 2},
                _fill([0.1, 0.8, 0.3])]),
        _group([{"ty": "el", "d": 1, "s": _s([36, 36]), "p": _s([-10, 10])},
                {"ty": "fl", "o": _s(100), "r": 1,
                 "c": {"a": 1, "k": [{"t": 0, "s": [0.9, 0.2, 0.3, 1], "o": {"x": [0.3], "y": [0]},
                                      "i": {"x": [0.7], "y": [1]}}, {"t": 30, "s": [0.7, 0.95, 0.6, 1]}]}}]),
        _group([{"ty": "rc", "d": 1, "s": _s([60, 24]), "p": _s([0, -22]), "r": _s(0)}, gradient]),
    ]
    return [
        {"ddd": 0, "ind": 1, "ty": 4, "nm": "shapes", "ks": _ks((40, 40)), "ip": 0, "op": 60, "st": 0,
         "shapes": shapes},
        {"ddd": 0, "ind": 2, "ty": 1, "nm": "solid", "ks": _ks((4, 4)), "sc": "#3a6ea5", "sw": 20, "sh": 20,
         "ip": 0, "op": 60, "st": 0},
    ]


def dark_translucent_picture() -> list:
    shapes = [
        _group([{"ty": "el", "d": 1, "s": _s([40, 40]), "p": _s([-8, 4])}, _fill([0.2, 0.1, 0.9], 70)]),
        _group([{"ty": "el", "d": 1, "s": _s([40, 40]), "p": _s([10, -6])}, _fill([0.8, 0.2, 0.1], 60)]),
        _group([{"ty": "rc", "d": 1, "s": _s([50, 20]), "p": _s([0, 16]), "r": _s(0)}, _fill([0.1, 0.4, 0.3], 80)]),
    ]
    return [{"ddd": 0, "ind": 1, "ty": 4, "nm": "shapes", "ks": _ks((40, 40)), "ip": 0, "op": 60, "st": 0,
             "shapes": shapes}]


def tritone(high, mid, low, blend=0):
    params = [{"ty": 2, "nm": n, "mn": f"ADBE Tritone-{i + 1:04d}", "ix": i + 1, "v": _s(list(v) + [1])}
              for i, (n, v) in enumerate((("Highlights", high), ("Midtones", mid), ("Shadows", low)))]
    params.append({"ty": 0, "nm": "Blend With Original", "mn": "ADBE Tritone-0004", "ix": 4, "v": _s(blend)})
    return {"ty": 23, "nm": "Tritone", "mn": "ADBE Tritone", "ix": 1, "en": 1, "ef": params}


CELLS = [("opaque", tritone([1, 0.95, 0.6], [0.9, 0.1, 0.3], [0.05, 0.1, 0.4])),
         ("opaque", tritone([0.6, 1, 0.9], [0.2, 0.5, 0.1], [0.3, 0, 0.2], blend=40)),
         ("dark", tritone([1, 1, 1], [1, 0.5, 0], [0, 0.2, 0.6])),
         ("dark", tritone([0.9, 0.9, 0.2], [0.1, 0.9, 0.8], [0.4, 0, 0.1], blend=25))]


def animation() -> dict:
    cells = [{"ddd": 0, "ind": i + 1, "ty": 0, "nm": f"cell {i}", "refId": picture, "w": CELL, "h": CELL,
              "ks": _ks(((i % 2) * CELL, (i // 2) * CELL)), "ip": 0, "op": 60, "st": 0, "ef": [effect]}
             for i, (picture, effect) in enumerate(CELLS)]
    return {"v": "5.7.4", "fr": 30, "ip": 0, "op": 60, "w": W, "h": H, "nm": "tritone", "ddd": 0,
            "assets": [{"id": "opaque", "layers": opaque_picture()},
                       {"id": "dark", "layers": dark_translucent_picture()}],
            "layers": cells}


def main() -> int:
    from PIL import Image
    from lottie_corpus import Skottie
    OUT.mkdir(parents=True, exist_ok=True)
    FILE.write_text(json.dumps(animation()) + "\n")
    with tempfile.TemporaryDirectory() as tmp:
        ref = Skottie().render(FILE, list(FRAMES), W, H, Path(tmp))
    if isinstance(ref, str):
        sys.exit(ref)
    for frame, rgba in zip(FRAMES, ref):
        a = rgba.astype(np.float32)
        rgb = np.round(a[..., :3] + 128 * (1 - a[..., 3:] / 255)).astype(np.uint8)
        Image.fromarray(rgb).save(OUT / f"frame-{frame}.png")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "bench"))
    sys.exit(main())
