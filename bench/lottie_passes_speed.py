"""What finishing layers on their own pixels costs: per-frame time of corpus files drawn in passes
(`overlays/lottie_passes.py`) against the player drawing the same file in one pass (what it drew before: the
effects, styles or blend modes left out or drawn wrongly), at 1920 px on the long side.

    python3 bench/lottie_passes_speed.py [NAME ...]
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
CORPUS = REPO / "bench" / "lottie-corpus"
FILES = ("skia/skottie-huesaturation-effect.json", "skia/skottie-threshold-effect.json",
         "skia/skottie-dropshadow-style.json", "skia/skottie-innerglow-style.json",
         "lottie-android/LayerBlend_12.json", "skia/skottie-tritone-effect.json")
LONG_SIDE, FRAMES = 1920, 12


def _time(player, frames, w, h) -> float:
    player.frame(frames[0], w, h)                       # set-up outside the timing
    start = time.perf_counter()
    for f in frames:
        player.frame(f, w, h)
    return (time.perf_counter() - start) / len(frames)


def main(names: list[str]) -> int:
    from overlays.lottie import load_player
    from overlays.lottie_player import LottiePlayer
    from overlays.lottie_normalise import normalise
    files = [f for f in FILES if not names or any(n in f for n in names)]
    print(f"{'file':44} {'passes':>6} {'one pass ms':>12} {'passes ms':>10} {'ratio':>6}")
    for rel in files:
        path = CORPUS / rel
        doc, layered = load_player(path, path.parent, ("lottie",))
        data = json.loads(path.read_text())
        normalise(data)
        single = LottiePlayer(json.dumps(data), doc.ip)
        s = LONG_SIDE / max(doc.w, doc.h)
        w, h = round(doc.w * s), round(doc.h * s)
        frames = list(np.linspace(doc.ip, doc.op - 1, FRAMES))
        one, many = _time(single, frames, w, h), _time(layered, frames, w, h)
        n = len(getattr(layered, "players", [layered]))
        print(f"{rel:44} {n:>6} {one * 1000:>12.1f} {many * 1000:>10.1f} {many / one:>6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
