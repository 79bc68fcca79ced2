"""Precompositions whose content the player cannot draw, drawn as sub-animations (`overlays/lottie_nest.py`), on
rendered pixels against Skia's Skottie (tests/golden/lottie-nest, written by `python3 bench/lottie_nest_cases.py`):
a Hue blend in a rotated, scaled, parented, translucent precomposition; a layer turning about Y in a
time-stretched one; Threshold two precompositions down under a time remap and a Multiply; a layer style and a
Tint in an unevenly scaled one. And what stays refused: content of a precomposition layer with a track matte."""
from __future__ import annotations

import copy
import json
import pickle
import re
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "foundation"))
from foundation_media import REPO, read_png  # noqa: E402
from lottie_cells import cell_differences, golden_cell_differences, refusal, render_lottie  # noqa: E402

GOLDEN = REPO / "tests" / "golden" / "lottie-nest"
FILE = GOLDEN / "nest.json"
W, H, CELL, FPS = 160, 160, 80, 10


def _render(tmp_path: Path, data: dict):
    return render_lottie(tmp_path, data, (W, H), FPS, "nest.json")


def test_precompositions_drawn_on_their_own_match_skottie(tmp_path):
    frames = _render(tmp_path, json.loads(FILE.read_text()))
    for lottie_frame, cell, mean, p99 in golden_cell_differences(frames, GOLDEN, FPS, CELL):
        assert mean <= 3.0 and p99 <= 40, (lottie_frame, cell, mean, p99)          # the bench's bounds


def _without_features(data: dict) -> dict:
    """Each cell's precomposition without what makes it need passes."""
    data = copy.deepcopy(data)
    for asset in data["assets"]:
        for layer in asset["layers"]:
            layer.pop("ef", None)
            layer.pop("sy", None)
            layer["bm"] = 0
            layer["ddd"] = 0
            layer["ks"].pop("ry", None)
    return data


def test_the_features_inside_change_the_picture(tmp_path):
    """Drawn without its blend, turn, Threshold or style each cell is far from Skottie's frame at 0.7 s: the
    test above can fail."""
    frame = _render(tmp_path, _without_features(json.loads(FILE.read_text())))[round(0.7 * FPS)]
    ref = read_png(GOLDEN / "frame-21.png")
    for cell, mean, p99 in cell_differences(frame, ref, CELL):
        assert mean > 4.5 and p99 > 60, (cell, mean, p99)           # well past the bounds above


def test_each_cell_is_drawn_as_a_sub_animation():
    from overlays.lottie import load_player
    from overlays.lottie_nest import Nested
    doc, player = load_player(FILE, FILE.parent, ("lottie",))
    nested = [f for f in player.finishes if isinstance(f, Nested)]
    assert len(nested) == 4
    inner = [f for n in nested for f in n.player.finishes if isinstance(f, Nested)]
    assert len(inner) == 1                                      # Threshold two levels down
    assert not any(a.get("id") == "threshold inner" for a in doc.data["assets"])   # shown only through copies


def test_a_nested_player_survives_pickling():
    """A render worker gets the player pickled: the sub-animations' players and finishes come along."""
    from overlays.lottie import load_player
    _, player = load_player(FILE, FILE.parent, ("lottie",))
    copy_ = pickle.loads(pickle.dumps(player))
    for f in (5.0, 21.0):
        assert np.array_equal(copy_.frame(f, 80, 80), player.frame(f, 80, 80))


def _matted(data: dict) -> dict:
    """Cell 0's precomposition layer cut by a track matte (the square layer above it)."""
    data = copy.deepcopy(data)
    matte = {"ddd": 0, "ind": 20, "ty": 4, "nm": "matte", "td": 1, "ip": 0, "op": 60, "st": 0,
             "ks": {"o": {"a": 0, "k": 100}, "p": {"a": 0, "k": [40, 40, 0]}, "a": {"a": 0, "k": [0, 0, 0]},
                    "s": {"a": 0, "k": [100, 100, 100]}, "r": {"a": 0, "k": 0}},
             "shapes": [{"ty": "rc", "d": 1, "s": {"a": 0, "k": [50, 50]}, "p": {"a": 0, "k": [0, 0]},
                         "r": {"a": 0, "k": 0}}, {"ty": "fl", "c": {"a": 0, "k": [1, 1, 1, 1]},
                                                   "o": {"a": 0, "k": 100}, "r": 1}]}
    pos = next(i for i, l in enumerate(data["layers"]) if l["nm"] == "cell 0")
    data["layers"][pos]["tt"] = 1
    data["layers"].insert(pos, matte)
    return data


@pytest.mark.parametrize("form", ["track matte"])
def test_content_of_a_precomposition_layer_not_drawn_on_its_own_stays_refused(tmp_path, compositor_cli, form):
    """A precomposition layer with a track matte is not drawn as a sub-animation: the Hue blend inside it is
    refused, naming the layer and the precomposition."""
    out = refusal(tmp_path, compositor_cli, "nest.json", json.dumps(_matted(json.loads(FILE.read_text()))))
    assert re.search(r"nest\.json:\d+: layer 'hue star' in precomposition 'hue blend': the blend mode Hue \(bm 12\)",
                     out), out
