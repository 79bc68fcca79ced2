"""Each metric on its own, against a known answer built from a real frame."""
import cv2
import numpy as np

from compositor.consistency import metrics as M
from coherence_media import clip


def _frame():
    return clip("bedroom", 1)[0]


def _shift(img, dx, dy):
    m = np.float32([[1, 0, dx], [0, 1, dy]])
    return cv2.warpAffine(img, m, (img.shape[1], img.shape[0]), borderMode=cv2.BORDER_REFLECT)


def test_warping_error_compensates_motion_and_sees_brightness():
    a = _frame()
    b = _shift(a, 6, 3)                      # the camera moved: content shifts right/down
    flow = M.Flow()
    ga, gb = M.gray(a), M.gray(b)
    fw, bw = flow(ga, gb), flow(gb, ga)
    valid = M.occlusion_mask(fw, bw)
    warped = M.warp(b, fw)
    motion_only = M.warping_error(a, warped, valid)
    naive = float(np.mean((a.astype(np.float32) - b) ** 2)) / 255 ** 2
    assert motion_only < naive / 10, (motion_only, naive)
    # the strip that left the frame cannot be matched and is excluded
    assert 0.75 < cv2.countNonZero(valid) / valid.size < 0.99
    assert valid[:, -5:].mean() < 0.1 * 255 and valid[50:-50, 50:-50].mean() > 0.8 * 255
    brighter = np.clip(b.astype(np.int16) + 20, 0, 255).astype(np.uint8)
    warped_b = M.warp(brighter, fw)
    assert M.warping_error(a, warped_b, valid) > 20 * motion_only
    jump = M.global_flicker(a, warped_b, valid)
    assert np.all(jump > 15) and np.all(jump < 21), jump


def test_identical_frames_have_no_error():
    a = _frame()
    g = M.gray(a)
    f = M.Flow()(g, g)
    valid = M.occlusion_mask(f, f)
    assert M.warping_error(a, M.warp(a, f), valid) < 1e-5
    assert M.occlusion_mask_fast(f, f).mean() > 250


def test_flicker_series_ignores_fades_and_catches_jumps():
    fade = np.tile(np.float32([-2, -2, -2]), (10, 1))
    assert M.flicker_series(fade).max() < 1e-6
    jumpy = fade.copy()
    jumpy[5] += 12
    s = M.flicker_series(jumpy)
    assert s[5] > 10 and np.delete(s, 5).max() < 1e-6


def test_drift_colour_and_structure():
    a = _frame()
    h, e = M.colour_histogram(a), M.detail_energy(M.gray(a))
    assert M.drift(h, h, e, e) == (0.0, 0.0) or max(M.drift(h, h, e, e)) < 1e-6
    dark = (a * 0.6).astype(np.uint8)
    blurred = cv2.GaussianBlur(a, (0, 0), 3)
    c_dark, _ = M.drift(M.colour_histogram(dark), h, e, e)
    _, s_blur = M.drift(h, h, M.detail_energy(M.gray(blurred)), e)
    assert c_dark > 0.3 and s_blur > 0.4


def test_seam_ratio():
    e = [1.0] * 20
    assert M.seam_discontinuity(e, [10])[0][1] == 1.0
    e[9] = 6.0                                # pair (9, 10): the join into frame 10
    assert M.seam_discontinuity(e, [10, 99]) == [(10, 6.0)]


def test_judder_zero_for_steady_motion_large_for_reversal():
    steady = np.zeros((120, 160, 2), np.float32)
    steady[..., 0] = 3.0
    assert M.motion_judder(steady, steady) < 1e-4
    assert M.motion_judder(steady, -steady) > 5.9


def test_analysis_size():
    assert M.analysis_size(1920, 1080) == (960, 540)
    assert M.analysis_size(720, 480) == (720, 480)
    assert M.analysis_size(1080, 1920) == (304, 540)
