"""The README's pictures of the example project, made from its frames by the renderer (never by hand).

- docs/images/northwind-example.jpg: the wall shot (a UI card corner-pinned to the wall, a callout following a
  point, the burned-in caption) beside the closing shot (the generated backdrop with the text standing on it).
- docs/images/northwind-rows.jpg: the contact sheet of `--data rows.csv` and `--data rows.csv --variant vertical`:
  for each prospect in rows.csv, its wall shot in the main cut and in the 9:16 cut.

Every tile is `compositor preview` of the example project (a preview is exactly the frame a render writes at that
time; tests/foundation/test_cli_commands.py holds that), with the row's values given as `--set NAME=VALUE`.
`python scripts/readme_images.py [--only example|rows]`
"""
from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ROOT / "projects" / "northwind-launch" / "project.yaml"
ROWS = PROJECT.parent / "rows.csv"
IMAGES = ROOT / "docs" / "images"
WALL_AT, CLOSING_AT = 5.5, 12.3          # seconds: the card pinned and the callout up; the closing text settled


def preview(at: float, out: Path, *extra: str) -> np.ndarray:
    subprocess.run([sys.executable, "-m", "compositor", "preview", str(PROJECT), "--at", str(at), "-o", str(out),
                    *extra], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return cv2.imread(str(out))


def fit(img: np.ndarray, height: int) -> np.ndarray:
    return cv2.resize(img, (round(img.shape[1] * height / img.shape[0]), height), interpolation=cv2.INTER_AREA)


def hstack(tiles: list[np.ndarray], gap: int = 12) -> np.ndarray:
    h = tiles[0].shape[0]
    out = [tiles[0]]
    for t in tiles[1:]:
        out += [np.full((h, gap, 3), 255, np.uint8), t]
    return np.hstack(out)


def write(img: np.ndarray, name: str) -> None:
    ok, data = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 88])     # photographs: JPEG keeps the repo small
    (IMAGES / name).write_bytes(data.tobytes())
    print(f"wrote docs/images/{name}")


def example(work: Path) -> None:
    wall = preview(WALL_AT, work / "wall.png")
    closing = preview(CLOSING_AT, work / "closing.png")
    write(hstack([fit(wall, 450), fit(closing, 450)]), "northwind-example.jpg")


def rows(work: Path) -> None:
    with ROWS.open(newline="", encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    lines = []
    for n, row in enumerate(table, 1):
        sets = [a for k, v in row.items() if v for a in ("--set", f"{k}={v}")]
        main = fit(preview(WALL_AT, work / f"row{n}.png", *sets), 360)
        vertical = fit(preview(WALL_AT, work / f"row{n}-v.png", "--variant", "vertical", *sets), 360)
        line = hstack([main, vertical])
        label = np.full((44, line.shape[1], 3), 255, np.uint8)
        cv2.putText(label, f"row {n}: " + ", ".join(f"{k}={v}" for k, v in row.items()), (4, 30),
                    cv2.FONT_HERSHEY_SIMPLEX, 0.8, (32, 16, 11), 2, cv2.LINE_AA)
        lines += [label, line]
    write(np.vstack(lines), "northwind-rows.jpg")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=["example", "rows"])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.only in (None, "example"):
            example(Path(tmp))
        if args.only in (None, "rows"):
            rows(Path(tmp))


if __name__ == "__main__":
    main()
