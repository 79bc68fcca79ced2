"""Levels, Brightness & Contrast and Hue/Saturation drawn on a layer's own pixels (`overlays/lottie_px_levels.py`)
against Skia's Skottie, and the goldens tests/lottie/test_lottie_px_levels.py checks without node.

Each case is one layer alone in a Lottie: Skottie renders it with its effect and without, the pixel op is applied
to the second and compared with the first (mean absolute difference and 99th percentile of the largest channel
difference, in 8-bit levels of premultiplied RGBA, over the layer's box). The cases are every layer of Skia's
own test files for these effects (bench/lottie-corpus/skia) and a small picture (opaque and translucent shapes,
a hue ramp, a grey ramp) under each parameter and variant, some animated.

    (cd bench/skottie && npm ci) && python3 bench/lottie_px_levels_cases.py          # figures only
    (cd bench/skottie && npm ci) && python3 bench/lottie_px_levels_cases.py --write  # and the goldens

The goldens: `without.png` and `with.png`, every case's frames side by side as tiles, premultiplied RGBA stored
as is in the PNG's four channels, and `cases.json` holding each case's effect and each tile's case, frame and
place.
"""
from __future__ import annotations

import copy
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
from lottie_case_kit import group, skottie_frames, static, transform

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SKIA = REPO / "bench" / "lottie-corpus" / "skia"
OUT = REPO / "tests" / "golden" / "lottie-pixel-ops" / "levels"
FAMILY = {"ADBE Easy Levels2", "ADBE Pro Levels2", "ADBE Brightness & Contrast 2", "ADBE HUE SATURATION"}
SKIA_FILES = {"skottie-levels-effect.json": (0,), "skottie-huesaturation-effect.json": (0,),
              "skottie-huesaturation-animated.json": (40, 110, 190),
              "skottie-brightnesscontrast.json": (0, 300), "skottie-brightnesscontrast-legacy.json": (0, 300)}
SKIA_SCALE = 0.2                                      # Skia's 500 px files drawn at 100 px: small goldens
SIZE = 48                                             # the picture of the own cases, drawn at 32 px
OWN_SCALE = 32 / SIZE


def _anim(*keys):
    """A linearly keyframed scalar: keys as (frame, value)."""
    ks = [{"t": t, "s": [v], "o": {"x": [0], "y": [0]}, "i": {"x": [1], "y": [1]}} for t, v in keys]
    return {"a": 1, "k": ks}


def picture() -> list:
    """Opaque hue and grey ramps, translucent overlapping discs, a stroke: colours everywhere in range and alpha
    at many levels."""
    hue = {"ty": "gf", "o": static(100), "r": 1, "t": 1, "s": static([-24, 0]), "e": static([24, 0]),
           "g": {"p": 6, "k": static([0, 1, 0, 0, 0.2, 1, 1, 0, 0.4, 0, 1, 0.1, 0.6, 0, 0.8, 1, 0.8, 0.6, 0, 1,
                                  1, 1, 0.1, 0.4])}}
    grey = {"ty": "gf", "o": static(100), "r": 1, "t": 1, "s": static([-24, 0]), "e": static([24, 0]),
            "g": {"p": 2, "k": static([0, 0, 0, 0, 1, 1, 1, 1])}}
    shapes = [
        group([{"ty": "rc", "d": 1, "s": static([48, 12]), "p": static([0, -18]), "r": static(0)}, hue]),
        group([{"ty": "rc", "d": 1, "s": static([48, 8]), "p": static([0, -8]), "r": static(0)}, grey]),
        group([{"ty": "el", "d": 1, "s": static([26, 26]), "p": static([-9, 11])},
                {"ty": "fl", "c": static([0.9, 0.3, 0.2, 1]), "o": static(75), "r": 1}]),
        group([{"ty": "el", "d": 1, "s": static([24, 24]), "p": static([9, 12])},
                {"ty": "fl", "c": static([0.2, 0.5, 0.95, 1]), "o": static(45), "r": 1},
                {"ty": "st", "c": static([0.95, 0.85, 0.2, 1]), "o": static(100), "w": static(2), "lc": 2, "lj": 2}]),
    ]
    return [{"ddd": 0, "ind": 1, "ty": 4, "nm": "picture", "ip": 0, "op": 60, "st": 0, "shapes": shapes,
             "ks": {"o": static(100), "r": static(0), "p": static([SIZE / 2, SIZE / 2, 0]), "a": static([0, 0, 0]),
                    "s": static([100, 100, 100])}}]


def disc() -> list:
    """One shape on its own, antialiased: Skottie gives its paint the effect instead of drawing it apart first."""
    shapes = [group([{"ty": "el", "d": 1, "s": static([37, 29]), "p": static([0.3, 0.6])},
                      {"ty": "fl", "c": static([0.85, 0.45, 0.2, 1]), "o": static(80), "r": 1}])]
    return [{"ddd": 0, "ind": 1, "ty": 4, "nm": "disc", "ip": 0, "op": 60, "st": 0, "shapes": shapes,
             "ks": {"o": static(100), "r": static(20), "p": static([SIZE / 2, SIZE / 2, 0]), "a": static([0, 0, 0]),
                    "s": static([100, 100, 100])}}]


def _effect(mn: str, name: str, values: dict, count: int) -> dict:
    """An effect whose parameter at each position is `values[i]` (a number or a keyframed dict), 0 elsewhere."""
    params = []
    for i in range(count):
        v = values.get(i, 0)
        params.append({"ty": 0, "nm": f"{name} {i}", "mn": f"{mn}-{i + 1:04d}", "ix": i + 1,
                       "v": v if isinstance(v, dict) else static(v)})
    return {"ty": 5, "nm": name, "mn": mn, "ix": 1, "en": 1, "ef": params}


def easy(channel, in0, in1, gamma, out0, out1, clip_black=1, clip_white=1):
    return _effect("ADBE Easy Levels2", "Levels", {0: channel, 2: in0, 3: in1, 4: gamma, 5: out0, 6: out1,
                                                   7: clip_black, 8: clip_white}, 9)


def pro(curves: dict, clip_black=1, clip_white=1):
    """curves: channel ('rgb', 'r', 'g', 'b', 'a') -> (in black, in white, gamma, out black, out white)."""
    first = {"rgb": 3, "r": 10, "g": 17, "b": 24, "a": 31}
    values = {37: clip_black, 38: clip_white}
    for name, start in first.items():
        for j, v in enumerate(curves.get(name, (0, 1, 1, 0, 1))):
            values[start + j] = v
    return _effect("ADBE Pro Levels2", "Levels (Individual Controls)", values, 39)


def bc(brightness, contrast, legacy):
    return _effect("ADBE Brightness & Contrast 2", "Brightness & Contrast", {0: brightness, 1: contrast,
                                                                            2: legacy}, 3)


def huesat(hue, saturation, lightness, channel=1, colorize=0):
    return _effect("ADBE HUE SATURATION", "Hue/Saturation", {0: channel, 2: hue, 3: saturation, 4: lightness,
                                                             5: colorize, 6: 200, 7: 60, 8: 10}, 9)


OWN = [  # (name, effect, frames)
    ("easy rgb gamma 0.5 clip", easy(1, 0.1, 0.9, 0.5, 0.2, 0.8), (0,)),
    ("easy rgb gamma 2.2 no clip", easy(1, 0.2, 0.7, 2.2, 0.1, 0.9, 2, 2), (0,)),
    ("easy red inverted", easy(2, 0.0, 1.0, 1.0, 1.0, 0.0), (0,)),
    ("easy green gamma 3", easy(3, 0.3, 1.0, 3.0, 0.0, 1.0), (0,)),
    ("easy blue squeezed", easy(4, 0.4, 0.6, 1.0, 0.25, 0.75, 2, 1), (0,)),
    ("easy alpha", easy(5, 0.0, 0.8, 0.6, 0.0, 1.0), (0,)),
    ("easy out of range", easy(1, -0.2, 1.3, 1.0, -0.1, 1.2, 2, 2), (0,)),
    ("easy animated", easy(1, _anim((0, 0), (40, 0.3)), 1, _anim((0, 0.4), (40, 2.5)), 0,
                           _anim((0, 1), (40, 0.7))), (0, 13, 27, 40)),
    ("pro all channels", pro({"rgb": (0.05, 0.95, 1.4, 0, 1), "r": (0, 1, 0.7, 0.1, 1),
                              "g": (0.2, 1, 1, 0, 0.9), "b": (0, 0.8, 2, 0, 1), "a": (0, 0.9, 1, 0, 1)}), (0,)),
    ("pro no clip", pro({"rgb": (0.1, 0.9, 0.8, 0.05, 0.95), "g": (0, 1, 1, 1, 0)}, 2, 2), (0,)),
    ("bc legacy bright", bc(40, 30, 1), (0,)),
    ("bc legacy dark flat", bc(-60, -50, 1), (0,)),
    ("bc legacy contrast 100", bc(0, 100, 1), (0,)),
    ("bc legacy animated", bc(_anim((0, -100), (40, 100)), _anim((0, 60), (40, -80)), 1), (0, 20, 40)),
    ("bc bright", bc(60, 0, 0), (0,)),
    ("bc dark", bc(-110, 0, 0), (0,)),
    ("bc contrast", bc(0, 70, 0), (0,)),
    ("bc both", bc(45, -40, 0), (0,)),
    ("bc animated", bc(_anim((0, -150), (40, 150)), _anim((0, -50), (40, 100)), 0), (0, 10, 30, 40)),
    ("hs hue sat light", huesat(45, 40, 20), (0,)),
    ("hs negative", huesat(-100, -50, -30), (0,)),
    ("hs saturate max", huesat(0, 100, 0), (0,)),
    ("hs hue wraps", huesat(300, 0, 0), (0,)),
    ("hs reds only", huesat(90, 50, 0, channel=2), (0,)),
    ("hs colorize", huesat(30, 20, 10, colorize=1), (0,)),
    ("hs animated", huesat(_anim((0, 0), (40, 360)), _anim((0, -100), (40, 80)), _anim((0, 50), (40, -50))),
     (0, 15, 30)),
    ("disc easy alpha", easy(5, 0.0, 0.8, 0.6, 0.0, 1.0), (0,), "disc"),
    ("disc easy rgb", easy(1, 0.1, 0.9, 0.5, 0.2, 0.8), (0,), "disc"),
    ("disc bc bright", bc(60, 0, 0), (0,), "disc"),
    ("disc bc contrast", bc(0, 70, 0), (0,), "disc"),
    ("disc bc legacy", bc(40, 30, 1), (0,), "disc"),
    ("disc hs", huesat(45, 40, 20), (0,), "disc"),
]

# Where Skottie's picture is not a function of the layer's finished pixels, so no pixel op can match it closely:
# - a gamma above 1 makes the curve infinitely steep at input black (0.2 or 0.3 here, where the grey ramp
#   passes); Skottie filters the gradient's own colours before they are rounded to 8 bits (in another pipeline
#   than the one drawing it without the effect), so one 8-bit input value there comes out anywhere from 0 to 37;
# - a single antialiased shape, which Skottie draws without isolating it, gets the effect on its paint before
#   coverage, so alpha tables and the contrast cubic (on premultiplied colour) bend its edge pixels differently
#   (After Effects, like these ops, applies the effect to the layer's finished pixels).
# Measured and printed, but not kept as goldens.
LOOSE = {("easy rgb gamma 2.2 no clip", 0), ("easy green gamma 3", 0), ("easy animated", 40),
         ("disc easy alpha", 0), ("disc bc contrast", 0)}


def own_doc(effect: dict, picture_name: str = "mix") -> dict:
    layer = {"ddd": 0, "ind": 1, "ty": 0, "nm": "subject", "refId": "picture", "w": SIZE, "h": SIZE,
             "ks": transform((0, 0)),
             "ip": 0, "op": 60, "st": 0, "ef": [effect]}
    return {"v": "5.7.4", "fr": 30, "ip": 0, "op": 60, "w": SIZE, "h": SIZE, "nm": "levels", "ddd": 0,
            "assets": [{"id": "picture", "layers": disc() if picture_name == "disc" else picture()}], "layers": [layer]}


def skia_cases():
    """(name, doc with only that layer, its effect, frames) for each top-level layer of Skia's files that has one
    of these effects."""
    for file, frames in SKIA_FILES.items():
        path = SKIA / file
        if not path.exists():
            continue
        doc = json.loads(path.read_text(encoding="utf-8"))
        for layer in doc["layers"]:
            effects = [e for e in layer.get("ef") or [] if e.get("mn") in FAMILY]
            if not effects:
                continue
            alone = copy.deepcopy(doc)
            alone["layers"] = [copy.deepcopy(layer)]
            yield f"skia/{file[:-5]}: {layer.get('nm')}", alone, effects[0], frames


def cases():
    yield from skia_cases()
    for name, effect, frames, *picture_name in OWN:
        yield name, own_doc(effect, *picture_name), effect, frames


def without(doc: dict, effect: dict) -> dict:
    out = copy.deepcopy(doc)
    layer = out["layers"][0]
    layer["ef"] = [e for e in layer["ef"] if e != effect]
    return out


def render(skottie, doc: dict, frames, tmp: Path) -> list:
    scale = SKIA_SCALE if doc["w"] > 2 * SIZE else OWN_SCALE
    w, h = round(doc["w"] * scale), round(doc["h"] * scale)
    return skottie_frames(skottie, doc, frames, (w, h), tmp, what="Skottie")


def box(*pictures) -> tuple:
    """The box of the pixels any of the pictures covers, with a pixel of margin."""
    covered = np.any([p[..., 3] > 0 for p in pictures], axis=0)
    ys, xs = np.nonzero(covered)
    if not len(ys):
        return 0, 0, 1, 1
    h, w = covered.shape
    return max(ys.min() - 1, 0), max(xs.min() - 1, 0), min(ys.max() + 2, h), min(xs.max() + 2, w)


def measure(effect: dict, frame: float, plain: np.ndarray, drawn: np.ndarray) -> tuple[float, float]:
    from overlays.lottie_pixel_ops import effect_op
    import overlays.lottie_px_levels  # noqa: F401 - fills EFFECTS
    op = effect_op(effect)
    got = op(plain.astype(np.float32) / 255, frame)
    mine = np.clip(np.floor(got * 255 + 0.5), 0, 255)
    d = np.abs(mine - drawn.astype(np.float64))
    return float(d.mean()), float(np.percentile(d.max(axis=2), 99))


def main() -> int:
    from lottie_corpus import Skottie
    write = "--write" in sys.argv
    skottie = Skottie()
    tiles, index, effects = [], [], {}
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for name, doc, effect, frames in cases():
            drawn = render(skottie, doc, frames, Path(tmp))
            plain = render(skottie, without(doc, effect), frames, Path(tmp))
            for frame, a, b in zip(frames, plain, drawn):
                y0, x0, y1, x1 = box(a, b)
                a, b = a[y0:y1, x0:x1], b[y0:y1, x0:x1]
                mean, p99 = measure(effect, frame, a, b)
                worst = max(worst, mean)
                flag = "" if mean <= 1 and p99 <= 8 else "   <-- over the bound"
                flag += "  (known: see LOOSE)" if (name, frame) in LOOSE else ""
                print(f"{name:58s} f{frame:<4g} mean {mean:5.2f}  p99 {p99:3.0f}{flag}")
                if (name, frame) not in LOOSE:
                    tiles.append((a, b))
                    index.append({"name": name, "frame": frame})
                    effects[name] = {"mn": effect["mn"], "ef": [{"v": p["v"]} if "v" in p else {}
                                                                for p in effect["ef"]]}
    if write:
        _write(tiles, index, effects)
    return 0


def _write(tiles: list, index: list, effects: dict) -> None:
    """Pack the tiles in rows of at most 256 px and save the two sheets and the index."""
    from PIL import Image
    x = y = row_h = 0
    width = 256
    for (a, _), entry in zip(tiles, index):
        h, w = a.shape[:2]
        if x + w > width:
            x, y, row_h = 0, y + row_h, 0
        entry["box"] = [int(x), int(y), int(w), int(h)]
        x, row_h = x + w, max(row_h, h)
    height = y + row_h
    OUT.mkdir(parents=True, exist_ok=True)
    for i, name in enumerate(("without", "with")):
        sheet = np.zeros((height, width, 4), np.uint8)
        for pair, entry in zip(tiles, index):
            bx, by, bw, bh = entry["box"]
            sheet[by:by + bh, bx:bx + bw] = pair[i]
        Image.fromarray(sheet).save(OUT / f"{name}.png", optimize=True)
    compact = {"effects": effects, "tiles": index}
    (OUT / "cases.json").write_text(json.dumps(compact, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    sys.exit(main())
