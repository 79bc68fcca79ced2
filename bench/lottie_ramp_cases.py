"""A Lottie showing the Gradient Ramp effect on solids in four cells, and Skia's Skottie frames of it, for
tests/lottie/test_lottie_gradient_ramp.py (which has no node).

Cell 0: a linear ramp across a solid; cell 1: a radial ramp; cell 2: a linear ramp with Blend With Original 30
(Skottie leaves the blend out); cell 3: a rotated solid inside a precomposition whose ramp has an animated start
point and start colour. Each is drawn by rewriting the solid into a gradient-filled rectangle
(`overlays/lottie_gradient_ramp.py`).

    (cd bench/skottie && npm ci) && python3 bench/lottie_ramp_cases.py
"""
from __future__ import annotations

import sys
from pathlib import Path

from lottie_case_kit import static, transform, write_skottie_goldens

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "tests" / "golden" / "lottie-ramp"
FILE = OUT / "ramp.json"
W, H, CELL = 160, 160, 80
FRAMES = (0, 21)


def _animated(a, b):
    return {"a": 1, "k": [{"t": 0, "s": a, "o": {"x": [0.3], "y": [0]}, "i": {"x": [0.7], "y": [1]}},
                          {"t": 30, "s": b}]}


def ramp(start, start_colour, end, end_colour, shape=1, blend=0):
    def v(x):
        return x if isinstance(x, dict) and "k" in x else static(x)
    params = [("Start of Ramp", 3, v(start)), ("Start Color", 2, v(start_colour)), ("End of Ramp", 3, v(end)),
              ("End Color", 2, v(end_colour)), ("Ramp Shape", 7, v(shape)), ("Ramp Scatter", 0, v(0)),
              ("Blend With Original", 0, v(blend))]
    ef = [{"ty": ty, "nm": n, "mn": f"ADBE Ramp-{i + 1:04d}", "ix": i + 1, "v": val}
          for i, (n, ty, val) in enumerate(params)]
    ef.append({"ty": 6, "nm": "", "mn": "ADBE Ramp-0008", "ix": 8, "v": 0})
    return {"ty": 5, "nm": "Gradient Ramp", "np": 10, "mn": "ADBE Ramp", "ix": 1, "en": 1, "ef": ef}


def _solid(ind, p, colour, effect, r=0, a=(0, 0), w=60, h=60):
    return {"ddd": 0, "ind": ind, "ty": 1, "nm": f"solid {ind}", "ks": transform(p, r=r, a=a), "sc": colour,
            "sw": w, "sh": h, "ip": 0, "op": 60, "st": 0, "ef": [effect]}


def animation() -> dict:
    layers = [
        _solid(1, (10, 10), "#ff0000", ramp([5, 10], [0.1, 0.2, 0.9, 1], [55, 50], [1, 0.9, 0.2, 1])),
        _solid(2, (90, 10), "#00ff00", ramp([30, 30], [1, 1, 1, 1], [58, 40], [0.6, 0.1, 0.3, 1], shape=2)),
        _solid(3, (10, 90), "#3a6ea5", ramp([0, 30], [0.9, 0.1, 0.1, 1], [60, 30], [0.1, 0.9, 0.3, 1], blend=30)),
        {"ddd": 0, "ind": 4, "ty": 0, "nm": "precomp", "refId": "inner", "w": CELL, "h": CELL,
         "ks": transform((CELL, CELL)), "ip": 0, "op": 60, "st": 0},
    ]
    inner = [_solid(1, (40, 40), "#ffffff",
                    ramp(_animated([0, 0], [25, 40]), _animated([0.9, 0.8, 0.1, 1], [0.1, 0.3, 0.8, 1]),
                         [50, 40], [0.2, 0.1, 0.1, 1]), r=20, a=(25, 20), w=50, h=40)]
    return {"v": "5.7.4", "fr": 30, "ip": 0, "op": 60, "w": W, "h": H, "nm": "ramp", "ddd": 0,
            "assets": [{"id": "inner", "layers": inner}], "layers": layers}


def main() -> int:
    write_skottie_goldens(animation(), FILE, FRAMES, (W, H))
    return 0


if __name__ == "__main__":
    sys.exit(main())
