"""Where layers land, measured on rendered frames: named positions sit on the kit's safe area with the matching
corner of the layer, `anchor` picks the layer's own point, `rotate` turns about it, artwork keeps its aspect."""
import numpy as np
import pytest

from foundation_media import coverage, render_png_frames, write_project

W, H, SAFE = 320, 180, 0.05          # the neutral kit's safe area
BLACK = (0, 0, 0)


def bbox(mask: np.ndarray) -> tuple[int, int, int, int]:
    ys, xs = np.nonzero(mask)
    return int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1


def frame_with(tmp_path, layer: str) -> np.ndarray:
    project = write_project(tmp_path, f"""
        compositor: 1
        output: {{size: [{W}, {H}], fps: 10, file: frames}}
        shots:
          - id: a
            duration: 0.1
            background: {{color: "#FFFFFF"}}
            layers:
        """ + layer)
    return render_png_frames(project, tmp_path / "frames")[0]


@pytest.mark.parametrize("name,corner", [
    ("top-left", (W * SAFE, H * SAFE)),
    ("bottom-right", (W * (1 - SAFE), H * (1 - SAFE))),
    ("top-right", (W * (1 - SAFE), H * SAFE)),
    ("bottom-left", (W * SAFE, H * (1 - SAFE))),
])
def test_named_positions_put_the_matching_corner_on_the_safe_area(tmp_path, name, corner):
    frame = frame_with(tmp_path, f"""
              - rect: {{size: [40, 20], fill: "#000000"}}
                at: {name}
    """)
    x0, y0, x1, y1 = bbox(coverage(frame, BLACK, tol=128))
    cx = x0 if "left" in name else x1
    cy = y0 if "top" in name else y1
    assert (x1 - x0, y1 - y0) == (40, 20)
    assert abs(cx - corner[0]) <= 1 and abs(cy - corner[1]) <= 1, (name, (x0, y0, x1, y1))


def test_center_and_explicit_anchor(tmp_path):
    frame = frame_with(tmp_path, """
              - rect: {size: [40, 20], fill: "#000000"}
                at: [100, 100]
                anchor: [0, 0]
    """)
    assert bbox(coverage(frame, BLACK, tol=128)) == (100, 100, 140, 120)


def test_rotate_turns_about_the_anchor(tmp_path):
    frame = frame_with(tmp_path, """
              - rect: {size: [80, 10], fill: "#000000"}
                at: [160, 90]
                rotate: 90
    """)
    x0, y0, x1, y1 = bbox(coverage(frame, BLACK, tol=128))
    assert abs((x1 - x0) - 10) <= 2 and abs((y1 - y0) - 80) <= 2
    assert abs((x0 + x1) / 2 - 160) <= 1 and abs((y0 + y1) / 2 - 90) <= 1


def test_artwork_keeps_its_aspect_ratio(tmp_path):
    (tmp_path / "wide.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50" '
                                       'viewBox="0 0 200 50"><rect width="200" height="50" fill="#000"/></svg>')
    frame = frame_with(tmp_path, """
              - svg: wide.svg
                width: 160
                at: center
    """)
    x0, y0, x1, y1 = bbox(coverage(frame, BLACK, tol=128))
    assert abs((x1 - x0) - 160) <= 1 and abs((y1 - y0) - 40) <= 1
