"""docs/qc.md: its example project and commands run verbatim and the report says pass."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.docblocks import compositor_commands, fenced

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "qc.md"


def test_doc_example_passes(tmp_path, compositor_cli):
    text = DOC.read_text()
    (tmp_path / "qc.yaml").write_text(fenced(text, "yaml"))
    (tmp_path / "assets").mkdir()
    shutil.copy(REPO / "tests" / "data" / "audio" / "vo_01.wav", tmp_path / "assets" / "vo.wav")
    commands = compositor_commands(text)
    assert len(commands) == 2
    for args in commands:
        r = compositor_cli(*args, cwd=tmp_path, timeout=300)
        assert r.returncode == 0, r.stdout + r.stderr
    assert "qc pass:" in r.stdout and " 0 fail" in r.stdout
    report = json.loads((tmp_path / "renders" / "qc.qc.json").read_text())
    reads = {f["figures"]["read"] for f in report["findings"] if f["check"] == "text.exact"}
    assert reads == {"Audit trails", "Start today"}
    assert (tmp_path / "renders" / "qc.qc.html").read_text().count("data:image/png;base64,") == 2
