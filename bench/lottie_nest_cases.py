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

import json
import sys
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
OUT = REPO / "tests" / "golden" / "lottie-nest"
FILE = OUT / "nest.json"
W, H, CELL = 160, 160, 80
FRAMES = (0, 21)


def _s(v):
    return {"a": 0, "k": v}


def _keys(*pairs):
    """A linear keyframed property from (frame, value) pairs."""
    keys = [{"t": t, "s": v if isinstance(v, list) else [v], "o": {"x": [0.5], "y": [0.5]},
             "i": {"x": [0.5], "y": [0.5]}} for t, v in pairs]
    return {"a": 1, "k": keys}


def _ks(p, o=100, a=(0, 0), s=(100, 100), r=0):
    return {"o": o if isinstance(o, dict) else _s(o), "r": r if isinstance(r, dict) else _s(r),
            "p": p if isinstance(p, dict) else _s([p[0], p[1], 0]), "a": _s([a[0], a[1], 0]),
            "s": _s([s[0], s[1], 100])}


def _group(items, o=100):
    return {"ty": "gr", "it": items + [{"ty": "tr", "p": _s([0, 0]), "a": _s([0, 0]), "s": _s([100, 100]),
                                        "r": _s(0), "o": _s(o), "sk": _s(0), "sa": _s(0)}]}


def _rect(x, y, w, h):
    return {"ty": "rc", "d": 1, "s": _s([w, h]), "p": _s([x + w / 2, y + h / 2]), "r": _s(0)}


def _ellipse(x, y, d):
    return {"ty": "el", "d": 1, "s": _s([d, d]), "p": _s([x, y])}


def _fill(rgb, o=100):
    return {"ty": "fl", "c": _s(list(rgb) + [1]), "o": _s(o), "r": 1}


def _shape(ind, name, shapes, ks=None, **extra):
    layer = {"ddd": 0, "ind": ind, "ty": 4, "nm": name, "ks": ks or _ks((0, 0)), "ip": 0, "op": 60, "st": 0,
             "shapes": shapes}
    layer.update(extra)
    return layer


def _precomp(ind, name, ref, ks, **extra):
    layer = {"ddd": 0, "ind": ind, "ty": 0, "nm": name, "refId": ref, "w": CELL, "h": CELL, "ks": ks, "ip": 0,
             "op": 60, "st": 0}
    layer.update(extra)
    return layer


def hue_blend() -> list:
    star = {"ty": "sr", "sy": 1, "d": 1, "pt": _s(5), "p": _s([40, 40]), "r": _s(0), "ir": _s(12), "is": _s(0),
            "or": _s(30), "os": _s(0)}
    return [_shape(1, "hue star", [_group([star, _fill([0.95, 0.85, 0.1])])], bm=12),
            _shape(2, "backdrop", [_group([_rect(6, 10, 68, 30), _fill([0.1, 0.3, 0.9])]),
                                   _group([_rect(10, 40, 60, 30), _fill([0.9, 0.2, 0.4], 60)])])]


def turning() -> list:
    card = _group([_rect(-22, -30, 44, 60), _fill([0.2, 0.7, 0.4])])
    dot = _group([_ellipse(0, -10, 16), _fill([0.95, 0.9, 0.2])])
    ks = {"o": _s(100), "p": _s([40, 40, 0]), "a": _s([0, 0, 0]), "s": _s([100, 100, 100]), "or": _s([0, 0, 0]),
          "rx": _s(0), "ry": _keys((0, 0), (40, 70)), "rz": _s(10)}
    return [_shape(1, "turning card", [dot, card], ks=ks, ddd=1)]


def threshold_inner() -> list:
    effect = {"ty": 5, "nm": "Threshold", "mn": "ADBE Threshold2", "en": 1,
              "ef": [{"ty": 0, "nm": "Level", "v": _s(0.45)}]}
    gradient = {"ty": "gf", "o": _s(100), "r": 1, "t": 1, "s": _s([8, 0]), "e": _s([72, 0]),
                "g": {"p": 2, "k": _s([0, 0.1, 0.2, 0.6, 1, 0.9, 0.8, 0.3])}}
    return [_shape(1, "threshold", [_group([_ellipse(40, 40, 50), gradient])],
                   ks=_ks((0, 0), r=_keys((0, 0), (60, 90)), a=(40, 40)) | {"p": _s([40, 40, 0])}, ef=[effect])]


def threshold_outer() -> list:
    return [_precomp(1, "threshold inside", "threshold inner", _ks((0, 0))),
            _shape(2, "ring", [_group([_ellipse(40, 40, 70), {"ty": "st", "c": _s([0.9, 0.5, 0.1, 1]),
                                                             "o": _s(100), "w": _s(4), "lc": 2, "lj": 2}])])]


def styled() -> list:
    shadow = {"ty": 1, "nm": "Drop Shadow", "c": _s([0.1, 0.05, 0.3, 1]), "o": _s(75), "a": _s(135), "s": _s(6),
              "d": _s(6), "ch": _s(0)}
    tint = {"ty": 20, "nm": "Tint", "mn": "ADBE Tint", "en": 1,
            "ef": [{"ty": 2, "nm": "Map Black To", "v": _s([0.1, 0.0, 0.4, 1])},
                   {"ty": 2, "nm": "Map White To", "v": _s([1, 0.9, 0.6, 1])},
                   {"ty": 0, "nm": "Amount to Tint", "v": _s(100)}]}
    return [_shape(1, "shadowed", [_group([_rect(14, 14, 34, 26), _fill([0.9, 0.3, 0.2])])], sy=[shadow]),
            _shape(2, "tinted", [_group([_ellipse(44, 46, 36), _fill([0.2, 0.6, 0.9], 60)]),
                                 _group([_ellipse(30, 54, 26), _fill([0.9, 0.8, 0.2], 50)])], ef=[tint])]


def animation() -> dict:
    layers = [
        {"ddd": 0, "ind": 1, "ty": 3, "nm": "mover", "ks": _ks(_keys((0, [0, 0, 0]), (40, [8, 6, 0]))),
         "ip": 0, "op": 60, "st": 0},
        _precomp(2, "cell 0", "hue blend", _ks((40, 40), o=70, a=(40, 40), s=(80, 80), r=30), parent=1),
        _precomp(3, "cell 1", "turning", _ks((CELL, 0)), st=-4, sr=0.5),
        _precomp(4, "cell 2", "threshold outer", _ks((0, CELL)), bm=1,
                 tm=_keys((0, 0.3), (40, 1.6))),
        {"ddd": 0, "ind": 5, "ty": 1, "nm": "under cell 2", "ks": _ks((0, CELL)), "sc": "#7fd0c0", "sw": CELL,
         "sh": CELL, "ip": 0, "op": 60, "st": 0},
        _precomp(6, "cell 3", "styled", _ks((CELL + 3.4, CELL + 5.7), s=(120, 80))),
    ]
    assets = [{"id": "hue blend", "layers": hue_blend()}, {"id": "turning", "layers": turning()},
              {"id": "threshold inner", "layers": threshold_inner()},
              {"id": "threshold outer", "layers": threshold_outer()}, {"id": "styled", "layers": styled()}]
    return {"v": "5.7.4", "fr": 30, "ip": 0, "op": 60, "w": W, "h": H, "nm": "nest", "ddd": 0,
            "assets": assets, "layers": layers}


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
