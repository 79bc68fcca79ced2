"""docs/lottie.md: its example project and commands run verbatim, and the video shows the recoloured Lottie."""
from __future__ import annotations

import shutil
from pathlib import Path

import av
import numpy as np

from tests.docblocks import compositor_commands, fenced

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "lottie.md"


def test_doc_example_renders(tmp_path, compositor_cli):
    text = DOC.read_text()
    (tmp_path / "lottie.yaml").write_text(fenced(text, "yaml"))
    (tmp_path / "assets").mkdir()
    for name in ("HamburgerArrow.json", "loading_dots_3.json"):
        shutil.copy(REPO / "tests" / "data" / "lottie" / name, tmp_path / "assets" / name)
    commands = compositor_commands(text)
    assert len(commands) == 2
    for args in commands:
        r = compositor_cli(*args, cwd=tmp_path, timeout=300)
        assert r.returncode == 0, r.stdout + r.stderr
    with av.open(str(tmp_path / "renders" / "lottie.mp4")) as c:
        frames = [f.to_ndarray(format="rgb24") for f in c.decode(c.streams.video[0])]
    assert len(frames) == 60
    last = frames[45].astype(int)
    accent = np.array([0xFF, 0x6A, 0x3D])                 # the arrow, recoloured from #6629b2 to the kit's accent
    near = (np.abs(last - accent).max(axis=2) < 24).sum()
    assert near > 500, near
    assert (np.abs(last - [0x66, 0x29, 0xB2]).max(axis=2) < 24).sum() == 0
    paper = (np.abs(last[240:360, 500:620] - [0xF7, 0xF8, 0xFA]).max(axis=2) < 24).sum()   # the dots, in paper
    assert paper > 50, paper
