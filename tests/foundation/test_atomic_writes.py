"""A render that fails midway — Ctrl-C during a CLI render, or footage that turns unreadable while earlier shots
are being drawn — leaves a previous file at the output path byte-identical and no partial files behind."""
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from foundation_media import REPO, cli_env, load, write_project

FOOTAGE = REPO / "projects" / "northwind-launch" / "assets" / "office.mp4"


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_digest(folder) -> dict:
    return {p.name: digest(p) for p in sorted(folder.iterdir())}


def leftovers(folder) -> list:
    return [p.name for p in folder.rglob("*") if "partial" in p.name or p.name.startswith(".")]


def group_members(pgid: int) -> list[int]:
    """Live processes in a process group (read from /proc: no extra packages)."""
    out = []
    for stat in os.listdir("/proc"):
        if not stat.isdigit():
            continue
        try:
            fields = open(f"/proc/{stat}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            out.append(int(stat))
    return out


LONG = """
compositor: 1
output: {size: [640, 360], fps: 30, file: out.mp4, preset: ultrafast}
shots:
  - id: long
    duration: 60
    background: {gradient: {colors: ["#102030", "#F0A040", "#2060F0"], angle: 30, drift: 40}}
    layers:
      - text: "Interrupted"
        animate: {rotate: [[0, 0], [60, 720]]}
"""


def test_ctrl_c_during_a_cli_render_keeps_the_previous_file(tmp_path):
    project = write_project(tmp_path, LONG)
    out = tmp_path / "out.mp4"
    out.write_bytes(b"previous render \x00\x01" * 1000)
    before = digest(out)
    # its own process group, so the signal reaches every process of the render, as Ctrl-C in a terminal does
    proc = subprocess.Popen([sys.executable, "-m", "compositor", "render", str(project)], cwd=tmp_path,
                            env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        seen = []
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            if not line:
                break
            seen.append(line)
            if "frames" in line:          # the first progress line: frames are being encoded
                break
        assert proc.poll() is None, "render ended before it could be interrupted:\n" + "".join(seen)
        time.sleep(0.5)
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        deadline = time.monotonic() + 10
        while group_members(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert group_members(proc.pid) == [], "worker processes outlived the interrupted render"
    finally:
        if group_members(proc.pid):
            os.killpg(proc.pid, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130, f"exit {proc.returncode}\n{err}"
    assert "Traceback" not in err
    assert "interrupted" in err
    assert digest(out) == before
    assert leftovers(tmp_path) == [], leftovers(tmp_path)


TWO_SHOTS = """
compositor: 1
output: {size: [320, 180], fps: 10, file: out.mp4, preset: ultrafast}
shots:
  - id: title
    duration: 2
    background: {color: paper}
    layers:
      - text: "First shot"
  - id: footage
    duration: 1
    background: {video: clip.mp4}
"""


@pytest.mark.parametrize("target", ["out.mp4", "out.webm", "frames"])
def test_footage_that_breaks_midway_keeps_the_previous_output(tmp_path, target):
    from compositor.render import render

    shutil.copy(FOOTAGE, tmp_path / "clip.mp4")
    project = load(write_project(tmp_path, TWO_SHOTS), tmp_path / target)
    out = tmp_path / target
    if target == "frames":
        out.mkdir()
        (out / "frame_000000.png").write_bytes(b"an earlier frame")
        before = folder_digest(out)
    else:
        out.write_bytes(b"previous render" * 100)
        before = digest(out)
    drawn = []

    def corrupt_the_clip_after_some_frames(done, total, elapsed):
        drawn.append(done)
        if done == 5:                    # shot 1 is half drawn; shot 2's footage has not been opened yet
            (tmp_path / "clip.mp4").write_bytes(b"\x00garbage" * 100)

    with pytest.raises(Exception):
        render(project, frame_done=corrupt_the_clip_after_some_frames)
    assert 5 <= max(drawn) < project.timeline.n_frames, "the failure happened midway"
    assert (folder_digest(out) if target == "frames" else digest(out)) == before
    assert leftovers(tmp_path) == [], leftovers(tmp_path)
