"""Every warning names FILE:LINE and the field, like an error: a table cell and a window title cut to fit, and
captions that cannot keep clear of a box, printed by each command that loads the project, each line once."""
from __future__ import annotations

import re

import pytest

from foundation_media import write_project

CUT = """
compositor: 1
output: {size: [640, 360], fps: 10, file: out.mp4}
shots:
  - id: a
    duration: 0.2
    background: {color: paper}
    layers:
      - ui.window:
          title: A window title that is far too long for this narrow window
          width: 420
          content:
            ui.table:
              columns: [Who, Note]
              rows:
                - [Ann, "Escalate every flagged invoice to the finance lead today"]
        at: center
"""
CELL = ("{file}:15: shots[0].layers[0].ui.window.content.ui.table.rows[0][1]: 'Escalate every flagged invoice to "
        "the finance lead today' is cut to fit")
TITLE = "{file}:9: shots[0].layers[0].ui.window.title: 'A window title that is far too long for this narrow window' " \
        "is cut to fit"
WARNING = re.compile(r"^warning: (?P<file>[^:]+):(?P<line>\d+): \S")


@pytest.mark.parametrize("command", [["validate"], ["preview", "--at", "0", "-o", "f.png"], ["render"]])
def test_cut_texts_are_warned_at_their_line_by_every_command(tmp_path, compositor_cli, command):
    project = write_project(tmp_path, CUT)
    r = compositor_cli(command[0], project, *command[1:], cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    warnings = [line for line in r.stderr.splitlines() if line.startswith("warning:")]
    assert warnings and all(WARNING.match(w) for w in warnings), warnings
    for expected in (CELL, TITLE):
        hits = [w for w in warnings if w.startswith("warning: " + expected.format(file=project))]
        assert len(hits) == 1, (expected, warnings)
    assert "UserWarning" not in r.stderr and "warnings.warn" not in r.stderr


def test_caption_keep_clear_warning_names_its_line(tmp_path, compositor_cli):
    project = write_project(tmp_path, """
        compositor: 1
        output: {size: [640, 360], fps: 10, file: out.mp4}
        captions:
          lines:
            - {text: "Every invoice matched", start: 0, end: 1}
          keep_clear: [[0, 0, 640, 360]]
        shots:
          - id: a
            duration: 0.2
            background: {color: paper}
        """)
    r = compositor_cli("preview", project, "--at", "0.1", "-o", tmp_path / "f.png")
    assert r.returncode == 0, r.stderr
    assert re.search(rf"^warning: {re.escape(str(project))}:6: captions\.keep_clear: the caption plates cover a "
                     "keep-clear box", r.stderr, re.M), r.stderr
