"""Contact sheet of every built-in family as it renders: docs/images/builtin-backdrops.png.

Each row is one family (the evaluation prompt with the model's prompt rules, seed 0) through the same path as a
render: the float grade through the navy/teal/cream palette, the core's Resampler (flow interpolation, upscale)
to 1920x1080 with the film grain, then shown at 480x270 (area-downscaled); columns are five moments of the 4 s
window. Deterministic: the same model gives the same sheet. Stale sheets are removed (`STALE`).
`python scripts/builtin_contact_sheet.py [--out PATH] [--seed N]`
"""
from __future__ import annotations

import argparse
from pathlib import Path

import cv2
import numpy as np

from compositor.diffusion.builtin.training.evaluate import eval_prompt
from compositor.diffusion.builtin.backdrop import finish
from compositor.diffusion.builtin.config import NATIVE_FPS
from compositor.diffusion.builtin.prompting import settings
from compositor.diffusion.builtin.sampling import DEFAULT_GUIDANCE, MODEL_DIR
from compositor.diffusion.resample import Resampler
from compositor.diffusion.builtin.procedural import FAMILIES
from compositor.encode import atomic_write_bytes

ROOT = Path(__file__).resolve().parent.parent
PALETTE = [(12, 30, 70), (0, 150, 160), (245, 235, 210)]
TILE = (480, 270)
OUT, FPS = (1920, 1080), 30
STALE = ("builtin-contact-sheet.png",)   # sheets of earlier releases, made by hand


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
        prompt = eval_prompt(family)
        negative, guidance, _ = settings(prompt, None, None, DEFAULT_GUIDANCE, MODEL_DIR)
        grey = generate_luminance(pipe, prompt, seed=args.seed, guidance=guidance, negative=negative)
        clip, grain, _ = finish(grey, PALETTE, args.seed)
        rs = Resampler(clip, NATIVE_FPS, FPS, OUT, finish=grain)
        idx = np.linspace(0, 4 * FPS - 1, 5).round().astype(int)
        tiles = [cv2.resize(rs.frame(int(i)), TILE, interpolation=cv2.INTER_AREA) for i in idx]
        tiles[0] = label(tiles[0], family.replace("_", " "))
        rows.append(np.concatenate(tiles, axis=1))
    sheet = cv2.cvtColor(np.concatenate(rows, axis=0), cv2.COLOR_RGB2BGR)
    ok, png = cv2.imencode(".png", sheet)
    atomic_write_bytes(args.out, png.tobytes())
    for name in STALE:
        (args.out.parent / name).unlink(missing_ok=True)
    print(args.out)
    return args.out


if __name__ == "__main__":
    main()
