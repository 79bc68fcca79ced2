"""Directional Blur against Skia's Skottie: each case is one Lottie with one blurred layer, rendered by Skottie with
its effect and without it; overlays/lottie_px_blur.py applies the effect to the "without" frame (through the map a
layer's pass gets: the drawing scale, and for a precomposition or solid the layer's and its parents' transform) and
is compared with the "with" frame. Writes the small goldens tests/lottie/test_lottie_px_blur.py reads (no node
there) and prints each case's difference (mean and p99 of the largest channel difference, levels of 255,
premultiplied RGBA).

Cases: a shape layer blurred along each axis, at slanted directions, with a small length (a true Gaussian), with
both animated, scaled and turned (the length stays in composition units); a solid and a precomposition scaled,
turned and parented (the length in the layer's units); and lottie-android's bomb.json shadow (a solid at 68 %).

    (cd bench/skottie && npm ci) && python3 bench/lottie_px_blur_cases.py [--size 160] [--no-write]
"""
from __future__ import annotations

import argparse
import copy
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
from lottie_case_kit import clear_pngs, fill, frames_with_and_without, group_plain, save_pair, static, transform

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
OUT = REPO / "tests" / "golden" / "lottie-pixel-ops" / "blur"
BOMB = REPO / "bench" / "lottie-corpus" / "lottie-android" / "bomb.json"


def _anim(a, b, t1=60):
    return {"a": 1, "k": [{"t": 0, "s": [a], "o": {"x": [0.5], "y": [0.5]}, "i": {"x": [0.5], "y": [0.5]}},
                          {"t": t1, "s": [b]}]}


def blur(direction=90, length=30) -> dict:
    d = direction if isinstance(direction, dict) else static(direction)
    n = length if isinstance(length, dict) else static(length)
    return {"ty": 5, "nm": "Directional Blur", "mn": "ADBE Motion Blur", "en": 1, "ef": [
        {"ty": 0, "nm": "Direction", "mn": "ADBE Motion Blur-0001", "v": d},
        {"ty": 0, "nm": "Blur Length", "mn": "ADBE Motion Blur-0002", "v": n}]}


SHAPES = [
    group_plain([{"ty": "rc", "d": 1, "s": static([56, 44]), "p": static([-10, -6]), "r": static(6)},
                 fill([0.2, 0.5, 0.95], 80)]),
    group_plain([{"ty": "el", "d": 1, "s": static([34, 34]), "p": static([18, 16])},
                 {"ty": "st", "c": static([0.95, 0.3, 0.6, 1]), "o": static(100), "w": static(5), "lc": 2, "lj": 2},
                 fill([0.9, 0.85, 0.2])]),
]


def _ks(scale=(100, 100), rotation=0.0, position=(100, 100), anchor=(0, 0)):
    return transform(position, r=rotation, a=anchor, s=scale)


def _doc(layers, assets=()):
    return {"v": "5.7.4", "fr": 30, "ip": 0, "op": 60, "w": 200, "h": 200, "nm": "blur", "ddd": 0,
            "assets": list(assets), "layers": layers}


def shape_file(effect: dict, **kw) -> dict:
    return _doc([{"ddd": 0, "ind": 1, "ty": 4, "nm": "blurred", "sr": 1, "ip": 0, "op": 61, "st": 0, "bm": 0,
                  "ks": _ks(**kw), "shapes": SHAPES, "ef": [effect]}])


def solid_file(effect: dict) -> dict:
    """A solid scaled unevenly and turned, under a turned, scaled null: the length is in the solid's units."""
    null = {"ddd": 0, "ind": 1, "ty": 3, "nm": "parent", "sr": 1, "ip": 0, "op": 61, "st": 0,
            "ks": _ks(scale=(90, 90), rotation=-20, position=(100, 100))}
    solid = {"ddd": 0, "ind": 2, "ty": 1, "nm": "blurred", "parent": 1, "sr": 1, "ip": 0, "op": 61, "st": 0,
             "bm": 0, "sw": 60, "sh": 40, "sc": "#3080e0", "ks": _ks(scale=(130, 70), rotation=35, position=(0, 0),
                                                                     anchor=(30, 20)), "ef": [effect]}
    return _doc([solid, null])


def precomp_file(effect: dict) -> dict:
    inner = {"ddd": 0, "ind": 1, "ty": 4, "nm": "content", "sr": 1, "ip": 0, "op": 61, "st": 0, "bm": 0,
             "ks": _ks(position=(100, 100)), "shapes": SHAPES}
    layer = {"ddd": 0, "ind": 1, "ty": 0, "nm": "blurred", "refId": "inner", "w": 200, "h": 200, "sr": 1, "ip": 0,
             "op": 61, "st": 0, "bm": 0, "ks": _ks(scale=(60, 60), rotation=50, anchor=(100, 100)), "ef": [effect]}
    return _doc([layer], [{"id": "inner", "w": 200, "h": 200, "layers": [inner]}])


def bomb_shadow() -> dict:
    """bomb.json's shadow (a masked solid at 68 % under a moving null, blurred by 80.9) and its null alone, the
    shadow opaque (its opacity applies after the blur) so that the blur shows plainly."""
    doc = json.loads(BOMB.read_text())
    doc["layers"] = [layer for layer in doc["layers"] if layer.get("ind") in (7, 8)]
    for layer in doc["layers"]:
        layer["ks"]["o"] = static(100)
    return doc


CASES = [
    ("horizontal", shape_file(blur(90, 30)), [0]),
    ("vertical", shape_file(blur(0, 20)), [0]),
    ("backwards", shape_file(blur(270, 24)), [0]),
    ("slanted-30", shape_file(blur(30, 25)), [0]),
    ("slanted-135", shape_file(blur(135, 40)), [0]),
    ("small", shape_file(blur(60, 4)), [0]),
    ("animated", shape_file(blur(_anim(0, 180), _anim(0, 50))), [0, 20, 45]),
    ("shape-scaled-turned", shape_file(blur(90, 30), scale=(140, 140), rotation=30), [0]),
    ("solid-parented", solid_file(blur(90, 20)), [0]),
    ("solid-parented-slanted", solid_file(blur(20, 20)), [0]),
    ("precomp-scaled-turned", precomp_file(blur(0, 30)), [0]),
    ("bomb-shadow", bomb_shadow(), [0, 10]),
]
GOLDEN = {"horizontal": [0], "vertical": [0], "slanted-30": [0], "slanted-135": [0], "small": [0],
          "animated": [45], "shape-scaled-turned": [0], "solid-parented": [0], "solid-parented-slanted": [0],
          "precomp-scaled-turned": [0], "bomb-shadow": [10]}


def blurred_layer(doc: dict) -> dict:
    return next(layer for layer in doc["layers"] if layer.get("ef"))


def without_effect(doc: dict) -> dict:
    doc = copy.deepcopy(doc)
    for layer in doc["layers"]:
        layer.pop("ef", None)
    return doc


def transforms(doc: dict) -> list:
    """What the layer's pass measures the blur through: the `ks` chain for a precomposition, solid or image."""
    from overlays.lottie_passes import _transforms
    from overlays.lottie_px_blur import mark_layer_units
    doc = copy.deepcopy(doc)
    mark_layer_units(doc)
    return _transforms(doc["layers"], blurred_layer(doc))


def apply_effect(effects: list, chain: list, units_to_pixels: float, frame: float, without: np.ndarray):
    from overlays.lottie_pixel_ops import effect_op
    from overlays.lottie_px_blur import layer_linear
    linear = units_to_pixels * layer_linear(chain, frame)
    px = without.astype(np.float32) / 255.0
    for effect in effects:
        px = effect_op(effect)(px, frame, linear)
    return np.clip(np.floor(px * 255.0 + 0.5), 0, 255).astype(np.uint8)


def main() -> int:
    import overlays.lottie_px_blur  # noqa: F401  (fills EFFECTS)
    from lottie_corpus import Skottie, difference
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=160)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    size = args.size
    skottie = Skottie()
    written = []
    if not args.no_write:
        clear_pngs(OUT)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for name, doc, frames in CASES:
            refs = frames_with_and_without(skottie, name, doc, without_effect(doc), frames, size, tmp)
            chain, scale = transforms(doc), size / doc["w"]
            effects = blurred_layer(doc)["ef"]
            for i, frame in enumerate(frames):
                ours = apply_effect(effects, chain, scale, frame, refs["without"][i])
                mean, p99 = difference(ours, refs["with"][i])
                base = difference(refs["without"][i], refs["with"][i])
                print(f"{name:24s} frame {frame:3}: mean {mean:5.2f} p99 {p99:5.1f}   "
                      f"(no blur: mean {base[0]:5.2f} p99 {base[1]:5.1f})")
                if not args.no_write and frame in GOLDEN.get(name, []):
                    save_pair(OUT / f"{name}-{frame}.png", refs["without"][i], refs["with"][i])
                    written.append({"name": name, "frame": frame, "png": f"{name}-{frame}.png",
                                    "units_to_pixels": scale, "ef": effects, "transforms": chain})
    if not args.no_write:
        (OUT / "cases.json").write_text(json.dumps({"size": size, "cases": written}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
