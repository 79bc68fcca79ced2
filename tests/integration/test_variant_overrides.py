"""Variants that change the project: `set:` overrides by id, per-variant values in place, the `scale` rule,
`--variant all`, and errors that say which variant they are about — measured on previewed frames and exit codes."""
from __future__ import annotations

import textwrap

import cv2
import numpy as np

PROJECT = """\
compositor: 1
output:
  size: [640, 360]
  fps: 10
  file: out.mp4
variants:
  vertical:
    size: [360, 640]
    set:
      "a.box.at": [100, 520]
      "a.box.rect.size": [200, 40]
  wide: {size: [640, 180], scale: width}
  tall: {size: [640, 720], scale: height}
shots:
  - id: a
    duration: 1
    background: {color: white}
    layers:
      - id: box
        rect: {size: [100, 50], fill: black}
        at: [160, 90]
      - id: dot
        rect: {size: [20, 20], fill: black}
        at: {default: [600, 300], vertical: [300, 40]}
"""


def _boxes(png):
    """Bounding boxes (x0, y0, x1, y1) of the dark blobs of a frame, largest first, and the frame's shape."""
    img = cv2.imread(str(png), cv2.IMREAD_GRAYSCALE)
    n, _, stats, _ = cv2.connectedComponentsWithStats((img < 128).astype(np.uint8))
    blobs = sorted(stats[1:], key=lambda s: -s[4])
    return img.shape, [(x, y, x + w, y + h) for x, y, w, h, _ in blobs]


def _preview(cli, folder, *extra):
    r = cli("preview", folder / "project.yaml", "--at", "0.5", "-o", folder / "f.png", *extra, cwd=folder)
    assert r.returncode == 0, r.stderr
    return _boxes(folder / "f.png")


def test_set_moves_and_resizes_a_layer_by_id_in_the_variant_only(tmp_path, compositor_cli):
    (tmp_path / "project.yaml").write_text(PROJECT)
    shape, (box, dot) = _preview(compositor_cli, tmp_path, "--variant", "vertical")
    assert shape == (640, 360)
    # set a.box.at [100, 520] and its size [200, 40]: exactly there, in the variant's own pixels, at 1:1
    assert box == (0, 500, 200, 540)
    # the in-place value: the dot is at [300, 40] of the 360x640 frame, scaled by the smaller axis (0.5625)
    assert abs((dot[0] + dot[2]) / 2 - 300) <= 1 and abs((dot[1] + dot[3]) / 2 - 40) <= 1
    assert abs((dot[2] - dot[0]) - 11) <= 1
    # the main cut keeps the values written for it
    shape, (box, dot) = _preview(compositor_cli, tmp_path)
    assert shape == (360, 640) and box == (110, 65, 210, 115) and dot == (590, 290, 610, 310)


def test_scale_rule_names_the_axis_layers_follow(tmp_path, compositor_cli):
    (tmp_path / "project.yaml").write_text(PROJECT)
    # wide 640x180: width ratio 1, height ratio 0.5; `scale: width` keeps the box 100x50 (min would halve it),
    # positions keep their relative place
    shape, (box, _) = _preview(compositor_cli, tmp_path, "--variant", "wide")
    assert shape == (180, 640) and (box[2] - box[0], box[3] - box[1]) == (100, 50)
    assert abs((box[0] + box[2]) / 2 - 160) <= 1 and abs((box[1] + box[3]) / 2 - 45) <= 1
    # tall 640x720: height ratio 2 -> `scale: height` doubles the box (min would keep it 100x50)
    shape, (box, _) = _preview(compositor_cli, tmp_path, "--variant", "tall")
    assert shape == (720, 640) and (box[2] - box[0], box[3] - box[1]) == (200, 100)
    assert abs((box[0] + box[2]) / 2 - 160) <= 1 and abs((box[1] + box[3]) / 2 - 180) <= 1


def test_an_unknown_set_path_names_the_variant_and_the_line_of_the_entry(tmp_path, compositor_cli):
    text = PROJECT.replace('"a.box.at"', '"a.bx.at"')
    (tmp_path / "project.yaml").write_text(text)
    line = text.splitlines().index('      "a.bx.at": [100, 520]') + 1
    for args in ((), ("--variant", "vertical"), ("--variant", "wide")):
        r = compositor_cli("preview", tmp_path / "project.yaml", "--at", "0.5", "-o", tmp_path / "f.png", *args,
                           cwd=tmp_path)
        assert r.returncode == 2, r.stderr
        assert f"project.yaml:{line}:" in r.stderr and "in variant 'vertical'" in r.stderr, r.stderr
        assert "'bx'" in r.stderr and "box" in r.stderr and "Traceback" not in r.stderr
    for bad, words in (('"b.box.at"', "no shot 'b'"), ('"a.box.atx"', "has no key 'atx'")):
        (tmp_path / "project.yaml").write_text(PROJECT.replace('"a.box.at"', bad))
        r = compositor_cli("render", tmp_path / "project.yaml", "--variant", "vertical", cwd=tmp_path)
        assert r.returncode == 2 and f"project.yaml:{line}:" in r.stderr and words in r.stderr, r.stderr


def test_a_bad_value_given_by_a_variant_is_reported_at_its_line_naming_the_variant(tmp_path, compositor_cli):
    text = PROJECT.replace('[100, 520]', '"nowhere"')
    (tmp_path / "project.yaml").write_text(text)
    line = text.splitlines().index('      "a.box.at": "nowhere"') + 1
    r = compositor_cli("preview", tmp_path / "project.yaml", "--at", "0.5", "--variant", "vertical", cwd=tmp_path)
    assert r.returncode == 2
    assert f"project.yaml:{line}: shots[0].layers[0].at: variant 'vertical': unknown position 'nowhere'" in r.stderr
    # the main cut does not use the value: it loads
    r = compositor_cli("preview", tmp_path / "project.yaml", "--at", "0.5", "-o", tmp_path / "f.png", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    # `validate` checks every variant, so it finds it without naming one
    r = compositor_cli("validate", tmp_path / "project.yaml", cwd=tmp_path)
    assert r.returncode == 2 and f"project.yaml:{line}: shots[0].layers[0].at: variant 'vertical'" in r.stderr
    (tmp_path / "project.yaml").write_text(PROJECT)
    r = compositor_cli("validate", tmp_path / "project.yaml", cwd=tmp_path)
    assert r.returncode == 0 and "variants: vertical, wide, tall" in r.stdout, r.stderr


def test_a_variant_declared_in_both_places_is_an_error(tmp_path, compositor_cli):
    text = PROJECT.replace("  file: out.mp4\n", "  file: out.mp4\n  variants:\n    wide: {size: [640, 200]}\n")
    (tmp_path / "project.yaml").write_text(text)
    r = compositor_cli("render", tmp_path / "project.yaml", cwd=tmp_path)
    assert r.returncode == 2 and "'wide' is declared twice" in r.stderr, r.stderr


def test_variant_all_renders_every_cut_to_its_own_file(tmp_path, compositor_cli):
    (tmp_path / "project.yaml").write_text(PROJECT)
    r = compositor_cli("render", tmp_path / "project.yaml", "--variant", "all", cwd=tmp_path, timeout=300)
    assert r.returncode == 0, r.stderr
    sizes = {}
    for name in ("out", "out-vertical", "out-wide", "out-tall"):
        cap = cv2.VideoCapture(str(tmp_path / f"{name}.mp4"))
        ok, frame = cap.read()
        cap.release()
        assert ok, name
        sizes[name] = frame.shape[:2]
    assert sizes == {"out": (360, 640), "out-vertical": (640, 360), "out-wide": (180, 640), "out-tall": (720, 640)}
    # one failing cut: the others are still written, the command exits 2 naming it
    for f in tmp_path.glob("out*.mp4"):
        f.unlink()
    (tmp_path / "project.yaml").write_text(PROJECT.replace("[100, 520]", '"nowhere"'))
    r = compositor_cli("render", tmp_path / "project.yaml", "--variant", "all", cwd=tmp_path, timeout=300)
    assert r.returncode == 2 and "failed: vertical" in r.stderr, r.stderr
    assert {f.name for f in tmp_path.glob("out*.mp4")} == {"out.mp4", "out-wide.mp4", "out-tall.mp4"}


def test_old_output_variants_take_set_too(tmp_path, compositor_cli):
    text = textwrap.dedent("""\
        compositor: 1
        output:
          size: [640, 360]
          fps: 10
          file: out.mp4
          variants:
            vertical: {size: [360, 640], set: {"a.box.at": [180, 600]}}
        shots:
          - id: a
            duration: 1
            background: {color: white}
            layers:
              - id: box
                rect: {size: [100, 50], fill: black}
                at: [160, 90]
        """)
    (tmp_path / "project.yaml").write_text(text)
    shape, (box,) = _preview(compositor_cli, tmp_path, "--variant", "vertical")
    assert abs((box[0] + box[2]) / 2 - 180) <= 1 and abs((box[1] + box[3]) / 2 - 600) <= 1
