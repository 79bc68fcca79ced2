"""Bulge drawn on a layer's own pixels, on rendered frames: a red ramp across x (its value tells which column was
read) bulged by an ellipse off the picture's centre reads, at each pixel inside it, the column the displacement
formula of Skottie's BulgeEffect.cpp gives, worked out here on its own; outside it the ramp is untouched. And where
the map to pixels cannot be known, the Bulge is refused."""
from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "foundation"))
from foundation_media import render_png_frames  # noqa: E402
from lottie_cells import lottie_project, refusal  # noqa: E402
from lottie_files import animation, matted_in_precomp, write  # noqa: E402

SIZE = 96
CENTRE, RADII, HEIGHT = (40.0, 52.0), (30.0, 18.0), 2.0


def _static(v):
    return {"a": 0, "k": v}


def _bulge(height) -> dict:
    params = [("Horizontal Radius", _static(RADII[0])), ("Vertical Radius", _static(RADII[1])),
              ("Bulge Center", _static(list(CENTRE))), ("Bulge Height", height), ("Taper Radius", _static(0)),
              ("Antialiasing (Best Qual Only)", _static(1)), ("Pinning", _static(0))]
    return {"ty": 5, "mn": "ADBE Bulge", "nm": "Bulge", "en": 1,
            "ef": [{"ty": 0, "nm": nm, "mn": f"ADBE Bulge-000{i + 1}", "v": v} for i, (nm, v) in enumerate(params)]}


def _ramp_doc(height) -> dict:
    """A shape layer covering the picture with a ramp from black (left edge) to red (right edge)."""
    ramp = {"ty": "gf", "t": 1, "o": _static(100), "r": 1, "s": _static([-SIZE / 2, 0]), "e": _static([SIZE / 2, 0]),
            "g": {"p": 2, "k": _static([0, 0, 0, 0, 1, 1, 0, 0])}}
    layer = {"ddd": 0, "ind": 1, "ty": 4, "nm": "ramp", "ip": 0, "op": 60, "st": 0, "ef": [_bulge(height)],
             "ks": {"o": _static(100), "r": _static(0), "p": _static([SIZE / 2, SIZE / 2, 0]),
                    "a": _static([0, 0, 0]), "s": _static([100, 100, 100])},
             "shapes": [{"ty": "rc", "d": 1, "s": _static([SIZE, SIZE]), "p": _static([0, 0]), "r": _static(0)},
                        ramp]}
    doc = animation([layer])
    doc["w"] = doc["h"] = SIZE
    return doc


def _read_column(x: float, y: float) -> float:
    """The x the Bulge reads the layer at for the pixel centred at (x, y), from the formula in Skottie's source."""
    vx, vy = (x - CENTRE[0]) / RADII[0], (y - CENTRE[1]) / RADII[1]
    t = vx * vx + vy * vy
    if t >= 1.0:
        return x
    a = abs(HEIGHT) / 4.0
    r = (1.0 + a) / 2.0 / math.sqrt(a)
    h = a ** 3 * 1.3
    length = math.sqrt(t)
    arc = math.asin(length / r) / math.asin(1.0 / r)
    sph_x = vx / length * arc - vx
    exp_x = vx * t ** h - vx
    sign = 1.0 if HEIGHT > 0 else -1.0
    return (vx + sign * (sph_x + exp_x)) * RADII[0] + CENTRE[0]


def test_a_bulge_reads_the_layer_where_skotties_formula_says(tmp_path):
    """Frame 0 has height 0 (the ramp as drawn: its value at each column), frames from 15 on height 2. Every
    pixel inside the ellipse must hold the ramp's value at the column the formula gives (within 3 levels, about
    one column), which moves by up to 8 columns (20 levels); pixels outside it keep their own."""
    held = {"a": 1, "k": [{"t": 0, "s": [0], "h": 1}, {"t": 15, "s": [HEIGHT], "h": 1}]}
    name = write(tmp_path, "ramp.json", _ramp_doc(held))
    frames = render_png_frames(lottie_project(tmp_path, name, (SIZE, SIZE), 30, 1.0), tmp_path / "frames")
    flat, bulged = frames[0][..., 0].astype(float), frames[20][..., 0].astype(float)
    ramp = flat[int(CENTRE[1])]                              # the ramp's red at each column's centre
    assert np.abs(flat - ramp[None, :]).max() <= 1           # the same on every row: a ramp along x only
    assert ramp[-1] - ramp[0] > 200
    moved, checked = 0.0, 0
    for y in range(int(CENTRE[1] - RADII[1]), int(CENTRE[1] + RADII[1]) + 1, 3):
        for x in range(int(CENTRE[0] - RADII[0]), int(CENTRE[0] + RADII[0]) + 1, 3):
            column = _read_column(x + 0.5, y + 0.5)
            expected = np.interp(column - 0.5, np.arange(SIZE), ramp)
            assert abs(bulged[y, x] - expected) <= 3, (x, y, column, bulged[y, x], expected)
            moved = max(moved, abs(bulged[y, x] - flat[y, x]))
            checked += 1
    assert checked > 150 and moved >= 15, (checked, moved)
    outside = np.ones(flat.shape, bool)
    yy, xx = np.mgrid[0:SIZE, 0:SIZE] + 0.5
    outside &= ((xx - CENTRE[0]) / RADII[0]) ** 2 + ((yy - CENTRE[1]) / RADII[1]) ** 2 > 1.05
    assert np.abs(bulged[outside] - flat[outside]).max() <= 1


def test_a_bulge_inside_a_precomposition_not_drawn_as_a_pass_is_refused(tmp_path, compositor_cli):
    data = matted_in_precomp(_ramp_doc(_static(HEIGHT)))
    out = refusal(tmp_path, compositor_cli, "bulged.json", json.dumps(data))
    assert re.search(r"bulged\.json:\d+: layer 'ramp' in precomposition 'whole': the effect 'Bulge' \(Bulge\)",
                     out), out


def test_a_bulge_on_a_skewed_solid_is_refused(tmp_path, compositor_cli):
    """A solid's effects are placed in its own units: through a skew the map to pixels is not known here."""
    data = _ramp_doc(_static(HEIGHT))
    data["layers"][0] = {"ddd": 0, "ind": 1, "ty": 1, "nm": "sheared", "ip": 0, "op": 60, "st": 0,
                         "sc": "#ff0000", "sw": SIZE, "sh": SIZE, "ef": [_bulge(_static(HEIGHT))],
                         "ks": {"o": _static(100), "p": _static([0, 0, 0]), "sk": _static(20), "sa": _static(0)}}
    out = refusal(tmp_path, compositor_cli, "sheared.json", json.dumps(data))
    assert re.search(r"sheared\.json:\d+: layer 'sheared' in the main composition: the effect 'Bulge' \(Bulge: an "
                     r"effect measured in the units of a skewed or 3D-turned layer\)", out), out
