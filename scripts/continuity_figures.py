"""Continuity scores (compositor.consistency.continuity) on the real footage in tests/data/coherence.

Same-scene pairs are two non-overlapping cuts of one clip; unrelated pairs are different clips.
Run: python3 scripts/continuity_figures.py
"""
from pathlib import Path

import av
import numpy as np

from compositor.consistency.continuity import measure

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "coherence"


def clip(name):
    with av.open(str(DATA / f"{name}.mp4")) as c:
        return np.stack([f.to_ndarray(format="rgb24") for f in c.decode(video=0)])


def main():
    bed, c1, c3, c4 = (clip(n) for n in ("bedroom-30f", "cogvideox-1-24f", "cogvideox-3-24f", "cogvideox-4-24f"))
    pairs = [("same", "bedroom 0-14 vs 15-29", bed[:15], bed[15:]), ("same", "toy ship 0-11 vs 12-23", c1[:12], c1[12:]),
             ("same", "mural 0-11 vs 12-23", c3[:12], c3[12:]), ("unrelated", "bedroom vs toy ship", bed, c1),
             ("unrelated", "toy ship vs mural", c1, c3), ("unrelated", "mural vs face", c3, c4),
             ("unrelated", "bedroom vs face", bed, c4)]
    print("| pair | kind | Lab ΔE | SSIM | score |\n|---|---|---|---|---|")
    for kind, name, a, b in pairs:
        m = measure(a, b)
        print(f"| {name} | {kind} | {m.colour:.2f} | {m.structure:.3f} | {m.score:.3f} |")


if __name__ == "__main__":
    main()
