"""Dashed strokes on ellipses, and Skia's Skottie frames of them, for tests/lottie/test_lottie_dashed_ellipses.py
(which has no node); prints the difference from Skottie, with and without `lottie_dashed_ellipses`.

Four cells, each a circle or ellipse in a group of its own: a stroke wider than the circle dashed into rays that
cross its centre (butt caps, as in lottie-android's G.json), a ring of round dots (zero-length dashes), an ellipse
with square caps and a phase, and a ring whose dash pattern has an odd count; the layer turns between the two
frames, so the dashes fall on other pixels.

    (cd bench/skottie && npm ci) && python3 bench/lottie_dashed_ellipse_cases.py
"""
from __future__ import annotations

import sys
from pathlib import Path

from lottie_case_kit import group_transform, static, write_skottie_goldens

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
OUT = REPO / "tests" / "golden" / "lottie-dashed-ellipses"
FILE = OUT / "dashed_ellipses.json"
W = H = 200
FRAMES = (0, 21)


def cell(position, size, width, dashes, cap, scale=100) -> dict:
    dash = [{"n": "d" if k % 2 == 0 else "g", "nm": "dash" if k % 2 == 0 else "gap", "v": static(v)}
            for k, v in enumerate(dashes[:-1])] + [{"n": "o", "nm": "offset", "v": static(dashes[-1])}]
    return {"ty": "gr", "nm": "cell", "it": [
        {"ty": "el", "d": 1, "s": static(size), "p": static([0, 0])},
        {"ty": "st", "c": static([0.15, 0.8, 0.55, 1]), "o": static(100), "w": static(width), "lc": cap, "lj": 1,
         "ml": 4, "d": dash},
        group_transform() | {"p": static(position), "s": static([scale, scale])}]}


def animation() -> dict:
    shapes = [cell([50, 50], [879, 879], 1162, [11, 134.4, 0], 1, scale=8),
              cell([150, 50], [60, 60], 6, [0, 9, 0], 2),
              cell([50, 150], [80, 40], 6, [12, 8, 5], 3),
              cell([150, 150], [60, 60], 4, [10, 4, 6, 3], 1)]
    ks = {"o": static(100), "p": static([100, 100, 0]), "a": static([100, 100, 0]), "s": static([100, 100, 100]),
          "r": {"a": 1, "k": [{"t": 0, "s": [0], "o": {"x": [0.3], "y": [0]}, "i": {"x": [0.7], "y": [1]}},
                              {"t": 30, "s": [40]}]}}
    layer = {"ddd": 0, "ind": 1, "ty": 4, "nm": "dashes", "ks": ks, "ip": 0, "op": 30, "st": 0, "shapes": shapes}
    return {"v": "5.7.4", "fr": 30, "ip": 0, "op": 30, "w": W, "h": H, "nm": "dashed ellipses", "ddd": 0,
            "assets": [], "layers": [layer]}


def main() -> int:
    import overlays.lottie_normalise as normalise
    from lottie_corpus import difference
    from overlays.lottie import load_player
    ref = write_skottie_goldens(animation(), FILE, FRAMES, (W, H))
    _, player = load_player(FILE, OUT, ("lottie",))
    rewrite = normalise.outline_dashed_ellipses
    normalise.outline_dashed_ellipses = lambda layers: None
    _, unfixed = load_player(FILE, OUT, ("lottie",))
    normalise.outline_dashed_ellipses = rewrite
    for frame, rgba in zip(FRAMES, ref):
        mean, p99 = difference(player.frame(frame, W, H), rgba)
        mean0, p990 = difference(unfixed.frame(frame, W, H), rgba)
        print(f"frame {frame:2}  mean {mean:5.2f}  p99 {p99:4.0f}   (the player's own dashes: mean {mean0:5.2f}"
              f"  p99 {p990:4.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
