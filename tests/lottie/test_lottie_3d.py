"""3D layers in a 3D composition: those that stay in the picture plane (Z rotation, scale, anchor) are drawn as
Skia's Skottie draws them through its default camera (tests/golden/lottie-3d, written by
`python3 bench/lottie_flat_3d_cases.py`); one turned out of the plane is refused, as the player has no
perspective."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "foundation"))
from foundation_media import REPO, read_png, render_png_frames, write_project  # noqa: E402

GOLDEN = REPO / "tests" / "golden" / "lottie-3d"
FILE = GOLDEN / "flat_3d.json"
FPS = 10
FRAMES = {0: 0.0, 21: 0.7}                          # Lottie frame (30 fps) -> shot time


def _project(tmp_path: Path, data: dict, size=200) -> Path:
    (tmp_path / "cards.json").write_text(json.dumps(data))
    return write_project(tmp_path, f"""
        compositor: 1
        brand: neutral
        output: {{size: [{size}, {size}], fps: {FPS}, file: frames}}
        shots:
          - id: a
            duration: 0.8
            background: {{color: "#808080"}}
            layers:
              - lottie: cards.json
                at: [0, 0]
                anchor: top-left
                width: {size}
                height: {size}
        """)


def test_3d_layers_in_the_picture_plane_draw_as_skottie(tmp_path):
    frames = render_png_frames(_project(tmp_path, json.loads(FILE.read_text())), tmp_path / "frames")
    for lottie_frame, t in FRAMES.items():
        ref = read_png(GOLDEN / f"frame-{lottie_frame}.png").astype(int)
        d = np.abs(frames[round(t * FPS)].astype(int) - ref)
        mean, p99 = d.mean(), np.percentile(d.max(axis=2), 99)
        assert mean <= 1.0 and p99 <= 25, (lottie_frame, mean, p99)
        assert ref.std() > 20


def test_a_3d_layer_turned_out_of_the_plane_is_refused(tmp_path, compositor_cli):
    data = json.loads(FILE.read_text())
    data["layers"][3]["ks"]["ry"] = {"a": 0, "k": 40}
    r = compositor_cli("validate", _project(tmp_path, data))
    out = r.stdout + r.stderr
    assert r.returncode == 2, out
    assert "Traceback" not in out
    assert re.search(r"cards\.json:1: layer 'card 4' in the main composition: a 3D layer \(Y rotation\)", out), out
