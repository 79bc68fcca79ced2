"""Render features measured on decoded output: the fade-through transition, `follow:` layers, stabilization
through a project render, the overlay/background passes composited back into the full render, `on_fail:
regenerate` end to end, and `--profile`."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from .session_project import DATA


def _frames(folder: Path, mode: str = "RGB") -> list[np.ndarray]:
    return [np.asarray(Image.open(f).convert(mode)).astype(np.float64) for f in sorted(Path(folder).glob("*.png"))]


def _footage_project(folder: Path, body: str, size=(480, 320), fps=12) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA / "mural_wall.mp4", folder / "mural_wall.mp4")
    path = folder / "project.yaml"
    path.write_text(f"compositor: 1\ntitle: features\noutput: {{size: {list(size)}, fps: {fps}, file: renders/out}}\n"
                    + body)
    return path


def test_fade_through_passes_through_its_colour(tmp_path, compositor_cli):
    path = tmp_path / "project.yaml"
    path.write_text("""\
compositor: 1
output: {size: [160, 96], fps: 10, file: renders/out}
shots:
  - {id: a, duration: 1.0, background: {color: "#d02020"}}
  - id: b
    duration: 1.0
    background: {color: "#2040d0"}
    transition: {fade-through: 0.6, color: "#000000", ease: linear}
""")
    r = compositor_cli("render", path)
    assert r.returncode == 0, r.stderr
    frames = _frames(tmp_path / "renders" / "out")
    assert len(frames) == 14                                   # 1.0 + 1.0 - 0.6 s at 10 fps
    means = [f.reshape(-1, 3).mean(axis=0) for f in frames]
    assert np.allclose(means[0], (0xd0, 0x20, 0x20), atol=2)
    assert np.allclose(means[-1], (0x20, 0x40, 0xd0), atol=2)
    lum = [m.mean() for m in means]
    darkest = int(np.argmin(lum))
    assert 4 <= darkest <= 9
    assert means[darkest].max() < 40                          # through black (a crossfade would be purple here)
    assert all(lum[k] >= lum[k + 1] - 0.5 for k in range(3, darkest))   # fading down into it
    assert all(lum[k] <= lum[k + 1] + 0.5 for k in range(darkest, 10))  # and up out of it


def _patch_motion(frames: list[np.ndarray], at: tuple[int, int], half: int = 24) -> np.ndarray:
    """Where the footage patch around `at` in frame 0 is in each frame (template matching, independent of the
    tracker): (n, 2) positions."""
    grey = [cv2.cvtColor(f.astype(np.uint8), cv2.COLOR_RGB2GRAY) for f in frames]
    x, y = at
    tmpl = grey[0][y - half:y + half, x - half:x + half]
    out = []
    for g in grey:
        res = cv2.matchTemplate(g, tmpl, cv2.TM_CCOEFF_NORMED)
        _, _, _, (bx, by) = cv2.minMaxLoc(res)
        out.append((bx + half, by + half))
    return np.array(out, float)


def _shaky_clip(path: Path, n: int = 36, size=(480, 320)) -> np.ndarray:
    """A textured wall filmed by a shaking camera: each frame the texture shifted by a known offset. Returns the
    (n, 2) offsets."""
    import av

    rng = np.random.default_rng(7)
    w, h = size
    big = cv2.GaussianBlur(rng.integers(0, 255, (h + 80, w + 80, 3), dtype=np.uint8), (0, 0), 2.0)
    big = cv2.normalize(big, None, 0, 255, cv2.NORM_MINMAX)
    t = np.arange(n)
    offsets = np.stack([14 * np.sin(t / 3.0) + 6 * np.sin(t * 1.7), 10 * np.cos(t / 4.0) + 5 * np.sin(t * 2.3)], 1)
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=12)
        stream.width, stream.height, stream.pix_fmt = w, h, "yuv420p"
        stream.options = {"crf": "12"}
        for dx, dy in offsets:
            m = np.float32([[1, 0, 40 + dx], [0, 1, 40 + dy]])
            frame = cv2.warpAffine(big, m, (w + 80, h + 80), flags=cv2.INTER_LINEAR)[40:40 + h, 40:40 + w]
            for packet in stream.encode(av.VideoFrame.from_ndarray(np.ascontiguousarray(frame), format="rgb24")):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return offsets


def test_stabilize_holds_the_plate_still(tmp_path, compositor_cli):
    moved = {}
    for stab in ("true", "false"):
        folder = tmp_path / stab
        folder.mkdir()
        _shaky_clip(folder / "shaky.mp4")
        path = folder / "project.yaml"
        path.write_text("compositor: 1\noutput: {size: [480, 320], fps: 12, file: renders/out}\nshots:\n"
                        "  - id: cam\n    duration: 3.0\n    background: {video: shaky.mp4, fit: cover}\n"
                        f"    tracks:\n      camera: {{stabilize: {stab}}}\n")
        r = compositor_cli("render", path)
        assert r.returncode == 0, r.stderr
        motion = _patch_motion(_frames(folder / "renders" / "out"), (240, 160))
        moved[stab] = np.linalg.norm(motion - motion[0], axis=1).max()
    assert moved["false"] > 15                                # the camera shakes the wall
    assert moved["true"] <= 1.5                               # the stabilized plate holds the reference


def test_follow_layer_moves_with_the_footage(tmp_path, compositor_cli):
    offsets = _shaky_clip(tmp_path / "shaky.mp4")
    path = tmp_path / "project.yaml"
    path.write_text("""\
compositor: 1
output: {size: [480, 320], fps: 12, file: renders/out}
shots:
  - id: cam
    duration: 3.0
    background: {video: shaky.mp4, fit: cover}
    tracks:
      spot: {point: [240, 160], at: 0, size: 96}
    layers:
      - rect: {size: [16, 16], fill: "#ff00ff"}
        follow: spot
""")
    r = compositor_cli("render", path)
    assert r.returncode == 0, r.stderr
    frames = _frames(tmp_path / "renders" / "out")
    assert len(frames) == 36
    truth = np.array([240.0, 160.0]) + offsets - offsets[0]    # the texture's known shift per frame
    for f, expect in zip(frames, truth):
        magenta = (f[..., 0] > 200) & (f[..., 1] < 60) & (f[..., 2] > 200)
        ys, xs = np.nonzero(magenta)
        assert len(xs) > 100
        assert np.hypot(xs.mean() - expect[0], ys.mean() - expect[1]) < 1.5


def test_overlay_and_background_passes_composite_into_the_full_render(tmp_path, compositor_cli):
    path = _footage_project(tmp_path, """\
shots:
  - id: cam
    duration: 1.0
    background: {video: mural_wall.mp4, fit: cover}
    layers:
      - text: "Passes"
        at: [240, 90]
      - rect: {size: [120, 60], radius: 12, fill: "#ff8800"}
        at: [240, 220]
        opacity: 0.7
        animate: {x: [[0, -60], [1.0, 60]]}
""")
    outs = {}
    for name in ("full", "overlays", "background"):
        out = tmp_path / "renders" / name
        r = compositor_cli("render", path, "--pass", name, "-o", out)
        assert r.returncode == 0, r.stderr
        outs[name] = out
    full = _frames(outs["full"])
    over = _frames(outs["overlays"], "RGBA")
    back = _frames(outs["background"])
    assert len(full) == len(over) == len(back) == 12
    for f, o, b in zip(full, over, back):
        a = o[..., 3:] / 255.0
        composed = o[..., :3] * a + b * (1 - a)
        edge = (o[..., 3] > 0) & (o[..., 3] < 255)
        edge = cv2.dilate(edge.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
        diff = np.abs(composed - f)
        assert diff.mean() <= 1.0
        assert diff[~edge].max() <= 4.0
    assert any(o[..., 3].max() == 255 for o in over) and all(o[..., 3].min() == 0 for o in over)


def test_overlays_pass_refuses_mp4_and_defaults_beside_the_video(tmp_path, compositor_cli):
    path = _footage_project(tmp_path, """\
shots:
  - {id: a, duration: 0.5, background: {color: "#203040"}, layers: [{text: "Hi"}]}
""").parent / "project.yaml"
    text = path.read_text().replace("file: renders/out", "file: renders/out.mp4")
    path.write_text(text)
    r = compositor_cli("render", path, "--pass", "overlays", "-o", tmp_path / "o.mp4")
    assert r.returncode == 2 and "MP4" in r.stderr and ".mov" in r.stderr
    r = compositor_cli("render", path, "--pass", "overlays")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "renders" / "out-overlays.mov").exists()
    assert not (tmp_path / "renders" / "out.mp4").exists()     # a pass never writes the finished video


def test_on_fail_regenerate_keeps_the_better_seed_and_renders_with_it(tmp_path, compositor_cli):
    path = tmp_path / "project.yaml"
    path.write_text("""\
compositor: 1
output: {size: [192, 112], fps: 12, file: renders/out}
shots:
  - id: dream
    duration: 1.0
    background:
      generate: {prompt: "soft bokeh lights drifting", seed: 11}
quality: {min_coherence: 100, on_fail: regenerate, max_regenerations: 2}
""")
    r = compositor_cli("render", path, timeout=600)
    assert r.returncode == 0, r.stderr
    assert "below 100" in r.stderr                              # nothing reaches 100: it warns after trying
    report = json.loads((tmp_path / "renders" / "out.coherence.json").read_text())
    assert report["shots"]
    selections = json.loads((tmp_path / ".compositor-cache" / "generate" / "selections.json").read_text())
    (attempt,) = selections.values()
    assert attempt in (0, 1, 2)
    first = [f.tobytes() for f in _frames(tmp_path / "renders" / "out")]
    shutil.rmtree(tmp_path / "renders")
    r = compositor_cli("render", path, timeout=600)            # a later render uses the kept seed
    assert r.returncode == 0, r.stderr
    assert [f.tobytes() for f in _frames(tmp_path / "renders" / "out")] == first
    if attempt:
        assert f"attempt {attempt}" in r.stderr


def test_profile_prints_where_the_time_went(tmp_path, compositor_cli):
    path = _footage_project(tmp_path, """\
shots:
  - id: cam
    duration: 1.0
    background: {video: mural_wall.mp4, fit: cover}
    layers: [{text: "Profile"}]
""")
    r = compositor_cli("render", path, "--profile", "--workers", "1")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    head = next(l for l in lines if l.startswith("profile:"))
    assert head.startswith("profile: 12 frames in")
    stages = {l.split()[0]: float(l.split()[1]) for l in lines if l.startswith("  ") and len(l.split()) == 4
              and l.split()[0] in ("prepare", "decode", "decode-wait", "draw", "composite", "encode", "join")}
    assert {"draw", "encode", "join"} <= set(stages)
    assert all(v >= 0 for v in stages.values()) and sum(stages.values()) > 0
    assert any(l.strip().startswith("text") for l in lines)     # per layer kind


def test_rendering_again_replaces_the_previous_output(tmp_path, compositor_cli):
    path = tmp_path / "project.yaml"
    path.write_text('compositor: 1\noutput: {size: [160, 96], fps: 10, file: out.mp4}\nshots:\n'
                    '  - {id: a, duration: 0.5, background: {color: "#203040"}}\n')
    for _ in range(2):        # the output names itself: it is never mistaken for an input
        r = compositor_cli("render", path)
        assert r.returncode == 0, r.stderr
    assert (tmp_path / "out.mp4").stat().st_size > 0


def test_end_on_an_unknown_shot_is_refused_at_load(tmp_path, compositor_cli):
    path = tmp_path / "project.yaml"
    path.write_text("compositor: 1\noutput: {size: [160, 96], fps: 10, file: out.mp4}\nshots:\n"
                    "  - {id: a, duration: 0.5, background: {color: \"#203040\"}}\n"
                    "  - id: b\n    duration: 0.5\n    background:\n"
                    "      generate: {prompt: waves, end_on: {shot: nowhere, at: end}}\n")
    r = compositor_cli("validate", path)
    assert r.returncode == 2
    assert f"{path}:8:" in r.stderr and "no earlier shot 'nowhere'" in r.stderr and "use one of: a" in r.stderr
