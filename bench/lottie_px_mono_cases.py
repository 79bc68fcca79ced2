"""Threshold, Black & White, Invert and Shift Channels: Skia's Skottie frames with and without each effect, for
tests/lottie/test_lottie_px_mono.py (which has no node), and the figures of `overlays/lottie_px_mono` against them.

Two kinds of case, each a Lottie whose effect layers sit side by side in cells of a sheet:
- `mono.json`, written here: one cell per variant (every Invert channel Skottie inverts, every Shift Channels
  source it draws, Threshold and Black & White with static and keyframed parameters), each a precomposition
  of one picture: a hue ramp, a grey ramp, translucent shapes over it and over nothing, an animated colour;
- Skia's own test files from bench/lottie-corpus/skia, their background solids hidden.
For each case Skottie draws the sheet as it is ("with") and with every effect removed ("without"); both are
stored as PNGs of premultiplied RGBA (the bytes Skottie returns, as they are) with `cases.json` naming each
cell's layer and box. The op applied to a cell of "without" must give the same cell of "with".

    (cd bench/skottie && npm ci) && python3 bench/lottie_px_mono_cases.py          # goldens and figures
    python3 bench/lottie_px_mono_cases.py --figures                                # figures only
"""
from __future__ import annotations

import copy
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
from lottie_case_kit import eased_keys, fill, group, skottie_frames, static, transform

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
OUT = REPO / "tests" / "golden" / "lottie-pixel-ops" / "mono"
SKIA = REPO / "bench" / "lottie-corpus" / "skia"
CELL, COLUMNS = 48, 6


def _keys(*pairs, hold=False):
    """Keyframes (frame, value), eased as After Effects exports them; `hold` jumps instead."""
    return eased_keys(pairs, hold)


def _ks(p, s=100):
    return transform(p, s=(s, s))


def _rect(x, y, w, h):
    return {"ty": "rc", "d": 1, "s": static([w, h]), "p": static([x + w / 2, y + h / 2]), "r": static(0)}


def _gradient(x0, x1, y, stops):
    flat = [v for i, c in enumerate(stops) for v in [i / (len(stops) - 1), *c]]
    return {"ty": "gf", "o": static(100), "r": 1, "t": 1, "s": static([x0, y]), "e": static([x1, y]),
            "g": {"p": len(stops), "k": static(flat)}}


def picture() -> list:
    """A 48 px picture: hue ramp, grey ramp, translucent shapes over them and over nothing, an animated colour."""
    hues = [(1, 0, 0), (1, 1, 0), (0, 1, 0), (0, 1, 1), (0, 0, 1), (1, 0, 1), (1, 0, 0)]
    shapes = [
        group([{"ty": "el", "d": 1, "s": static([22, 22]), "p": static([14, 30])},
                {"ty": "fl", "o": static(70), "r": 1,
                 "c": _keys((0, [0.9, 0.25, 0.1, 1]), (30, [0.2, 0.5, 0.95, 1]))}]),
        group([_rect(26, 22, 18, 22), fill([0.95, 0.85, 0.3], 45)]),
        group([{"ty": "el", "d": 1, "s": static([14, 14]), "p": static([38, 40])}, fill([0.1, 0.7, 0.4], 85)]),
        group([_rect(0, 18, 48, 10), _gradient(0, 48, 23, [(0, 0, 0), (1, 1, 1)])]),
        group([_rect(0, 0, 48, 18), _gradient(0, 48, 9, hues)]),
    ]
    return [{"ddd": 0, "ind": 1, "ty": 4, "nm": "picture", "ks": _ks((0, 0)), "ip": 0, "op": 60, "st": 0,
             "shapes": shapes}]


def _param(n, v, ty=0):
    return {"ty": ty, "nm": n, "v": v if isinstance(v, dict) else static(v)}


def threshold(level):
    return {"ty": 5, "nm": "Threshold", "mn": "ADBE Threshold2", "en": 1, "ef": [_param("Level", level)]}


def black_and_white(*weights):
    names = ("Reds", "Yellows", "Greens", "Cyans", "Blues", "Magentas")
    params = [_param(n, w) for n, w in zip(names, weights)]
    params += [_param("Tint:", 0, 7), _param("Tint Color", [0.88, 0.83, 0.7, 1], 2)]
    return {"ty": 5, "nm": "Black & White", "mn": "ADBE Black&White", "en": 1, "ef": params}


def invert(channel, blend=0):
    return {"ty": 5, "nm": "Invert", "mn": "ADBE Invert", "en": 1,
            "ef": [_param("Channel", channel, 7), _param("Blend With Original", blend)]}


def shift_channels(a=1, r=2, g=3, b=4):
    names = ("Take Alpha From", "Take Red From", "Take Green From", "Take Blue From")
    return {"ty": 5, "nm": "Shift Channels", "mn": "ADBE Shift Channels", "en": 1,
            "ef": [_param(n, v, 7) for n, v in zip(names, (a, r, g, b))]}


VARIANTS = [
    ("threshold 0.5", threshold(0.5)),
    ("threshold keyframed", threshold(_keys((0, 0.15), (30, 0.85)))),
    ("black & white default", black_and_white(40, 60, 40, 60, 20, 80)),
    ("black & white extreme", black_and_white(300, -200, 150, 20, -50, 250)),
    ("black & white keyframed", black_and_white(_keys((0, 40), (30, 300)), 60, _keys((0, 40), (30, -200)), 60,
                                                20, 80)),
    *[(f"invert {name}", invert(c)) for c, name in
      ((1, "RGB"), (2, "red"), (3, "green"), (4, "blue"), (6, "HLS"), (7, "hue"), (8, "lightness"),
       (9, "saturation"), (11, "YIQ"), (12, "Y"), (13, "I"), (14, "Q"))],
    ("invert keyframed channel", invert(_keys((0, 7), (15, 12), (30, 3), hold=True))),
    ("shift rotate", shift_channels(r=3, g=4, b=2)),
    ("shift lum/on/off", shift_channels(r=5, g=9, b=10)),
    ("shift red from alpha", shift_channels(r=1, b=5)),
    ("shift alpha off", shift_channels(a=10, r=4, b=2)),
    ("shift keyframed", shift_channels(r=_keys((0, 3), (15, 5), hold=True), g=_keys((0, 3), (20, 1), hold=True))),
]


def mono_sheet() -> dict:
    rows = -(-len(VARIANTS) // COLUMNS)
    layers = [{"ddd": 0, "ind": i + 1, "ty": 0, "nm": name, "refId": "picture", "w": CELL, "h": CELL,
               "ks": _ks(((i % COLUMNS) * CELL, (i // COLUMNS) * CELL)), "ip": 0, "op": 60, "st": 0,
               "ef": [effect]} for i, (name, effect) in enumerate(VARIANTS)]
    return {"v": "5.7.4", "fr": 30, "ip": 0, "op": 60, "w": CELL * COLUMNS, "h": CELL * rows, "nm": "mono",
            "ddd": 0, "assets": [{"id": "picture", "layers": picture()}], "layers": layers}


def _grid_boxes(n, cell, columns):
    return [((i % columns) * cell, (i // columns) * cell, (i % columns + 1) * cell, (i // columns + 1) * cell)
            for i in range(n)]


# name -> (file, sheet size, frames, {layer index: box in the sheet}); boxes of Skia's files are the cells of
# their 500 px compositions scaled to the sheet, background solids (not listed) hidden
def cases() -> dict:
    third = [(0, 0, 56, 56), (56, 0, 112, 56), (112, 0, 168, 56), (0, 56, 56, 112), (56, 56, 112, 112),
             (112, 56, 168, 112), (0, 112, 56, 168), (56, 112, 112, 168),
             (112, 112, 168, 168)]
    n = len(VARIANTS)
    return {
        "mono": ("mono.json", (CELL * COLUMNS, CELL * -(-n // COLUMNS)), [0, 16, 27],
                 dict(enumerate(_grid_boxes(n, CELL, COLUMNS)))),
        "skia-invert": ("skottie-invert-effect.json", (168, 168), [0, 400], dict(enumerate(third))),
        "skia-invert-yiq": ("skottie-invert-effect-yiq.json", (168, 168), [0, 300],
                            dict(enumerate(third[:4]))),
        "skia-threshold": ("skottie-threshold-effect.json", (96, 96), [100, 200, 450], {1: (0, 0, 96, 96)}),
        "skia-blackandwhite": ("skottie-blackandwhite-effect.json", (100, 100), [100, 300, 420],
                               {0: (0, 0, 100, 100)}),
    }


def source(file: str) -> Path:
    return OUT / file if file == "mono.json" else SKIA / file


def prepared(doc: dict, boxes: dict, with_effects: bool) -> dict:
    """The file with only the listed layers shown (and without mattes), their effects kept or removed."""
    doc = copy.deepcopy(doc)
    for i, layer in enumerate(doc["layers"]):
        if i not in boxes:
            layer["hd"] = True
        else:
            layer.pop("tt", None)
            if not with_effects:
                layer["ef"] = []
    return doc


def main(figures_only: bool) -> int:
    from PIL import Image
    from lottie_corpus import Skottie, difference

    from overlays.lottie_pixel_ops import Unsupported, effect_op
    import overlays.lottie_px_mono  # noqa: F401  (fills EFFECTS)
    OUT.mkdir(parents=True, exist_ok=True)
    if not figures_only:
        (OUT / "mono.json").write_text(json.dumps(mono_sheet()) + "\n")
    skottie, table = Skottie(), {}
    for name, (file, (w, h), frames, boxes) in cases().items():
        doc = json.loads(source(file).read_text())
        pictures = {}
        for kind in ("with", "without"):
            with tempfile.TemporaryDirectory() as tmp:
                ref = skottie_frames(skottie, prepared(doc, boxes, kind == "with"), frames, (w, h), Path(tmp),
                                     what=name)
            pictures[kind] = ref
            if not figures_only:
                for frame, rgba in zip(frames, ref):
                    Image.fromarray(rgba).save(OUT / f"{name}-{kind}-{frame}.png", optimize=True)
        table[name] = {"file": file, "size": [w, h], "frames": frames,
                       "cells": [[i, list(box)] for i, box in boxes.items()]}
        for i, (x0, y0, x1, y1) in boxes.items():
            layer = doc["layers"][i]
            try:
                op = effect_op(layer["ef"][0])
            except Unsupported as e:
                print(f"{name:20s} {layer.get('nm', i)!s:38s} refused: {e}")
                continue
            figures = []
            for k, frame in enumerate(frames):
                got = pictures["without"][k][y0:y1, x0:x1].astype(np.float32) / 255
                mine = np.round(np.clip(op(got, frame), 0, 1) * 255).astype(np.uint8)
                mean, p99 = difference(mine, pictures["with"][k][y0:y1, x0:x1])
                figures.append(f"{frame}: {mean:.2f}/{p99:.0f}")
            print(f"{name:20s} {layer.get('nm', i)!s:38s} " + "  ".join(figures))
    if not figures_only:
        lines = [f" {json.dumps(name)}: {json.dumps(case)}" for name, case in table.items()]
        (OUT / "cases.json").write_text("{\n" + ",\n".join(lines) + "\n}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main("--figures" in sys.argv))
