"""Keyframes, easing, enter/exit presets and transitions, measured on rendered (lossless PNG) frames:
opacity as a colour mix, scale as covered width, a rise as a vertical offset, a wipe/slide as covered columns."""
import numpy as np
import pytest

from foundation_media import assert_color, coverage, render_png_frames, write_project

FPS = 10
WHITE, BLACK = (255, 255, 255), (0, 0, 0)

ANIMATED = f"""
compositor: 1
output: {{size: [640, 360], fps: {FPS}, file: frames}}
shots:
  - id: keys
    duration: 2
    background: {{color: "#FFFFFF"}}
    layers:
      - rect: {{size: [120, 120], fill: "#000000"}}
        at: [110, 100]
        animate: {{opacity: [[0, 0], [1, 1]]}}
      - rect: {{size: [120, 120], fill: "#000000"}}
        at: [320, 100]
        animate: {{scale: [[0, 0.5], [1, 1.0]]}}
      - rect: {{size: [120, 120], fill: "#000000"}}
        at: [530, 100]
        animate: {{scale: [[0, 0.5], [1, 1.0]], ease: cubic-out}}
      - rect: {{size: [120, 80], fill: "#000000"}}
        at: [110, 270]
        enter: {{fade: 1, ease: linear}}
      - rect: {{size: [120, 80], fill: "#000000"}}
        at: [320, 270]
        enter: {{rise: 1, ease: linear, distance: 40}}
      - rect: {{size: [120, 80], fill: "#000000"}}
        at: [530, 270]
        exit: {{fade: 1, ease: linear}}
"""


@pytest.fixture(scope="module")
def frames(tmp_path_factory):
    folder = tmp_path_factory.mktemp("motion")
    return render_png_frames(write_project(folder, ANIMATED), folder / "frames")


def width_at_row(frame, y, x0, x1):
    return int(coverage(frame[:, x0:x1], BLACK, tol=100)[y].sum())


def test_frame_count(frames):
    assert len(frames) == 2 * FPS


@pytest.mark.parametrize("index,opacity", [(0, 0.0), (3, 0.3), (5, 0.5), (10, 1.0), (15, 1.0)])
def test_opacity_keyframes_mix_linearly(frames, index, opacity):
    expected = [255 * (1 - opacity)] * 3
    assert_color(frames[index], 110, 100, expected, tol=2, what=f"opacity at t={index / FPS}")


@pytest.mark.parametrize("index,scale", [(0, 0.5), (5, 0.75), (10, 1.0), (19, 1.0)])
def test_scale_keyframes_linear_measured_as_width(frames, index, scale):
    assert abs(width_at_row(frames[index], 100, 240, 400) - 120 * scale) <= 2


@pytest.mark.parametrize("index", [2, 5, 8])
def test_scale_keyframes_follow_cubic_out(frames, index):
    u = index / FPS
    scale = 0.5 + 0.5 * (1 - (1 - u) ** 3)
    assert abs(width_at_row(frames[index], 100, 450, 610) - 120 * scale) <= 2


def test_enter_fade_is_half_way_at_half_its_duration(frames):
    assert_color(frames[5], 110, 270, [127.5] * 3, tol=2, what="enter fade")
    assert_color(frames[12], 110, 270, BLACK, tol=1, what="after the enter")


def test_enter_rise_moves_up_into_place(frames):
    def top(frame):
        rows = np.nonzero(coverage(frame[180:, 280:360], BLACK, tol=200).any(axis=1))[0]
        return 180 + int(rows.min())
    settled = top(frames[15])
    assert abs(settled - (270 - 40)) <= 1
    # at t=0.5 a linear rise of 40 px is 20 px short of its place (opacity 0.5 but still measurable)
    assert abs(top(frames[5]) - (settled + 20)) <= 1


def test_exit_fade_ends_with_the_shot(frames):
    assert_color(frames[9], 530, 270, BLACK, tol=1, what="before the exit")
    assert_color(frames[15], 530, 270, [127.5] * 3, tol=2, what="exit fade half way")


TRANSITIONS = f"""
compositor: 1
output: {{size: [320, 180], fps: {FPS}, file: frames}}
shots:
  - id: a
    duration: 1
    background: {{color: "#FF0000"}}
  - id: b
    duration: 1
    background: {{color: "#0000FF"}}
    transition: {{wipe: 0.5, direction: right, ease: linear}}
  - id: c
    duration: 1
    background: {{color: "#FF0000"}}
    transition: {{slide: 0.5, direction: left, ease: linear}}
"""


@pytest.fixture(scope="module")
def transition_frames(tmp_path_factory):
    folder = tmp_path_factory.mktemp("transitions")
    return render_png_frames(write_project(folder, TRANSITIONS), folder / "frames")


def test_transitions_shorten_the_total(transition_frames):
    assert len(transition_frames) == (1 + 1 + 1 - 0.5 - 0.5) * FPS


def test_wipe_middle_frame_shows_half_of_each_shot(transition_frames):
    frame = transition_frames[5 + 2]          # shot b starts at frame 5; its 5-frame overlap is centred on 2
    blue = coverage(frame, (0, 0, 255), tol=10)[90]
    red = coverage(frame, (255, 0, 0), tol=10)[90]
    assert blue[:150].all() and red[170:].all(), "a wipe to the right shows the new shot on the left half"
    assert abs(int(blue.sum()) - 160) <= 8


def test_slide_middle_frame_pushes_half_way(transition_frames):
    frame = transition_frames[10 + 2]
    assert coverage(frame, (0, 0, 255), tol=2)[90, :160].all()
    assert coverage(frame, (255, 0, 0), tol=2)[90, 160:].all()
