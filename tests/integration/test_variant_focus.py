"""`focus:` keeps a subject in a variant's crop: real footage (tests/data/tracking/mural_wall.mp4, a panning
camera over a painted wall) cut to 9:16, where a centre crop leaves out a paint dot right of the middle. The dot
is found in the rendered frames by template matching against the source frame at its hand-annotated place."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import av
import cv2
import numpy as np
import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "tracking"
DOT = 5              # dot 5 of mural_wall.dots.json: x 537 -> 578 of 720 over the clip (the pan), y 410
FRAMES = (0, 24, 47)

PROJECT = """\
compositor: 1
output: {{size: [720, 480], fps: 8, file: out.mp4}}
variants:
  vertical: {{size: [270, 480]}}
shots:
  - id: wall
    duration: 6
    background: {{video: mural_wall.mp4, fit: cover{focus}}}
"""
TRACKS = """\
    tracks:
      dot: {point: [536.7, 409.9], at: 0, size: 64}
"""
MARKER = """\
    layers:                      # a marker riding 40 px above the dot (outside the matched patch)
      - {rect: {size: [32, 32], fill: "#FF00FF"}, at: [536.7, 369.9], follow: dot}
"""


def _decode(path: Path, fmt: str = "gray") -> list[np.ndarray]:
    with av.open(str(path)) as c:
        return [f.to_ndarray(format=fmt) for f in c.decode(video=0)]


@pytest.fixture(scope="module")
def source():
    ann = json.loads((DATA / "mural_wall.dots.json").read_text())
    frames = _decode(DATA / "mural_wall.mp4")
    return frames, {int(k): np.array(v[DOT]) for k, v in ann["frames"].items()}


def _render(tmp_path: Path, cli, focus: str, tracks: str = "", fmt: str = "gray") -> list[np.ndarray]:
    folder = tmp_path / (focus.strip(", focus:").replace(" ", "") or "centre")
    folder.mkdir()
    shutil.copy(DATA / "mural_wall.mp4", folder / "mural_wall.mp4")
    (folder / "project.yaml").write_text(PROJECT.format(focus=focus) + tracks)
    r = cli("render", folder / "project.yaml", "--variant", "vertical", cwd=folder, timeout=300)
    assert r.returncode == 0, r.stderr
    return _decode(folder / "out-vertical.mp4", fmt)


def _find(frame: np.ndarray, src: np.ndarray, at: np.ndarray, half: int = 20) -> tuple[float, tuple[int, int]]:
    """(match score, centre in `frame`) of the patch of `src` around `at` (same scale: the heights match)."""
    x, y = int(round(at[0])), int(round(at[1]))
    patch = src[y - half:y + half + 1, max(0, x - half):x + half + 1]
    res = cv2.matchTemplate(frame, patch, cv2.TM_CCOEFF_NORMED)
    _, score, _, loc = cv2.minMaxLoc(res)
    return score, (loc[0] + patch.shape[1] // 2, loc[1] + patch.shape[0] // 2)


def test_a_centre_crop_loses_the_dot_and_a_track_focus_keeps_it_in_frame(tmp_path, compositor_cli, source):
    frames, dots = source
    centre = _render(tmp_path, compositor_cli, "")
    coloured = _render(tmp_path, compositor_cli, ", focus: dot", TRACKS + MARKER, "rgb24")   # tracks re-aimed
    followed = [cv2.cvtColor(f, cv2.COLOR_RGB2GRAY) for f in coloured]
    fixed = _render(tmp_path, compositor_cli, ", focus: [0.9, 0.5]")
    assert centre[0].shape == followed[0].shape == (480, 270)
    for i in FRAMES:
        truth = dots[min(dots, key=lambda k: abs(k - i))]      # annotated at 0, 24, 48
        score, (x, y) = _find(centre[i], frames[i], truth)
        assert score < 0.8 or abs(y - truth[1]) > 3, (i, score, x, y)   # the centre crop (x 225..495) cuts it out
        score, (x, y) = _find(fixed[i], frames[i], truth)      # [0.9, 0.5]: the window clamps to x 450..720
        assert score > 0.8 and abs(x - (truth[0] - 450)) <= 3 and abs(y - truth[1]) <= 3, (i, score, x, y)
        score, (x, y) = _find(followed[i], frames[i], truth)   # the crop follows the dot: it stays mid-frame
        assert score > 0.8 and abs(x - 135) <= 8 and abs(y - truth[1]) <= 3, (i, score, x, y)
        f = coloured[i].astype(int)                            # the `follow:` marker rides with it in the crop
        ys, xs = np.nonzero((f[..., 0] > 180) & (f[..., 1] < 110) & (f[..., 2] > 180))
        assert len(xs) > 50 and abs(xs.mean() - x) <= 3 and abs(ys.mean() - (y - 40)) <= 3, (i, xs.mean(), x)


def test_focus_must_name_a_point_or_planar_track(tmp_path, compositor_cli):
    shutil.copy(DATA / "mural_wall.mp4", tmp_path / "mural_wall.mp4")
    (tmp_path / "project.yaml").write_text(PROJECT.format(focus=", focus: dott") + TRACKS)
    r = compositor_cli("render", tmp_path / "project.yaml", "--variant", "vertical", cwd=tmp_path)
    assert r.returncode == 2 and "project.yaml:8: shots[0].background.focus: variant 'vertical': no point or " \
        "planar track 'dott'" in r.stderr and "tracks here: dot" in r.stderr, r.stderr
    (tmp_path / "project.yaml").write_text(PROJECT.format(focus=", focus: [1.5, 0.5]"))
    r = compositor_cli("render", tmp_path / "project.yaml", cwd=tmp_path)
    assert r.returncode == 2 and "project.yaml:8:" in r.stderr and "fractions 0..1" in r.stderr, r.stderr


def test_a_track_the_centre_crop_cuts_away_fails_naming_the_variant(tmp_path, compositor_cli):
    """Without a focus the 9:16 centre crop leaves the dot out: its track cannot start, and the error says that
    this is the variant (the main cut tracks it fine)."""
    shutil.copy(DATA / "mural_wall.mp4", tmp_path / "mural_wall.mp4")
    (tmp_path / "project.yaml").write_text(PROJECT.format(focus="") + TRACKS)
    r = compositor_cli("preview", tmp_path / "project.yaml", "--at", "1", "--variant", "vertical",
                       "-o", tmp_path / "f.png", cwd=tmp_path)
    assert r.returncode == 2, r.stderr
    assert "project.yaml:10: shots[0].tracks.dot.point: variant 'vertical': only 0 trackable features" in r.stderr
    r = compositor_cli("preview", tmp_path / "project.yaml", "--at", "1", "-o", tmp_path / "f.png", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
