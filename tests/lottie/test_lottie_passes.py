"""Drawing an animation in passes (`overlays/lottie_passes.py`) changes nothing but the finished layers.

Each test file (parented layers, track mattes) is drawn once whole and once split at every top-level layer in
turn, that layer finished with nothing to do: the pixels agree within compositing rounding. Hiding a layer
as a null keeps its children moving and its mattes cutting.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

import numpy as np
import pytest

from overlays import lottie_passes as lp
from overlays.lottie_normalise import normalise
from overlays.lottie_player import LottiePlayer

CORPUS = Path(__file__).resolve().parents[2] / "bench" / "lottie-corpus" / "lottie-android"


def _split_at(data: dict, pos: int):
    split = copy.deepcopy(data)
    layer = split["layers"][pos]
    finish = lp.Finish([], [], layer.get("ks", {}).get("o", {"a": 0, "k": 100}), 0)
    layer.setdefault("ks", {})["o"] = {"a": 0, "k": 100}
    layer[lp.PASS_KEY] = 0
    return lp.player_for(split, [finish], float(data.get("ip", 0)))


@pytest.mark.parametrize("name", ["2ParentsMatte.json", "medal.json"])
def test_split_at_any_layer_draws_the_same(name):
    data = json.loads((CORPUS / name).read_text())
    normalise(data)
    ip, op = float(data.get("ip", 0)), float(data.get("op", 1))
    w, h = 120, round(120 * data["h"] / data["w"])
    whole = LottiePlayer(json.dumps(data), ip)
    frames = np.linspace(ip, op - 1, 3)
    expected = [whole.frame(f, w, h).astype(int) for f in frames]
    drawn = [pos for pos, l in enumerate(data["layers"]) if not l.get("td") and not l.get("hd")]
    assert len(drawn) >= 2
    for pos in drawn:
        player = _split_at(data, pos)
        assert len(player.players) >= 2
        for f, want in zip(frames, expected):
            got = player.frame(f, w, h).astype(int)
            diff = np.abs(got - want)
            assert diff.mean() < 0.2 and diff.max() <= 3, (name, pos, f, diff.mean(), diff.max())
        assert want[..., 3].max() > 0


def test_player_survives_pickling():
    import pickle
    data = json.loads((CORPUS / "2ParentsMatte.json").read_text())
    normalise(data)
    player = _split_at(data, len(data["layers"]) - 1)
    again = pickle.loads(pickle.dumps(player))
    w, h = 64, 64
    assert np.array_equal(again.frame(5, w, h), player.frame(5, w, h))
