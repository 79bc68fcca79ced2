"""Each Lottie fix on rendered pixels: frames counted from the file's `ip` (and `frames:` with it), embedded
images without "e": 1, Bodymovin 4.0 colours in 0-255, the After Effects Fill effect, masks rewritten into forms
the player combines right, and what is refused (exit 2, FILE:LINE, the feature) rather than drawn wrongly."""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "foundation"))
from foundation_media import REPO, render_png_frames  # noqa: E402
from lottie_cells import lottie_project, refusal  # noqa: E402
from lottie_files import (animation, held_colours, png_data_uri, rect_mask, square_layer,  # noqa: E402
                          write)

CORPUS = REPO / "bench" / "lottie-corpus"
RED, BLUE, GREEN = [1, 0, 0, 1], [0, 0, 1, 1], [0, 1, 0, 1]


def render(folder: Path, file: str, duration: float = 1.0, fps: int = 10, size=(40, 40), **layer):
    return render_png_frames(lottie_project(folder, file, size, fps, duration, **layer), folder / "frames")


def centre(frame) -> np.ndarray:
    return frame[frame.shape[0] // 2, frame.shape[1] // 2].astype(int)


def test_frames_count_from_ip(tmp_path):
    """ip 30, op 90, red from frame 30, blue from 60: shot time 0 is frame 30 (red), 1 s is frame 60 (blue); the
    last frame (2 s on, held) is 89, blue. Counting from 0 instead would show blue at 0 s."""
    name = write(tmp_path, "late.json", animation([square_layer(held_colours({30: RED, 60: BLUE}))], ip=30, op=90))
    frames = render(tmp_path, name, duration=2.5)
    assert (centre(frames[0]) == [255, 0, 0]).all(), centre(frames[0])
    assert (centre(frames[9]) == [255, 0, 0]).all()          # frame 57
    assert (centre(frames[10]) == [0, 0, 255]).all()         # frame 60
    assert (centre(frames[24]) == [0, 0, 255]).all()         # held at 89


def test_frames_key_is_in_the_files_own_frames(tmp_path):
    """`frames: [45, 75]` on an ip-30 file starts at frame 45 (red) and turns blue at 60, 0.5 s in."""
    keys = {30: RED, 60: BLUE, 75: GREEN}
    name = write(tmp_path, "late.json", animation([square_layer(held_colours(keys))], ip=30, op=90))
    frames = render(tmp_path, name, duration=1.5, frames="[45, 75]")
    assert (centre(frames[0]) == [255, 0, 0]).all()
    assert (centre(frames[4]) == [255, 0, 0]).all()          # frame 57
    assert (centre(frames[5]) == [0, 0, 255]).all()          # frame 60
    assert (centre(frames[14]) == [0, 0, 255]).all()         # held at 74, never 75 (green)


def test_embedded_image_without_e_flag_is_drawn(tmp_path):
    asset = {"id": "img", "w": 8, "h": 8, "u": "", "p": png_data_uri([0, 200, 0])}          # no "e": 1
    layer = {"ddd": 0, "ind": 1, "ty": 2, "nm": "photo", "refId": "img", "ip": 0, "op": 60, "st": 0,
             "ks": {"o": {"a": 0, "k": 100}, "p": {"a": 0, "k": [0, 0, 0]}, "a": {"a": 0, "k": [0, 0, 0]},
                    "s": {"a": 0, "k": [500, 500, 100]}, "r": {"a": 0, "k": 0}}}
    name = write(tmp_path, "photo.json", animation([layer], assets=[asset]))
    frame = render(tmp_path, name, duration=0.1)[0]
    assert np.abs(centre(frame) - [0, 200, 0]).max() <= 2, centre(frame)


def test_masked_solid_keeps_its_opacity(tmp_path):
    """A red solid at 50 % opacity with a mask over its middle: the middle is half red over the grey background
    (the player alone drew a masked solid at 25 %), outside the mask the background."""
    solid = {"ddd": 0, "ind": 1, "ty": 1, "nm": "solid", "sc": "#ff0000", "sw": 40, "sh": 40, "ip": 0, "op": 60,
             "st": 0, "ks": {"o": {"a": 0, "k": 50}, "r": {"a": 0, "k": 0}, "p": {"a": 0, "k": [0, 0, 0]},
                             "a": {"a": 0, "k": [0, 0, 0]}, "s": {"a": 0, "k": [100, 100, 100]}},
             "hasMask": True, "masksProperties": [rect_mask(10, 10, 30, 30, "a")]}
    name = write(tmp_path, "solid.json", animation([solid]))
    frame = render(tmp_path, name, duration=0.1)[0]
    assert np.abs(centre(frame) - [192, 64, 64]).max() <= 3, centre(frame)        # 0.5 red + 0.5 grey
    assert (frame[3, 3].astype(int) == [128, 128, 128]).all(), frame[3, 3]


def test_translucent_solid_keeps_its_opacity(tmp_path):
    """A red solid at 50 % opacity, no mask: half red over the grey background (the player alone applied a
    solid's opacity twice: 25 %; lottie-android's SolidLayerTransform.json)."""
    solid = {"ddd": 0, "ind": 1, "ty": 1, "nm": "solid", "sc": "#ff0000", "sw": 40, "sh": 40, "ip": 0, "op": 60,
             "st": 0, "ks": {"o": {"a": 0, "k": 50}, "r": {"a": 0, "k": 0}, "p": {"a": 0, "k": [0, 0, 0]},
                             "a": {"a": 0, "k": [0, 0, 0]}, "s": {"a": 0, "k": [100, 100, 100]}}}
    name = write(tmp_path, "solid.json", animation([solid]))
    frame = render(tmp_path, name, duration=0.1)[0]
    assert np.abs(centre(frame) - [192, 64, 64]).max() <= 3, centre(frame)        # 0.5 red + 0.5 grey


@pytest.mark.parametrize("colour,drawn", [("", False), ("none", False), ("#ff0000", True), ("#f00", True)])
def test_solid_without_a_hex_colour_is_not_drawn(tmp_path, colour, drawn):
    """A solid whose colour is no hex colour is left out, as Skottie and rlottie draw it (rlottie's
    starts_transparent; the player alone filled it black)."""
    solid = {"ddd": 0, "ind": 1, "ty": 1, "nm": "solid", "sc": colour, "sw": 40, "sh": 40, "ip": 0, "op": 60,
             "st": 0, "ks": {"o": {"a": 0, "k": 100}, "r": {"a": 0, "k": 0}, "p": {"a": 0, "k": [0, 0, 0]},
                             "a": {"a": 0, "k": [0, 0, 0]}, "s": {"a": 0, "k": [100, 100, 100]}}}
    frame = render(tmp_path, write(tmp_path, "solid.json", animation([solid])), duration=0.1)[0]
    assert (centre(frame) == ([255, 0, 0] if drawn else [128, 128, 128])).all(), centre(frame)


def test_colour_alpha_is_drawn_as_opacity(tmp_path):
    """A fill colour [1, 0, 0, 0.5] (written by exporters other than Bodymovin) is half red, as Skottie and
    lottie-android draw it; the player alone drew it opaque."""
    name = write(tmp_path, "alpha.json", animation([square_layer({"a": 0, "k": [1, 0, 0, 0.5]})]))
    frame = render(tmp_path, name, duration=0.1)[0]
    assert np.abs(centre(frame) - [192, 64, 64]).max() <= 3, centre(frame)


def test_bodymovin_4_0_colours_in_0_255(tmp_path):
    """Bodymovin 4.0 wrote colours as 0-255: [255, 128, 0] is orange, not a wrapped-around colour."""
    name = write(tmp_path, "old.json", animation([square_layer({"a": 0, "k": [255, 128, 0, 255]})], v="4.0.0"))
    frame = render(tmp_path, name, duration=0.1)[0]
    assert np.abs(centre(frame) - [255, 128, 0]).max() <= 2, centre(frame)


def test_fill_effect_paints_the_bell_white(tmp_path):
    """lottiefiles' bell (lottie-android's snapshot suite): black shapes under an AE Fill effect set to white."""
    shutil.copy(CORPUS / "lottie-android" / "bell.json", tmp_path)
    frame = render(tmp_path, "bell.json", duration=0.1, size=(200, 200))[0].astype(int)
    drawn = np.abs(frame - 128).max(axis=2) > 40
    assert drawn.mean() > 0.1
    assert (frame[drawn].min(axis=1) > 200).mean() > 0.97        # white, not black


# masks in layer space (-20..20): L = the left half, T = the top half
LEFT, TOP = (-20, -20, 0, 20), (-20, -20, 20, 0)


@pytest.mark.parametrize("masks,expect", [
    ([("s", False, LEFT)], "right"),                               # subtract first: the whole layer minus L
    ([("a", True, LEFT), ("s", True, TOP)], "top-right"),          # not L, minus not T  ==  T minus L
    ([("s", True, LEFT), ("a", False, TOP)], "left+top"),
    ([("a", False, TOP), ("i", True, LEFT)], "top-right"),         # T intersect not L
    ([("a", True, LEFT), ("s", False, TOP)], "bottom-right"),      # not L, minus T
    ([("s", False, LEFT), ("a", False, TOP)], "all but bottom-left"),   # the whole minus L, plus T
    ([("a", False, TOP), ("a", True, LEFT)], "all but bottom-left"),    # T plus not L
    ([("a", False, LEFT), ("a", False, TOP), ("s", False, LEFT)], "top-right"),   # (L + T) - L: left to right
    ([("a", False, TOP), ("s", False, LEFT), ("a", False, LEFT)], "left+top"),    # (T - L) + L
    ([("s", True, TOP), ("a", True, LEFT), ("i", False, LEFT)], "top-left"),      # (T + not L) intersect L
])
def test_masks_combine_as_after_effects(tmp_path, masks, expect):
    """Opaque red square under masks; each quadrant is red exactly where After Effects (and Skottie, rlottie)
    leave the layer: masks combined left to right, whatever the first one's mode, inversions and length."""
    ms = [rect_mask(*box, mode, inv, name=f"Mask {i + 1}") for i, (mode, inv, box) in enumerate(masks)]
    name = write(tmp_path, "masked.json", animation([square_layer({"a": 0, "k": RED}, masks=ms)]))
    frame = render(tmp_path, name, duration=0.1)[0]
    quadrants = {"top-left": frame[10, 10], "top-right": frame[10, 30], "bottom-left": frame[30, 10],
                 "bottom-right": frame[30, 30]}
    want = {"right": {"top-right", "bottom-right"}, "top-right": {"top-right"},
            "left+top": {"top-left", "bottom-left", "top-right"}, "bottom-right": {"bottom-right"},
            "top-left": {"top-left"}, "all but bottom-left": {"top-left", "top-right", "bottom-right"}}[expect]
    for q, px in quadrants.items():
        red = (px == [255, 0, 0]).all()
        grey = (px == [128, 128, 128]).all()
        assert (red if q in want else grey), (q, px.tolist(), masks)


@pytest.mark.parametrize("file,expect", [
    ("skia/skottie-invert-effect.json", r"skottie-invert-effect\.json:1: layer 'invert - a' in the main "
                                        r"composition: the effect 'Invert' \(Invert: .*of alpha"),   # the rest drawn
])
def test_what_the_player_cannot_draw_is_refused(tmp_path, compositor_cli, file, expect):
    shutil.copy(CORPUS / file, tmp_path)
    out = refusal(tmp_path, compositor_cli, Path(file).name)
    assert re.search(r"project\.yaml:8: shots\[0\]\.layers\[0\]\.lottie: " + expect, out), out


def _box(colour, x0, y0, x1, y1, **extra) -> dict:
    layer = square_layer({"a": 0, "k": colour}, **extra)
    layer["shapes"][0]["s"] = {"a": 0, "k": [x1 - x0, y1 - y0]}
    layer["shapes"][0]["p"] = {"a": 0, "k": [(x0 + x1) / 2 - 20, (y0 + y1) / 2 - 20]}
    return layer


@pytest.mark.parametrize("inner_tt,blue", [
    (1, {(15, 15), (25, 25)}),                 # the inner matte (10..40) shown through the outer (0..30)
    (2, {(35, 35), (35, 15), (15, 35)}),       # ... through the outer, inverted: 10..40 minus 0..30
])
def test_matte_of_a_matte_is_applied(tmp_path, inner_tt, blue):
    """A blue layer whose matte (a square from 10 to 40) has a matte of its own (a square from 0 to 30): the
    blue shows where both mattes let it through, as After Effects draws it (the player alone would ignore the
    outer matte and show all of 10..40)."""
    outer = _box(RED, 0, 0, 30, 30, nm="outer matte", td=1, ind=1)
    inner = _box(RED, 10, 10, 40, 40, nm="inner matte", td=1, tt=inner_tt, ind=2)
    shown = _box(BLUE, 0, 0, 40, 40, nm="shown", tt=1, ind=3)
    frame = render(tmp_path, write(tmp_path, "mattes.json", animation([outer, inner, shown])), duration=0.1)[0]
    for x, y in [(5, 5), (15, 15), (25, 25), (35, 35), (35, 15), (15, 35)]:
        want = [0, 0, 255] if (x, y) in blue else [128, 128, 128]
        assert (np.abs(frame[y, x].astype(int) - want) <= 2).all(), ((x, y), frame[y, x].tolist())


def test_matte_above_without_td_is_also_drawn(tmp_path):
    """A red square (0..20) without `td` just above a blue layer (10..40) that takes it as an inverted matte:
    Skottie draws the red square as itself, above, and shows the blue where the square is not (Skia's
    skottie-chained-mattes.json); the player hid the square."""
    matte = _box(RED, 0, 0, 20, 20, nm="matte, also drawn", ind=1)
    shown = _box(BLUE, 10, 10, 40, 40, nm="shown", tt=2, ind=2)
    frame = render(tmp_path, write(tmp_path, "visible.json", animation([matte, shown])), duration=0.1)[0]
    for (x, y), want in [((5, 5), [255, 0, 0]), ((15, 15), [255, 0, 0]), ((30, 30), [0, 0, 255]),
                         ((5, 30), [128, 128, 128])]:
        assert (np.abs(frame[y, x].astype(int) - want) <= 2).all(), ((x, y), frame[y, x].tolist())


def test_rectangle_edges_between_pixels_are_antialiased(tmp_path):
    """A 21 px red rectangle from x = 9.5 to 30.5: columns 9 and 30 are each half covered (After Effects,
    lottie-web and Skottie draw them half red), not one full and one empty as the player's fast path for
    rectangles would snap them."""
    layer = square_layer({"a": 0, "k": RED})
    layer["shapes"][0]["s"] = {"a": 0, "k": [21, 40]}
    row = render(tmp_path, write(tmp_path, "rect.json", animation([layer])))[0][20].astype(int)
    for x in (9, 30):
        assert abs(row[x][0] - (255 + 128) / 2) <= 8 and abs(row[x][1] - 64) <= 8, (x, row[8:32])
    for x in (10, 29):
        assert np.abs(row[x] - [255, 0, 0]).max() <= 8, (x, row[8:32])


def _repeated_square(copies: dict) -> dict:
    """A 10 px red square at (5, 20) repeated `copies` times, each copy 20 px to the right of the one before."""
    static = lambda v: {"a": 0, "k": v}                                       # noqa: E731
    layer = square_layer(static(RED))
    layer["ks"]["p"] = static([0, 0, 0])
    layer["shapes"] = [
        {"ty": "gr", "it": [{"ty": "rc", "d": 1, "s": static([10, 10]), "p": static([10, 20]), "r": static(0)},
                            {"ty": "fl", "c": static(RED), "o": static(100), "r": 1},
                            {"ty": "tr", "p": static([0, 0]), "a": static([0, 0]), "s": static([100, 100]),
                             "r": static(0), "o": static(100)}]},
        {"ty": "rp", "c": copies, "o": static(0), "m": 1,
         "tr": {"ty": "tr", "p": static([20, 0]), "a": static([0, 0]), "s": static([100, 100]), "r": static(0),
                "so": static(100), "eo": static(100)}}]
    return layer


def test_fractional_repeater_copies_round_as_skottie(tmp_path):
    """1.5 copies draw 2 squares, and a count animated from 0 to 2 over frames 0-30 draws none at frame 3
    (0.2 copies), 1 at frame 12 (0.8) and 2 from frame 24 (1.6): Skottie rounds the count to the nearest whole
    number (halves up); the player alone would round down (1 square; then none, none, 1)."""
    static = {"a": 0, "k": 1.5}
    animated = {"a": 1, "k": [{"t": 0, "s": [0], "e": [2], "i": {"x": [1], "y": [1]}, "o": {"x": [0], "y": [0]}},
                              {"t": 30, "s": [2]}]}
    for name, copies, checks in (("static.json", static, {0: 2}), ("animated.json", animated, {1: 0, 4: 1, 8: 2})):
        folder = tmp_path / name.split(".")[0]
        folder.mkdir()
        frames = render(folder, write(folder, name, animation([_repeated_square(copies)])))
        for i, count in checks.items():
            row = frames[i][20].astype(int)
            drawn = [x for x in (10, 30) if row[x][0] > 200 and row[x][1] < 60]
            assert len(drawn) == count, (name, i, row[10], row[30])


def test_null_easing_handles_ease_linearly(tmp_path):
    """Keyframes written with `"i": null, "o": null` (lottie-ios's pr_1632 samples) fade linearly, as Skottie and
    lottie-ios read them; the player alone held the first value. A red square fading 100 -> 0 % over frames
    0-30: at frame 15 (0.5 s) half red over the grey background."""
    fade = {"a": 1, "k": [{"t": 0, "s": [100], "i": None, "o": None, "ti": None, "to": None},
                          {"t": 30, "s": [0], "i": None, "o": None}]}
    layer = square_layer({"a": 0, "k": RED})
    layer["ks"]["o"] = fade
    frame = render(tmp_path, write(tmp_path, "fade.json", animation([layer])), duration=0.6)[5]
    assert np.abs(centre(frame) - [192, 64, 64]).max() <= 4, centre(frame)       # 0.5 red + 0.5 grey


def test_easing_names_alike_in_20_characters_keep_their_own_curves(tmp_path):
    """Two layers whose Bodymovin easing names differ only in their 23rd character: the player shared the first
    one's curve (a steep ease-in here) with the second, whose linear fade of a red square then lagged. The red
    square fades 100 -> 0 % linearly over frames 0-30: at frame 15 (0.5 s) it is half red over the grey."""
    steep = {"a": 1, "k": [{"t": 0, "s": [100], "o": {"x": [0.9], "y": [0]}, "i": {"x": [1], "y": [1]},
                            "n": ["0p833_0p833_0p167_0p179"]}, {"t": 30, "s": [100]}]}
    linear = {"a": 1, "k": [{"t": 0, "s": [100], "o": {"x": [0.167], "y": [0.167]},
                             "i": {"x": [0.833], "y": [0.833]}, "n": ["0p833_0p833_0p167_0p167"]},
                            {"t": 30, "s": [0]}]}
    hidden = square_layer({"a": 0, "k": BLUE})
    hidden["ks"]["o"], hidden["ks"]["p"] = steep, {"a": 0, "k": [-100, -100, 0]}       # off the frame
    red = square_layer({"a": 0, "k": RED})
    red["ks"]["o"] = linear
    hidden["ind"], red["ind"] = 2, 1
    frame = render(tmp_path, write(tmp_path, "names.json", animation([hidden, red])), duration=0.6)[5]
    assert np.abs(centre(frame) - [192, 64, 64]).max() <= 4, centre(frame)       # 0.5 red + 0.5 grey


def _drawn(folder: Path, doc: dict) -> np.ndarray:
    folder.mkdir()
    return render(folder, write(folder, "case.json", doc), duration=0.1)[0]


def _hue_saturation(rgb) -> tuple[float, float]:
    import colorsys
    h, _, s = colorsys.rgb_to_hls(*(c / 255 for c in rgb))
    return h * 360, s


def test_layer_styles_no_player_draws_are_left_out(tmp_path):
    """A Stroke layer style (which Skottie, lottie-web and lottie-android all leave out) no longer refuses the
    file: the square draws exactly as without the style."""
    styled = square_layer({"a": 0, "k": RED}, sy=[{"ty": 0, "nm": "Stroke", "c": {"a": 0, "k": [0, 0, 1, 1]},
                                                   "s": {"a": 0, "k": 4}}])
    plain = square_layer({"a": 0, "k": RED})
    with_style, without = _drawn(tmp_path / "a", animation([styled])), _drawn(tmp_path / "b", animation([plain]))
    assert np.array_equal(with_style, without)


def test_an_effect_that_draws_nothing_keeps_its_precomposition_drawable(tmp_path):
    """A precomposition layer carrying a Drop Shadow at opacity 0 (lottie-android's ph_onboarding_.json) holds a
    layer blended with Color: the precomposition is drawn as a sub-animation, the Color blend finished, as
    without the effect (the file used to be refused for the blend mode)."""
    def doc(shadow_opacity):
        blended = square_layer({"a": 0, "k": [0.2, 0.4, 0.9, 1]}, bm=14)
        under = square_layer({"a": 0, "k": [0.9, 0.5, 0.1, 1]})
        blended["ind"], under["ind"] = 1, 2
        shadow = {"ty": 25, "nm": "Drop Shadow", "en": 1, "ef": [
            {"ty": 2, "nm": "Shadow Color", "v": {"a": 0, "k": [0, 0, 0, 1]}},
            {"ty": 0, "nm": "Opacity", "v": {"a": 0, "k": shadow_opacity}},
            {"ty": 0, "nm": "Direction", "v": {"a": 0, "k": 135}},
            {"ty": 0, "nm": "Distance", "v": {"a": 0, "k": 4}},
            {"ty": 0, "nm": "Softness", "v": {"a": 0, "k": 4}},
            {"ty": 7, "nm": "Shadow Only", "v": {"a": 0, "k": 0}}]}
        holder = {"ddd": 0, "ind": 1, "ty": 0, "nm": "holder", "refId": "inner", "w": 40, "h": 40, "ip": 0,
                  "op": 1000, "st": 0, "ks": square_layer(RED)["ks"], "ef": [shadow] if shadow_opacity is not None
                  else []}
        return animation([holder], assets=[{"id": "inner", "layers": [blended, under]}])
    zero, none = _drawn(tmp_path / "a", doc(0)), _drawn(tmp_path / "b", doc(None))
    assert np.array_equal(zero, none)
    h, s = _hue_saturation(centre(zero))
    assert abs(h - _hue_saturation([51, 102, 230])[0]) < 6, centre(zero)          # Color: the top layer's hue


def test_a_file_without_a_version_is_read_as_the_current_format(tmp_path):
    """Hand-written files (lottie-docs' examples) leave out `v`: lottie-web and Skottie read them as the newest
    format and so does the layer, where it used to refuse them ("Lottie version None")."""
    doc = animation([square_layer({"a": 0, "k": RED})])
    del doc["v"]
    frame = render(tmp_path, write(tmp_path, "nov.json", doc), duration=0.1)[0]
    assert (centre(frame) == [255, 0, 0]).all(), centre(frame)


def test_animated_path_given_as_a_bare_shape_keeps_its_size_under_an_animated_stroke(tmp_path):
    """An animated stroke width has the layer's lengths scaled up 64 times inside a group scaled down as much
    (lottie_stroke_widths); Skia's skottie_sample_2.json gives its path keyframes' `s` as the shape itself, not a
    list of one shape, as Skottie and lottie-web also read it: those points were left unscaled and the shape
    drawn 64 times too small (mean 31.6 off Skottie)."""
    ring = {"i": [[0, 8], [-8, 0], [0, -8], [8, 0]], "o": [[0, -8], [8, 0], [0, 8], [-8, 0]],
            "v": [[-16, 0], [0, -16], [16, 0], [0, 16]], "c": True}
    layer = square_layer({"a": 0, "k": RED})
    layer["shapes"] = [
        {"ty": "sh", "ks": {"a": 1, "k": [{"t": 0, "s": ring, "i": {"x": 0.5, "y": 0.5}, "o": {"x": 0.5, "y": 0.5}},
                                          {"t": 60, "s": ring}]}},
        {"ty": "st", "c": {"a": 0, "k": BLUE}, "o": {"a": 0, "k": 100}, "lc": 1, "lj": 1,
         "w": {"a": 1, "k": [{"t": 0, "s": [4], "i": {"x": [0.5], "y": [0.5]}, "o": {"x": [0.5], "y": [0.5]}},
                             {"t": 60, "s": [6]}]}}]
    frame = render(tmp_path, write(tmp_path, "bare.json", animation([layer])), duration=0.1)[0].astype(int)
    assert (frame[20, 4, :3] == [0, 0, 255]).all(), frame[20, 4]        # the ring's left edge, 16 px from the centre
    assert (frame[20, 20, :3] != [0, 0, 255]).any(), frame[20, 20]     # and not a dot at the centre
