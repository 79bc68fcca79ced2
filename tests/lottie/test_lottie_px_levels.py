"""Levels, Brightness & Contrast and Hue/Saturation as pixel ops (overlays/lottie_px_levels.py) against Skia's
Skottie: each golden tile is one layer drawn alone by Skottie without its effect and with it
(bench/lottie_px_levels_cases.py made them); the op applied to the first must give the second."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import overlays.lottie_px_levels  # noqa: F401 - fills EFFECTS
from overlays.lottie_pixel_ops import EFFECTS, effect_op

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "lottie-pixel-ops" / "levels"
MEAN_LIMIT, P99_LIMIT = 1.0, 8.0                     # 8-bit levels of premultiplied RGBA


def _cases():
    index = json.loads((GOLDEN / "cases.json").read_text())
    sheets = [np.asarray(Image.open(GOLDEN / f"{n}.png")) for n in ("without", "with")]
    for tile in index["tiles"]:
        x, y, w, h = tile["box"]
        plain, drawn = (s[y:y + h, x:x + w] for s in sheets)
        yield tile["name"], tile["frame"], index["effects"][tile["name"]], plain, drawn


CASES = list(_cases())


def _difference(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    d = np.abs(a.astype(np.int16) - b.astype(np.int16))
    return float(d.mean()), float(np.percentile(d.max(axis=2), 99))


def _finish(effect: dict, frame: float, plain: np.ndarray) -> np.ndarray:
    got = effect_op(effect)(plain.astype(np.float32) / 255, frame)
    return np.clip(np.floor(got * 255 + 0.5), 0, 255).astype(np.uint8)


def test_every_match_name_of_the_family_is_registered():
    for name in ("ADBE Easy Levels2", "ADBE Pro Levels2", "ADBE Brightness & Contrast 2", "ADBE HUE SATURATION"):
        assert name in EFFECTS


def test_the_goldens_cover_the_skia_files_and_every_variant():
    names = {name for name, *_ in CASES}
    for prefix in ("skia/skottie-levels-effect", "skia/skottie-huesaturation-effect",
                   "skia/skottie-huesaturation-animated", "easy alpha", "pro all channels", "bc legacy",
                   "bc animated", "hs animated", "hs reds only", "hs colorize"):
        assert any(n.startswith(prefix) for n in names), prefix
    assert sum(1 for _, _, _, plain, drawn in CASES if _difference(plain, drawn)[0] > 2) > len(CASES) // 2, \
        "most effects must change the picture, or matching it proves nothing"


@pytest.mark.parametrize("name,frame,effect,plain,drawn", CASES, ids=[f"{c[0]}@{c[1]}" for c in CASES])
def test_the_op_draws_what_skottie_draws(name, frame, effect, plain, drawn):
    mean, p99 = _difference(_finish(effect, frame, plain), drawn)
    assert mean <= MEAN_LIMIT and p99 <= P99_LIMIT, f"{name} at frame {frame}: mean {mean:.2f}, p99 {p99:.0f}"


def test_animated_parameters_are_read_at_the_frame():
    """The same tile finished at another frame's parameters must not match: the frame is honoured."""
    animated = [c for c in CASES if c[0] == "bc animated" and c[1] == 40]
    assert animated
    name, frame, effect, plain, drawn = animated[0]
    assert _difference(_finish(effect, 0, plain), drawn)[0] > 5


def _levels(mn: str, values: dict, count: int) -> dict:
    return {"mn": mn, "ef": [{"v": {"a": 0, "k": values.get(i, 0)}} for i in range(count)]}


def test_an_alpha_table_lifting_transparent_pixels_is_refused():
    """Skottie lifts alpha 0 only as far as the layer's content reaches, which its pixels do not tell."""
    from overlays.lottie_pixel_ops import Unsupported
    easy = {0: 5, 2: 0, 3: 1, 4: 1, 5: 0.3, 6: 1, 7: 1, 8: 1}
    with pytest.raises(Unsupported, match="transparent"):
        effect_op(_levels("ADBE Easy Levels2", easy, 9))
    with pytest.raises(Unsupported, match="transparent"):
        effect_op(_levels("ADBE Pro Levels2", {4: 1, 5: 1, 7: 1, 11: 1, 12: 1, 14: 1, 18: 1, 19: 1, 21: 1,
                                               25: 1, 26: 1, 28: 1, 32: 1, 33: 1, 34: 0.2, 35: 1}, 39))
    assert effect_op(_levels("ADBE Easy Levels2", {**easy, 0: 1}, 9)) is not None   # on RGB it is drawn
