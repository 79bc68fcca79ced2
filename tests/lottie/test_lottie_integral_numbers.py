"""Whole numbers written as floats are put in integer form at load (the player's parser crashed on them)."""
import json

from overlays.lottie_integral_numbers import integral_numbers
from overlays.lottie_normalise import normalise


def test_integral_floats_become_ints_and_fractions_stay():
    data = {"ty": 4.0, "ind": 15.0, "k": [0.5, 100.0, -2.0], "big": 1e20, "flag": True, "nm": "4.0"}
    integral_numbers(data)
    assert data == {"ty": 4, "ind": 15, "k": [0.5, 100, -2], "big": 1e20, "flag": True, "nm": "4.0"}
    assert isinstance(data["ty"], int) and isinstance(data["k"][1], int) and isinstance(data["big"], float)


def test_normalised_document_has_no_float_layer_types():
    data = {"v": "5.6.4", "fr": 30.0, "ip": 0.0, "op": 31.0, "w": 24.0, "h": 24.0, "assets": [],
            "layers": [{"ty": 4.0, "ind": 2.0, "ip": 0.0, "op": 31.0, "st": 0.0, "sr": 1.0, "ks": {}, "shapes": []}]}
    normalise(data)
    assert '"ty": 4,' in json.dumps(data["layers"][0]) and '"ind": 2,' in json.dumps(data["layers"][0])
