"""Text, logo (SVG) and shape rendering against small golden PNGs, and SVG files from resvg's test suite against
their Chrome-checked reference images — all with a tolerance, through the whole render path.

Regenerate the goldens after an intended change with COMPOSITOR_UPDATE_GOLDENS=1 (then look at them).
"""
import os

import numpy as np
import pytest

from foundation_media import DATA, GOLDEN, read_png, render_png_frames, write_png, write_project

UPDATE = os.environ.get("COMPOSITOR_UPDATE_GOLDENS") == "1"


def one_frame(folder, size, layers: str, background: str = "{color: paper}", brand: str = "northwind"):
    project = write_project(folder, f"""
        compositor: 1
        brand: {brand}
        output: {{size: {list(size)}, fps: 10, file: frames}}
        shots:
          - id: still
            duration: 0.1
            background: {background}
            layers:
        """ + layers)
    frames = render_png_frames(project, folder / "frames")
    assert len(frames) == 1
    return frames[0]


def differs(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """(mean absolute difference, fraction of pixels off by more than 48 in some channel)."""
    assert a.shape == b.shape, (a.shape, b.shape)
    d = np.abs(a.astype(int) - b.astype(int))
    return float(d.mean()), float((d.max(axis=2) > 48).mean())


def check_golden(name: str, frame: np.ndarray) -> None:
    path = GOLDEN / f"{name}.png"
    if UPDATE:
        write_png(path, frame)
    assert path.exists(), f"no golden {path}: run with COMPOSITOR_UPDATE_GOLDENS=1 once and review it"
    mean, far = differs(frame, read_png(path))
    assert mean <= 1.0 and far <= 0.003, f"{name}: mean diff {mean:.2f}, {far:.2%} of pixels far off"


# layer lists are indented to sit under `layers:` in one_frame's project
GOLDEN_CASES = {
    "text": ((320, 120), """
              - text: "Northwind 42"
                style: headline
                size: 48
                at: [160, 40]
              - text: "Quick brown fox"
                style: body
                size: 28
                color: primary
                at: [160, 92]
    """),
    "logo": ((320, 180), """
              - logo: default
                width: 240
                at: center
    """),
    "shapes": ((320, 180), """
              - rect: {size: [120, 70], radius: 16, fill: primary, stroke: accent, stroke_width: 4}
                at: [80, 60]
              - ellipse: {size: [90, 60], fill: accent}
                at: [240, 60]
              - line: {from: [30, 140], to: [150, 170], color: ink, width: 6}
              - arrow: {from: [190, 160], to: [300, 120], color: success, width: 5}
              - rect: {size: [60, 30], fill: ink}
                at: [160, 110]
                rotate: 30
                opacity: 0.6
    """),
}


@pytest.mark.parametrize("name", list(GOLDEN_CASES))
def test_matches_golden(tmp_path, name):
    size, layers = GOLDEN_CASES[name]
    check_golden(name, one_frame(tmp_path, size, layers))


def test_golden_check_notices_a_changed_drawing(tmp_path):
    """The tolerance is tight enough to catch a shape moved by a few pixels."""
    size, layers = GOLDEN_CASES["shapes"]
    moved = one_frame(tmp_path, size, layers.replace("at: [80, 60]", "at: [84, 60]"))
    mean, far = differs(moved, read_png(GOLDEN / "shapes.png"))
    assert far > 0.003 or mean > 1.0


SUITE = sorted(p.stem for p in (DATA / "svg").glob("*.svg"))


@pytest.mark.parametrize("name", SUITE)
def test_svg_suite_case_matches_its_reference(tmp_path, name):
    svg = DATA / "svg" / f"{name}.svg"
    (tmp_path / "art.svg").write_bytes(svg.read_bytes())
    reference = read_png(DATA / "svg" / f"{name}.png")
    h, w = reference.shape[:2]
    frame = one_frame(tmp_path, (w, h), f"""
              - svg: art.svg
                width: {w}
                at: center
    """, background='{color: "#FFFFFF"}', brand="neutral")
    if reference.shape[2] == 4:   # the references are transparent: compare over the same white
        a = reference[..., 3:4].astype(float) / 255
        reference = (reference[..., :3] * a + 255 * (1 - a) + 0.5).astype(np.uint8)
    mean, far = differs(frame, reference)
    assert mean <= 1.5 and far <= 0.005, f"{name}: mean diff {mean:.2f}, {far:.2%} of pixels far off"
