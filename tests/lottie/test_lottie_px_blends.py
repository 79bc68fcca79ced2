"""Lottie layer blend modes on pixels (overlays/lottie_px_blends.py) against Skia's Skottie: Skottie's picture of
the layers below, of the blended layer alone and of both blended (tests/golden/lottie-pixel-ops/blends, written
by `python3 bench/lottie_px_blends_cases.py`, PNGs holding premultiplied RGBA bytes). The grid has one cell per
mode 1..17: a layer whose colours and opacity vary down the cell over a backdrop whose colours vary across it,
opaque, at 45 % and absent. The files are Skia's Hard Mix and matted Multiply scenes and lottie-android's
LayerBlend scene in Hue."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "foundation"))
from foundation_media import REPO, read_png  # noqa: E402

import overlays.lottie_px_blends  # noqa: E402,F401  (fills BLENDS)
from overlays.lottie_pixel_ops import BLENDS  # noqa: E402

GOLDEN = REPO / "tests" / "golden" / "lottie-pixel-ops" / "blends"
CELL, COLUMNS = 24, 6
FRAMES = (0, 20)
HUE = 12
NEARLY_GREY = 10        # levels of chroma in the layer's 8-bit picture below which its hue is lost to rounding


def _load(name: str) -> np.ndarray:
    return read_png(GOLDEN / name)


def _blend(bm: int, backdrop: np.ndarray, layer: np.ndarray) -> np.ndarray:
    out = BLENDS[bm](backdrop.astype(np.float32) / 255, layer.astype(np.float32) / 255)
    assert out.dtype == np.float32 and out.shape == backdrop.shape
    return np.round(out * 255).astype(int)


def _over(backdrop: np.ndarray, layer: np.ndarray) -> np.ndarray:
    d, s = backdrop.astype(np.float32) / 255, layer.astype(np.float32) / 255
    return np.round((s + d * (1 - s[..., 3:])) * 255).astype(int)


def _figures(ours: np.ndarray, ref: np.ndarray, where=None) -> tuple[float, float]:
    d = np.abs(ours - ref.astype(int))
    if where is not None:
        d = d[where]
    return float(d.mean()), float(np.percentile(d.max(axis=-1), 99))


def _cells(frame: int):
    """(bm, backdrop, layer, Skottie's blend, pixels compared) per cell of the grid."""
    backdrop, layer, ref = _load("grid-backdrop.png"), _load(f"grid-layer-{frame}.png"), \
        _load(f"grid-blended-{frame}.png")
    for bm in range(1, 18):
        y, x = (bm - 1) // COLUMNS * CELL, (bm - 1) % COLUMNS * CELL
        cut = (slice(y, y + CELL), slice(x, x + CELL))
        compared = np.ones((CELL, CELL), bool)
        if bm == HUE:
            # Skottie blends the gradient's unrounded colours: where the layer is nearly grey its hue survives
            # there and not in 8 bits, and Hue scales that hue up to the backdrop's saturation.
            rgb = layer[cut][..., :3].astype(int)
            compared = (rgb.max(axis=-1) - rgb.min(axis=-1) > NEARLY_GREY) | (layer[cut][..., 3] == 0)
        yield bm, backdrop[cut], layer[cut], ref[cut], compared


def test_every_lottie_blend_mode_has_a_blend():
    assert sorted(BLENDS) == list(range(1, 18))


@pytest.mark.parametrize("frame", FRAMES)
def test_each_mode_blends_as_skottie_over_opaque_translucent_and_no_backdrop(frame):
    for bm, backdrop, layer, ref, compared in _cells(frame):
        mean, p99 = _figures(_blend(bm, backdrop, layer), ref, compared)
        assert mean <= 1 and p99 <= 8, (frame, bm, mean, p99)
        assert compared.mean() > 0.75, (bm, compared.mean())


@pytest.mark.parametrize("frame", FRAMES)
def test_no_other_mode_and_not_normal_would_pass(frame):
    """The bound above can fail: in every cell, Normal and each of the 16 other modes are far from Skottie's."""
    for bm, backdrop, layer, ref, compared in _cells(frame):
        mean, p99 = _figures(_over(backdrop, layer), ref, compared)
        assert mean > 1 or p99 > 8, (frame, bm, "normal", mean, p99)
        for other in BLENDS:
            if other != bm:
                mean, p99 = _figures(_blend(other, backdrop, layer), ref, compared)
                assert mean > 1 or p99 > 8, (frame, bm, other, mean, p99)


@pytest.mark.parametrize("case, bm, frames", [
    ("hardmix", 17, (0, 150)),              # Skia: Hard Mix over a backdrop of two greys
    ("matte-multiply", 1, (0, 150)),        # Skia: Multiply on a layer drawn through its track matte
    ("layerblend-12", 12, (0,)),            # lottie-android: a translucent star and ellipse in Hue over blue
])
def test_test_files_blend_as_skottie(case, bm, frames):
    for f in frames:
        backdrop, layer, ref = (_load(f"{case}-{part}-{f}.png") for part in ("backdrop", "layer", "blended"))
        mean, p99 = _figures(_blend(bm, backdrop, layer), ref)
        assert mean <= 1 and p99 <= 8, (case, f, mean, p99)
        assert _figures(_over(backdrop, layer), ref)[1] > 8, (case, f, "normal would pass")


def test_over_a_transparent_backdrop_the_layer_stays_except_in_hard_mix():
    layer = np.array([[[0.3, 0.15, 0.45, 0.6]]], np.float32)           # (0.5, 0.25, 0.75) at 60 %
    clear = np.zeros_like(layer)
    for bm in range(1, 17):
        assert np.allclose(BLENDS[bm](clear, layer), layer, atol=1e-6), bm
        assert np.allclose(BLENDS[bm](layer, clear), layer, atol=1e-6), bm
    # Hard Mix floors the colour to 0 where layer plus backdrop (nothing) stays below 1: black at the layer's alpha
    assert np.allclose(BLENDS[17](clear, layer), [[[0, 0, 0, 0.6]]], atol=1e-6)
