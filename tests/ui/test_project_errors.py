"""Mistakes inside `ui.*` layers reach the user as FILE:LINE: field — message — fix, like any project error."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from compositor.errors import UserError
from compositor.project.load import load_project

ROOT = Path(__file__).resolve().parents[2]

PROJECT = """compositor: 1
brand: northwind
shots:
  - id: s
    duration: 2
    layers:
      - ui.browser:
          url: app.northwind.example
          content:
            ui.stack:
              - ui.stat: {label: Open, value: 12}
              - ui.badge: {text: Hot, %s}
"""


def _load(tmp_path, badge_extra: str):
    f = tmp_path / "project.yaml"
    f.write_text(PROJECT % badge_extra)
    return load_project(f)


def test_a_typo_in_a_nested_component_names_its_line(tmp_path):
    with pytest.raises(UserError) as err:
        _load(tmp_path, "tonne: danger")
    issue = err.value.issues[0]
    assert issue.line == 12 and "tonne" in str(issue) and issue.path[-1] == "tonne"


def test_a_literal_colour_under_the_locked_kit_names_its_line(tmp_path):
    with pytest.raises(UserError) as err:
        _load(tmp_path, 'color: "#FF0000"')
    issue = err.value.issues[0]
    assert issue.line == 12 and issue.path[-1] == "color" and "off-brand" in issue.message
    _load(tmp_path, "color: danger")                  # the token is fine


def test_docs_gallery_is_current():
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "ui_docs.py"), "--check"], capture_output=True,
                         text=True, cwd=ROOT)
    assert res.returncode == 0, res.stdout + res.stderr
