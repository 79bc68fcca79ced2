"""docs/python-api.md, run verbatim: its shell block, then each Python block in order, in one fresh folder."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from docblocks import commands_of, fenced_all

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "python-api.md").read_text()


def test_python_api_doc_runs_verbatim(tmp_path):
    for args in commands_of(fenced_all(DOC, "sh")[0]):
        subprocess.run([sys.executable, "-m", "compositor", *args], cwd=tmp_path, check=True, capture_output=True)
    blocks = fenced_all(DOC, "python")
    assert len(blocks) >= 4
    for i, block in enumerate(blocks):
        run = subprocess.run([sys.executable, "-c", block], cwd=tmp_path, capture_output=True, text=True, timeout=600)
        assert run.returncode == 0, f"block {i + 1} of docs/python-api.md failed:\n{block}\n{run.stdout}{run.stderr}"
    assert (tmp_path / "hello.mp4").stat().st_size > 10_000
    assert (tmp_path / "hello-4s.png").exists()
    assert (tmp_path / "promo" / "renders" / "promo-Initech.mp4").exists()
    assert "would overwrite the project file" in run.stdout
