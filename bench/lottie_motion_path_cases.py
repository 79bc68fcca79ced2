"""A Lottie of squares moving along curved motion paths, and Skia's Skottie frames of it, for
tests/lottie/test_lottie_motion_paths.py (which has no node).

Square 1: a layer's position on a wide curve, eased in and out; square 2: the same in the old form (each keyframe
with its `e` end value), along an S-shaped curve; square 3: a group's position (shape transform) on a curve
inside a precomposition; square 4: a sharp ease (handles at 0.01 and 0) along a curve, as rlottie's
confetti.json throws its particles. Each moves by the eased fraction of its path's true length
(`overlays/lottie_spatial_paths.py`).

    (cd bench/skottie && npm ci) && python3 bench/lottie_motion_path_cases.py
"""
from __future__ import annotations

import sys
from pathlib import Path

from lottie_case_kit import fill, group_plain, static, transform, write_skottie_goldens

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "tests" / "golden" / "lottie-motion-paths"
FILE = OUT / "motion.json"
W = H = 160
FRAMES = (6, 12, 21)


def _square(colour, side=24):
    return [group_plain([{"ty": "rc", "d": 1, "s": static([side, side]), "p": static([0, 0]), "r": static(0)},
                         fill(colour)])]


def _curve(start, end, to, ti, out=(0.4, 0.0), into=(0.6, 1.0), t0=0, t1=30, old=False):
    first = {"t": t0, "s": start, "to": to, "ti": ti, "o": {"x": out[0], "y": out[1]},
             "i": {"x": into[0], "y": into[1]}}
    if old:
        first["e"] = end
        return {"a": 1, "k": [first, {"t": t1}]}
    return {"a": 1, "k": [first, {"t": t1, "s": end}]}


def _layer(ind, position, shapes, ty=4, **extra):
    layer = {"ddd": 0, "ind": ind, "ty": ty, "nm": f"square {ind}", "ks": transform(position), "ip": 0, "op": 60,
             "st": 0, "sr": 1}
    if shapes is not None:
        layer["shapes"] = shapes
    layer.update(extra)
    return layer


def animation() -> dict:
    inner_group = _square([0.1, 0.8, 0.3])
    inner_group[0]["it"][2]["p"] = _curve([20, 140], [140, 70], [-10, -90], [-60, 40])
    layers = [
        _layer(1, _curve([15, 20, 0], [145, 60, 0], [40, 90, 0], [-20, 70, 0]), _square([0.9, 0.1, 0.1])),
        _layer(2, _curve([20, 80, 0], [140, 140, 0], [110, -60, 0], [-110, 60, 0], old=True),
               _square([0.1, 0.3, 0.9])),
        _layer(3, static([0, 0, 0]), None, ty=0, refId="inner", w=W, h=H),
        _layer(4, _curve([80, 80, 0], [10, 150, 0], [2, -90, 0], [60, 10, 0], out=(0.01, 0.0), into=(0.0, 1.0),
                         t0=4, t1=34), _square([0.95, 0.8, 0.1], side=16)),
    ]
    return {"v": "5.7.4", "fr": 30, "ip": 0, "op": 60, "w": W, "h": H, "nm": "motion paths", "ddd": 0,
            "assets": [{"id": "inner", "layers": [_layer(1, static([0, 0, 0]), inner_group)]}], "layers": layers}


def main() -> int:
    write_skottie_goldens(animation(), FILE, FRAMES, (W, H))
    return 0


if __name__ == "__main__":
    sys.exit(main())
