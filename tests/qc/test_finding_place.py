"""Where `compositor qc` says a finding is: the layer's line, the `captions:` block for burned-in captions (which
are appended to every shot's layers), the shot's line, else the section the check reads."""
from __future__ import annotations

from compositor.project.load import load_project
from compositor.qc.result import WARN, Finding, project_place

PROJECT = """\
compositor: 1
output: {size: [320, 180], fps: 10, file: out.mp4}
captions:
  lines:
    - {text: "Every invoice matched", start: 0, end: 1}
shots:
  - id: a
    duration: 1
    background: {color: paper}
    layers:
      - text: "Hello"
  - id: b
    duration: 1
    background: {color: paper}
quality: {min_contrast: 4.5}
"""


def test_findings_point_at_their_layer_shot_or_section(tmp_path):
    (tmp_path / "project.yaml").write_text(PROJECT)
    p = load_project(tmp_path / "project.yaml")
    at = lambda **kw: project_place(p, Finding(status=WARN, message="m", **kw))
    file = tmp_path / "project.yaml"
    assert at(check="text.size", shot="a", layer="layers[0]") == f"{file}:11"
    assert at(check="text.exact", shot="a", layer="layers[1]") == f"{file}:3"      # the caption layer
    assert at(check="text.spelling", shot="b", layer="captions") == f"{file}:3"
    assert at(check="black", shot="b") == f"{file}:12"
    assert at(check="footage.coherence", shot="b") == f"{file}:14"                  # its background
    assert at(check="format.size") == f"{file}:2"
    assert at(check="brand.literals") == f"{file}:15"                               # quality:
    line = Finding("text.size", WARN, "12px text", "a", "layers[0]", 0.5).line(at(check="text.size", shot="a",
                                                                                   layer="layers[0]"))
    assert line == f"warn: text.size: {file}:11: a layers[0] 0.50s: 12px text"
