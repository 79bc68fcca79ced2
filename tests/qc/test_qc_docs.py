"""docs/qc.md: its example project and commands run verbatim and the report says pass; its stricter `quality:`
section, put in place of the example's, fails the same render with exit code 2, and narrowed `gates` turn that
failure into a warning (exit 0)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.docblocks import commands_of, fenced_all

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "qc.md"


def test_doc_examples_pass_then_gate(tmp_path, compositor_cli):
    text = DOC.read_text()
    example, strict = fenced_all(text, "yaml")[:2]
    (tmp_path / "qc.yaml").write_text(example)
    (tmp_path / "assets").mkdir()
    shutil.copy(REPO / "tests" / "data" / "audio" / "vo_01.wav", tmp_path / "assets" / "vo.wav")
    shutil.copy(REPO / "tests" / "data" / "tracking" / "mural_wall.mp4", tmp_path / "assets" / "wall.mp4")
    first, second = (commands_of(b) for b in fenced_all(text, "sh")[:2])
    assert len(first) == 2 and len(second) == 1
    for args in first:
        r = compositor_cli(*args, cwd=tmp_path, timeout=300)
        assert r.returncode == 0, r.stdout + r.stderr
    assert "qc pass:" in r.stdout and " 0 warn, 0 fail" in r.stdout
    report = json.loads((tmp_path / "renders" / "qc.qc.json").read_text())
    reads = {f["figures"]["expected"]: f["status"] for f in report["findings"] if f["check"] == "text.exact"}
    assert reads == dict.fromkeys(["Audit trails", "Open house", "Start today", "Weekly report", "Revenue up 30%",
                                   "Every change on record", "Start your month free"], "pass")
    checks = {f["check"] for f in report["findings"]}
    assert {"brand.fill", "brand.logo", "brand.literals", "brand.fonts", "captions.timing",
            "tracking.confidence"} <= checks
    assert (tmp_path / "renders" / "qc.qc.html").read_text().count("data:image/png;base64,") == 3   # thumbnails

    old = "quality: {min_coherence: 60}\n"
    assert old in example
    (tmp_path / "qc-strict.yaml").write_text(example.replace(old, strict))
    r = compositor_cli(*second[0], cwd=tmp_path, timeout=300)
    assert r.returncode == 2, r.stdout + r.stderr
    at = f"{tmp_path / 'qc-strict.yaml'}:35: close layers[0]"      # the doc's line: the layer's, in its file
    assert f"fail: text.contrast: {at}" in r.stdout and "quality.min_contrast needs 7:1" in r.stdout
    assert [line for line in r.stdout.splitlines() if line.startswith("fail: ")] == \
        [line for line in r.stdout.splitlines() if line.startswith(f"fail: text.contrast: {at}")]
    assert "qc-strict.yaml:35: close layers[0] 0.38s" in text

    (tmp_path / "qc-strict.yaml").write_text(example.replace(old, strict).replace(
        "gates: [text, brand, captions, tracking, audio]", "gates: [brand]"))
    r = compositor_cli(*second[0], cwd=tmp_path, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"warn: text.contrast: {at}" in r.stdout and "qc warn:" in r.stdout


def test_doc_spelling_example(tmp_path):
    """The misspelt caption of docs/qc.md's Spelling section is reported with the line the doc shows, and its
    `quality:` section (in place of the example's) makes it a failure; no render is needed to check words."""
    from compositor.project.load import load_project
    from compositor.qc.gates import bars_of
    from compositor.qc.result import project_place
    from compositor.qc.spelling import findings

    text = DOC.read_text()
    example, section = fenced_all(text, "yaml")[0], fenced_all(text, "yaml")[2]
    shown = fenced_all(text.split("## Spelling", 1)[1], "text")[0].strip()
    (tmp_path / "assets").mkdir()
    shutil.copy(REPO / "tests" / "data" / "tracking" / "mural_wall.mp4", tmp_path / "assets" / "wall.mp4")
    shutil.copy(REPO / "tests" / "data" / "audio" / "vo_01.wav", tmp_path / "assets" / "vo.wav")
    typo = example.replace("Every change on record", "Evry change on record")
    for name, body, status in (("typo", typo, "warn"),
                               ("gated", typo.replace("quality: {min_coherence: 60}\n", section), "fail")):
        (tmp_path / f"{name}.yaml").write_text(body)
        proj = load_project(tmp_path / f"{name}.yaml")
        [f] = findings(proj, bars_of(proj))
        assert f.line(project_place(proj, f)) == shown.replace("warn:", f"{status}:", 1).replace(
            "qc.yaml:", f"{tmp_path / name}.yaml:", 1)
