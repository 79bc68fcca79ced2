"""Tritone, CC Toner and Tint as pixel ops (`overlays/lottie_px_tones.py`) against Skia's Skottie, and the goldens
tests/lottie/test_lottie_px_tones.py checks them with (it has no node).

Each case is one top-level layer carrying the effect, drawn by Skottie twice, alone: as is, and with its effects
taken out. The op applied to the second must give the first. Cases: small files written here covering every
parameter and variant (colours across the ramp's bends, translucent and overlapping shapes, animated colours,
weights and tone modes) and Skia's own test files (each effect layer of skottie-tritone-effect.json and
skottie-cctoner.json on its own). Figures: mean absolute difference and 99th percentile of the largest channel
difference, in levels of 255, on premultiplied RGBA over the pixels either picture covers.

It also measures the player's own Tint (the player draws Tint itself) against Skottie's.

    (cd bench/skottie && npm ci) && python3 bench/lottie_px_tones_cases.py            # figures + goldens
    python3 bench/lottie_px_tones_cases.py --measure 256                            # figures only, larger
"""
from __future__ import annotations

import argparse
import copy
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
from lottie_case_kit import eased_keys, group_transform, skottie_frames, static, transform

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
GOLDEN = REPO / "tests" / "golden" / "lottie-pixel-ops" / "tones"
SKIA = REPO / "bench" / "lottie-corpus" / "skia"
SIZE = 64


def _value(v):
    return v if isinstance(v, dict) else static(v)


def _gradient_rect(y, stops, count):
    return {"ty": "gr", "it": [
        {"ty": "rc", "d": 1, "s": static([64, 16]), "p": static([32, y]), "r": static(0)},
        {"ty": "gf", "o": static(100), "r": 1, "t": 1, "s": static([0, 0]), "e": static([64, 0]),
         "g": {"p": count, "k": static(stops)}}, group_transform(skew=True)]}


def _shape(kind, size, pos, rgb, o=100, stroke=None):
    geometry = {"ty": kind, "d": 1, "s": static(size), "p": static(pos)}
    if kind == "rc":
        geometry["r"] = static(3)
    items = [geometry]
    if stroke:
        items.append({"ty": "st", "c": static(list(stroke) + [1]), "o": static(100), "w": static(2), "lc": 2, "lj": 2})
    items.append({"ty": "fl", "c": _value(list(rgb) + [1]) if not isinstance(rgb, dict) else rgb, "o": static(o),
                  "r": 1})
    return {"ty": "gr", "it": items + [group_transform(skew=True)]}


def picture() -> list:
    """A luminance sweep (black to white), a hue sweep, and overlapping opaque and translucent shapes: colours
    on both sides of every bend of the ramps, premultiplied edges, translucent colours mixed over each other."""
    return [
        _gradient_rect(8, [0, 0, 0, 0, 1, 1, 1, 1], 2),
        _gradient_rect(24, [0, 1, 0, 0, 0.33, 0, 1, 0.2, 0.66, 0.1, 0.2, 1, 1, 1, 0.95, 0.3], 4),
        _shape("el", [30, 30], [18, 46], [0.95, 0.55, 0.1], stroke=[0.2, 0.9, 0.9]),
        _shape("el", [30, 30], [34, 46], [0.2, 0.3, 0.95], o=55),
        _shape("rc", [30, 18], [48, 52], [0.3, 0.85, 0.3], o=40),
        _shape("rc", [14, 14], [56, 40], [0.98, 0.95, 0.9], o=75),
    ]


def animation(effects: list, size: int = SIZE, opacity=100) -> dict:
    layer = {"ddd": 0, "ind": 1, "ty": 4, "nm": "toned", "ip": 0, "op": 60, "st": 0, "sr": 1,
             "ks": transform((0, 0), o=opacity),
             "shapes": picture(), "ef": effects}
    return {"v": "5.7.4", "fr": 30, "ip": 0, "op": 60, "w": size, "h": size, "nm": "tones", "ddd": 0,
            "assets": [], "layers": [layer]}


def _colour_param(mn, ix, nm, v):
    return {"ty": 2, "nm": nm, "mn": mn, "ix": ix, "v": _value(v)}


def _scalar_param(mn, ix, nm, v, ty=0):
    return {"ty": ty, "nm": nm, "mn": mn, "ix": ix, "v": _value(v)}


def tritone(high, mid, low, blend=0):
    names = ("Highlights", "Midtones", "Shadows")
    params = [_colour_param(f"ADBE Tritone-{i + 1:04d}", i + 1, n, v) for i, (n, v) in
              enumerate(zip(names, (high, mid, low)))]
    params.append(_scalar_param("ADBE Tritone-0004", 4, "Blend With Original", blend))
    return {"ty": 23, "nm": "Tritone", "mn": "ADBE Tritone", "ix": 1, "en": 1, "ef": params}


def cc_toner(tone, high, bright, mid, dark, shadow, blend=0):
    params = [_scalar_param("CC Toner-0005", 1, "Tones", tone, ty=7)]
    for ix, (mn, nm, v) in enumerate((("CC Toner-0001", "Highlights", high), ("CC Toner-0006", "Brights", bright),
                                      ("CC Toner-0002", "Midtones", mid), ("CC Toner-0007", "Darktones", dark),
                                      ("CC Toner-0003", "Shadows", shadow)), start=2):
        params.append(_colour_param(mn, ix, nm, v))
    params.append(_scalar_param("CC Toner-0004", 7, "Blend w. Original", blend))
    return {"ty": 5, "nm": "CC Toner", "mn": "CC Toner", "ix": 1, "en": 1, "np": 9, "ef": params}


def tint(black, white, amount=100):
    params = [_colour_param("ADBE Tint-0001", 1, "Map Black To", black),
              _colour_param("ADBE Tint-0002", 2, "Map White To", white),
              _scalar_param("ADBE Tint-0003", 3, "Amount to Tint", amount)]
    return {"ty": 20, "nm": "Tint", "mn": "ADBE Tint", "ix": 1, "en": 1, "ef": params}


TONER_COLOURS = {"high": [1, 0.95, 0.8, 1], "bright": [0.95, 0.6, 0.2, 1], "mid": [0.6, 0.1, 0.5, 1],
                 "dark": [0.1, 0.3, 0.6, 1], "shadow": [0.05, 0.02, 0.1, 1]}


def own_cases() -> dict:
    """name -> (Lottie, frames)."""
    animated_high = eased_keys([(0, [1, 0.95, 0.6, 1]), (30, [0.3, 1, 0.9, 1])])
    animated_mid = eased_keys([(0, [0.9, 0.1, 0.3, 1]), (30, [0.2, 0.6, 0.1, 1])])
    return {
        "tritone-static": (animation([tritone([1, 0.95, 0.6, 1], [0.9, 0.1, 0.3, 1], [0.05, 0.1, 0.4, 1])]), [0]),
        "tritone-animated": (animation([tritone(animated_high, animated_mid, [0.3, 0, 0.2, 1],
                                                blend=eased_keys([(0, 0), (30, 70)]))]), [0, 11, 30]),
        "cctoner-duotone": (animation([cc_toner(1, **TONER_COLOURS)]), [0]),
        "cctoner-tritone": (animation([cc_toner(2, **TONER_COLOURS)]), [0]),
        "cctoner-pentone": (animation([cc_toner(3, **TONER_COLOURS)]), [0]),
        "cctoner-solid": (animation([cc_toner(4, **TONER_COLOURS)]), [0]),
        "cctoner-animated": (animation([cc_toner(eased_keys([(0, 1), (10, 2), (20, 3)], hold=True),
                                                 **dict(TONER_COLOURS, high=animated_high), blend=40)]),
                             [0, 14, 25]),
        "tint-static": (animation([tint([0.1, 0.2, 0.5, 1], [1, 0.9, 0.7, 1])]), [0]),
        "tint-animated": (animation([tint(eased_keys([(0, [0.4, 0, 0.1, 1]), (30, [0, 0.3, 0.2, 1])]), [0.9, 1, 0.6, 1],
                                          amount=eased_keys([(0, 0), (30, 100)]))]), [0, 11, 30]),
        "tint-over-range": (animation([tint([0.3, 0.1, 0, 1], [0.2, 0.9, 1, 1], amount=160)]), [0]),
        "tint-colours-out-of-range": (animation([tint([-0.3, 0.2, 1.4, 1], [1.3, 0.9, -0.1, 1], amount=80)]), [0]),
        "tritone-blend-out-of-range": (animation([tritone([1, 1, 0.5, 1], [0.2, 0.5, 0.9, 1], [0.5, 0, 0, 1],
                                                          blend=eased_keys([(0, -60), (30, 160)]))]), [0, 16, 30]),
        "tritone-layer-opacity": (animation([tritone([0.9, 1, 0.9, 1], [0.8, 0.3, 0.1, 1], [0, 0, 0.3, 1])],
                                            opacity=eased_keys([(0, 100), (30, 40)])), [0, 20]),
        "stack-tint-tritone": (animation([tint([0.2, 0, 0.3, 1], [1, 1, 0.8, 1], amount=70),
                                          tritone([1, 0.9, 0.3, 1], [0.1, 0.6, 0.6, 1], [0.1, 0, 0.2, 1])]), [0]),
    }


def skia_cases(few: bool = False) -> dict:
    """Each effect layer of Skia's own files, alone (at two of the frames measured, for the goldens: `few`)."""
    cases = {}
    for file, frames in (("skottie-tritone-effect.json", [0, 150, 300, 450]),
                         ("skottie-cctoner.json", [0, 40, 120, 200])):
        frames = frames[1::2] if few else frames
        doc = json.loads((SKIA / file).read_text())
        for i, layer in enumerate(doc["layers"]):
            if layer.get("ef"):
                alone = copy.deepcopy(doc)
                alone["layers"] = [alone["layers"][i]]
                cases[f"skia-{Path(file).stem}-{layer.get('nm', i)}"] = (alone, frames)
    return cases


def without_effects(doc: dict) -> dict:
    doc = copy.deepcopy(doc)
    for layer in doc["layers"]:
        layer.pop("ef", None)
    return doc


def apply_effects(doc: dict, rgba: np.ndarray, frame: float) -> np.ndarray:
    """The layer's effects as pixel ops on premultiplied RGBA bytes, rounded back to bytes."""
    import overlays.lottie_px_tones  # noqa: F401  (fills EFFECTS)
    from overlays.lottie_pixel_ops import effect_op
    x = rgba.astype(np.float32) / 255
    for effect in doc["layers"][0].get("ef") or []:
        x = effect_op(effect)(x, frame)
    return np.clip(np.floor(x * 255 + 0.5), 0, 255).astype(np.uint8)


def difference(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    covered = (a[..., 3] > 0) | (b[..., 3] > 0)
    d = np.abs(a.astype(np.int16) - b.astype(np.int16))[covered]
    if not len(d):
        return 0.0, 0.0
    return float(d.mean()), float(np.percentile(d.max(axis=1), 99))


def main() -> int:
    from lottie_corpus import Skottie
    from PIL import Image

    from overlays.lottie_player import LottiePlayer
    ap = argparse.ArgumentParser()
    ap.add_argument("--measure", type=int, help="only print figures, at this size (goldens are not written)")
    args = ap.parse_args()
    size = args.measure or SIZE
    skottie = Skottie()
    cases = own_cases()
    if args.measure:
        cases = {name: (dict(doc, w=size, h=size), frames) for name, (doc, frames) in cases.items()}
        for doc, _ in cases.values():
            doc["layers"][0]["ks"]["s"] = static([size / SIZE * 100] * 3)
    cases.update(skia_cases(few=not args.measure))
    if not args.measure:
        GOLDEN.mkdir(parents=True, exist_ok=True)
    worst = (0.0, 0.0)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for name, (doc, frames) in cases.items():
            pictures = {}
            for kind, data in (("with", doc), ("without", without_effects(doc))):
                pictures[kind] = skottie_frames(skottie, data, frames, (size, size), tmp, f"{name}-{kind}.json",
                                                what=name)
            for frame, with_fx, without_fx in zip(frames, pictures["with"], pictures["without"]):
                mean, p99 = difference(apply_effects(doc, without_fx, frame), with_fx)
                worst = (max(worst[0], mean), max(worst[1], p99))
                line = f"{name:44s} frame {frame:4}: op vs Skottie mean {mean:5.2f} p99 {p99:5.1f}"
                if name.startswith("tint"):
                    player = LottiePlayer(json.dumps(doc)).frame(frame, size, size)
                    pm, pp = difference(player, with_fx)
                    line += f"   player's Tint vs Skottie mean {pm:5.2f} p99 {pp:5.1f}"
                print(line)
                if not args.measure:
                    for kind, rgba in (("with", with_fx), ("without", without_fx)):
                        Image.fromarray(rgba).save(GOLDEN / f"{name}-{frame}-{kind}.png", optimize=True)
            if not args.measure:
                (GOLDEN / f"{name}.json").write_text(json.dumps({"frames": frames,
                                                                 "effects": doc["layers"][0]["ef"]}) + "\n")
    print(f"worst: mean {worst[0]:.2f} p99 {worst[1]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
