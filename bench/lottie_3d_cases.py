"""3D layers turned out of the picture plane, moved in depth and seen through cameras, and Skia's Skottie frames
of them, for tests/lottie/test_lottie_3d.py (which has no node); prints the difference from Skottie.

Two scenes of 200 x 200, each drawn at frames 0 and 21:
- turned_3d.json, a 3D composition without a camera (Skottie's default one): a card turning about Y (0 to 80
  degrees), a card with orientation 30, 20, 0 (combined turns), a card 150 deep, a solid turned about X under a
  3D null turning about Y (3D parenting), and a 2D card parented to a null turned about X (drawn without a camera,
  as Skottie draws 2D layers);
- camera_3d.json, a two-node camera (point of interest at the centre) parented to a null that moves it, with a
  shape card, a precomposition and a solid at several depths and turns; the solid lies partly behind a card it
  is drawn above (Skottie keeps the file's order: no depth sort).

    (cd bench/skottie && npm ci) && python3 bench/lottie_3d_cases.py
"""
from __future__ import annotations

import sys
from pathlib import Path

from lottie_case_kit import card_group, static, write_skottie_goldens

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
OUT = REPO / "tests" / "golden" / "lottie-3d-turned"
W = H = 200
FRAMES = (0, 21)


def _turn(a, b):
    return {"a": 1, "k": [{"t": 0, "s": [a], "o": {"x": [0.3], "y": [0]}, "i": {"x": [0.7], "y": [1]}},
                          {"t": 30, "s": [b]}]}


def _ks(position, extra: dict, three_d: bool = True) -> dict:
    ks = {"o": static(100), "p": static(list(position) + ([0] if three_d and len(position) == 2 else [])),
          "a": static([0, 0, 0] if three_d else [0, 0]), "s": static([100, 100, 100] if three_d else [100, 100])}
    ks.update(extra)
    return ks


def card(ind: int, name: str, position, extra: dict, colour, three_d: bool = True, parent=None) -> dict:
    layer = {"ddd": 1 if three_d else 0, "ind": ind, "ty": 4, "nm": name, "ks": _ks(position, extra, three_d),
             "ip": 0, "op": 30, "st": 0,
             "shapes": [card_group(colour, [0.95, 0.95, 0.2])]}
    if parent is not None:
        layer["parent"] = parent
    return layer


def null(ind: int, name: str, position, extra: dict, three_d: bool = True) -> dict:
    return {"ddd": 1 if three_d else 0, "ind": ind, "ty": 3, "nm": name, "ks": _ks(position, extra, three_d),
            "ip": 0, "op": 30, "st": 0}


def solid(ind: int, name: str, position, extra: dict, colour: str, parent=None) -> dict:
    ks = _ks(position, extra)
    ks["a"] = static([25, 20, 0])
    layer = {"ddd": 1, "ind": ind, "ty": 1, "nm": name, "ks": ks, "ip": 0, "op": 30, "st": 0,
             "sw": 50, "sh": 40, "sc": colour}
    if parent is not None:
        layer["parent"] = parent
    return layer


def turned_scene() -> dict:
    layers = [card(1, "turning about Y", (50, 45), {"ry": _turn(0, 80)}, (0.2, 0.4, 0.9)),
              card(2, "oriented", (150, 45), {"or": static([30, 20, 0])}, (0.9, 0.3, 0.3)),
              card(3, "deep", (50, 150, 150), {}, (0.3, 0.8, 0.4)),
              solid(4, "solid on a turning null", (0, 0, 0), {"rx": static(50)}, "#b050e0", parent=5),
              null(5, "turning null", (150, 110, 0), {"ry": _turn(-30, 40)}),
              card(6, "2D on a turned null", (0, 0), {}, (0.9, 0.6, 0.1), three_d=False, parent=7),
              null(7, "null turned about X", (150, 170, 0), {"rx": static(60)})]
    return {"v": "5.7.4", "fr": 30, "ip": 0, "op": 30, "w": W, "h": H, "nm": "turned 3d", "ddd": 1,
            "assets": [], "layers": layers}


def camera_scene() -> dict:
    precomp = {"id": "inner", "layers": [card(1, "inner card", (40, 30), {}, (0.1, 0.7, 0.8), three_d=False)]}
    camera = {"ddd": 1, "ind": 1, "ty": 13, "nm": "camera", "parent": 2, "ip": 0, "op": 30, "st": 0,
              "pe": static(300), "ks": {"p": static([100, 100, -300]), "a": static([100, 100, 0]), "rx": static(0),
                                    "ry": static(0), "rz": static(0), "or": static([0, 0, 0])}}
    mover = null(2, "camera mover", (0, 0, 0),
                 {"p": {"a": 1, "k": [{"t": 0, "s": [0, 0, 0], "o": {"x": 0.3, "y": 0}, "i": {"x": 0.7, "y": 1}},
                                      {"t": 30, "s": [30, -20, -40]}]}})
    layers = [camera, mover,
              solid(3, "solid crossing the card", (100, 100, 10), {"ry": static(60)}, "#e04040"),
              card(4, "card", (100, 90, 0), {"rx": _turn(10, 40)}, (0.2, 0.4, 0.9)),
              {"ddd": 1, "ind": 5, "ty": 0, "nm": "precomp", "refId": "inner", "w": 80, "h": 60, "ip": 0, "op": 30,
               "st": 0, "ks": {"o": static(100), "p": static([60, 150, 40]), "a": static([40, 30, 0]),
                               "s": static([100, 100, 100]), "or": static([0, 330, 0])}},
              card(6, "far card", (150, 50, 200), {"rz": static(20)}, (0.3, 0.8, 0.4))]
    return {"v": "5.7.4", "fr": 30, "ip": 0, "op": 30, "w": W, "h": H, "nm": "camera 3d", "ddd": 1,
            "assets": [precomp], "layers": layers}


SCENES = {"turned_3d": turned_scene, "camera_3d": camera_scene}


def main() -> int:
    from lottie_corpus import Skottie, difference

    from overlays.lottie import load_player
    skottie = Skottie()
    for name, scene in SCENES.items():
        file = OUT / f"{name}.json"
        ref = write_skottie_goldens(scene(), file, FRAMES, (W, H), prefix=name, skottie=skottie)
        _, player = load_player(file, OUT, ("lottie",))
        for frame, rgba in zip(FRAMES, ref):
            mean, p99 = difference(player.frame(frame, W, H), rgba)
            print(f"{name:10} frame {frame:2}  mean {mean:5.2f}  p99 {p99:4.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
