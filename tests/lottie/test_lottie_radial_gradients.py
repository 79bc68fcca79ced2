"""Radial gradients reaching diagonally from their centre, drawn with the radius Skottie and lottie-web draw: the
distance from start to end (the player, left alone, estimates it as the larger offset plus 0.375 of the smaller).
Checked on rendered pixels against the ramp computed per pixel: a black-to-white gradient, without a highlight
(Skottie's picture) and with one (the focal point lottie-web draws, which must stay in place)."""
from __future__ import annotations

import math

import numpy as np

import overlays.lottie_normalise as lottie_normalise
from lottie_files import animation, drawn_frames

SIZE = 40
START, END = (6.0, 8.0), (30.0, 17.0)               # 24 x 9 units: a radius of 25.6, estimated 27.4
RADIUS = math.hypot(END[0] - START[0], END[1] - START[1])


def _static(v):
    return {"a": 0, "k": v}


def _gradient_file(highlight: float = 0, angle: float = 0) -> dict:
    layer = {"ddd": 0, "ind": 1, "ty": 4, "nm": "ramp", "ip": 0, "op": 60, "st": 0,
             "ks": {"o": _static(100), "r": _static(0), "p": _static([0, 0, 0]), "a": _static([0, 0, 0]),
                    "s": _static([100, 100, 100])},
             "shapes": [{"ty": "rc", "d": 1, "s": _static([SIZE, SIZE]), "p": _static([SIZE / 2, SIZE / 2]),
                         "r": _static(0)},
                        {"ty": "gf", "t": 2, "o": _static(100), "r": 1, "s": _static(list(START)),
                         "e": _static(list(END)), "h": _static(highlight), "a": _static(angle),
                         "g": {"p": 2, "k": _static([0, 0, 0, 0, 1, 1, 1, 1])}}]}
    return animation([layer])


def _ramp(focal: tuple[float, float]) -> np.ndarray:
    """The gradient's position (0..1) at each pixel centre: on the circle through the pixel that grows from the
    focal point (radius 0) to the end circle (centre START, radius RADIUS), as canvas and SVG define it."""
    ys, xs = np.mgrid[0:SIZE, 0:SIZE] + 0.5
    px, py = xs - focal[0], ys - focal[1]
    cx, cy = START[0] - focal[0], START[1] - focal[1]
    a = cx * cx + cy * cy - RADIUS * RADIUS                  # |p - t c|^2 = (t R)^2, solved for the larger t
    b = -2 * (px * cx + py * cy)
    c = px * px + py * py
    t = (-b - np.sqrt(b * b - 4 * a * c)) / (2 * a)
    return np.clip(t, 0, 1) * 255


def _error(tmp_path, data: dict, focal) -> float:
    frame = drawn_frames(tmp_path, "ramp.json", data, [0], (SIZE, SIZE))[0]
    return float(np.abs(frame[..., 0] - _ramp(focal)).mean())


def test_diagonal_radial_gradient_reaches_its_end(tmp_path):
    assert _error(tmp_path, _gradient_file(), START) <= 1.0


def test_highlight_stays_where_lottie_web_draws_it(tmp_path):
    assert _error(tmp_path, _gradient_file(50, 25.0), _focal(0.5, 25.0)) <= 1.0


def _focal(length: float, angle: float) -> tuple[float, float]:
    """lottie-web's focal point: `length` of the radius from the centre, `angle` degrees off the way to the end."""
    turn = math.atan2(END[1] - START[1], END[0] - START[0]) + math.radians(angle)
    return START[0] + math.cos(turn) * length * RADIUS, START[1] + math.sin(turn) * length * RADIUS


def test_player_alone_draws_it_too_wide(tmp_path, monkeypatch):
    """The tests above can fail: without the rewrite the ramp is stretched to the estimated radius (mean 6 levels
    off), and a focal point drawn 25 degrees off its place is 10 levels off."""
    assert _error(tmp_path, _gradient_file(50, 25.0), _focal(0.5, 0.0)) > 3
    monkeypatch.setattr(lottie_normalise, "level_radial_ends", lambda data: None)
    assert _error(tmp_path, _gradient_file(), START) > 3
