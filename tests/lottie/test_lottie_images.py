"""Image layers drawn by Skia as Skottie draws them (`overlays/lottie_images.py`).

The image lands where its transform chain (parent, anchor, position, scale) puts it, with its opacity and only
between its in and out points; a shrunk image is drawn from its mipmap (fine stripes become an even grey, the
player's unfiltered sampling aliases them); an image layer with a mask stays with the player. Skottie's own
frames of two files with image layers are checked in test_lottie_corpus.py (WeAcceptInlineImage,
image_embedded).
"""
from __future__ import annotations

import base64
import io
import json

import numpy as np
from PIL import Image

from overlays import lottie_images
from overlays import lottie_passes as lp
from overlays.lottie_normalise import normalise
from overlays.lottie_player import LottiePlayer


def _png(rgb: np.ndarray) -> str:
    out = io.BytesIO()
    Image.fromarray(rgb.astype(np.uint8)).save(out, format="PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


def _static(v) -> dict:
    return {"a": 0, "k": v}


def _animation(uri: str, iw: int, ih: int, ks: dict, extra: dict = None) -> dict:
    image = {"ddd": 0, "ind": 2, "ty": 2, "nm": "picture", "refId": "img", "parent": 1, "ip": 0, "op": 10,
             "st": 0, "sr": 1, "bm": 0, "ks": ks}
    image.update(extra or {})
    null = {"ddd": 0, "ind": 1, "ty": 3, "nm": "mover", "ip": 0, "op": 30, "st": 0, "sr": 1,
            "ks": {"p": _static([10, 0, 0]), "a": _static([0, 0, 0]), "s": _static([100, 100, 100]),
                   "r": _static(0), "o": _static(100)}}
    return {"v": "5.7.0", "fr": 30, "ip": 0, "op": 30, "w": 100, "h": 100, "ddd": 0,
            "assets": [{"id": "img", "w": iw, "h": ih, "u": "", "p": uri, "e": 1}], "layers": [image, null]}


def _player(data: dict):
    normalise(data)
    finishes = lp.plan_passes(data)
    return lp.player_for(data, finishes, float(data["ip"])), finishes


def test_image_lands_where_its_chain_puts_it_with_its_opacity():
    red = np.zeros((20, 40, 3)); red[..., 0] = 255
    ks = {"a": _static([20, 10, 0]), "p": _static([50, 50, 0]), "s": _static([50, 100, 100]), "r": _static(0),
          "o": _static(50)}
    player, finishes = _player(_animation(_png(red), 40, 20, ks))
    assert [type(f) for f in finishes] == [lottie_images.ImagePass]
    px = player.frame(0, 100, 100).astype(int)
    ys, xs = np.nonzero(px[..., 3] > 0)
    # 40x20 at 50 % x scale about its centre, at (50, 50), moved 10 right by its parent: x 50..70, y 40..60
    assert (xs.min(), xs.max() + 1, ys.min(), ys.max() + 1) == (50, 70, 40, 60)
    assert abs(px[50, 60, 3] - 128) <= 1 and abs(px[50, 60, 0] - 128) <= 1 and px[50, 60, 1] == 0
    assert player.frame(12, 100, 100)[..., 3].max() == 0          # past its out point (op 10)


def test_shrunk_image_is_drawn_from_its_mipmap():
    stripes = np.zeros((64, 64, 3)); stripes[:, ::2] = 255       # 1 px black and white columns
    ks = {"a": _static([0, 0, 0]), "p": _static([0, 0, 0]), "s": _static([25, 25, 100]), "r": _static(0),
          "o": _static(100)}
    data = _animation(_png(stripes), 64, 64, ks)
    player, _ = _player(json.loads(json.dumps(data)))
    drawn = player.frame(0, 100, 100).astype(int)[2:14, 12:24, 0]     # inside the 16x16 image (x from 10)
    assert drawn.std() < 3 and abs(drawn.mean() - 128) < 8
    normalise(data)
    by_player = LottiePlayer(json.dumps(data), 0).frame(0, 100, 100).astype(int)[2:14, 12:24, 0]
    assert abs(by_player.mean() - 128) > 60 or by_player.std() > 30     # the player's unfiltered samples alias


def test_masked_image_layer_stays_with_the_player():
    grey = np.full((10, 10, 3), 90)
    ks = {"a": _static([0, 0, 0]), "p": _static([5, 5, 0]), "s": _static([100, 100, 100]), "r": _static(0),
          "o": _static(100)}
    mask = {"mode": "a", "inv": False, "pt": _static({"c": True, "i": [[0, 0]] * 3, "o": [[0, 0]] * 3,
                                                       "v": [[0, 0], [10, 0], [0, 10]]}), "o": _static(100)}
    player, finishes = _player(_animation(_png(grey), 10, 10, ks, {"hasMask": True, "masksProperties": [mask]}))
    assert finishes == [] and isinstance(player, LottiePlayer)
