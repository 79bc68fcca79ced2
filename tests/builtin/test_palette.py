"""Brand-locked colour: mapped clips' dominant colours are the palette's (CIEDE2000 <= 10)."""
import numpy as np
import pytest

from compositor.diffusion.builtin.colour import delta_e2000, palette_match, rgb_to_lab
from compositor.diffusion.builtin.palette import map_to_palette, palette_lut
from compositor.diffusion.builtin.procedural import FAMILIES, MotionParams, render

PALETTES = [
    [(12, 30, 70), (0, 150, 160), (245, 235, 210)],
    [(90, 40, 200), (250, 120, 60)],
    [(20, 20, 30), (200, 30, 80), (250, 200, 50), (60, 180, 120), (240, 240, 240)],
]


def _grey_rgb(family, seed=2):
    lum = render(MotionParams(family=family), seed, (96, 64), 9, 8.0)
    return np.repeat(np.round(lum * 255).astype(np.uint8)[..., None], 3, axis=-1)


def test_ciede2000_matches_published_reference_pairs():
    # Sharma, Wu & Dalal (2005) test data, pairs 1, 7 and 17.
    pairs = [((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425),
             ((50, 0, 0), (50, -1, 2), 2.3669),
             ((50, 2.5, 0), (73, 25, -18), 27.1492)]
    for a, b, want in pairs:
        assert delta_e2000(np.array(a), np.array(b)) == pytest.approx(want, abs=1e-3)


@pytest.mark.parametrize("palette", PALETTES)
def test_dominant_colours_of_every_family_are_palette_colours(palette):
    for family in FAMILIES:
        dists, weights = palette_match(map_to_palette(_grey_rgb(family), palette), palette)
        assert dists.max() <= 10.0, (family, dists, weights)


def test_output_is_only_palette_colours_and_blends_between_them():
    palette = PALETTES[0]
    lut = palette_lut(palette, softness=0.5)
    pal_lab = rgb_to_lab(np.array(palette, np.float32))
    nearest = delta_e2000(rgb_to_lab(lut.astype(np.float32))[:, None], pal_lab[None]).min(1)
    assert (nearest < 2.0).mean() > 0.45  # flat brand colour over about half of the luminance range
    assert lut[0].tolist() == pytest.approx(list(palette[0]), abs=2)
    assert lut[-1].tolist() == pytest.approx(list(palette[2]), abs=2)


def test_mapping_is_deterministic_and_keeps_shape():
    frames = _grey_rgb("waves")
    a, b = map_to_palette(frames, PALETTES[1]), map_to_palette(frames, PALETTES[1])
    assert a.shape == frames.shape and a.dtype == np.uint8
    assert np.array_equal(a, b)


def test_single_colour_palette_gives_tones_of_that_colour():
    out = map_to_palette(_grey_rgb("bokeh"), [(0, 120, 255)])
    hue = np.degrees(np.arctan2(*rgb_to_lab(out.reshape(-1, 3).astype(np.float32))[:, [2, 1]].T))
    assert np.ptp(hue[np.abs(hue) > 0]) < 20  # one hue, several lightnesses


def test_bad_inputs_are_refused_clearly():
    with pytest.raises(ValueError, match="uint8"):
        map_to_palette(np.zeros((2, 4, 4, 3), np.float32), PALETTES[0])
    with pytest.raises(ValueError, match="empty"):
        map_to_palette(np.zeros((2, 4, 4, 3), np.uint8), [])


@pytest.mark.parametrize("palette", PALETTES)
def test_smooth_grade_keeps_dominant_colours_on_the_palette(palette):
    from compositor.diffusion.builtin.palette import grade_to_palette
    for family in FAMILIES:
        dists, weights = palette_match(grade_to_palette(_grey_rgb(family), palette), palette)
        assert dists.max() <= 10.0, (family, dists, weights)


def test_smooth_grade_blends_more_gradually_than_the_hard_mapping():
    from compositor.diffusion.builtin.palette import grade_to_palette
    ramp = np.repeat(np.tile(np.linspace(0, 255, 640).astype(np.uint8), (8, 1))[None, ..., None], 3, -1)
    out = grade_to_palette(ramp, PALETTES[0], smooth=0)[0, 0].astype(int)
    hard = map_to_palette(ramp, PALETTES[0])[0, 0].astype(int)
    step, hard_step = np.abs(np.diff(out, axis=0)).max(), np.abs(np.diff(hard, axis=0)).max()
    assert step <= 0.6 * hard_step, (step, hard_step)  # the blends are at least 1.7x as gradual


def _two_level_disc(size=(160, 96), frames=5):
    """A mostly two-level clip like the built-in model's: a bright disc on a dark field, soft 2-px edge."""
    import cv2

    w, h = size
    yy, xx = np.mgrid[0:h, 0:w]
    disc = ((xx - w / 2) ** 2 + (yy - h / 2) ** 2 < (h / 3) ** 2).astype(np.float32)
    disc = cv2.GaussianBlur(disc, (0, 0), 2.0) * 220 + 20
    return np.repeat(np.repeat(np.round(disc).astype(np.uint8)[None, ..., None], frames, 0), 3, -1)


def test_fitted_grade_widens_the_blend_for_a_contrasty_palette_and_keeps_the_colours():
    from compositor.diffusion.builtin.palette import (GRADE_DE_BUDGET, GRADE_SOFTNESS, fit_softness,
                                                      grade_to_palette_float)
    northwind = [(11, 16, 32), (31, 79, 255), (247, 248, 250)]   # about 100 dE between neighbours
    clip = _two_level_disc()
    fitted = grade_to_palette_float(clip, northwind)
    fixed = grade_to_palette_float(clip, northwind, softness=GRADE_SOFTNESS)
    lab, lab_fixed = (rgb_to_lab(np.round(c[0]).astype(np.uint8)) for c in (fitted, fixed))
    step = np.linalg.norm(np.diff(lab, axis=1), axis=-1).max()
    step_fixed = np.linalg.norm(np.diff(lab_fixed, axis=1), axis=-1).max()
    assert step < 0.8 * step_fixed, (step, step_fixed)          # a gentler transition at the disc's edge
    dists, _ = palette_match(np.round(fitted).astype(np.uint8), northwind)
    assert dists.max() <= GRADE_DE_BUDGET
    assert np.array_equal(fitted, grade_to_palette_float(clip, northwind))    # deterministic


@pytest.mark.parametrize("palette", PALETTES)
def test_fitted_blend_is_never_narrower_than_the_fixed_one(palette):
    from compositor.diffusion.builtin.palette import GRADE_SOFTNESS, GRADE_WIDEST, fit_softness
    levels = np.linspace(0, 1, 9 * 64 * 96, dtype=np.float32).reshape(9, 64, 96)
    assert GRADE_SOFTNESS <= fit_softness(levels, palette) <= GRADE_WIDEST
