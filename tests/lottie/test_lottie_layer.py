"""`lottie:` layers through the whole render path, on real third-party Lottie files (tests/data/lottie/SOURCES.md):
frames against goldens from the same player, against lottie-ios's own snapshots, timing (the frame at t is the
player's frame t * fr), determinism, the brand lock and bad files (exit 2 naming FILE:LINE)."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "foundation"))
from foundation_media import DATA, REPO, read_png, render_png_frames, write_png, write_project  # noqa: E402

LOTTIE = DATA / "lottie"
GOLDEN = REPO / "tests" / "golden" / "lottie"
UPDATE = os.environ.get("COMPOSITOR_UPDATE_GOLDENS") == "1"


def project(folder: Path, layers: str, size=(400, 300), fps: int = 30, duration: float = 1.0,
            brand: str = "neutral", background: str = "{color: \"#000000\"}", files=()) -> Path:
    for f in files:
        shutil.copy(LOTTIE / f, folder / f)
    return write_project(folder, f"""
        compositor: 1
        brand: {brand}
        output: {{size: {list(size)}, fps: {fps}, file: frames}}
        shots:
          - id: a
            duration: {duration}
            background: {background}
            layers:
        """ + layers)


def player_frame(file: str, f: float, w: int, h: int, bg: int = 0) -> np.ndarray:
    """The player's own drawing of Lottie frame f, composited (premultiplied) over a grey level `bg`."""
    from overlays.lottie_player import LottiePlayer
    rgba = LottiePlayer((LOTTIE / file).read_text()).frame(f, w, h).astype(np.float32)
    return np.round(rgba[..., :3] + bg * (1 - rgba[..., 3:] / 255)).astype(np.uint8)


GREY = "{color: \"#808080\"}"


def test_frames_match_goldens_and_lottie_ios(tmp_path):
    """HamburgerArrow (400x300, 30 fps, 180 frames) at its native size: the frame at t=3 s is Lottie frame 90
    (lottie-ios's 50% snapshot); it matches the golden and is within 1 level of lottie-ios over the drawing."""
    p = project(tmp_path, """
              - lottie: HamburgerArrow.json
                at: [0, 0]
                anchor: top-left
        """, duration=3.1, files=["HamburgerArrow.json"])
    frames = render_png_frames(p, tmp_path / "frames")
    assert len(frames) == 93
    for i in (0, 45, 90):
        golden = GOLDEN / f"HamburgerArrow-{i}.png"
        if UPDATE:
            write_png(golden, frames[i])
        d = np.abs(frames[i].astype(int) - read_png(golden).astype(int))
        assert d.mean() <= 1.0 and (d.max(axis=2) > 48).mean() <= 0.003, (i, d.mean())
    from PIL import Image
    ref = np.asarray(Image.open(LOTTIE / "reference" / "HamburgerArrow-50.png").convert("RGBA")
                     .resize((400, 300), Image.LANCZOS)).astype(np.float32)
    ref_over_black = ref[..., :3] * ref[..., 3:] / 255
    drawn = ref[..., 3] > 0
    assert drawn.mean() > 0.01
    assert np.abs(frames[90].astype(np.float32) - ref_over_black)[drawn].mean() < 8.0
    assert not np.array_equal(frames[0], frames[90])      # it does move


@pytest.mark.parametrize("speed,loop,frames,expect", [
    (1.0, False, None, lambda i: 2 * i),                  # 60 fps Lottie in a 30 fps video: frame 2i
    (0.5, False, None, lambda i: i),
    (1.0, True, "[10, 40]", lambda i: 10 + (2 * i) % 30),
    (1.0, False, "[10, 40]", lambda i: 10 + min(2 * i, 29)),
])
def test_timing_is_the_players_frame_at_t_times_fr(tmp_path, speed, loop, frames, expect):
    """loading_dots_3: 300x300, fr 60, frames 0..65. Every rendered frame equals the player's frame at its time."""
    extra = f"\n                frames: {frames}" if frames else ""
    p = project(tmp_path, f"""
              - lottie: loading_dots_3.json
                at: [0, 0]
                anchor: top-left
                speed: {speed}
                loop: {str(loop).lower()}{extra}
        """, size=(300, 300), duration=1.0, background=GREY, files=["loading_dots_3.json"])
    out = render_png_frames(p, tmp_path / "frames")
    assert len(out) == 30
    def err(i, f):
        return np.abs(out[i].astype(int) - player_frame("loading_dots_3.json", f, 300, 300, bg=128)).mean()

    told_apart = 0
    for i in (2, 5, 7, 11, 13, 16, 24):
        exact = err(i, expect(i))
        assert exact < 0.06, (i, exact)        # the compositor's placement resampling, nothing else
        told_apart += min(err(i, expect(i) - 1), err(i, expect(i) + 1)) > 3 * exact
    assert told_apart >= 3                     # the neighbouring frames are clearly worse matches
    distinct = {hashlib.sha1(f.tobytes()).hexdigest() for f in out}
    assert len(distinct) > 5


def test_fractional_frames_and_placement(tmp_path):
    """A 60 fps Lottie at 24 fps shows frame 2.5 at video frame 1 (not 2 or 3); scaled and placed like any
    layer; a second render of the same project is bit-identical (determinism)."""
    layers = """
              - lottie: loading_dots_3.json
                at: [200, 150]
                width: 150
        """
    p = project(tmp_path, layers, size=(400, 300), fps=24, duration=0.5, background=GREY,
                files=["loading_dots_3.json"])
    a = render_png_frames(p, tmp_path / "frames")
    b = render_png_frames(p, tmp_path / "frames2")
    assert [hashlib.sha1(x.tobytes()).hexdigest() for x in a] == [hashlib.sha1(x.tobytes()).hexdigest() for x in b]
    crop = a[1][75:225, 125:275]
    assert (a[1][:70] == 128).all() and (a[1][230:] == 128).all()
    want = player_frame("loading_dots_3.json", 2.5, 150, 150, bg=128)
    assert np.abs(crop.astype(int) - want.astype(int)).mean() < 2.0
    for other in (2.0, 3.0):
        assert np.abs(crop.astype(int) - player_frame("loading_dots_3.json", other, 150, 150, bg=128).astype(int)).mean() \
            > np.abs(crop.astype(int) - want.astype(int)).mean()


def test_dotlottie_and_images_inlined(tmp_path):
    """A .lottie archive plays; a Lottie with an external image is read once at load (the image is inlined)."""
    p = project(tmp_path, """
              - lottie: confused.lottie
                at: [0, 0]
                anchor: top-left
                width: 200
              - lottie: dog.json
                at: [200, 0]
                anchor: top-left
                width: 200
        """, files=["confused.lottie", "dog.json", "dog.png"])
    frames = render_png_frames(p, tmp_path / "frames")
    (tmp_path / "dog.png").unlink()                        # no file is read at draw time
    assert frames[10][:200, :200].max() > 100             # the face
    dog = frames[10][20:180, 220:380].astype(int)
    assert dog.mean() > 60 and dog.std() > 20              # the photo


def _strict_kit(folder: Path) -> Path:
    kit = folder / "kit"
    shutil.copytree(REPO / "brand" / "kits" / "northwind", kit)
    return kit


def test_strict_kit_recolours_fills_to_tokens(tmp_path):
    kit = _strict_kit(tmp_path)
    p = project(tmp_path, """
              - lottie: HamburgerArrow.json
                at: [0, 0]
                anchor: top-left
                colors: {"#6629b2": accent}
        """, brand=str(kit), duration=0.1, background="{color: ink}", files=["HamburgerArrow.json"])
    frame = render_png_frames(p, tmp_path / "frames")[0]
    solid = frame[(frame.astype(int).sum(axis=2) > 300)]
    assert len(solid) > 500
    accent = np.array([0xFF, 0x6A, 0x3D])
    assert np.abs(np.median(solid, axis=0) - accent).max() <= 2
    assert not (np.abs(frame.astype(int) - [0x66, 0x29, 0xB2]).max(axis=2) < 10).any()


def test_strict_kit_refuses_unmapped_colours_and_foreign_fonts(tmp_path, compositor_cli):
    kit = _strict_kit(tmp_path)
    p = project(tmp_path, """
              - lottie: bounce_strokes.json
                colors: {"#d00000": danger}
              - lottie: Text_Glyph.json
                colors: {"#242424": ink}
        """, brand=str(kit), background="{color: ink}", files=["bounce_strokes.json", "Text_Glyph.json"])
    r = compositor_cli("validate", p)
    assert r.returncode == 2, r.stdout + r.stderr
    out = r.stdout + r.stderr
    assert "Traceback" not in out
    assert re.search(r"project\.yaml:\d+: shots\[0\]\.layers\[0\]\.colors: bounce_strokes\.json:1: literal colours "
                     r"#6a040f, #ffba08 are off-brand", out), out
    assert re.search(r"project\.yaml:\d+: shots\[0\]\.layers\[1\]: Text_Glyph\.json:\d+: text in font 'Avenir Next'",
                     out), out


@pytest.mark.parametrize("content,expect", [
    ('{"v": "5.7.4", "fr": 30,\n "ip": 0, oops}', r"bad\.json:2:11: not JSON"),
    ('{"v": "2.1.0", "fr": 30, "ip": 0, "op": 10, "w": 10, "h": 10,\n "layers": []}',
     r"bad\.json:1: Lottie version '2\.1\.0' is not supported"),
    ('{\n "v": "5.4.3", "fr": 60, "ip": 0, "op": 30, "w": 10, "h": 10,\n "assets": [{"id": "img", "w": 10, "h": 10,'
     '\n  "u": "images/", "p": "missing.png", "e": 0}],\n "layers": []}',
     r"bad\.json:4: image 'images/missing\.png' of asset 'img' not found"),
])
def test_bad_lottie_files_exit_2_with_file_line(tmp_path, compositor_cli, content, expect):
    (tmp_path / "bad.json").write_text(content)
    p = project(tmp_path, """
              - lottie: bad.json
        """)
    r = compositor_cli("validate", p)
    out = r.stdout + r.stderr
    assert r.returncode == 2, out
    assert "Traceback" not in out
    assert re.search(r"project\.yaml:10: shots\[0\]\.layers\[0\]\.lottie: " + expect, out), out


EACH = {   # file -> the shot times (s) whose frames are kept as goldens (the player at t * fr)
    "loading_dots_3.json": (0.3,), "bounce_strokes.json": (1.0,), "Switch.json": (0.4,),
    "TwitterHeart.json": (1.0,), "confused.lottie": (0.5,), "dog.json": (0.0,), "Text_Glyph.json": (1.0,),
}


@pytest.mark.parametrize("file", sorted(EACH))
def test_each_shipped_file_matches_its_golden(tmp_path, file):
    """Every shipped third-party file, 160 px wide over grey, at given times, against a golden from the same
    player (regenerate with COMPOSITOR_UPDATE_GOLDENS=1 after an intended change, then look at them)."""
    files = [file] + (["dog.png"] if file == "dog.json" else [])
    p = project(tmp_path, f"""
              - lottie: {file}
                at: [80, 80]
                width: 160
        """, size=(160, 160), fps=10, duration=1.1, background=GREY, files=files)
    frames = render_png_frames(p, tmp_path / "frames")
    for t in EACH[file]:
        got = frames[round(t * 10)]
        golden = GOLDEN / f"{Path(file).stem}-{t:g}s.png"
        if UPDATE:
            write_png(golden, got)
        d = np.abs(got.astype(int) - read_png(golden).astype(int))
        assert d.mean() <= 1.0 and (d.max(axis=2) > 48).mean() <= 0.003, (file, t, d.mean())
        assert got.std() > 3                               # something is drawn
