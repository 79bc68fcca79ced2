"""An output folder that cannot be written is a user error (exit 2, FILE:LINE), found before any work starts."""
from __future__ import annotations

from pathlib import Path

PROJECT = "compositor: 1\noutput: {size: [64, 64], fps: 4, file: out.mp4}\nshots: [{id: a, duration: 1}]\n"


def test_unwritable_output_is_a_user_error(tmp_path, compositor_cli):
    p = tmp_path / "project.yaml"
    p.write_text(PROJECT)
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    for args in (("render", p, "-o", blocked / "out.mp4"), ("preview", p, "--at", "0", "-o", blocked / "f.png")):
        r = compositor_cli(*args, cwd=tmp_path)
        assert r.returncode == 2, r.stderr
        assert f"{p}:" in r.stderr and "cannot write" in r.stderr and "Traceback" not in r.stderr
    assert not list(Path(tmp_path).glob("*.partial*"))
