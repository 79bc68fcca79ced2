"""Lottie layer blend modes drawn on pixels (overlays/lottie_px_blends.py) against Skia's Skottie, and the player's
own blending against it, for tests/lottie/test_lottie_px_blends.py (which has no node).

A case is a Lottie file whose top-level layer L has a blend mode. Skottie renders it three ways: the file up to L
(L and everything below it: "blended"), the layers below L alone ("backdrop") and L alone with its matte source
and blend mode Normal ("layer"). Blending "layer" into "backdrop" with BLENDS[bm] must give "blended". Layers
left out are hidden ("hd"), not removed, so they still parent the others.

The cases: a grid of 17 cells, one per blend mode 1..17, each a layer whose colours and opacity vary down the cell
(animated) over a backdrop whose colours vary across it, opaque at the top, at 45 % below and transparent at the
bottom right; Skia's skottie-blendmode-hardmix.json (three Hard Mix layers over a split grey backdrop) and
skottie-matte-blendmode.json (Multiply on a matted layer); lottie-android's LayerBlend scene (a translucent star and
ellipse over a blue shape) with its blend mode set to each of 1..17 (lottie-android's LayerBlend_<bm>.json differ
only in it).

    (cd bench/skottie && npm ci) && python3 bench/lottie_px_blends_cases.py            # writes the goldens
    python3 bench/lottie_px_blends_cases.py --measure                                   # prints the figures

Goldens (tests/golden/lottie-pixel-ops/blends/) are PNGs holding Skottie's premultiplied RGBA bytes as they are.
"""
from __future__ import annotations

import copy
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
from lottie_case_kit import group_transform, skottie_frames, static, transform
from lottie_corpus import difference

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
OUT = REPO / "tests" / "golden" / "lottie-pixel-ops" / "blends"
CORPUS = REPO / "bench" / "lottie-corpus"
CELL, COLUMNS, ROWS = 24, 6, 3
W, H = CELL * COLUMNS, CELL * ROWS
GRID_FRAMES = (0, 20)
NAMES = {1: "multiply", 2: "screen", 3: "overlay", 4: "darken", 5: "lighten", 6: "color dodge", 7: "color burn",
         8: "hard light", 9: "soft light", 10: "difference", 11: "exclusion", 12: "hue", 13: "saturation",
         14: "color", 15: "luminosity", 16: "add", 17: "hard mix"}


def _ks(o=100):
    return transform((0, 0), o=o)


def _rect_group(x0, y0, x1, y1, fill):
    rect = {"ty": "rc", "d": 1, "s": static([x1 - x0, y1 - y0]), "p": static([(x0 + x1) / 2, (y0 + y1) / 2]),
            "r": static(0)}
    return {"ty": "gr", "it": [rect, fill, group_transform(skew=True)]}


def _gradient(start, end, stops, opacities=None, o=100, animate_to=None):
    """A linear gradient fill; `stops` [(t, r, g, b)], `opacities` [(t, a)]; `animate_to` other stops at frame 30."""
    def flat(colours):
        k = [v for stop in colours for v in stop]
        return k + [v for stop in opacities or [] for v in stop]
    k = static(flat(stops)) if animate_to is None else {"a": 1, "k": [
        {"t": 0, "s": flat(stops), "o": {"x": [0.3], "y": [0]}, "i": {"x": [0.7], "y": [1]}},
        {"t": 30, "s": flat(animate_to)}]}
    return {"ty": "gf", "o": static(o), "r": 1, "t": 1, "s": static(list(start)), "e": static(list(end)),
            "g": {"p": len(stops), "k": k}}


BACKDROP_STOPS = [(0, 1, 0, 0), (0.15, 1, 1, 0), (0.3, 0, 0.8, 0.2), (0.45, 0, 1, 1), (0.6, 0.1, 0.1, 0.9),
                  (0.72, 0.9, 0.2, 0.8), (0.84, 1, 1, 1), (0.92, 0.5, 0.5, 0.5), (1, 0, 0, 0)]
LAYER_STOPS = [(0, 0.2, 0.4, 1), (0.2, 1, 0.5, 0), (0.4, 1, 1, 1), (0.55, 0, 0, 0), (0.7, 0.9, 0.1, 0.5),
               (0.85, 0.5, 0.5, 0.5), (1, 0.3, 1, 0.3)]
LAYER_STOPS_LATER = [(0, 0.9, 0.9, 0.1), (0.2, 0.1, 0.2, 0.3), (0.4, 0.6, 0.6, 0.6), (0.55, 1, 0, 0.2),
                     (0.7, 0.2, 0.9, 1), (0.85, 1, 1, 1), (1, 0.05, 0.05, 0.05)]
LAYER_OPACITY = [(0, 1), (0.5, 1), (0.75, 0.5), (1, 0.2)]


def grid_animation() -> dict:
    """17 cells, one per blend mode: the layers (one per cell, bm 1..17) over one backdrop layer.

    Skottie blends a layer of one draw as it paints it, with the gradient's colours before they are rounded to
    8 bits; the blends here get the layer's 8-bit picture. Where the layer is nearly grey its hue is lost in the
    rounding, and Hue, which takes the layer's hue alone (scaled up to the backdrop's saturation), differs there
    (see --measure); the other modes stay within a few levels."""
    backdrop, layers = [], []
    for bm in range(1, 18):
        x, y = ((bm - 1) % COLUMNS) * CELL, ((bm - 1) // COLUMNS) * CELL
        top = y + CELL * 2 // 3
        backdrop.append(_rect_group(x, y, x + CELL, top, _gradient((x, 0), (x + CELL, 0), BACKDROP_STOPS)))
        backdrop.append(_rect_group(x, top, x + CELL * 3 // 4, y + CELL,
                                    _gradient((x, 0), (x + CELL, 0), BACKDROP_STOPS, o=45)))
        fill = _gradient((0, y), (0, y + CELL), LAYER_STOPS, LAYER_OPACITY, animate_to=LAYER_STOPS_LATER)
        layers.append({"ddd": 0, "ind": bm + 1, "ty": 4, "nm": NAMES[bm], "bm": bm, "ks": _ks(), "ip": 0,
                       "op": 60, "st": 0, "shapes": [_rect_group(x + CELL // 6, y, x + CELL, y + CELL, fill)]})
    base = {"ddd": 0, "ind": 1, "ty": 4, "nm": "backdrop", "ks": _ks(), "ip": 0, "op": 60, "st": 0,
            "shapes": backdrop}
    return {"v": "5.7.4", "fr": 30, "ip": 0, "op": 60, "w": W, "h": H, "nm": "blend modes", "ddd": 0,
            "assets": [], "layers": list(reversed(layers)) + [base]}


def blended_layers(doc: dict) -> list[int]:
    """Indices of the top-level layers Skottie blends with a mode other than Normal."""
    return [i for i, layer in enumerate(doc["layers"])
            if layer.get("bm", 0) in NAMES and not layer.get("td") and layer.get("hd") is not True]


def _matte_source(doc: dict, i: int):
    layer = doc["layers"][i]
    return i - 1 if layer.get("tt") and i > 0 and doc["layers"][i - 1].get("td") else None


def variants(doc: dict, i: int) -> dict:
    """The file as "blended" (L and below), "backdrop" (below L) and "layer" (L alone, Normal)."""
    matte = _matte_source(doc, i)
    own = {i} if matte is None else {i, matte}

    def keep(indices, normal=False):
        d = copy.deepcopy(doc)
        for j, layer in enumerate(d["layers"]):
            if j not in indices:
                layer["hd"] = True
        if normal:
            d["layers"][i]["bm"] = 0
        return d
    n = len(doc["layers"])
    return {"blended": keep(set(range(min(own), n))), "backdrop": keep(set(range(i + 1, n))),
            "layer": keep(own, normal=True)}


def blend_cells(backdrop: np.ndarray, layer: np.ndarray, modes: dict) -> np.ndarray:
    """Premultiplied RGBA uint8: `modes` maps (y0, y1, x0, x1) to the bm blended there."""
    from overlays.lottie_pixel_ops import BLENDS
    import overlays.lottie_px_blends  # noqa: F401  (fills BLENDS)
    out = np.zeros(backdrop.shape, np.float32)
    for (y0, y1, x0, x1), bm in modes.items():
        out[y0:y1, x0:x1] = BLENDS[bm](backdrop[y0:y1, x0:x1].astype(np.float32) / 255,
                                       layer[y0:y1, x0:x1].astype(np.float32) / 255)
    return np.round(out * 255).astype(np.uint8)


def grid_parts(grid: dict) -> dict:
    """The grid as "blended", "backdrop" (the backdrop layer alone) and "layer" (the 17 layers alone, Normal):
    its cells do not overlap, so each cell's backdrop is the backdrop layer alone."""
    *layers, base = grid["layers"]
    return {"blended": grid,
            "backdrop": {**grid, "layers": [dict(layer, hd=True) for layer in layers] + [base]},
            "layer": {**grid, "layers": [dict(layer, bm=0) for layer in layers] + [dict(base, hd=True)]}}


def grid_modes() -> dict:
    return {(((bm - 1) // COLUMNS) * CELL, ((bm - 1) // COLUMNS + 1) * CELL,
             ((bm - 1) % COLUMNS) * CELL, ((bm - 1) % COLUMNS + 1) * CELL): bm for bm in NAMES}


def _write_png(path: Path, rgba: np.ndarray) -> None:
    from PIL import Image
    Image.fromarray(np.ascontiguousarray(rgba)).save(path, optimize=True)


def layer_blend(bm: int) -> dict:
    doc = json.loads((CORPUS / "lottie-android" / "LayerBlend_3.json").read_text())
    doc["layers"][0]["bm"] = bm
    return doc


# The Skia and lottie-android files kept as goldens: name -> (document, size, frames)
def file_cases() -> dict:
    skia = CORPUS / "skia"
    return {
        "hardmix": (json.loads((skia / "skottie-blendmode-hardmix.json").read_text()), 100, (0, 150)),
        "matte-multiply": (json.loads((skia / "skottie-matte-blendmode.json").read_text()), 100, (0, 150)),
        "layerblend-12": (layer_blend(12), 96, (0,)),
    }


def _render_all(skottie, doc: dict, frames, w: int, h: int, tmp: Path) -> list[np.ndarray]:
    return skottie_frames(skottie, doc, frames, (w, h), tmp)


def _player(doc: dict, frames, w: int, h: int) -> list[np.ndarray]:
    from overlays.lottie_player import LottiePlayer
    player = LottiePlayer(json.dumps(doc))
    return [player.frame(f + float(doc.get("ip", 0)), w, h) for f in frames]


def write_goldens(skottie, tmp: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    grid = grid_animation()
    (OUT / "grid.json").write_text(json.dumps(grid) + "\n")
    parts = grid_parts(grid)
    for name, doc in parts.items():
        for f, rgba in zip(GRID_FRAMES, _render_all(skottie, doc, GRID_FRAMES, W, H, tmp)):
            if name != "backdrop" or f == GRID_FRAMES[0]:
                _write_png(OUT / (f"grid-{name}.png" if name == "backdrop" else f"grid-{name}-{f}.png"), rgba)
    for case, (doc, size, frames) in file_cases().items():
        i = blended_layers(doc)[-1]                      # the lowest blended layer: its backdrop is plain
        for name, part in variants(doc, i).items():
            for f, rgba in zip(frames, _render_all(skottie, part, frames, size, size, tmp)):
                _write_png(OUT / f"{case}-{name}-{f}.png", rgba)


def _regions(backdrop: np.ndarray, layer: np.ndarray) -> dict:
    """Where both are opaque, where either is translucent, where the layer lies over nothing."""
    ba, la = backdrop[..., 3], layer[..., 3]
    return {"opaque": (ba == 255) & (la == 255), "translucent": ((ba > 0) & (ba < 255)) | ((la > 0) & (la < 255)),
            "over nothing": (ba == 0) & (la > 0)}


def _measure_grid(skottie, tmp: Path) -> None:
    grid = grid_animation()
    parts = grid_parts(grid)
    print(f"grid ({CELL} px cells), frames {GRID_FRAMES}: mean/p99, the player's largest difference by region")
    refs, backs, alone = (_render_all(skottie, parts[k], GRID_FRAMES, W, H, tmp)
                          for k in ("blended", "backdrop", "layer"))
    players = _player(grid, GRID_FRAMES, W, H)
    for (y0, y1, x0, x1), bm in grid_modes().items():
        row = []
        cut = (slice(y0, y1), slice(x0, x1))
        for k in range(len(GRID_FRAMES)):
            ours = blend_cells(backs[k], alone[k], {(y0, y1, x0, x1): bm})
            worst = np.abs(players[k][cut].astype(int) - refs[k][cut].astype(int)).max(axis=2)
            by_region = " ".join(f"{name} {worst[m].max() if m.any() else 0:3d}"
                                 for name, m in _regions(backs[k][cut], alone[k][cut]).items())
            row.append("ours %.2f/%3.0f player %5.2f/%3.0f (%s)" % (
                *difference(ours[cut], refs[k][cut]), *difference(players[k][cut], refs[k][cut]), by_region))
        print(f"  bm {bm:2d} {NAMES[bm]:11s} " + " | ".join(row))


def measure(skottie, tmp: Path) -> None:
    """Prints mean / p99 of ours and the player's against Skottie: per cell of the grid, per file and layer."""
    _measure_grid(skottie, tmp)
    normal = {**grid_animation(), "layers": [dict(layer, bm=0) for layer in grid_animation()["layers"]]}
    mine, ref = _player(normal, GRID_FRAMES, W, H), _render_all(skottie, normal, GRID_FRAMES, W, H, tmp)
    print("  the grid with every layer Normal, the player: " +
          " | ".join("%.2f/%.0f" % difference(a, b) for a, b in zip(mine, ref)))
    cases = dict(file_cases())
    for bm in NAMES:
        cases[f"LayerBlend_{bm}"] = (layer_blend(bm), 256, (0, 90))
    for case, (doc, size, frames) in cases.items():
        for i in blended_layers(doc):
            parts = {name: _render_all(skottie, part, frames, size, size, tmp)
                     for name, part in variants(doc, i).items()}
            players = _player(variants(doc, i)["blended"], frames, size, size)
            bm = doc["layers"][i]["bm"]
            row = []
            for k, f in enumerate(frames):
                ours = blend_cells(parts["backdrop"][k], parts["layer"][k], {(0, size, 0, size): bm})
                row.append("f%d ours %.2f/%2.0f player %.2f/%3.0f" % (
                    f, *difference(ours, parts["blended"][k]), *difference(players[k], parts["blended"][k])))
            print(f"{case} layer {i} (bm {bm} {NAMES[bm]}): " + " | ".join(row))


def main() -> int:
    from lottie_corpus import Skottie
    skottie = Skottie()
    with tempfile.TemporaryDirectory() as tmp:
        if "--measure" in sys.argv:
            measure(skottie, Path(tmp))
        else:
            write_goldens(skottie, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
