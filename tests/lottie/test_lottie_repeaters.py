"""Repeaters written out as the copies they draw (overlays/lottie_repeater_copies.py), on rendered pixels: each
copy draws as a group (its shapes together, copy 0 on top under Composite "below"), opacity spaced by index/count
as Skottie spaces it, and two repeaters in one group paint every square once (lottie-android's Repeater.json,
where the player alone painted one column twice)."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "foundation"))
from foundation_media import REPO, render_png_frames, write_project  # noqa: E402
from lottie_files import animation, square_layer, write  # noqa: E402

GREY = np.array([128, 128, 128])


def _static(v):
    return {"a": 0, "k": v}


def render(folder: Path, file: str, size=(40, 40)):
    p = write_project(folder, f"""
        compositor: 1
        brand: neutral
        output: {{size: {list(size)}, fps: 10, file: frames}}
        shots:
          - id: a
            duration: 0.2
            background: {{color: "#808080"}}
            layers:
              - lottie: {file}
                at: [0, 0]
                anchor: top-left
                width: {size[0]}
                height: {size[1]}
        """)
    return render_png_frames(p, folder / "frames")


def _two_squares_repeated(end_opacity: float) -> dict:
    """A red 10 px square over a blue 20 px one, both centred at (10, 10), repeated twice 8 px down-right."""
    group = lambda size, rgb: {"ty": "gr", "it": [                                  # noqa: E731
        {"ty": "rc", "d": 1, "s": _static([size, size]), "p": _static([10, 10]), "r": _static(0)},
        {"ty": "fl", "c": _static(rgb + [1]), "o": _static(100), "r": 1},
        {"ty": "tr", "p": _static([0, 0]), "a": _static([0, 0]), "s": _static([100, 100]), "r": _static(0),
         "o": _static(100)}]}
    layer = square_layer(_static([1, 0, 0, 1]))
    layer["ks"]["p"] = _static([0, 0, 0])
    layer["shapes"] = [group(10, [1, 0, 0]), group(20, [0, 0, 1]),
                       {"ty": "rp", "c": _static(2), "o": _static(0), "m": 1,
                        "tr": {"ty": "tr", "p": _static([8, 8]), "a": _static([0, 0]), "s": _static([100, 100]),
                               "r": _static(0), "so": _static(100), "eo": _static(end_opacity)}}]
    return animation([layer])


def test_each_copy_draws_as_a_group_copy_zero_on_top(tmp_path):
    """At (18, 18) copy 0's blue square lies over copy 1's red one: the copies are stacked whole. The player
    alone stacked every red copy over every blue one (red there)."""
    frame = render(tmp_path, write(tmp_path, "rp.json", _two_squares_repeated(100)))[0].astype(int)
    assert np.abs(frame[18, 18] - [0, 0, 255]).max() <= 4, frame[18, 18]
    assert np.abs(frame[20, 20] - [255, 0, 0]).max() <= 4, frame[20, 20]      # copy 1's red, past copy 0


def test_copy_opacity_is_spaced_by_index_over_count(tmp_path):
    """Start 100 %, end 0 %, 2 copies: copy 1 at 100 - 100·1/2 = 50 % (Skottie; the player alone gave
    100 - 100·2/2 = 0 %, so nothing), blue over grey at (25, 25)."""
    frame = render(tmp_path, write(tmp_path, "rp.json", _two_squares_repeated(0)))[0].astype(int)
    expected = np.round(GREY * 0.5 + np.array([0, 0, 255]) * 0.5)
    assert np.abs(frame[25, 25] - expected).max() <= 4, frame[25, 25]


def test_two_repeaters_paint_each_square_once(tmp_path):
    """lottie-android's Repeater.json at frame 0: a 65.7 px square, a repeater (2 copies, 100 px down), a red and
    a blue fill at 50 %, a second repeater (2 copies, 100 px right). Four squares, each red 50 % over blue 50 % —
    the same colour in each; the player alone painted the right column twice (more opaque)."""
    shutil.copy(REPO / "bench" / "lottie-corpus" / "lottie-android" / "Repeater.json", tmp_path)
    frame = render(tmp_path, "Repeater.json", size=(300, 300))[0].astype(int)
    blue = GREY * 0.5 + np.array([0.132077 * 255, 0, 255]) * 0.5
    expected = np.round(blue * 0.5 + np.array([255, 0, 0]) * 0.5)
    for x, y in ((49, 48), (149, 48), (49, 148), (149, 148)):
        assert np.abs(frame[y, x] - expected).max() <= 4, ((x, y), frame[y, x], expected)


def test_a_faded_copy_draws_as_a_whole(tmp_path):
    """Both copies at 50 %: at (10, 10) copy 0's red square is drawn over copy 1's blue at 50 % as one picture
    (red over what lies below), as Skottie draws a copy; the player alone faded each paint of the copy, so
    copy 0's own blue square showed through its red one."""
    data = _two_squares_repeated(50)
    data["layers"][0]["shapes"][-1]["tr"]["so"] = _static(50)
    frame = render(tmp_path, write(tmp_path, "rp.json", data))[0].astype(int)
    below = GREY * 0.5 + np.array([0, 0, 255]) * 0.5                         # copy 1's blue at 50 %
    expected = np.round(below * 0.5 + np.array([255, 0, 0]) * 0.5)
    assert np.abs(frame[10, 10] - expected).max() <= 4, (frame[10, 10], expected)
