"""3D layers that stay in the picture plane, in a 3D composition, and Skia's Skottie frame of them, for
tests/lottie/test_lottie_3d.py (which has no node); prints the difference from Skottie.

Skottie looks at a 3D composition (`ddd: 1`) through its default camera (zoom 879.13, at the composition's
centre), which maps the plane z = 0 onto the picture one to one: a 3D layer turned only about Z, scaled and
moved within that plane is drawn as a 2D layer would be, so the layer draws it (refusing only turns out of the
plane and depth). Four cells: Z rotation, a non-uniform scale, Z rotation about a moved anchor, and a plain 3D
layer; each a rounded rectangle with a fill and a stroke, the Z rotation animated.

    (cd bench/skottie && npm ci) && python3 bench/lottie_flat_3d_cases.py
"""
from __future__ import annotations

import sys
from pathlib import Path

from lottie_case_kit import card_group, static, write_skottie_goldens

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
OUT = REPO / "tests" / "golden" / "lottie-3d"
FILE = OUT / "flat_3d.json"
W = H = 200
FRAMES = (0, 21)


def card(ind: int, position, transform: dict) -> dict:
    ks = {"o": static(100), "p": static(list(position) + [0]), "a": static([0, 0, 0]), "s": static([100, 100, 100])}
    ks.update(transform)
    return {"ddd": 1, "ind": ind, "ty": 4, "nm": f"card {ind}", "ks": ks, "ip": 0, "op": 30, "st": 0,
            "shapes": [card_group([0.2, 0.4, 0.9], [0.9, 0.9, 0.1])]}


TURNING = {"a": 1, "k": [{"t": 0, "s": [0], "o": {"x": [0.3], "y": [0]}, "i": {"x": [0.7], "y": [1]}},
                         {"t": 30, "s": [90]}]}


def animation() -> dict:
    layers = [card(1, (50, 50), {"rz": TURNING}), card(2, (150, 50), {"s": static([150, 80, 100])}),
              card(3, (50, 150), {"rz": static(-15), "a": static([10, 5, 0])}), card(4, (150, 150), {})]
    return {"v": "5.7.4", "fr": 30, "ip": 0, "op": 30, "w": W, "h": H, "nm": "flat 3d", "ddd": 1, "assets": [],
            "layers": layers}


def main() -> int:
    from lottie_corpus import difference
    from overlays.lottie import load_player
    ref = write_skottie_goldens(animation(), FILE, FRAMES, (W, H))
    _, player = load_player(FILE, OUT, ("lottie",))
    for frame, rgba in zip(FRAMES, ref):
        mean, p99 = difference(player.frame(frame, W, H), rgba)
        print(f"frame {frame:2}  mean {mean:5.2f}  p99 {p99:4.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
