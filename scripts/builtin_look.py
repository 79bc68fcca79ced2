"""How a built-in backdrop looks at 1080p: hard palette edges, distinct colours, blockiness, palette distance.

Generates one clip per family with the shipped model, colours it with the old hard mapping (`map_to_palette`)
and the smooth grade (`grade_to_palette`), upscales a frame to 1920x1080 as the core does (Lanczos) and prints
the figures the docs quote.  `python scripts/builtin_look.py [--seeds N]`
"""
from __future__ import annotations

import argparse

import cv2
import numpy as np

from compositor.diffusion.builtin.colour import palette_match
from compositor.diffusion.builtin.training.evaluate import eval_prompt
from compositor.diffusion.builtin.look import blockiness, distinct_colours, hard_edge_share
from compositor.diffusion.builtin.palette import grade_to_palette, map_to_palette
from compositor.diffusion.builtin.procedural import FAMILIES

PALETTE = [(12, 30, 70), (0, 150, 160), (245, 235, 210)]


def measure(clip: np.ndarray) -> dict:
    big = cv2.resize(clip[len(clip) // 2], (1920, 1080), interpolation=cv2.INTER_LANCZOS4)
    dists, _ = palette_match(clip, PALETTE)
    return {"edge": hard_edge_share(big), "colours": distinct_colours(big), "block8": blockiness(big, 8),
            "block48": blockiness(big, 48), "dE": float(dists.max())}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=1)
    args = ap.parse_args(argv)
    import torch

    from compositor.diffusion.builtin.sampling import generate_luminance, load_pipeline
    torch.set_num_threads(1)
    pipe = load_pipeline()
    print(f"{'family':<11} {'mapping':<6} {'hard-edge %':>11} {'colours':>8} {'block 8px':>9} "
          f"{'block 48px':>10} {'worst dE':>8}")
    for family in FAMILIES:
        for seed in range(args.seeds):
            grey = generate_luminance(pipe, eval_prompt(family), seed=seed)
            for name, fn in (("hard", map_to_palette), ("grade", grade_to_palette)):
                m = measure(fn(grey, PALETTE))
                print(f"{family:<11} {name:<6} {100 * m['edge']:>11.2f} {m['colours']:>8} {m['block8']:>9.2f} "
                      f"{m['block48']:>10.2f} {m['dE']:>8.1f}")


if __name__ == "__main__":
    main()
