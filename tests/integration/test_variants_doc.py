"""docs/variants.md runs as written: its 9:16 block is the example project's, its preview commands make that cut
(logo and headline measured where the overrides put them), its error line is what a typo prints, and its
in-place and `focus:` examples load and place what they say."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import cv2
import numpy as np

from tests.docblocks import commands_of, fenced_all

REPO = Path(__file__).resolve().parents[2]
DOC = (REPO / "docs" / "variants.md").read_text(encoding="utf-8")
EXAMPLE = REPO / "projects" / "northwind-launch"


def _copy_example(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLE, tmp_path / "projects" / "northwind-launch",
                    ignore=shutil.ignore_patterns("renders", ".compositor-cache"))
    os.symlink(REPO / "brand", tmp_path / "brand")     # brand: ../../brand/kits/northwind
    return tmp_path / "projects" / "northwind-launch" / "project.yaml"


def _ink_box(img: np.ndarray, rows: slice) -> tuple[int, int, int, int]:
    """Bounding box (x0, y0, x1, y1) of the pixels clearly off the paper background within `rows`."""
    paper = np.array([250, 248, 247], np.int16)           # BGR of #F7F8FA
    off = np.abs(img[rows].astype(np.int16) - paper).max(axis=2) > 60
    ys, xs = np.nonzero(off)
    return xs.min(), ys.min() + rows.start, xs.max() + 1, ys.max() + 1 + rows.start


def test_the_vertical_block_is_the_example_projects_and_previews_as_set(tmp_path, compositor_cli):
    block = fenced_all(DOC, "yaml")[0]
    assert block in (EXAMPLE / "project.yaml").read_text(encoding="utf-8")
    _copy_example(tmp_path)
    commands = commands_of(fenced_all(DOC, "sh")[-1])
    assert len(commands) == 4 and all("--variant" in c for c in commands)
    r = compositor_cli(*commands[0], cwd=tmp_path, timeout=300)          # 1.5 s: the opening logo and headline
    assert r.returncode == 0, r.stderr
    img = cv2.imread(str(tmp_path / "vertical-1.5.png"))
    assert img.shape == (1920, 1080, 3)
    # logo: at [540, 720], width 560 — its ink sits inside its box as in the main cut (at [960, 420], width 480)
    r = compositor_cli("preview", "projects/northwind-launch/project.yaml", "--at", "1.5", "-o", "main.png",
                       cwd=tmp_path, timeout=300)
    assert r.returncode == 0, r.stderr
    m0, n0, m1, n1 = _ink_box(cv2.imread(str(tmp_path / "main.png")), slice(0, 560))
    k = 560 / 480
    x0, y0, x1, y1 = _ink_box(img, slice(0, 900))
    assert abs((x0 + x1) / 2 - (540 + k * ((m0 + m1) / 2 - 960))) <= 3
    assert abs((y0 + y1) / 2 - (720 + k * ((n0 + n1) / 2 - 420))) <= 3
    assert abs((x1 - x0) - k * (m1 - m0)) <= 3
    # headline: centred on [540, 1080] (rows above the burned-in caption at the bottom of the safe area)
    x0, y0, x1, y1 = _ink_box(img, slice(900, 1400))
    assert abs((x0 + x1) / 2 - 540) <= 12 and abs((y0 + y1) / 2 - 1080) <= 12 and x1 - x0 <= 920
    r = compositor_cli(*commands[1], cwd=tmp_path, timeout=300)          # 5.5 s: footage cropped around the pinned wall
    assert r.returncode == 0, r.stderr
    assert cv2.imread(str(tmp_path / "vertical-5.5.png")).shape == (1920, 1080, 3)


def test_the_documented_error_is_what_a_typo_prints(tmp_path, compositor_cli):
    project = _copy_example(tmp_path)
    project.write_text(project.read_text().replace('"open.headline.at"', '"open.headlin.at"'))
    line = next(l for l in DOC.splitlines() if l.startswith("project.yaml:"))
    r = compositor_cli("render", project, "--variant", "square", cwd=tmp_path)
    assert r.returncode == 2 and r.stderr.strip() == f"{project}:{line.split(':', 1)[1]}", r.stderr


def test_in_place_example_places_the_title_per_variant(tmp_path, compositor_cli):
    (tmp_path / "project.yaml").write_text(fenced_all(DOC, "yaml")[1])
    centres = {}
    for variant in ("vertical", None, "square"):
        extra = ("--variant", variant) if variant else ()
        r = compositor_cli("preview", "project.yaml", "--at", "1", "-o", "f.png", *extra, cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        img = cv2.imread(str(tmp_path / "f.png"))
        x0, y0, x1, y1 = _ink_box(img, slice(0, img.shape[0]))
        centres[variant] = ((x0 + x1) / 2, (y0 + y1) / 2, x1 - x0)
    assert abs(centres["vertical"][0] - 540) <= 12 and abs(centres["vertical"][1] - 800) <= 12
    assert centres["vertical"][2] <= 900                                  # wrapped in its own 900 px, at 1:1
    assert abs(centres[None][0] - 960) <= 12 and abs(centres[None][1] - 540) <= 12
    assert abs(centres["square"][0] - 540) <= 12 and abs(centres["square"][1] - 540) <= 12


def test_focus_example_follows_its_track_in_the_vertical_cut(tmp_path, compositor_cli):
    (tmp_path / "project.yaml").write_text(fenced_all(DOC, "yaml")[2])
    (tmp_path / "assets").mkdir()
    shutil.copy(REPO / "tests" / "data" / "tracking" / "mural_wall.mp4", tmp_path / "assets" / "walk.mp4")
    r = compositor_cli("preview", "project.yaml", "--at", "1", "--variant", "vertical", "-o", "v.png",
                       cwd=tmp_path, timeout=300)
    assert r.returncode == 0, r.stderr
    assert cv2.imread(str(tmp_path / "v.png")).shape == (1920, 1080, 3)
