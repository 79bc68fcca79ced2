"""Caches under concurrency: two renders of one project at once, and a render next to a preview, share the caches
without torn entries and produce identical frames; a process killed while writing an entry leaves nothing a later
run trusts (entries are written to a temporary file and renamed; generated clips carry a checksum)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[2]
SVG = REPO / "tests" / "data" / "svg" / "circle-simple-case.svg"


def _project(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.svg").write_bytes(SVG.read_bytes())
    p = folder / "project.yaml"
    p.write_text(textwrap.dedent("""\
        compositor: 1
        output: {size: [320, 180], fps: 10, file: out.mp4}
        shots:
          - id: a
            duration: 1.5
            background: {color: '#223344'}
            layers:
              - svg: a.svg
                at: [160, 90]
                width: 120
                enter: {rise: 0.5}
        """))
    return p


def _env(cache: Path) -> dict:
    return dict(os.environ, COMPOSITOR_SVG_CACHE=str(cache / "svg"), XDG_CACHE_HOME=str(cache),
                PYTHONPATH=str(REPO))


def _frames(path: Path) -> list[np.ndarray]:
    import av

    with av.open(str(path)) as c:
        return [f.to_ndarray(format="rgb24") for f in c.decode(video=0)]


def _assert_cache_whole(cache: Path):
    entries = list((cache / "svg").glob("*.png"))
    assert entries, "the render cached nothing"
    for e in entries:
        data = e.read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and data.endswith(b"IEND\xaeB`\x82"), f"torn entry {e}"
    assert not [p for p in (cache / "svg").iterdir() if p.suffix != ".png"], "temporary files left behind"


def test_two_renders_at_once_and_a_render_with_a_preview_share_the_cache(tmp_path):
    cache = tmp_path / "cache"
    project = _project(tmp_path / "p")
    cmd = [sys.executable, "-m", "compositor"]
    procs = [subprocess.Popen(cmd + ["render", str(project), "-o", str(tmp_path / f"o{i}.mp4")], env=_env(cache),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(2)]
    procs.append(subprocess.Popen(cmd + ["preview", str(project), "--at", "0.7", "-o", str(tmp_path / "s.png")],
                                  env=_env(cache), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    a, b = _frames(tmp_path / "o0.mp4"), _frames(tmp_path / "o1.mp4")
    assert len(a) == len(b) == 15 and all(np.array_equal(x, y) for x, y in zip(a, b))
    _assert_cache_whole(cache)
    # a third render from the warm cache gives the same frames
    subprocess.run(cmd + ["render", str(project), "-o", str(tmp_path / "o2.mp4")], env=_env(cache), check=True,
                   capture_output=True, timeout=300)
    assert all(np.array_equal(x, y) for x, y in zip(a, _frames(tmp_path / "o2.mp4")))


WRITER = """
import sys, numpy as np
from pathlib import Path
from compositor.diffusion import cache
from compositor.tracking import cache as tcache
folder = Path(sys.argv[1])
frames = np.random.default_rng(0).integers(0, 255, (24, 256, 256, 3), dtype=np.uint8)
print("ready", flush=True)
while True:
    cache.store(folder, "k" * 32, frames, {"n": 1})
    tcache.save(folder, "t" * 32, {"quads": np.arange(4096.0)})
"""


@pytest.mark.parametrize("delay", [0.05, 0.2, 0.45])
def test_a_writer_killed_mid_write_leaves_no_entry_a_later_run_trusts(tmp_path, delay):
    from compositor.diffusion import cache
    from compositor.tracking import cache as tcache

    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path)], stdout=subprocess.PIPE,
                            env=dict(os.environ, PYTHONPATH=str(REPO)), text=True)
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    got = cache.load(tmp_path, "k" * 32)
    assert got is None or (got.shape == (24, 256, 256, 3) and got.dtype == np.uint8)
    track = tcache.load(tmp_path, "t" * 32)
    assert track is None or np.array_equal(track["quads"], np.arange(4096.0))
    listed = cache.list_entries(tmp_path)
    assert all(e.get("frames", 24) == 24 for e in listed)


def test_a_torn_entry_is_not_trusted(tmp_path):
    """What a non-atomic writer would leave (half a file, or a flipped byte) is refused and regenerated."""
    from compositor.diffusion import cache

    frames = np.random.default_rng(1).integers(0, 255, (4, 32, 32, 3), dtype=np.uint8)
    path = cache.store(tmp_path, "a" * 32, frames, {})
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert cache.load(tmp_path, "a" * 32) is None and not path.exists()
    path = cache.store(tmp_path, "a" * 32, frames, {})
    with np.load(path) as z:
        meta, sha = z["meta"], z["sha256"]
    bad = frames.copy()
    bad[0, 0, 0, 0] ^= 1
    np.savez_compressed(path, frames=bad, sha256=sha, meta=meta)
    assert cache.load(tmp_path, "a" * 32) is None
