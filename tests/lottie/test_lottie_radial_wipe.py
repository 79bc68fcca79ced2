"""Radial Wipe at its ends (completion 0: the layer as is; 100: hidden), drawn as Skottie does; between, refused."""
import json
from pathlib import Path

import numpy as np
import pytest

from compositor.errors import FieldError
from overlays.lottie import load_player

FILE = Path(__file__).resolve().parents[2] / "bench" / "lottie-corpus" / "lottie-ios" / "pr_1686.json"


def _with_completion(tmp_path, completion) -> Path:
    d = json.loads(FILE.read_text())
    for layer in d["layers"]:
        for e in layer.get("ef") or []:
            if e.get("mn") == "ADBE Radial Wipe":
                e["ef"][0]["v"] = completion
                layer["shapes"][0]["it"][1]["o"]["k"] = 100       # its grey ring opaque (8 % in the file)
    out = tmp_path / "wipe.json"
    out.write_text(json.dumps(d))
    return out


def _draw(file: Path) -> np.ndarray:
    _, player = load_player(file, file.parent, ("lottie",))
    return player.frame(0.0, 128, 128)


def test_completion_0_draws_the_layer_and_100_hides_it(tmp_path):
    as_is = _draw(_with_completion(tmp_path, {"a": 0, "k": 0}))
    d = json.loads(FILE.read_text())
    d["layers"] = [l for l in d["layers"] if not l.get("ef")]        # the file without the wiped layer
    (tmp_path / "without.json").write_text(json.dumps(d))
    without = _draw(tmp_path / "without.json")
    hidden = _draw(_with_completion(tmp_path, {"a": 0, "k": 100}))
    assert np.abs(as_is.astype(int) - without.astype(int)).max() > 40         # the wiped layer shows at 0
    assert np.abs(hidden.astype(int) - without.astype(int)).max() <= 1         # and is gone at 100


def test_completion_between_is_refused(tmp_path):
    keyed = {"a": 1, "k": [{"t": 0, "s": [0], "o": {"x": [0.3], "y": [0]}, "i": {"x": [0.7], "y": [1]}},
                           {"t": 10, "s": [100]}]}
    with pytest.raises(FieldError, match="Radial Wipe"):
        _draw(_with_completion(tmp_path, keyed))
