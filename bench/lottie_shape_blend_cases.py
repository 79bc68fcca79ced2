"""Blend modes on shape groups (overlays/lottie_shape_blends.py) against Skia's Skottie, for
tests/lottie/test_lottie_shape_blends.py (which has no node).

The cases are small files of their own, over a backdrop layer of an opaque, a 50 % and no colour:
- "modes": one shape layer of six overlapping groups, top to bottom Hard Mix, Difference (a fill under a wide
  stroke), Screen, Normal at 70 %, Luminosity and Multiply, one of them moving;
- "children": a moving, turning, growing shape layer (in at frame 5) of groups in Difference, Add and Normal, with
  a child layer above it and one below it that follow it;
- "transformed": the "modes" groups under a top-level shape transform (moving, turned, scaled), which goes
  with each group;
- "one group per mode" (measured): one group over the backdrop, in each mode 1..17;
- "translucent" (measured, not split): the "modes" layer at 60 % opacity, which Skottie draws into a layer of
  its own, so its groups blend onto its lower groups alone: split into layers they would blend onto the
  backdrop too.
For each case Skottie draws the file as it is and as rewritten (split): the two must agree, or the split is not
exact. The player draws it through `load_player` (rewritten, blended on pixels) and, for comparison, with the
group blend modes left to the player (its own group blending: Hard Mix as Normal, Hue, Color, Luminosity,
Lighten, Soft Light and Difference with other formulas).

    (cd bench/skottie && npm ci) && python3 bench/lottie_shape_blend_cases.py           # writes the goldens
    python3 bench/lottie_shape_blend_cases.py --measure                                  # prints the figures

Goldens (tests/golden/lottie-shape-blends/) are the cases' JSON and PNGs of Skottie's premultiplied RGBA bytes
at the case's frames, and Skia's skottie-blendmode-hardmix.json drawn over grey at 100 x 100 px at two shot
times (as tests/lottie/test_lottie_corpus.py compares a project's frames).
"""
from __future__ import annotations

import copy
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
from lottie_case_kit import fill, group_transform, over_grey, skottie_frames, static
from lottie_corpus import difference

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
OUT = REPO / "tests" / "golden" / "lottie-shape-blends"
HARDMIX = REPO / "bench" / "lottie-corpus" / "skia" / "skottie-blendmode-hardmix.json"
HARDMIX_SIZE, HARDMIX_TIMES = 100, (1.5, 4.6)
SIZE = 80
FRAMES = {"modes": (0, 20), "children": (3, 12, 25), "transformed": (0, 20), "translucent": (0, 20)}
GOLDEN_CASES = ("modes", "children", "transformed")


def _moving(a, b, t0=0, t1=30):
    ease = {"o": {"x": [0.3], "y": [0]}, "i": {"x": [0.7], "y": [1]}}
    return {"a": 1, "k": [{"t": t0, "s": a, **ease}, {"t": t1, "s": b}]}


def _group(name, geometry, paints, bm=0, o=100):
    group = {"ty": "gr", "nm": name, "it": [geometry, *paints, group_transform(o, skew=True)]}
    if bm:
        group["bm"] = bm
    return group


def _rect(x0, y0, x1, y1):
    return {"ty": "rc", "d": 1, "s": static([x1 - x0, y1 - y0]), "p": static([(x0 + x1) / 2, (y0 + y1) / 2]),
            "r": static(0)}


def _ellipse(cx, cy, d, p=None):
    return {"ty": "el", "d": 1, "s": static([d, d]), "p": p or static([cx, cy])}


def _ks(p=None, r=None, s=None, a=(0, 0, 0), o=100):
    return {"o": static(o), "r": r or static(0), "p": p or static([0, 0, 0]), "a": static(list(a)),
            "s": s or static([100, 100, 100])}


def _layer(ind, name, shapes, ks=None, **more):
    return {"ddd": 0, "ind": ind, "ty": 4, "nm": name, "ks": ks or _ks(), "ip": 0, "op": 60, "st": 0, "bm": 0,
            "shapes": shapes, **more}


def _backdrop(ind):
    return _layer(ind, "backdrop", [
        _group("opaque", _rect(0, 0, 30, SIZE), [fill((0.9, 0.3, 0.1))]),
        _group("half", _rect(30, 0, 55, SIZE), [fill((0.1, 0.4, 0.9), 50)]),
    ])


def _doc(name, layers):
    return {"v": "5.7.4", "fr": 30, "ip": 0, "op": 60, "w": SIZE, "h": SIZE, "nm": name, "ddd": 0, "assets": [],
            "layers": layers}


def _mode_groups():
    stroke = {"ty": "st", "c": static([0.9, 0.9, 0.1, 1]), "o": static(100), "w": static(8), "lc": 2, "lj": 2}
    return [
        _group("hard mix", _ellipse(0, 0, 34, _moving([20, 22], [58, 40])), [fill((0.6, 0.75, 0.2))], bm=17),
        _group("difference", _rect(12, 30, 50, 62), [stroke, fill((0.2, 0.9, 0.5))], bm=10),
        _group("screen", _ellipse(40, 66, 26), [fill((0.2, 0.3, 0.7))], bm=2),
        _group("normal", _rect(44, 8, 74, 40), [fill((0.3, 0.2, 0.8), 70)]),
        _group("luminosity", _ellipse(62, 58, 30), [fill((0.95, 0.85, 0.3))], bm=15),
        _group("multiply", _rect(4, 4, 40, 26), [fill((1, 0.8, 0.2))], bm=1),
    ]


def cases() -> dict:
    children = _layer(2, "turning", [
        _group("difference", _ellipse(0, -8, 34), [fill((0.8, 0.7, 0.35))], bm=10),
        _group("add", _rect(-26, -4, 14, 24), [fill((0.5, 0.6, 0.1))], bm=16),
        _group("normal", _rect(-6, -22, 22, 0), [fill((0.1, 0.6, 0.9))]),
    ], ks=_ks(p=_moving([28, 34, 0], [50, 46, 0], 5, 35), r=_moving([0], [90], 5, 35),
              s=_moving([80, 80, 100], [115, 115, 100], 5, 35)), ip=5, st=5)
    above = _layer(1, "child above", [_group("dot", _ellipse(14, 14, 10), [fill((1, 1, 1))])], parent=2)
    below = _layer(3, "child below", [_group("bar", _rect(-24, 6, 24, 14), [fill((0.2, 0.8, 0.2))])], parent=2)
    translucent = _layer(2, "translucent", _mode_groups(), ks=_ks(o=60))
    turned = {"ty": "tr", "p": _moving([40, 40], [46, 30]), "a": static([40, 40]), "s": static([90, 110]),
              "r": static(20), "o": static(100), "sk": static(0), "sa": static(0)}
    return {
        "modes": _doc("modes", [_layer(2, "groups", _mode_groups()), _backdrop(1)]),
        "children": _doc("children", [above, children, below, _backdrop(4)]),
        "transformed": _doc("transformed", [_layer(2, "groups", _mode_groups() + [turned]), _backdrop(1)]),
        "translucent": _doc("translucent", [translucent, _backdrop(1)]),
    }


def split(doc: dict, force: bool = False) -> dict:
    """The file as the rewrite leaves it; with `force`, its top layer split even where its opacity keeps the
    rewrite off, each part given that opacity (a layer's opacity is not inherited)."""
    from overlays import lottie_shape_blends as sb
    d = copy.deepcopy(doc)
    top = d["layers"][0]
    opacity = top["ks"]["o"]
    if force:
        top["ks"]["o"] = static(100)
    sb.split_blended_groups(d)
    if force:
        for layer in d["layers"]:
            if layer.get("parent") == top["ind"] and layer["ty"] == 4:
                layer["ks"]["o"] = copy.deepcopy(opacity)
    return d


def _render(skottie, doc: dict, frames, w: int, h: int, tmp: Path) -> list[np.ndarray]:
    return skottie_frames(skottie, doc, frames, (w, h), tmp)


def player_frames(doc: dict, frames, tmp: Path, group_blends: bool = True) -> list[np.ndarray]:
    """The player's frames through `load_player`; without `group_blends`, the groups' modes left to the player."""
    from overlays import lottie_normalise
    from overlays.lottie import load_player
    file = tmp / "case.json"
    file.write_text(json.dumps(doc))
    keep = lottie_normalise.split_blended_groups
    if not group_blends:
        lottie_normalise.split_blended_groups = lambda data: None
    try:
        _, player = load_player(file, tmp, ("lottie",))
    finally:
        lottie_normalise.split_blended_groups = keep
    return [player.frame(float(f), SIZE, SIZE) for f in frames]


def _write_png(path: Path, rgba: np.ndarray) -> None:
    from PIL import Image
    Image.fromarray(np.ascontiguousarray(rgba)).save(path, optimize=True)


def _hardmix_frames(skottie, tmp: Path) -> list[np.ndarray]:
    """Skottie's frames of the Hard Mix file at HARDMIX_TIMES, over grey (128) as a project's background."""
    from overlays.lottie import LottieOverlay
    d = json.loads(HARDMIX.read_text())
    overlay = LottieOverlay(None, float(d["fr"]), float(d["ip"]), float(d["op"]), 0.0, 1.0, False,
                            (d["w"], d["h"]), HARDMIX_SIZE, HARDMIX_SIZE, "fill")
    frames = [overlay.lottie_frame(t) - float(d["ip"]) for t in HARDMIX_TIMES]
    return [over_grey(rgba) for rgba in skottie.render(HARDMIX, frames, HARDMIX_SIZE, HARDMIX_SIZE, tmp)]


def write_goldens(skottie, tmp: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    all_cases = cases()
    for name in GOLDEN_CASES:
        doc = all_cases[name]
        (OUT / f"{name}.json").write_text(json.dumps(doc) + "\n")
        for f, rgba in zip(FRAMES[name], _render(skottie, doc, FRAMES[name], SIZE, SIZE, tmp)):
            _write_png(OUT / f"{name}-{f}.png", rgba)
    for t, rgb in zip(HARDMIX_TIMES, _hardmix_frames(skottie, tmp)):
        _write_png(OUT / f"hardmix-{t:g}s.png", rgb)


def measure(skottie, tmp: Path) -> None:
    """Prints mean / p99 (levels of premultiplied RGBA) per case and frame: Skottie's split file against the
    file, the player (rewritten) against Skottie, and the player blending the groups itself."""
    for name, doc in cases().items():
        frames = FRAMES[name]
        ref = _render(skottie, doc, frames, SIZE, SIZE, tmp)
        rewritten = split(doc, force=name == "translucent")
        skottie_split = _render(skottie, rewritten, frames, SIZE, SIZE, tmp)
        row = []
        for k, f in enumerate(frames):
            ours = player_frames(doc, frames, tmp)[k]
            own = player_frames(doc, frames, tmp, group_blends=False)[k]
            row.append("f%d Skottie split %.2f/%.0f player %.2f/%.0f player's own group blending %.2f/%.0f" % (
                f, *difference(skottie_split[k], ref[k]), *difference(ours, ref[k]), *difference(own, ref[k])))
        layers = len(split(doc)["layers"]) - len(doc["layers"])
        print(f"{name} ({'split: %d more layers' % layers if layers else 'left as is'}): " + " | ".join(row))


def measure_modes(skottie, tmp: Path) -> None:
    """Per mode, one group over the backdrop: the player's own group blending and the split against Skottie."""
    row = []
    for bm in range(1, 18):
        doc = _doc("one group", [_layer(2, "layer", [_group("group", _rect(10, 10, 70, 70),
                                                             [fill((0.7, 0.55, 0.3))], bm=bm)]), _backdrop(1)])
        ref = _render(skottie, doc, (0,), SIZE, SIZE, tmp)[0]
        own = player_frames(doc, (0,), tmp, group_blends=False)[0]
        ours = player_frames(doc, (0,), tmp)[0]
        row.append("bm %d: own %.2f/%.0f split %.2f/%.0f" % (bm, *difference(own, ref), *difference(ours, ref)))
    print("one group per mode:\n  " + "\n  ".join(row))


def main() -> int:
    from lottie_corpus import Skottie
    skottie = Skottie()
    with tempfile.TemporaryDirectory() as tmp:
        if "--measure" in sys.argv:
            measure(skottie, Path(tmp))
            measure_modes(skottie, Path(tmp))
        else:
            write_goldens(skottie, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
