"""Bodymovin 3.x files against Skia's Skottie. Skottie reads every file as a current export (it draws a 3.x file's
0-255 colours as 0-1, so white, and its paths open), so each case is a 3.x file and the same animation written as a
5.x file, which Skottie draws as lottie-web draws the 3.x one (lottie-web upgrades 3.x files at load,
player/js/utils/DataManager.js). Skottie's frames of the 5.x form are the goldens; tests/lottie/test_lottie_old_versions.py
draws the 3.x files through `lottie:` layers against them. Prints each case's difference from our player's frames.

Cases: lottie-android's dalek_converted.json (Bodymovin 3.1.6: 0-255 colours, closed flags on paths and masks, no
animated flags), its 5.x form made by dividing its colours by 255 (its paths are filled, so the closed flag does
not change them); and a small file written here in both forms: a stroked closed path (the closing segment shows
only where the flag is read), a 0-255 fill and stroke with a keyframed colour, a closed mask.

    (cd bench/skottie && npm ci) && python3 bench/lottie_old_version_cases.py [--no-write]
"""
from __future__ import annotations

import argparse
import copy
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
from lottie_case_kit import group_transform, over_grey, static, transform  # noqa: E402
OUT = REPO / "tests" / "golden" / "lottie-old-versions"
DALEK = REPO / "bench" / "lottie-corpus" / "lottie-android" / "dalek_converted.json"


def _each_dict(node, visit) -> None:
    """`visit` every dict in a JSON tree, each before what it holds."""
    if isinstance(node, dict):
        visit(node)
        for v in node.values():
            _each_dict(v, visit)
    elif isinstance(node, list):
        for v in node:
            _each_dict(v, visit)


def small_modern() -> dict:
    """The small case as a 5.x export."""
    zigzag = {"i": [[0, 0]] * 4, "o": [[0, 0]] * 4, "v": [[-30, -25], [30, -25], [30, 25], [-30, 25]], "c": True}
    blob = {"i": [[0, -12], [12, 0], [0, 12]], "o": [[0, 12], [-12, 0], [0, -12]], "v": [[-20, 0], [0, -20], [20, 0]],
            "c": True}
    colour = {"a": 1, "k": [{"t": 0, "s": [0.9, 0.2, 0.1, 1], "i": {"x": [0.5], "y": [0.5]},
                             "o": {"x": [0.5], "y": [0.5]}}, {"t": 20, "s": [0.1, 0.3, 0.9, 1]}]}
    group = {"ty": "gr", "it": [
        {"ty": "sh", "ks": static(zigzag)},
        {"ty": "st", "c": static([0.05, 0.05, 0.1, 1]), "o": static(100), "w": static(8), "lc": 1, "lj": 1, "ml": 4},
        group_transform()]}
    blob_group = {"ty": "gr", "it": [
        {"ty": "sh", "ks": static(blob)},
        {"ty": "fl", "c": colour, "o": static(100)},
        group_transform() | {"p": static([0, 5])}]}
    mask = {"inv": False, "mode": "a", "o": static(100), "x": static(0), "pt": static(
        {"i": [[0, 0]] * 3, "o": [[0, 0]] * 3, "v": [[0, 0], [100, 0], [0, 100]], "c": True})}
    layer = {"ddd": 0, "ind": 1, "ty": 4, "nm": "shapes", "sr": 1, "ip": 0, "op": 30, "st": 0, "bm": 0,
             "ks": transform((50, 50)),
             "shapes": [blob_group, group]}
    masked = {"ddd": 0, "ind": 2, "ty": 4, "nm": "masked", "sr": 1, "ip": 0, "op": 30, "st": 0, "bm": 0,
              "hasMask": True, "masksProperties": [mask],
              "ks": transform((0, 0)),
              "shapes": [{"ty": "gr", "it": [
                  {"ty": "rc", "d": 1, "s": static([100, 100]), "p": static([50, 50]), "r": static(0)},
                  {"ty": "fl", "c": static([0.2, 0.7, 0.3, 1]), "o": static(100)},
                  group_transform()]}]}
    return {"v": "5.7.4", "fr": 30, "ip": 0, "op": 30, "w": 100, "h": 100, "ddd": 0, "assets": [],
            "layers": [layer, masked]}


def as_bodymovin3(modern: dict) -> dict:
    """The same animation as Bodymovin 3.1.6 wrote it: 0-255 colours, closed flags on the path item and the mask
    (`closed`, `cl`), no `c` in path values, no animated flags."""
    doc = copy.deepcopy(modern)
    doc["v"] = "3.1.6"

    def old_form(node):
        if node.get("ty") in ("fl", "st"):
            c = node["c"]
            if c.get("a"):
                for key in c["k"]:
                    key["s"] = [v * 255 for v in key["s"]]
            else:
                c["k"] = [v * 255 for v in c["k"]]
        if node.get("ty") == "sh":
            node["closed"] = node["ks"]["k"].pop("c")
        if "pt" in node and "mode" in node:
            node["cl"] = node["pt"]["k"].pop("c")
        if "k" in node:
            node.pop("a", None)
    _each_dict(doc["layers"], old_form)
    return doc


def dalek_modern() -> dict:
    """dalek_converted.json with its 0-255 colours divided by 255, as lottie-web reads a file before 4.1.9."""
    doc = json.loads(DALEK.read_text())

    def unit_colours(node):
        if node.get("ty") in ("fl", "st") and isinstance(node.get("c"), dict):
            k = node["c"]["k"]
            if k and isinstance(k[0], dict):
                for key in k:
                    for side in ("s", "e"):
                        if side in key:
                            key[side] = [v / 255 for v in key[side]]
            else:
                node["c"]["k"] = [v / 255 for v in k]
    _each_dict(doc["layers"], unit_colours)
    for asset in doc.get("assets") or []:
        _each_dict(asset.get("layers"), unit_colours)
    return doc


def cases() -> list:
    """(name, 3.x file, 5.x form, size, seconds)"""
    small = small_modern()
    return [("small", as_bodymovin3(small), small, (100, 100), [0.0, 0.5]),
            ("dalek", json.loads(DALEK.read_text()), dalek_modern(), (160, 90), [2.2, 5.3])]


def main() -> int:
    from lottie_corpus import Skottie, difference, ours
    from PIL import Image
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    skottie = Skottie()
    manifest = []
    if not args.no_write:
        OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for name, old, modern, (w, h), times in cases():
            old_file, modern_file = tmp / f"{name}.json", tmp / f"{name}-modern.json"
            old_file.write_text(json.dumps(old))
            modern_file.write_text(json.dumps(modern))
            mine = ours(old_file, w, h, times, tmp)
            if "frames" not in mine:
                sys.exit(f"{name}: {mine}")
            frames = [f - float(old["ip"]) for f in mine["frames"]]
            drawn = [np.load(tmp / f"ours-{i}.npy") for i in range(len(times))]
            ref = skottie.render(modern_file, frames, w, h, tmp)
            raw = skottie.render(old_file, frames, w, h, tmp)
            if isinstance(ref, str) or isinstance(raw, str):
                sys.exit(f"{name}: Skottie: {ref} {raw}")
            for t, r, r_old, m in zip(times, ref, raw, drawn):
                print(f"{name:8s} {t:4}s: ours vs Skottie's 5.x form: mean {difference(m, r)[0]:5.2f} "
                      f"p99 {difference(m, r)[1]:5.1f};  Skottie's 3.x vs 5.x: mean {difference(r_old, r)[0]:5.2f}")
                if not args.no_write:
                    png = f"{name}-{t:g}s.png"
                    Image.fromarray(over_grey(r)).save(OUT / png, optimize=True)
                    manifest.append({"name": name, "t": t, "png": png, "size": [w, h]})
            if not args.no_write and name != "dalek":
                (OUT / f"{name}-bodymovin3.json").write_text(json.dumps(old, separators=(",", ":")) + "\n")
    if not args.no_write:
        (OUT / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
