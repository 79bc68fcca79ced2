"""A Lottie that crashes the native player is a user error before the render, and a killed render leaves no
debris for long. The crasher is real: lottie-ios's text animator sample with Randomize Order on
(tests/data/lottie/SOURCES.md), which kills ThorVG with SIGFPE from frame 86."""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "foundation"))
from foundation_media import DATA, REPO, write_project  # noqa: E402

CRASHER = "text_animator_randomize.json"


def project(folder: Path, extra: str = "", file: str = "out.mp4", duration: float = 4.0) -> Path:
    shutil.copy(DATA / "lottie" / CRASHER, folder / CRASHER)
    return write_project(folder, f"""
        compositor: 1
        brand: neutral
        output: {{size: [320, 180], fps: 30, file: {file}}}
        shots:
          - id: a
            duration: {duration}
            background: {{color: "#202020"}}
            layers:
              - lottie: {CRASHER}
                width: 300{extra}
        """)


def test_the_player_really_crashes_on_the_file():
    """The premise: drawing frame 86 in a child process kills it with SIGFPE (frame 85 is fine)."""
    code = ("import sys; from overlays.lottie_player import LottiePlayer; "
            f"p = LottiePlayer(open({str(DATA / 'lottie' / CRASHER)!r}).read()); p.frame(float(sys.argv[1]), 90, 32)")
    for frame, rc in (("85", 0), ("86", -signal.SIGFPE)):
        run = subprocess.run([sys.executable, "-c", code, frame], cwd=REPO, capture_output=True, timeout=60)
        assert run.returncode == rc, (frame, run.returncode, run.stderr[-300:])


@pytest.mark.parametrize("command", ["render", "validate"])
def test_a_player_crash_is_a_user_error_naming_file_line_and_frame(tmp_path, compositor_cli, command):
    p = project(tmp_path)
    run = compositor_cli(command, p, env={"COMPOSITOR_GUARD_CACHE": str(tmp_path / "guard")})
    assert run.returncode == 2, run.stderr
    assert re.fullmatch(r"\S*project\.yaml:9: shots\[0\]\.layers\[0\]: the Lottie player crashed \(SIGFPE\) on "
                        rf"{CRASHER} at frame 86 \(shot time 1\.43 s\) — .*frames: \[in, out\].*\n", run.stderr)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["guard", "project.yaml", CRASHER]   # no debris


def test_frames_the_layer_never_shows_are_not_held_against_it(tmp_path):
    """The layer ends at 1.4 s (Lottie frame 84): it renders, and the verdict is cached by the file's hash."""
    from foundation_media import load

    from compositor import crashguard

    os.environ["COMPOSITOR_GUARD_CACHE"] = str(tmp_path / "guard")
    try:
        proj = load(project(tmp_path, "\n                end: 1.4"))
        assert [lay.overlay.lottie_frame(1.39) for lay in proj.shots[0].layers] == [83.4]
        assert len(list((tmp_path / "guard").glob("*.json"))) == 1
        crashguard._MEMO.clear()
        started = time.perf_counter()
        load(project(tmp_path, "\n                end: 1.4"))
        assert time.perf_counter() - started < 2.0
    finally:
        os.environ.pop("COMPOSITOR_GUARD_CACHE")


def test_probe_reports_the_signal_and_the_last_step_and_caches_the_verdict(tmp_path, monkeypatch):
    from compositor import crashguard

    monkeypatch.setenv("COMPOSITOR_GUARD_CACHE", str(tmp_path))

    def crashes(announce):
        for step in range(5):
            announce(step)
            if step == 3:
                os.kill(os.getpid(), signal.SIGSEGV)

    def raises(announce):
        raise ValueError("an exception is not a crash")

    assert crashguard.probe(crashguard.key_of("a"), crashes) == crashguard.Crash("SIGSEGV", "3")
    assert crashguard.probe(crashguard.key_of("b"), raises) is None
    crashguard._MEMO.clear()
    # from the disk cache: the work is not run again
    assert crashguard.probe(crashguard.key_of("a"), raises) == crashguard.Crash("SIGSEGV", "3")
    assert crashguard.probe(crashguard.key_of("b"), crashes) is None


def debris(folder: Path) -> list[str]:
    """What a render left beside its output: segment folders, partial files, the output itself."""
    return sorted(q.name for q in folder.iterdir() if q.name.startswith((".", "out")))


def start_render(p: Path, tmp_path: Path, script: str = "") -> tuple[subprocess.Popen, int]:
    """`compositor render -w 1` as the program runs it, and the pid of its renderer (the supervised child, the
    owner named in the segment folder) once it is drawing."""
    code = f"import sys{script}\nfrom compositor.cli import main\nsys.argv = ['compositor', *sys.argv[1:]]\nmain()"
    env = dict(os.environ, PYTHONPATH=str(REPO), COMPOSITOR_GUARD_CACHE=str(tmp_path / "guard"))
    proc = subprocess.Popen([sys.executable, "-c", code, "render", str(p), "-w", "1"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 90
    while time.time() < deadline and proc.poll() is None:
        folders = list(tmp_path.glob(".out.segments.*"))
        if folders and list(folders[0].iterdir()):
            return proc, int(folders[0].name.split(".")[-2])
        time.sleep(0.05)
    return proc, 0


def test_a_crash_no_probe_foresaw_is_reported_by_the_supervising_parent(tmp_path):
    """With the load-time probe switched off the player crashes mid-render, in the renderer process: the
    parent names the layer's line, the signal and the frame, and no segment folder stays."""
    p = project(tmp_path)
    proc, _ = start_render(p, tmp_path, "\nimport overlays.lottie\noverlays.lottie.crash_of = lambda *a: None")
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 2, stderr
    assert stderr.strip().splitlines()[-1] == (
        f"{p}:9: shots[0].layers[0]: the renderer crashed (SIGFPE) drawing this lottie layer ({CRASHER}) at "
        "frame 43 (1.43 s into shot 'a') — the file uses something its native player or decoder cannot handle: "
        "open it in another viewer, re-export or re-encode it, or leave it out")
    assert debris(tmp_path) == []


def test_a_renderer_killed_from_outside_leaves_nothing(tmp_path):
    """SIGKILL of the renderer (the OOM killer): the parent says so, exits 128+9 and removes the segments."""
    p = project(tmp_path, "\n                end: 1.4", duration=30.0)
    proc, renderer = start_render(p, tmp_path)
    assert renderer, proc.communicate()[1]
    os.kill(renderer, signal.SIGKILL)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGKILL
    assert stderr.strip().splitlines()[-1] == ("the render was stopped (SIGKILL); nothing was written over the "
                                               "previous output")
    assert debris(tmp_path) == []


def test_a_killed_render_leaves_segments_that_the_next_render_removes(tmp_path, compositor_cli):
    """Both processes killed (kill -9 of the whole render): the segment folder stays; the next render of the
    same output removes it, and leaves a live process's folder alone."""
    from compositor.render.debris import segment_folder

    p = project(tmp_path, "\n                end: 1.4", duration=30.0)
    proc, renderer = start_render(p, tmp_path)
    assert renderer, proc.communicate()[1]
    proc.kill()
    proc.wait()
    os.kill(renderer, signal.SIGKILL)
    deadline = time.time() + 10
    while Path(f"/proc/{renderer}").exists() and time.time() < deadline:
        time.sleep(0.05)              # reaped by init once its parent is gone
    left = list(tmp_path.glob(".out.segments.*"))
    assert len(left) == 1, "the killed render should have left its segment folder"
    live = segment_folder(tmp_path / "out.mp4")          # this test's own process: alive
    p = project(tmp_path, "\n                end: 1.4", duration=0.5)
    run = compositor_cli("render", p, env={"COMPOSITOR_GUARD_CACHE": str(tmp_path / "guard")})
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "out.mp4").is_file()
    assert list(tmp_path.glob(".out.segments.*")) == [live]
