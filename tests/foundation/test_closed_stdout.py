"""A reader that closes our stdout early (`compositor … | head`) ends the command quietly, exit 0, like other
unix tools: no `internal error: BrokenPipeError`, no "Exception ignored" from the interpreter's last flush."""
from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def cli_env() -> dict:
    return dict(os.environ, PYTHONPATH=str(REPO), NO_COLOR="1")


def test_schema_piped_into_head_ends_quietly():
    """`compositor schema` writes ~280 kB, far more than a pipe holds, so `head -1` closes it mid-write."""
    cli = f"{shlex.quote(sys.executable)} -m compositor schema"
    run = subprocess.run(["bash", "-c", f"set -o pipefail; {cli} | head -1"], cwd=REPO, env=cli_env(),
                         capture_output=True, text=True, timeout=120)
    assert run.stdout.strip() == "{"
    assert run.stderr == ""
    assert run.returncode == 0


def test_output_still_buffered_at_exit_ends_quietly():
    """Small outputs are written at exit (stdout to a pipe is block-buffered): the reader is gone before then."""
    for args in (["validate", "projects/northwind-launch/project.yaml"], ["--help"]):
        proc = subprocess.Popen([sys.executable, "-m", "compositor", *args], cwd=REPO, env=cli_env(),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        proc.stdout.close()                        # the reader goes away before the command prints anything
        assert proc.wait(timeout=120) == 0, args
        assert proc.stderr.read() == "", args
