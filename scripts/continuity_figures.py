"""Continuity scores (compositor.consistency.continuity) on the real footage in tests/data/coherence.

Same-scene pairs are two non-overlapping cuts of one clip; unrelated pairs are different clips. When the full
49-frame CogVideoX clips of the shared test material are there (../shared/data/footage, or SHARED_FOOTAGE=DIR),
cuts 4.6 s apart in one clip are measured too (the hardest same-scene case: the camera has moved on).
Run: python3 scripts/continuity_figures.py
"""
import os
from pathlib import Path

import av
import numpy as np

from compositor.consistency.continuity import measure

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "coherence"
SHARED = Path(os.environ.get("SHARED_FOOTAGE", Path(__file__).resolve().parents[2] / "shared" / "data" / "footage"))


def clip(name, folder=DATA):
    with av.open(str(folder / f"{name}.mp4")) as c:
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
    if (SHARED / "cogvideox-1.mp4").exists():
        full = {n: clip(f"cogvideox-{n}", SHARED) for n in (1, 2, 3, 4)}
        for n, label in ((1, "toy ship"), (2, "car"), (3, "mural"), (4, "face")):
            m = measure(full[n][:12], full[n][37:])
            print(f"| {label} 0-11 vs 37-48 | same, 4.6 s apart | {m.colour:.2f} | {m.structure:.3f} | {m.score:.3f} |")
        m = measure(full[2][:12], full[1][37:])
        print(f"| car 0-11 vs toy ship 37-48 | unrelated | {m.colour:.2f} | {m.structure:.3f} | {m.score:.3f} |")


if __name__ == "__main__":
    main()
