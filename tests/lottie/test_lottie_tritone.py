"""Tritone drawn as Skottie draws it, on rendered pixels against Skottie's frames (tests/golden/lottie-tritone,
written by `python3 bench/lottie_tritone_cases.py`): over an opaque picture whose colours lie on both sides of the
ramp's midpoint, and over translucent shapes whose colours all lie below it, with and without Blend With
Original. And what is refused: a Tritone over translucent colours on both sides of the midpoint, which neither
the rewrite nor the player draws as Skottie does."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "foundation"))
from foundation_media import REPO, read_png  # noqa: E402
from lottie_cells import cell_differences, golden_cell_differences, refusal, render_lottie  # noqa: E402
from lottie_files import corpus_golden_differences, matted_in_precomp, nested_in_precomp  # noqa: E402

GOLDEN = REPO / "tests" / "golden" / "lottie-tritone"
FILE = GOLDEN / "tritone.json"
W, H, CELL, FPS = 160, 160, 80, 10


def _render(tmp_path: Path, data: dict):
    return render_lottie(tmp_path, data, (W, H), FPS, "fx.json")


def _cells(a: np.ndarray, b: np.ndarray):
    return cell_differences(a, b, CELL)


def test_tritone_draws_as_skottie(tmp_path):
    frames = _render(tmp_path, json.loads(FILE.read_text()))
    for lottie_frame, cell, mean, p99 in golden_cell_differences(frames, GOLDEN, FPS, CELL):
        assert mean <= 1.5 and p99 <= 16, (lottie_frame, cell, mean, p99)


def test_without_the_effect_each_cell_differs(tmp_path):
    """The test above can fail: without Tritone every cell is far from Skottie's frame."""
    data = json.loads(FILE.read_text())
    for layer in data["layers"]:
        layer["ef"] = []
    frame = _render(tmp_path, data)[0]
    ref = read_png(GOLDEN / "frame-0.png")
    for cell, mean, _ in _cells(frame, ref):
        assert mean > 4, (cell, mean)


def test_tritone_over_translucent_colours_inside_a_precomposition_matches_skottie(tmp_path):
    """At the top level such a Tritone is finished on the layer's pixels (lottie_passes); one level down the
    precomposition is drawn as a sub-animation (lottie_nest) where it is finished the same way: Skia's own file
    moved into a precomposition still matches Skottie's frames of it."""
    data = json.loads((REPO / "bench" / "lottie-corpus" / "skia" / "skottie-tritone-effect.json").read_text())
    found = corpus_golden_differences(tmp_path, "skia/skottie-tritone-effect.json", nested_in_precomp(data))
    assert found
    for golden, mean, p99 in found:
        assert mean <= 3.0 and p99 <= 40, (golden, mean, p99)


def test_tritone_over_translucent_colours_is_refused_in_a_precomposition_not_drawn_on_its_own(
        tmp_path, compositor_cli):
    """Inside a precomposition layer with a track matte (not drawn as a sub-animation) it is still refused."""
    data = json.loads((REPO / "bench" / "lottie-corpus" / "skia" / "skottie-tritone-effect.json").read_text())
    data = matted_in_precomp(data)
    out = refusal(tmp_path, compositor_cli, "fx.json", json.dumps(data, indent=1))
    assert re.search(r"fx\.json:\d+: layer 'precomp' in precomposition 'whole': the effect 'Tritone' \(Tritone over "
                     r"partly transparent colours", out), out


def test_the_map_is_skotties_ramp():
    """Luminance 0 gives the shadows, 128/255 the midtones, 1 the highlights; half blended, half the original."""
    from overlays.lottie_tritone import tritone_map
    v = lambda k: {"v": {"a": 0, "k": k}}                                        # noqa: E731
    effect = {"ty": 23, "mn": "ADBE Tritone", "ef": [v([1, 1, 0, 1]), v([1, 0, 0, 1]), v([0, 0, 1, 1]), v(0)]}
    f = tritone_map(effect)
    grey = lambda x: np.full(3, x)                                               # noqa: E731
    assert np.allclose(f(grey(0.0)), [0, 0, 1]) and np.allclose(f(grey(1.0)), [1, 1, 0])
    assert np.allclose(f(grey(128 / 255)), [1, 0, 0], atol=1e-6)
    effect["ef"][3] = v(50)
    assert np.allclose(tritone_map(effect)(grey(0.0)), [0, 0, 0.5])
