"""Contact sheet of every built-in family as it ships: docs/images/builtin-backdrops.png.

Each row is one family (the evaluation prompt, seed 0) graded through the navy/teal/cream palette and shown
at 480x288, upscaled from the native 160x96 the way the core upscales to the project size; columns are five
moments of the 4 s window. Deterministic: the same model gives the same sheet.
`python scripts/builtin_contact_sheet.py [--out PATH] [--seed N]`
"""
from __future__ import annotations

import argparse
from pathlib import Path

import cv2
import numpy as np

from compositor.diffusion.builtin.training.evaluate import eval_prompt
from compositor.diffusion.builtin.palette import grade_to_palette
from compositor.diffusion.builtin.procedural import FAMILIES
from compositor.encode import atomic_write_bytes

ROOT = Path(__file__).resolve().parent.parent
PALETTE = [(12, 30, 70), (0, 150, 160), (245, 235, 210)]
TILE = (480, 288)


def label(tile: np.ndarray, text: str) -> np.ndarray:
    out = tile.copy()
    cv2.putText(out, text, (10, 26), cv2.FONT_HERSHEY_SIMPLEX, 0.7, (255, 255, 255), 2, cv2.LINE_AA)
    return out


def main(argv=None) -> Path:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "images" / "builtin-backdrops.png")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    import torch

    from compositor.diffusion.builtin.sampling import generate_luminance, load_pipeline
    torch.set_num_threads(1)
    pipe = load_pipeline()
    rows = []
    for family in FAMILIES:
        clip = grade_to_palette(generate_luminance(pipe, eval_prompt(family), seed=args.seed), PALETTE)
        idx = np.linspace(0, len(clip) - 1, 5).round().astype(int)
        tiles = [cv2.resize(clip[i], TILE, interpolation=cv2.INTER_LANCZOS4) for i in idx]
        tiles[0] = label(tiles[0], family.replace("_", " "))
        rows.append(np.concatenate(tiles, axis=1))
    sheet = cv2.cvtColor(np.concatenate(rows, axis=0), cv2.COLOR_RGB2BGR)
    ok, png = cv2.imencode(".png", sheet)
    atomic_write_bytes(args.out, png.tobytes())
    print(args.out)
    return args.out


if __name__ == "__main__":
    main()
