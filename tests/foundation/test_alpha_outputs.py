"""Transparent backgrounds: ProRes 4444 .mov, VP9 .webm and PNG sequences carry real alpha — opaque where a
layer is, zero elsewhere — and the colour under the alpha is the layer's colour."""
import av
import numpy as np
import pytest

from foundation_media import decode_video, decode_vp9_alpha, hex_rgb, read_png_sequence, render_to, write_project

PRIMARY = hex_rgb("#2563EB")     # the neutral kit's `primary`
FPS = 10


def alpha_project(folder, background="{none: true}"):
    return write_project(folder, f"""
        compositor: 1
        output: {{size: [320, 180], fps: {FPS}, file: out.mov}}
        shots:
          - id: cutout
            duration: 0.5
            background: {background}
            layers:
              - rect: {{size: [100, 60], fill: primary}}
                at: [80, 90]
              - ellipse: {{size: [80, 80], fill: primary}}
                at: [240, 90]
                opacity: 0.5
        """)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("alpha")
    alpha_project(folder)
    return folder


def check_alpha(frame: np.ndarray, tol: int, colour_tol: int) -> None:
    assert frame.shape == (180, 320, 4)
    alpha = frame[..., 3].astype(int)
    assert alpha[70:110, 40:120].min() >= 255 - tol, "opaque where the rect is"
    assert np.abs(frame[70:110, 40:120, :3].astype(int) - PRIMARY).max() <= colour_tol
    assert abs(alpha[90, 240] - 128) <= tol + 2, "half alpha where the ellipse at opacity 0.5 is"
    outside = np.ones(alpha.shape, bool)
    outside[55:125, 25:135] = False
    outside[45:135, 195:285] = False
    assert alpha[outside].max() <= tol, "transparent everywhere else"
    assert alpha[outside].mean() < 0.5


def test_prores_4444_mov_has_alpha(folder):
    out = render_to(folder / "project.yaml", folder / "out.mov")
    with av.open(str(out)) as c:
        stream = c.streams.video[0]
        assert stream.codec_context.name == "prores"
        assert "a" in stream.codec_context.pix_fmt.split("p")[0], stream.codec_context.pix_fmt  # yuva444p…
    frames = decode_video(out, fmt="rgba")
    assert len(frames) == 5
    check_alpha(frames[2], tol=1, colour_tol=3)


def test_vp9_webm_has_alpha(folder):
    out = render_to(folder / "project.yaml", folder / "out.webm")
    with av.open(str(out)) as c:
        assert c.streams.video[0].codec_context.name == "vp9"
    frames = decode_vp9_alpha(out)
    assert len(frames) == 5
    check_alpha(frames[2], tol=4, colour_tol=8)


def test_png_sequence_has_alpha(folder):
    out = render_to(folder / "project.yaml", folder / "frames")
    frames = read_png_sequence(out)
    assert len(frames) == 5
    check_alpha(frames[2], tol=0, colour_tol=1)


def test_mp4_refuses_a_transparent_background(folder):
    from compositor.errors import UserError
    from foundation_media import load

    with pytest.raises(UserError) as info:
        load(folder / "project.yaml", folder / "out.mp4")
    assert "alpha" in str(info.value)


def test_background_none_written_as_a_plain_word(tmp_path):
    project = alpha_project(tmp_path, background="none")
    frames = read_png_sequence(render_to(project, tmp_path / "frames"))
    check_alpha(frames[2], tol=0, colour_tol=1)
