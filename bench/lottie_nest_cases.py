"""A Lottie whose precompositions hold what the player cannot draw, and Skia's Skottie frames of it, for
tests/lottie/test_lottie_nest.py (which has no node).

Each of four cells is a precomposition layer of the main composition drawn as a sub-animation
(`overlays/lottie_nest.py`):
  0  a Hue blend over shapes, in a precomposition rotated, scaled 80 % and moved by an animated parent null,
     at 70 % opacity;
  1  a layer turning about Y (drawn flat and warped: `lottie_3d`), in a precomposition that
     plays at twice the speed, 4 frames ahead (st -4, sr 0.5);
  2  Threshold on a layer two precompositions down, the outer one time-remapped (`tm`) and multiplied onto a
     solid below it;
  3  a Drop Shadow layer style and a Tint on translucent shapes, in a precomposition scaled unevenly to
     120 % x 80 % and moved by a fraction of a pixel.

    (cd bench/skottie && npm ci) && python3 bench/lottie_nest_cases.py
"""
from __future__ import annotations

import sys
from pathlib import Path

from lottie_case_kit import fill, group, static, transform, write_skottie_goldens

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "tests" / "golden" / "lottie-nest"
FILE = OUT / "nest.json"
W, H, CELL = 160, 160, 80
FRAMES = (0, 21)


def _keys(*pairs):
    """A linear keyframed property from (frame, value) pairs."""
    keys = [{"t": t, "s": v if isinstance(v, list) else [v], "o": {"x": [0.5], "y": [0.5]},
             "i": {"x": [0.5], "y": [0.5]}} for t, v in pairs]
    return {"a": 1, "k": keys}


def _rect(x, y, w, h):
    return {"ty": "rc", "d": 1, "s": static([w, h]), "p": static([x + w / 2, y + h / 2]), "r": static(0)}


def _ellipse(x, y, d):
    return {"ty": "el", "d": 1, "s": static([d, d]), "p": static([x, y])}


def _shape(ind, name, shapes, ks=None, **extra):
    layer = {"ddd": 0, "ind": ind, "ty": 4, "nm": name, "ks": ks or transform((0, 0)), "ip": 0, "op": 60, "st": 0,
             "shapes": shapes}
    layer.update(extra)
    return layer


def _precomp(ind, name, ref, ks, **extra):
    layer = {"ddd": 0, "ind": ind, "ty": 0, "nm": name, "refId": ref, "w": CELL, "h": CELL, "ks": ks, "ip": 0,
             "op": 60, "st": 0}
    layer.update(extra)
    return layer


def hue_blend() -> list:
    star = {"ty": "sr", "sy": 1, "d": 1, "pt": static(5), "p": static([40, 40]), "r": static(0), "ir": static(12),
            "is": static(0), "or": static(30), "os": static(0)}
    return [_shape(1, "hue star", [group([star, fill([0.95, 0.85, 0.1])])], bm=12),
            _shape(2, "backdrop", [group([_rect(6, 10, 68, 30), fill([0.1, 0.3, 0.9])]),
                                   group([_rect(10, 40, 60, 30), fill([0.9, 0.2, 0.4], 60)])])]


def turning() -> list:
    card = group([_rect(-22, -30, 44, 60), fill([0.2, 0.7, 0.4])])
    dot = group([_ellipse(0, -10, 16), fill([0.95, 0.9, 0.2])])
    ks = {"o": static(100), "p": static([40, 40, 0]), "a": static([0, 0, 0]), "s": static([100, 100, 100]),
          "or": static([0, 0, 0]), "rx": static(0), "ry": _keys((0, 0), (40, 70)), "rz": static(10)}
    return [_shape(1, "turning card", [dot, card], ks=ks, ddd=1)]


def threshold_inner() -> list:
    effect = {"ty": 5, "nm": "Threshold", "mn": "ADBE Threshold2", "en": 1,
              "ef": [{"ty": 0, "nm": "Level", "v": static(0.45)}]}
    gradient = {"ty": "gf", "o": static(100), "r": 1, "t": 1, "s": static([8, 0]), "e": static([72, 0]),
                "g": {"p": 2, "k": static([0, 0.1, 0.2, 0.6, 1, 0.9, 0.8, 0.3])}}
    return [_shape(1, "threshold", [group([_ellipse(40, 40, 50), gradient])],
                   ks=transform((0, 0), r=_keys((0, 0), (60, 90)), a=(40, 40)) | {"p": static([40, 40, 0])},
                   ef=[effect])]


def threshold_outer() -> list:
    return [_precomp(1, "threshold inside", "threshold inner", transform((0, 0))),
            _shape(2, "ring", [group([_ellipse(40, 40, 70), {"ty": "st", "c": static([0.9, 0.5, 0.1, 1]),
                                                             "o": static(100), "w": static(4), "lc": 2, "lj": 2}])])]


def styled() -> list:
    shadow = {"ty": 1, "nm": "Drop Shadow", "c": static([0.1, 0.05, 0.3, 1]), "o": static(75), "a": static(135),
              "s": static(6), "d": static(6), "ch": static(0)}
    tint = {"ty": 20, "nm": "Tint", "mn": "ADBE Tint", "en": 1,
            "ef": [{"ty": 2, "nm": "Map Black To", "v": static([0.1, 0.0, 0.4, 1])},
                   {"ty": 2, "nm": "Map White To", "v": static([1, 0.9, 0.6, 1])},
                   {"ty": 0, "nm": "Amount to Tint", "v": static(100)}]}
    return [_shape(1, "shadowed", [group([_rect(14, 14, 34, 26), fill([0.9, 0.3, 0.2])])], sy=[shadow]),
            _shape(2, "tinted", [group([_ellipse(44, 46, 36), fill([0.2, 0.6, 0.9], 60)]),
                                 group([_ellipse(30, 54, 26), fill([0.9, 0.8, 0.2], 50)])], ef=[tint])]


def animation() -> dict:
    layers = [
        {"ddd": 0, "ind": 1, "ty": 3, "nm": "mover", "ks": transform(_keys((0, [0, 0, 0]), (40, [8, 6, 0]))),
         "ip": 0, "op": 60, "st": 0},
        _precomp(2, "cell 0", "hue blend", transform((40, 40), o=70, a=(40, 40), s=(80, 80), r=30), parent=1),
        _precomp(3, "cell 1", "turning", transform((CELL, 0)), st=-4, sr=0.5),
        _precomp(4, "cell 2", "threshold outer", transform((0, CELL)), bm=1,
                 tm=_keys((0, 0.3), (40, 1.6))),
        {"ddd": 0, "ind": 5, "ty": 1, "nm": "under cell 2", "ks": transform((0, CELL)), "sc": "#7fd0c0", "sw": CELL,
         "sh": CELL, "ip": 0, "op": 60, "st": 0},
        _precomp(6, "cell 3", "styled", transform((CELL + 3.4, CELL + 5.7), s=(120, 80))),
    ]
    assets = [{"id": "hue blend", "layers": hue_blend()}, {"id": "turning", "layers": turning()},
              {"id": "threshold inner", "layers": threshold_inner()},
              {"id": "threshold outer", "layers": threshold_outer()}, {"id": "styled", "layers": styled()}]
    return {"v": "5.7.4", "fr": 30, "ip": 0, "op": 60, "w": W, "h": H, "nm": "nest", "ddd": 0,
            "assets": assets, "layers": layers}


def main() -> int:
    write_skottie_goldens(animation(), FILE, FRAMES, (W, H))
    return 0


if __name__ == "__main__":
    sys.exit(main())
