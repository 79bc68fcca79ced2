"""The command line's app knows every command by itself: registration is explicit in compositor/cli/__init__.py,
never an import side effect of some other module."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
COMMANDS = ("render", "preview", "sheet", "validate", "init", "schema", "timeline", "check", "track", "export",
            "qc", "studio", "doctor", "cache")


def test_the_app_alone_lists_every_command():
    code = ("from typer.testing import CliRunner\n"
            "from compositor.cli.app import app\n"
            "r = CliRunner().invoke(app, ['--help'], terminal_width=200)\n"
            "print(r.output)\n"
            "raise SystemExit(r.exit_code)\n")
    r = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120,
                       env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "NO_COLOR": "1", "COLUMNS": "200"})
    assert r.returncode == 0, r.stderr
    listed = {line.strip(" │").split()[0] for line in r.stdout.splitlines() if line.strip(" │")}
    missing = [c for c in COMMANDS if c not in listed]
    assert missing == [], r.stdout


def test_every_command_answers_help():
    from typer.testing import CliRunner

    from compositor.cli.app import app

    for name in COMMANDS:
        r = CliRunner().invoke(app, [name, "--help"])
        assert r.exit_code == 0, (name, r.output)
