"""The default output, rendered by the CLI and decoded: H.264 yuv420p, +faststart, exactly duration x fps frames
(a crossfade overlaps two shots, so the total is shorter by its length), brand fills and the crossfade mix."""
import av
import numpy as np
import pytest

from foundation_media import assert_color, decode_video, hex_rgb, top_level_atoms, write_project

RED, BLUE = "#E03020", "#2040E0"
PRIMARY = "#2563EB"          # the neutral kit's `primary`
FPS = 10

PROJECT = f"""
compositor: 1
title: Contract
output: {{size: [320, 180], fps: {FPS}, file: renders/contract.mp4, preset: ultrafast}}
shots:
  - id: red
    duration: 1.5
    background: {{color: "{RED}"}}
    layers:
      - rect: {{size: [120, 60], fill: primary}}
        at: [80, 90]
  - id: blue
    duration: 1.5
    background: {{color: "{BLUE}"}}
    transition: {{crossfade: 0.5}}
"""
N_FRAMES = int((1.5 + 1.5 - 0.5) * FPS)       # 25: the crossfade overlaps 5 frames


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, compositor_cli):
    folder = tmp_path_factory.mktemp("contract")
    project = write_project(folder, PROJECT)
    result = compositor_cli("render", project, cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder / "renders" / "contract.mp4", result


def test_cli_reports_success_without_traceback(rendered):
    path, result = rendered
    assert "Traceback" not in result.stderr
    assert str(path) in result.stdout and f"{N_FRAMES} frames" in result.stdout


def test_stream_is_h264_yuv420p_at_the_project_size_and_rate(rendered):
    path, _ = rendered
    with av.open(str(path)) as c:
        stream = c.streams.video[0]
        assert stream.codec_context.name == "h264"
        assert stream.codec_context.pix_fmt == "yuv420p"
        assert (stream.codec_context.width, stream.codec_context.height) == (320, 180)
        assert stream.average_rate == FPS
        assert stream.frames == N_FRAMES


def test_decoded_frame_count_is_duration_times_fps_minus_the_overlap(rendered):
    frames = decode_video(rendered[0])
    assert len(frames) == N_FRAMES
    assert frames[0].shape == (180, 320, 3)


def test_moov_atom_comes_before_mdat_faststart(rendered):
    atoms = top_level_atoms(rendered[0])
    assert "moov" in atoms and "mdat" in atoms, atoms
    assert atoms.index("moov") < atoms.index("mdat"), atoms


def test_brand_fill_and_background_colours_survive_encoding(rendered):
    frame = decode_video(rendered[0])[3]
    assert_color(frame, 80, 90, hex_rgb(PRIMARY), tol=6, what="rect `fill: primary`")
    assert_color(frame, 260, 40, hex_rgb(RED), tol=6, what="background")


def test_crossfade_middle_frame_is_the_half_mix(rendered):
    frames = decode_video(rendered[0])
    first_blue = 15 - 5                       # shot 2 starts where the overlap starts
    red, blue = np.array(hex_rgb(RED)), np.array(hex_rgb(BLUE))
    assert_color(frames[first_blue - 1], 260, 40, red, tol=6, what="last frame before the crossfade")
    assert_color(frames[first_blue + 2], 260, 40, (red + blue) / 2, tol=6, what="crossfade midpoint")
    assert_color(frames[first_blue + 5], 260, 40, blue, tol=6, what="first frame after the crossfade")
    # every overlap frame mixes both shots, moving monotonically from red to blue
    reds = [frames[i][40, 260, 0] for i in range(first_blue - 1, first_blue + 6)]
    assert all(a > b for a, b in zip(reds, reds[1:])), reds


def test_fractional_frame_rate_keeps_exact_counts(tmp_path):
    """29.97 fps: each shot is round(duration x fps) frames, the overlap round(transition x fps)."""
    from fractions import Fraction

    from foundation_media import render_to

    project = write_project(tmp_path, """
        compositor: 1
        output: {size: [64, 36], fps: 29.97, file: out.mp4, preset: ultrafast}
        shots:
          - id: a
            duration: 1
          - id: b
            duration: 1
            background: {color: ink}
            transition: {crossfade: 0.5}
        """)
    out = render_to(project, tmp_path / "out.mp4")
    with av.open(str(out)) as c:
        assert c.streams.video[0].average_rate == Fraction(2997, 100)
    assert len(decode_video(out)) == 30 + 30 - 15
