"""Every command in docs/doctor.md runs verbatim on this machine and finds nothing wrong (the suite's machine has
the test tools and the locked versions)."""
import json
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = [line.strip() for block in re.findall(r"```bash\n(.*?)```", (ROOT / "docs" / "doctor.md").read_text(),
                                                   re.S) for line in block.splitlines() if line.strip()]


def test_the_doc_has_examples():
    assert len(COMMANDS) == 3


@pytest.mark.parametrize("command", COMMANDS)
def test_doc_command_runs_verbatim(command, tmp_path):
    r = subprocess.run(command, shell=True, cwd=ROOT, capture_output=True, text=True, timeout=300,
                       env={**__import__("os").environ, "COMPOSITOR_CACHE": str(tmp_path / "cache")})
    assert r.returncode == 0, r.stdout + r.stderr
    if "--json" in command:
        assert any(f["check"] == "font:northwind:body" for f in json.loads(r.stdout))
    else:
        assert "ok   encoder:libx264" in r.stdout
