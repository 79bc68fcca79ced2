"""Bodymovin 3.x files drawn through `lottie:` layers as lottie-web draws them (upgraded at load), against Skia's
Skottie's frames of the same animations written as 5.x files (tests/golden/lottie-old-versions, written by
`python3 bench/lottie_old_version_cases.py`; Skottie reads a 3.x file as a current one, so its 0-255 colours turn
white and its closed paths open). Cases: lottie-android's dalek_converted.json (3.1.6) and a small 3.1.6 file with
a stroked closed path, keyframed 0-255 colours and a closed mask. And what is still refused."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "foundation"))
from foundation_media import REPO, read_png, render_png_frames  # noqa: E402
from lottie_cells import frame_difference, lottie_project  # noqa: E402

GOLDEN = REPO / "tests" / "golden" / "lottie-old-versions"
CASES = json.loads((GOLDEN / "manifest.json").read_text())
SOURCES = {"dalek": REPO / "bench" / "lottie-corpus" / "lottie-android" / "dalek_converted.json",
           "small": GOLDEN / "small-bodymovin3.json"}
FPS = 10


def _project(tmp_path: Path, name: str, w: int, h: int, duration: float) -> Path:
    return lottie_project(tmp_path, name, (w, h), FPS, duration, fit="fill")


@pytest.mark.parametrize("name", sorted({c["name"] for c in CASES}))
def test_bodymovin3_file_draws_as_its_5x_form_in_skottie(tmp_path, name):
    cases = [c for c in CASES if c["name"] == name]
    w, h = cases[0]["size"]
    shutil.copy(SOURCES[name], tmp_path / "anim.json")
    assert json.loads((tmp_path / "anim.json").read_text())["v"].startswith("3.")
    frames = render_png_frames(_project(tmp_path, "anim.json", w, h, max(c["t"] for c in cases) + 0.1),
                               tmp_path / "frames")
    for c in cases:
        ref = read_png(GOLDEN / c["png"]).astype(int)
        mean, p99 = frame_difference(frames[round(c["t"] * FPS)], ref)
        assert mean <= 1.0 and p99 <= 20, (c["png"], mean, p99)
        assert ref.std() > 3                                   # the golden shows something


def test_the_upgrade_is_what_makes_the_small_file_match():
    """Read as a current file (no upgrade), the small 3.x file's closed stroke opens: the test above can fail."""
    from overlays.lottie_old_versions import upgrade_old_versions
    old = json.loads(SOURCES["small"].read_text())
    upgraded = json.loads(json.dumps(old))
    upgrade_old_versions(upgraded)
    stroke_path = upgraded["layers"][0]["shapes"][1]["it"][0]["ks"]
    assert stroke_path["k"]["c"] is True and stroke_path["a"] == 0
    assert "c" not in old["layers"][0]["shapes"][1]["it"][0]["ks"]["k"]
    fill = upgraded["layers"][0]["shapes"][0]["it"][1]["c"]
    assert fill["a"] == 1 and np.allclose(fill["k"][0]["s"], [0.9, 0.2, 0.1, 1])
    assert upgraded["layers"][1]["masksProperties"][0]["pt"]["k"]["c"] is True


def test_near_black_0_255_colours_stay_near_black():
    """Before 4.1.9 every colour is 0-255, also one whose channels are all at most 1 (no guessing from values)."""
    from overlays.lottie_old_versions import upgrade_old_versions
    data = {"v": "4.0.0", "layers": [{"ty": 4, "shapes": [{"ty": "fl", "c": {"k": [1, 1, 0, 1]}}]}]}
    upgrade_old_versions(data)
    assert np.allclose(data["layers"][0]["shapes"][0]["c"]["k"], [1 / 255, 1 / 255, 0, 1 / 255])


def _run(tmp_path: Path, anim: dict, compositor_cli):
    (tmp_path / "anim.json").write_text(json.dumps(anim, indent=1))
    return compositor_cli("validate", _project(tmp_path, "anim.json", 64, 64, 0.2))


@pytest.mark.parametrize("version, key, why", [
    ("2.1.0", "v", "Lottie version '2.1.0' is not supported"),
])
def test_what_is_not_upgraded_is_refused(tmp_path, compositor_cli, version, key, why):
    anim = json.loads(SOURCES["small"].read_text())
    anim["v"] = version
    r = _run(tmp_path, anim, compositor_cli)
    out = r.stdout + r.stderr
    assert r.returncode == 2, out
    assert why in out and "Traceback" not in out
    line = next(i for i, text in enumerate((tmp_path / "anim.json").read_text().splitlines(), 1)
                if f'"{key}"' in text)
    assert f"anim.json:{line}" in out
