"""Layer styles against Skia's Skottie: each case is one Lottie with one styled layer, rendered by Skottie with its
style (`sy`) and without it; overlays/lottie_px_styles.py applies the style to the "without" frame and is compared
with the "with" frame. Writes the small goldens tests/lottie/test_lottie_px_styles.py reads (no node there) and
prints each case's difference (mean and p99 of the largest channel difference, levels of 255, premultiplied RGBA).

Cases: Skia's own style files (bench/lottie-corpus/skia/skottie-*-style.json, their white backdrop dropped so the
layer is alone) at several frames (rotating, scaling precompositions, animated sizes), and files written here: an
unscaled shape layer per style and parameter (size, distance, angle, choke, opacity, glow source, overlay colour),
and a scaled and rotated one.

    (cd bench/skottie && npm ci) && python3 bench/lottie_px_styles_cases.py [--size 128] [--no-write]
"""
from __future__ import annotations

import argparse
import copy
import json
import math
import sys
import tempfile
from pathlib import Path

import numpy as np
from lottie_case_kit import clear_pngs, fill, frames_with_and_without, group_plain, save_pair, static, transform

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
OUT = REPO / "tests" / "golden" / "lottie-pixel-ops" / "styles"
SKIA = REPO / "bench" / "lottie-corpus" / "skia"


def _anim(a, b, t1=60):
    return {"a": 1, "k": [{"t": 0, "s": a if isinstance(a, list) else [a], "o": {"x": [0.5], "y": [0.5]},
                           "i": {"x": [0.5], "y": [0.5]}}, {"t": t1, "s": b if isinstance(b, list) else [b]}]}


def shape_file(style: dict, *, scale=(100, 100), rotation=0.0) -> dict:
    """A 200x200 composition: one shape layer (a translucent rounded square, a circle with a stroke) and a style."""
    shapes = [
        group_plain([{"ty": "rc", "d": 1, "s": static([70, 60]), "p": static([-12, -8]), "r": static(10)},
                     fill([0.2, 0.5, 0.95], 80)]),
        group_plain([{"ty": "el", "d": 1, "s": static([44, 44]), "p": static([22, 20])},
                     {"ty": "st", "c": static([0.95, 0.3, 0.6, 1]), "o": static(100), "w": static(6), "lc": 2, "lj": 2},
                     fill([0.9, 0.85, 0.2])]),
    ]
    layer = {"ddd": 0, "ind": 1, "ty": 4, "nm": "styled", "sr": 1, "ip": 0, "op": 61, "st": 0, "bm": 0,
             "ks": transform((100, 100), r=rotation, s=scale),
             "shapes": shapes, "sy": [style]}
    return {"v": "5.7.4", "fr": 30, "ip": 0, "op": 60, "w": 200, "h": 200, "nm": "style", "ddd": 0, "assets": [],
            "layers": [layer]}


def drop_shadow(**kw):
    d = {"ty": 1, "nm": "Drop Shadow", "c": static([0.1, 0.05, 0.3, 1]), "o": static(75), "a": static(135),
         "s": static(12), "d": static(10), "ch": static(0)}
    d.update(kw)
    return d


def inner_shadow(**kw):
    d = drop_shadow(**kw)
    d.update({"ty": 2, "nm": "Inner Shadow"})
    d.update(kw)
    return d


def outer_glow(**kw):
    d = {"ty": 3, "nm": "Outer Glow", "c": static([1, 0.6, 0.1, 1]), "o": static(85), "s": static(15), "ch": static(0),
         "r": static(100)}
    d.update(kw)
    return d


def inner_glow(**kw):
    d = {"ty": 4, "nm": "Inner Glow", "c": static([0.1, 1, 0.4, 1]), "o": static(90), "s": static(12), "ch": static(0),
         "sr": static(1), "r": static(100)}
    d.update(kw)
    return d


def colour_overlay(**kw):
    d = {"ty": 7, "nm": "Color Overlay", "c": static([0.1, 0.8, 0.3, 1]), "so": static(60)}
    d.update(kw)
    return d


# (name, Lottie, frames) ; Skia files: (name, path, frames)
OWN = [
    ("drop-shadow", shape_file(drop_shadow()), [0]),
    ("drop-shadow-anim", shape_file(drop_shadow(s=_anim(0, 30), d=_anim(0, 25), a=_anim(0, 300))), [0, 20, 45]),
    ("drop-shadow-choke", shape_file(drop_shadow(ch=static(40))), [0]),
    ("drop-shadow-sharp", shape_file(drop_shadow(s=static(0), d=static(7.3), a=static(60))), [0]),
    ("inner-shadow", shape_file(inner_shadow(o=static(100), c=static([0, 0, 0, 1]))), [0]),
    ("inner-shadow-sharp", shape_file(inner_shadow(s=static(0), d=static(6), a=static(200))), [0]),
    ("inner-shadow-choke", shape_file(inner_shadow(ch=static(50), s=static(20))), [0]),
    ("outer-glow", shape_file(outer_glow()), [0]),
    ("outer-glow-choke", shape_file(outer_glow(ch=static(30))), [0]),
    ("outer-glow-small", shape_file(outer_glow(s=static(5), c=static([0.2, 0.2, 1]))), [0]),
    ("outer-glow-choke-full", shape_file(outer_glow(ch=static(100), s=static(8))), [0]),
    ("outer-glow-anim", shape_file(outer_glow(s=_anim(2, 40), o=_anim(100, 40))), [0, 30, 60]),
    ("inner-glow-edge", shape_file(inner_glow()), [0]),
    ("inner-glow-centre", shape_file(inner_glow(sr=static(2), s=static(20))), [0]),
    ("inner-glow-choke", shape_file(inner_glow(ch=static(20))), [0]),
    ("colour-overlay", shape_file(colour_overlay()), [0]),
    ("colour-overlay-anim", shape_file(colour_overlay(c=_anim([1, 0, 0, 1], [0, 0, 1, 0.5]), so=_anim(0, 100))),
     [0, 30, 60]),
    ("drop-shadow-scaled-rotated", shape_file(drop_shadow(), scale=(140, 140), rotation=30), [0]),
    ("inner-glow-scaled", shape_file(inner_glow(), scale=(150, 80)), [0]),
    ("outer-glow-scaled-rotated", shape_file(outer_glow(), scale=(70, 70), rotation=-50), [0]),
]
SKIA_FILES = [
    ("skia-dropshadow", "skottie-dropshadow-style.json", [0, 150, 300, 500]),
    ("skia-innershadow", "skottie-innershadow-style.json", [0, 200, 300, 400]),
    ("skia-outerglow", "skottie-outerglow-style.json", [0, 150, 300, 450]),
    ("skia-innerglow", "skottie-innerglow-style.json", [0, 100, 200, 350, 500]),
    ("skia-coloroverlay", "skottie-coloroverlay-style.json", [0, 300, 599]),
]


def skia_case(path: str) -> dict:
    """Skia's file with only its styled layer (the white backdrop dropped)."""
    doc = json.loads((SKIA / path).read_text())
    doc["layers"] = [layer for layer in doc["layers"] if layer.get("sy")]
    return doc


def layer_linear(layer: dict, frame: float, draw_scale: float) -> np.ndarray:
    """The 2x2 map from the layer's units to output pixels: drawing scale, rotation, scale (no parents here)."""
    from overlays.lottie_keyframes import Prop
    ks = layer["ks"]
    r = math.radians(float(np.atleast_1d(Prop(ks.get("r", 0), 0).at(frame))[0]))
    s = np.atleast_1d(Prop(ks.get("s", [100, 100, 100]), [100, 100, 100]).at(frame))[:2] / 100.0
    rot = np.array([[math.cos(r), -math.sin(r)], [math.sin(r), math.cos(r)]])
    return draw_scale * rot @ np.diag(s)


def without_style(doc: dict) -> dict:
    doc = copy.deepcopy(doc)
    for layer in doc["layers"]:
        layer.pop("sy", None)
    return doc


def styled_layer(doc: dict) -> dict:
    return next(layer for layer in doc["layers"] if layer.get("sy"))


def apply_style(doc: dict, frame: float, size: int, without: np.ndarray) -> np.ndarray:
    """Skottie's "without" frame (uint8 premultiplied) with the layer's styles applied in order, as uint8.

    Skottie draws styles after the layer's transform, so their units are the composition's: the map is the drawing
    scale alone, whatever the layer's scale and rotation (`layer_linear` is what would be wrong)."""
    import overlays.lottie_px_styles  # noqa: F401  (fills STYLES)
    from overlays.lottie_pixel_ops import STYLES
    layer = styled_layer(doc)
    linear = (size / doc["w"]) * np.eye(2)          # styles apply after the layer's transform (composition units)
    px = without.astype(np.float32) / 255.0
    for style in layer["sy"]:
        px = STYLES[int(style["ty"])](style)(px, frame, linear)
    return np.clip(np.floor(px * 255.0 + 0.5), 0, 255).astype(np.uint8)


def cases():
    for name, doc, frames in OWN:
        yield name, doc, frames
    for name, path, frames in SKIA_FILES:
        yield name, skia_case(path), frames


# The frames kept as goldens (case name -> frames); every case is measured, these few are written.
GOLDEN = {"drop-shadow-anim": [45], "drop-shadow-sharp": [0], "drop-shadow-choke": [0], "inner-shadow": [0],
          "inner-shadow-sharp": [0], "outer-glow-small": [0], "outer-glow-choke": [0], "inner-glow-edge": [0],
          "inner-glow-centre": [0], "colour-overlay-anim": [30],
          "skia-dropshadow": [0, 150], "skia-innershadow": [200, 300], "skia-outerglow": [150, 450],
          "skia-innerglow": [100, 350], "skia-coloroverlay": [300, 599]}


def main() -> int:
    from lottie_corpus import Skottie, difference
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=128)
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    size = args.size
    skottie = Skottie()
    written = []
    if not args.no_write:
        clear_pngs(OUT)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for name, doc, frames in cases():
            if args.only and args.only not in name:
                continue
            refs = frames_with_and_without(skottie, name, doc, without_style(doc), frames, size, tmp)
            for i, frame in enumerate(frames):
                ours = apply_style(doc, frame, size, refs["without"][i])
                mean, p99 = difference(ours, refs["with"][i])
                base = difference(refs["without"][i], refs["with"][i])
                print(f"{name:30s} frame {frame:5}: mean {mean:5.2f} p99 {p99:5.1f}   "
                      f"(no style: mean {base[0]:5.2f} p99 {base[1]:5.1f})")
                if not args.no_write and frame in GOLDEN.get(name, []):
                    save_pair(OUT / f"{name}-{frame}.png", refs["without"][i], refs["with"][i])
                    written.append({"name": name, "frame": frame, "png": f"{name}-{frame}.png",
                                    "units_to_pixels": size / doc["w"], "sy": styled_layer(doc)["sy"]})
    if not args.no_write and not args.only:
        (OUT / "cases.json").write_text(json.dumps({"size": size, "cases": written}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
