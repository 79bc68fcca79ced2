"""Tritone, CC Toner and Tint as pixel ops (overlays/lottie_px_tones.py) against Skia's Skottie, without node: each
case in tests/golden/lottie-pixel-ops/tones is one layer drawn by Skottie alone, with its effects (`-with`) and
without (`-without`), premultiplied RGBA bytes stored as PNG; `python3 bench/lottie_px_tones_cases.py` writes
them. The op applied to `without` must give `with`: mean difference <= 1 level, 99th percentile <= 8."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from overlays import lottie_px_tones
from overlays.lottie_pixel_ops import EFFECTS, Unsupported, effect_op

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "lottie-pixel-ops" / "tones"
CASES = sorted(p.stem for p in GOLDEN.glob("*.json"))
# Skia's CC Toner file draws three bands that touch without overlapping: Skottie then tones each band before
# blending them, so the one row where two bands share a pixel cannot be had from the blended layer. Those rows
# are the only translucent pixels there; the bound is checked on the opaque ones.
SEAMS = {"skia-skottie-cctoner-tritone", "skia-skottie-cctoner-pentone"}


def _png(name: str) -> np.ndarray:
    return np.asarray(Image.open(GOLDEN / name).convert("RGBA"))


def _frames(case: str):
    spec = json.loads((GOLDEN / f"{case}.json").read_text())
    for frame in spec["frames"]:
        yield spec["effects"], frame, _png(f"{case}-{frame}-without.png"), _png(f"{case}-{frame}-with.png")


def _apply(effects: list, rgba: np.ndarray, frame: float) -> np.ndarray:
    x = rgba.astype(np.float32) / 255
    for effect in effects:
        x = effect_op(effect)(x, frame)
    return np.clip(np.floor(x * 255 + 0.5), 0, 255).astype(np.uint8)


def _difference(a: np.ndarray, b: np.ndarray, where: np.ndarray) -> tuple[float, float]:
    d = np.abs(a.astype(np.int16) - b.astype(np.int16))[where]
    return float(d.mean()), float(np.percentile(d.max(axis=1), 99))


def _measured(case: str):
    for effects, frame, without, with_fx in _frames(case):
        where = (without[..., 3] == 255) if case in SEAMS else (without[..., 3] > 0) | (with_fx[..., 3] > 0)
        yield frame, _difference(_apply(effects, without, frame), with_fx, where)


def test_every_family_member_has_goldens():
    assert {"ADBE Tritone", "CC Toner", "ADBE Tint"} <= set(EFFECTS)
    kinds = {c.split("-")[0] for c in CASES} | {c for c in CASES if c.startswith("skia-")}
    assert {"tritone", "cctoner", "tint", "skia-skottie-tritone-effect-precomp",
            "skia-skottie-cctoner-pentone"} <= kinds, CASES


@pytest.mark.parametrize("case", CASES)
def test_op_draws_as_skottie(case):
    for frame, (mean, p99) in _measured(case):
        assert mean <= 1 and p99 <= 8, (case, frame, mean, p99)


def test_without_the_op_the_pictures_differ():
    """The bound above can fail: the untouched layer is far from Skottie's toned one."""
    for case in CASES:
        for effects, frame, without, with_fx in _frames(case):
            if np.array_equal(without, with_fx):            # Tint at Amount 0
                continue
            mean, _ = _difference(without, with_fx, with_fx[..., 3] > 0)
            assert mean > 4, (case, frame, mean)


def test_luminance_of_premultiplied_colour_breaks_the_bound(monkeypatch):
    """A plausible wrong formula (the player's: luminance of the premultiplied pixel) fails on translucent shapes."""
    def premultiplied(rgba):
        return rgba[..., :3], rgba[..., 3:4]
    monkeypatch.setattr(lottie_px_tones, "unpremultiply", premultiplied)
    worst = max(p99 for case in ("tritone-static", "cctoner-pentone", "tint-static")
                for _, (_, p99) in _measured(case))
    assert worst > 8


def test_honouring_cc_toner_blend_breaks_the_bound(monkeypatch):
    """Skottie never reads Blend w. Original; mixing by it (40 % in this case) is far from Skottie."""
    original = lottie_px_tones._table_op
    monkeypatch.setattr(lottie_px_tones, "_table_op", lambda colours, weight: original(colours, lambda f: 0.6))
    assert max(mean for _, (mean, _) in _measured("cctoner-animated")) > 1


def test_table_is_skias_byte_ramp():
    """Three colours: shadows to midtones over entries 0..128, midtones to highlights over 129..255 (each span
    starts at its first colour, so the midtone fills two entries)."""
    low, mid, high = np.array([0, 0, 0.]), np.array([200, 100, 0.]), np.array([255, 255, 255.])
    table = lottie_px_tones.gradient_table([low, mid, high]) * 255
    assert np.array_equal(table[0], low) and np.array_equal(table[128], mid) and np.array_equal(table[255], high)
    assert np.array_equal(table[64], [100, 50, 0]) and np.array_equal(table[129], mid)
    assert np.array_equal(table[130], [200, 101, 2])             # one step of (55, 155, 255) / 126, rounded


def test_missing_colours_are_refused_and_disabled_effects_do_nothing():
    tint = {"ty": 20, "mn": "ADBE Tint", "nm": "Tint", "ef": [{"ty": 2, "v": {"a": 0, "k": [1, 0, 0, 1]}}]}
    with pytest.raises(Unsupported):
        effect_op(tint)
    with pytest.raises(Unsupported):
        effect_op({"ty": 23, "mn": "ADBE Tritone", "ef": []})
    rgba = np.random.default_rng(1).random((4, 4, 4)).astype(np.float32)
    toner = {"ty": 5, "mn": "CC Toner", "en": 0, "ef": []}
    assert effect_op(toner)(rgba, 0) is rgba
