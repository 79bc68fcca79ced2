"""`tint:` on svg, image and logo layers: every painted pixel of the rendered frame takes the tint's colour and
keeps the alpha the artwork has untinted; a bad tint is refused at its line (exit 2)."""
from __future__ import annotations

import numpy as np

from foundation_media import hex_rgb, render_png_frames, write_project

# an opaque red square and a half-transparent green disc on nothing
ART = """<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100">
<rect x="5" y="5" width="40" height="40" fill="#ff0000"/>
<circle cx="70" cy="70" r="25" fill="#00ff00" fill-opacity="0.5"/>
</svg>"""


def _frame(tmp_path, name: str, layer: str, brand: str = "", tint: str = "") -> np.ndarray:
    (tmp_path / "art.svg").write_text(ART)
    project = write_project(tmp_path, f"""
        compositor: 1
        {brand}
        output: {{size: [200, 200], fps: 10, file: {name}}}
        shots:
          - id: a
            duration: 0.1
            background: none
            layers:
              - {layer}
                at: [100, 100]
                {f"tint: {tint}" if tint else ""}
        """, name=f"{name}.yaml")
    return render_png_frames(project, tmp_path / name)[0]


def test_svg_tint_recolours_painted_pixels_and_keeps_their_alpha(tmp_path):
    plain = _frame(tmp_path, "plain", "svg: art.svg")
    tinted = _frame(tmp_path, "tinted", "svg: art.svg", tint="primary")
    blue = np.array(hex_rgb("#2563EB"))                 # the neutral kit's primary
    assert np.array_equal(plain[..., 3], tinted[..., 3]), "the tint changed the artwork's alpha"
    solid = tinted[..., 3] == 255
    half = (tinted[..., 3] > 100) & (tinted[..., 3] < 155)
    assert solid.sum() > 1000 and half.sum() > 1000       # the square and the disc are both there
    for where in (solid, half):
        assert np.abs(tinted[where][:, :3].astype(int) - blue).max() <= 2
    # untinted, the same pixels keep their own colours (red square, green disc)
    assert (plain[solid][:, 0] > 230).all() and (plain[half][:, 1] > 230).all()
    assert (tinted[..., 3] == 0).sum() == (plain[..., 3] == 0).sum() > 10_000


def test_logo_tint_in_a_locked_kit_takes_a_token(tmp_path):
    plain = _frame(tmp_path, "logo", "logo: default", brand="brand: northwind")
    tinted = _frame(tmp_path, "logo-accent", "logo: default", brand="brand: northwind", tint="accent")
    painted = tinted[..., 3] > 200
    assert painted.sum() > 500
    assert np.abs(tinted[painted][:, :3].astype(int) - np.array(hex_rgb("#FF6A3D"))).max() <= 2
    assert len(np.unique(plain[plain[..., 3] > 200][:, :3], axis=0)) > 1    # the logo itself is not one colour


def test_bad_tints_are_refused_at_their_line(tmp_path, compositor_cli):
    (tmp_path / "art.svg").write_text(ART)
    write_project(tmp_path, """
        compositor: 1
        brand: northwind
        output: {size: [200, 200], fps: 10, file: out.mp4}
        shots:
          - id: a
            duration: 0.1
            background: {color: paper}
            layers:
              - svg: art.svg
                tint: "#00ff00"
              - logo: default
                tint: nocolour
        """)
    r = compositor_cli("validate", tmp_path / "project.yaml")
    assert r.returncode == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert lines[0].endswith(": shots[0].layers[0].tint: literal colour '#00ff00' is off-brand (the kit 'Northwind' "
                             "is locked) — use a colour token: accent, danger, ink, muted, paper, primary, success")
    assert "project.yaml:10:" in lines[0] and "project.yaml:12: shots[0].layers[1].tint: unknown colour 'nocolour'" \
        in lines[1]
    assert "Traceback" not in r.stderr


def test_the_documented_example_renders_in_the_token(tmp_path):
    """docs/project-file.md's tint example, verbatim, as the layer of a Northwind project."""
    import re

    from foundation_media import REPO

    doc = (REPO / "docs" / "project-file.md").read_text(encoding="utf-8")
    example = next(b for b in re.findall(r"```yaml\n(.*?)```", doc, re.S) if "tint:" in b)
    layer = "\n".join("      " + row for row in example.splitlines())
    project = write_project(tmp_path, "compositor: 1\nbrand: northwind\noutput: {size: [640, 360], fps: 10, "
                            "file: frames}\nshots:\n  - id: a\n    duration: 0.1\n    background: {color: ink}\n"
                            "    layers:\n" + layer + "\n")
    frame = render_png_frames(project, tmp_path / "frames")[0].astype(int)
    ink, paper = np.array(hex_rgb("#0B1020")), np.array(hex_rgb("#F7F8FA"))
    logo = np.abs(frame - ink).max(axis=2) > 8
    ys, xs = np.nonzero(logo)
    assert xs.min() >= 288 and xs.max() <= 608 and ys.min() > 180 and ys.max() <= 342, "not at the bottom right"
    assert xs.max() - xs.min() + 1 >= 250                          # width: 320, the artwork's own margins aside
    inside = np.abs(frame - paper).max(axis=2) <= 2
    assert inside.sum() > 0.5 * logo.sum()                        # the body of the logo is exactly paper
    # every other pixel lies between ink and paper: no colour of the logo's own survives
    off = frame[logo & ~inside]
    t = (off - ink) @ (paper - ink) / float((paper - ink) @ (paper - ink))
    assert np.abs(off - (ink + np.outer(t, paper - ink))).max() <= 3
