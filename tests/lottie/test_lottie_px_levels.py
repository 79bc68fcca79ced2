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
