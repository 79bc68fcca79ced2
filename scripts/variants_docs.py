"""The 9:16 cut of the example project for docs/variants.md: docs/images/northwind-vertical.png.

Runs the `compositor preview … --variant vertical` commands of the doc's shell block verbatim (in a scratch
folder), then tiles the four frames at 360x640 side by side. `python scripts/variants_docs.py [--out PATH]`
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.docblocks import fenced_all, commands_of  # noqa: E402

TILE = (360, 640)


def frames(work: Path) -> list[np.ndarray]:
    """The doc's preview commands, run from the repository root with their `-o` inside `work`."""
    block = fenced_all((ROOT / "docs" / "variants.md").read_text(encoding="utf-8"), "sh")[-1]
    out = []
    for args in commands_of(block):
        args = list(args)
        target = work / Path(args[args.index("-o") + 1]).name
        args[args.index("-o") + 1] = str(target)
        subprocess.run([sys.executable, "-m", "compositor", *args], cwd=ROOT, check=True)
        out.append(cv2.imread(str(target)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "images" / "northwind-vertical.png")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tiles = [cv2.resize(f, TILE, interpolation=cv2.INTER_AREA) for f in frames(Path(tmp))]
    gap = np.full((TILE[1], 12, 3), 255, np.uint8)
    row = [tiles[0]]
    for t in tiles[1:]:
        row += [gap, t]
    ok, png = cv2.imencode(".png", np.hstack(row))
    args.out.write_bytes(png.tobytes())
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
