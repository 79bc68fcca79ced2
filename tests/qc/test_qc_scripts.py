"""Text in other scripts, read back for real: projects/markets (Arabic, Hindi, Thai, Latin with Arabic) renders and
passes `compositor qc` as docs/qc.md says; the same project checked against a render with one wrong word per
script fails exactly there; a language whose OCR data is missing is a warning naming its package."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.docblocks import commands_of, fenced_all

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "qc.md"
SECTION = DOC.read_text().split("## Text in other scripts", 1)[1]

# (shot, layer, the project's words, a wrong word drawn instead): a changed letter, a Devanagari vowel sign,
# a dropped Thai tone mark, an Arabic letter in a mixed line
WRONG = [("arabic", "layers[1]", "مرحبا بكم", "مرحبا بهم"),
         ("hindi", "layers[0]", "आज की पेशकश", "आज का पेशकश"),
         ("thai", "layers[1]", "สินค้าใหม่", "สินค้าใหม"),
         ("mixed", "layers[0]", "Welcome مرحبا", "Welcome مرحبن")]


@pytest.fixture(scope="module")
def markets(tmp_path_factory):
    """projects/markets copied out and put through the doc's two commands, verbatim."""
    from tests.conftest import cli_env
    import subprocess
    import sys

    root = tmp_path_factory.mktemp("markets")
    shutil.copytree(REPO / "projects" / "markets", root / "projects" / "markets",
                    ignore=shutil.ignore_patterns("renders"))
    results = []
    for args in commands_of(fenced_all(SECTION, "sh")[0]):
        results.append(subprocess.run([sys.executable, "-m", "compositor", *args], cwd=root, env=cli_env(None),
                                      capture_output=True, text=True, timeout=600))
    return root, results


def test_markets_renders_and_passes_qc_in_every_script(markets):
    root, results = markets
    assert len(results) == 2
    for r in results:
        assert r.returncode == 0, r.stdout + r.stderr
    summary = SECTION.split("The second command prints `", 1)[1].split("`", 1)[0]
    assert summary in results[1].stdout
    report = json.loads((root / "projects" / "markets" / "renders" / "markets.qc.json").read_text())
    reads = {f["figures"]["expected"]: (f["status"], f["figures"]["ocr_language"])
             for f in report["findings"] if f["check"] == "text.exact"}
    assert reads == {"عرض خاص اليوم": ("pass", "ara"), "مرحبا بكم": ("pass", "ara"),
                     "आज की पेशकश": ("pass", "hin"), "नया उत्पाद": ("pass", "hin"),
                     "ข้อเสนอพิเศษ": ("pass", "tha"), "สินค้าใหม่": ("pass", "tha"),
                     "Welcome مرحبا": ("pass", "ara+eng"), "تقرير أسبوعي": ("pass", "ara"),
                     "Weekly report": ("pass", "eng"), "شحن مجاني": ("pass", "ara")}
    [spelling] = [f for f in report["findings"] if f["check"] == "text.spelling"]
    shown = fenced_all(SECTION, "text")[1].strip()
    assert f"{spelling['status']}: text.spelling: {spelling['message']}" == shown


def test_a_wrong_word_in_each_script_fails(markets, compositor_cli):
    """A render that shows one wrong word per script, checked against the project: exactly those texts fail."""
    root, _ = markets
    folder = root / "projects" / "markets"
    wrong = (folder / "project.yaml").read_text(encoding="utf-8").replace("renders/markets.mp4", "renders/wrong.mp4")
    for _, _, right, bad in WRONG:
        assert f'"{right}"' in wrong
        wrong = wrong.replace(f'"{right}"', f'"{bad}"')
    (folder / "wrong.yaml").write_text(wrong, encoding="utf-8")
    r = compositor_cli("render", "wrong.yaml", cwd=folder, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    r = compositor_cli("qc", "project.yaml", "--video", "renders/wrong.mp4", "--json", cwd=folder, timeout=300)
    assert r.returncode == 2, r.stdout + r.stderr
    report = json.loads(r.stdout)
    failed = {(f["shot"], f["layer"]): f for f in report["findings"] if f["status"] == "fail"}
    assert set(failed) == {(shot, layer) for shot, layer, _, _ in WRONG}
    for shot, layer, right, bad in WRONG:
        f = failed[(shot, layer)]
        assert f["check"] == "text.exact" and f["figures"]["expected"] == right
        from compositor.qc.scripts import normalise
        assert normalise(f["figures"]["read"]) == normalise(bad)       # OCR read the wrong word as drawn


def test_missing_language_data_is_a_warning_naming_the_package(markets, monkeypatch):
    """Without tesseract's Thai data the Thai texts are neither failed nor passed: a warning says what to install
    (docs/qc.md shows the line)."""
    from compositor.project.load import load_project
    from compositor.qc import scripts
    from compositor.qc.run import qc_project

    root, _ = markets
    have = scripts.installed_languages()
    monkeypatch.setattr(scripts, "installed_languages", lambda: have - {"tha"})
    project = load_project(root / "projects" / "markets" / "project.yaml")
    report, found, _ = qc_project(project)
    thai = [f for f in found if f.shot == "thai" and f.check == "text.exact"]
    assert [f.status for f in thai] == ["warn", "warn"]
    assert thai[0].line() == fenced_all(SECTION, "text")[0].strip()
    assert report["counts"]["fail"] == 0


def test_comparison_key_ignores_what_ocr_cannot_see_and_keeps_every_letter():
    from compositor.qc.scripts import matches, normalise, ocr_languages

    assert matches("مَرْحَبًا", "\u200fمرحبا\u200e")                       # harakat and direction marks
    assert matches("ﻣﺮﺣﺒﺎ", "مرحبا")                                        # presentation forms (NFKC)
    assert matches("क्\u200dष", "क्ष")                                       # a zero-width joiner
    assert matches("ข้อเสนอ พิเศษ", "ข้อเสนอพิเศษ")                          # Thai: spaces are not words
    assert matches("٣٠ يوما", "30 يوما")                                     # Arabic-Indic digits
    assert not matches("कम", "काम") and not matches("आज की", "आज का")         # vowel signs count
    assert not matches("ใหม่", "ใหม") and not matches("بكم", "بهم")           # a tone mark, a letter
    assert not matches("Audit trails", "Audittrails")                        # Latin keeps its words
    assert normalise("Revenue up 30% × 2") == "revenue up 30 x 2"
    assert ocr_languages("Welcome مرحبا") == ("ara+eng", [])
    assert ocr_languages("नमस्ते")[0] == "hin" and ocr_languages("สวัสดี")[0] == "tha"
    assert ocr_languages("12:30")[0] == "eng"
    assert ocr_languages("ⴰⵣⵓⵍ")[1] == ["TIFINAGH"]                           # no OCR model: said, not guessed


def test_spelling_checks_arabic_words_and_names_the_scripts_it_cannot_check(tmp_path):
    from compositor.project.load import load_project
    from compositor.qc.gates import bars_of
    from compositor.qc.spelling import findings

    src = (REPO / "projects" / "markets" / "project.yaml").read_text(encoding="utf-8")
    (tmp_path / "p.yaml").write_text(src.replace("مرحبا بكم", "مرحبن بكم"), encoding="utf-8")
    project = load_project(tmp_path / "p.yaml")
    found = findings(project, bars_of(project))
    [warn] = [f for f in found if f.status == "warn"]
    assert warn.shot == "arabic" and warn.figures["unknown"] == ["مرحبن"] and warn.figures["language"] == "ar"
    [note] = [f for f in found if f.status == "pass"]
    assert note.message == "not spell-checked, no dictionary for the script: Devanagari (2 strings), Thai (2 strings)"
