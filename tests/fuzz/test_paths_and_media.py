"""Paths and hostile media: a project reads only inside its own folder, its kit's folder and Compositor's shipped
data (unless `--allow-outside`); escaping links are refused; an output never overwrites the project, the kit or
an input; hostile images, videos, fonts and SVGs get exit 0 (drawn safely) or exit 2, never a crash."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import zlib
import struct
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FONT = REPO / "brand" / "kits" / "neutral" / "fonts" / "NotoSans-Regular.ttf"


def run(*args) -> tuple[int, str]:
    from typer.testing import CliRunner

    from compositor.cli import app

    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    text = result.stdout + result.stderr
    assert "internal error" not in text and "Traceback" not in text, text
    return result.exit_code, text


def project(folder: Path, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / "project.yaml"
    p.write_text("compositor: 1\noutput: {size: [160, 90], fps: 10, file: out.mp4}\n" + textwrap.dedent(body))
    return p


def png(path: Path, w: int, h: int):
    """A valid 1-bit PNG of w×h pixels, all zero: tiny on disk, huge when decoded (a decompression bomb)."""
    raw = zlib.compress(b"".join(b"\x00" + b"\x00" * ((w + 7) // 8) for _ in range(h)), 9)
    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 1, 0, 0, 0, 0))
                     + chunk(b"IDAT", raw) + chunk(b"IEND", b""))


@pytest.fixture(autouse=True)
def _no_leak():
    """`--allow-outside` sets the variable in this process; never let it reach the next test."""
    from compositor.confine import ENV

    os.environ.pop(ENV, None)
    yield
    os.environ.pop(ENV, None)


@pytest.fixture
def outside(tmp_path):
    secret = tmp_path / "secret"
    secret.mkdir()
    png(secret / "s.png", 8, 8)
    return secret


def test_an_asset_outside_the_project_is_refused_unless_allowed(tmp_path, outside):
    p = project(tmp_path / "proj", "shots:\n  - id: a\n    duration: 1\n    background: {image: ../secret/s.png}\n")
    code, text = run("validate", p)
    assert code == 2 and "project.yaml:6" in text and "outside the project" in text and "--allow-outside" in text
    code, text = run("--allow-outside", "validate", p)
    assert code == 0, text


def test_an_audio_file_outside_the_project_is_refused(tmp_path, outside):
    import wave

    with wave.open(str(outside / "m.wav"), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(8000), w.writeframes(b"\0\0" * 8000)
    p = project(tmp_path / "proj", "audio: {music: {file: ../secret/m.wav}}\nshots:\n  - id: a\n    duration: 1\n")
    code, text = run("validate", p)
    assert code == 2 and "project.yaml:3" in text and "outside the project" in text, text


def test_an_escaping_symlink_is_refused(tmp_path, outside):
    folder = tmp_path / "proj"
    p = project(folder, "shots:\n  - id: a\n    duration: 1\n    layers: [{image: link.png, at: [80, 45]}]\n")
    (folder / "link.png").symlink_to(outside / "s.png")
    code, text = run("validate", p)
    assert code == 2 and "symbolic link" in text and "project.yaml:6" in text


def test_a_kit_font_outside_the_kit_is_refused(tmp_path, outside):
    kit = tmp_path / "proj" / "kit"
    kit.mkdir(parents=True)
    (outside / "f.ttf").write_bytes(FONT.read_bytes())
    (kit / "brand.yaml").write_text("name: K\ncolors: {ink: '#000000'}\nfonts: {body: ../../secret/f.ttf}\n"
                                    "styles: {body: {font: body, size: 20, color: ink}}\nlock: 'off'\n")
    p = project(tmp_path / "proj", "brand: kit\nshots:\n  - id: a\n    duration: 1\n")
    code, text = run("validate", p)
    assert code == 2 and "brand.yaml:3" in text and "outside" in text


def test_shipped_kits_and_the_repository_examples_still_load():
    for example in sorted((REPO / "projects").glob("*/project.yaml")):
        code, text = run("validate", example)
        assert code == 0, text


@pytest.mark.parametrize("target", ["project.yaml", "in.png"])
def test_an_output_never_overwrites_the_project_or_an_input(tmp_path, target):
    folder = tmp_path / "proj"
    p = project(folder, "shots:\n  - id: a\n    duration: 1\n    background: {image: in.png}\n")
    png(folder / "in.png", 16, 16)
    before = (folder / target).read_bytes()
    code, text = run("render", p, "-o", folder / target)
    assert code == 2 and ("would overwrite" in text or "extension" in text), text
    assert (folder / target).read_bytes() == before
    if target == "in.png":
        assert "would overwrite the input file 'in.png'" in text, text


# ---- hostile media -------------------------------------------------------------------------------------------

def _video(path: Path, frames: int):
    import av
    import numpy as np

    if frames == 0:     # PyAV writes no file without packets; ffmpeg writes a valid MP4 whose track is empty
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=black:s=64x64:r=10",
                        "-frames:v", "0", "-c:v", "libx264", str(path)], check=True, timeout=60)
        return
    with av.open(str(path), "w") as c:
        s = c.add_stream("libx264", rate=10)
        s.width, s.height, s.pix_fmt = 64, 64, "yuv420p"
        for i in range(frames):
            for pkt in s.encode(av.VideoFrame.from_ndarray(np.full((64, 64, 3), (i * 10) % 256, np.uint8), format="rgb24")):
                c.mux(pkt)
        for pkt in s.encode():
            c.mux(pkt)


def hostile(folder: Path, kind: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    layer = None
    if kind == "bomb_png":
        png(folder / "m.png", 40000, 40000)
        bg = "{image: m.png}"
    elif kind == "corrupt_png":
        (folder / "m.png").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(300))
        bg = "{image: m.png}"
    elif kind == "truncated_video":
        _video(folder / "full.mp4", 20)
        data = (folder / "full.mp4").read_bytes()
        (folder / "m.mp4").write_bytes(data[: len(data) // 3])
        bg = "{video: m.mp4}"
    elif kind == "garbage_video":
        (folder / "m.mp4").write_bytes(os.urandom(5000))
        bg = "{video: m.mp4}"
    elif kind == "zero_frame_video":
        _video(folder / "m.mp4", 0)
        bg = "{video: m.mp4}"
    elif kind == "not_a_font":
        (folder / "f.ttf").write_bytes(b"this is not a font" * 100)
        bg = "{color: '#123456'}"
        layer = "{text: hi, font: f.ttf, size: 20, at: [80, 45]}"
    else:
        svg = {"xxe": '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&x;</text></svg>',
               "file_href": '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
                            'width="10" height="10"><image xlink:href="file:///etc/passwd" width="10" height="10"/>'
                            '</svg>',
               "http_href": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image '
                            'href="http://192.0.2.1/x.png" width="10" height="10"/></svg>',
               "huge_viewbox": '<svg xmlns="http://www.w3.org/2000/svg" width="1e9" height="1e9" '
                               'viewBox="0 0 1e12 1e12"><rect width="1e12" height="1e12"/></svg>',
               "use_loop": '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
                           'width="10" height="10"><g id="a"><use xlink:href="#b"/></g><g id="b">'
                           '<use xlink:href="#a"/></g><use xlink:href="#a"/></svg>'}[kind]
        (folder / "m.svg").write_text(svg)
        bg = "{color: '#123456'}"
        layer = "{svg: m.svg, at: [80, 45], width: 40}"
    layers = f"\n    layers: [{layer}]" if layer else ""
    return project(folder, f"shots:\n  - id: a\n    duration: 0.5\n    background: {bg}{layers}\n")


KINDS = ["bomb_png", "corrupt_png", "truncated_video", "garbage_video", "zero_frame_video", "not_a_font",
         "xxe", "file_href", "http_href", "huge_viewbox", "use_loop"]


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_media_is_refused_or_drawn_safely(tmp_path, kind):
    p = hostile(tmp_path / kind, kind)
    code, text = run("preview", p, "--at", "0.2", "-o", tmp_path / "still.png")
    assert code in (0, 2), text
    assert "file not found" not in text, text       # the hostile file was there and was judged
    if code == 2:
        assert "project.yaml:" in text or "m." in text, text
    else:
        assert (tmp_path / "still.png").stat().st_size > 0
    assert "root:" not in text      # nothing of /etc/passwd echoed back


SITE = '''
import socket, os
_marker = os.environ["NET_MARKER"]
def _refuse(self, *a, **k):
    open(_marker, "a").write(repr(a) + "\\n")
    raise OSError("network blocked by the test")
socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = lambda *a, **k: _refuse(None, *a)
import sys
_canary = os.environ["CANARY"]
def _audit(event, args):
    if event == "open" and args and isinstance(args[0], (str, bytes)) and os.fsdecode(args[0]).endswith(_canary):
        open(_marker, "a").write(f"opened {args[0]}\\n")
sys.addaudithook(_audit)
'''


def test_a_render_of_hostile_files_never_opens_a_connection_nor_a_file_outside(tmp_path):
    """A real `python -m compositor render` with socket.connect replaced and an audit hook on every open(): an
    SVG pointing at http://, at file:// and at ../ a canary file outside the project; none of it is touched."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITE)
    marker = tmp_path / "attempts.txt"
    canary = tmp_path / "canary-outside.png"
    png(canary, 8, 8)
    folder = tmp_path / "net"
    folder.mkdir()
    (folder / "m.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="20" '
        'height="20"><image href="http://192.0.2.1/x.png" width="5" height="5"/>'
        f'<image xlink:href="file://{canary}" width="5" height="5"/>'
        '<image href="../canary-outside.png" width="5" height="5"/><rect width="9" height="9" fill="red"/></svg>')
    project(folder, "shots:\n  - id: a\n    duration: 0.5\n    background: {color: '#123456'}\n"
                    "    layers: [{svg: m.svg, at: [80, 45], width: 40}]\n")
    env = dict(os.environ, PYTHONPATH=f"{site}{os.pathsep}{REPO}", NET_MARKER=str(marker), CANARY=canary.name)
    proc = subprocess.run([sys.executable, "-m", "compositor", "render", str(folder / "project.yaml"),
                           "-o", str(tmp_path / "o.mp4")], env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "o.mp4").stat().st_size > 0
    assert not marker.exists(), marker.read_text()
