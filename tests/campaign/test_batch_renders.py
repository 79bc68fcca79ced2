"""Real renders of a parameterised project: `--set` changes the title OCR reads back; `--data` renders the good
rows of a CSV (unicode and long names read back by OCR) and reports the bad ones (a missing logo file, an
off-brand colour, an unknown column) against their CSV lines, lists every row in batch.json and exits 2."""
from __future__ import annotations

import json

import pytest

from compositor.rows import Row, pick, read_rows
from tests.campaign.campaign_fixtures import folded, make_campaign, ocr_last_frame

pytest.importorskip("pytesseract")

ROWS = """company,logo,accent
Globex,assets/other.svg,primary

"Zoë Müller, Ørsted",,
Extraordinarily Long Company Name,,
Missing Logo,assets/nope.svg,
Off Brand,,#FF00FF
"""


def test_set_changes_the_title(tmp_path, compositor_cli):
    project = make_campaign(tmp_path)
    r = compositor_cli("render", project, "--set", "company=Initech", "--workers", "1", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    video = project.parent / "renders" / "Initech.mp4"
    assert "helloinitech" in folded(ocr_last_frame(video))


def test_data_renders_good_rows_and_reports_bad_ones(tmp_path, compositor_cli):
    project = make_campaign(tmp_path, brand="acme")
    (project.parent / "rows.csv").write_text(ROWS, encoding="utf-8")
    r = compositor_cli("render", "project.yaml", "--data", "rows.csv", cwd=project.parent, timeout=300,
                       env={"COMPOSITOR_KITS": str(tmp_path / "kits")})
    assert r.returncode == 2, r.stdout + r.stderr
    assert "rows.csv:6: logo: file not found: assets/nope.svg (used at project.yaml:" in r.stderr
    assert "rows.csv:7: accent: literal colour '#FF00FF' is off-brand" in r.stderr
    assert "Traceback" not in r.stderr
    renders = project.parent / "renders"
    summary = json.loads((renders / "batch.json").read_text(encoding="utf-8"))
    assert [(row["row"], row["line"], row["status"]) for row in summary["rows"]] == \
        [(1, 2, "ok"), (2, 4, "ok"), (3, 5, "ok"), (4, 6, "failed"), (5, 7, "failed")]
    assert summary["ok"] == 3 and summary["failed"] == 2
    assert all(row["problems"] for row in summary["rows"][3:]) and not any(r["problems"] for r in summary["rows"][:3])
    for name in ("Globex", "Zoë Müller, Ørsted", "Extraordinarily Long Company Name"):
        video = renders / f"{name}.mp4"
        assert video.is_file()
        read = folded(ocr_last_frame(video))
        assert folded(f"Hello {name}").replace("o", "") in read.replace("o", "").replace("0", ""), (name, read)
    assert not (renders / "Missing Logo.mp4").exists() and not (renders / "Off Brand.mp4").exists()


def test_unknown_column_rows_and_default_names(tmp_path, compositor_cli):
    project = make_campaign(tmp_path)
    project.write_text(project.read_text().replace('file: "renders/{{company}}.mp4"', "file: renders/promo.mp4"))
    (project.parent / "rows.jsonl").write_text('{"company": "Alpha"}\n\n{"company": "Beta", "colour": "ink"}\n'
                                               '{"company": "Gamma"}\n', encoding="utf-8")
    r = compositor_cli("render", project, "--data", project.parent / "rows.jsonl", "--rows", "2-3", cwd=tmp_path)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "rows.jsonl:3: colour: unknown column" in r.stderr
    renders = project.parent / "renders"
    assert sorted(p.name for p in renders.glob("*.mp4")) == ["promo-3.mp4"]       # <stem>-<row number>
    rows = json.loads((renders / "batch.json").read_text())["rows"]
    assert [(row["row"], row["line"], row["status"]) for row in rows] == [(2, 3, "failed"), (3, 4, "ok")]


def test_rows_of_each_format_and_pick(tmp_path):
    (tmp_path / "r.json").write_text('[\n  {"company": "A"},\n  {\n    "company": "B"\n  }\n]\n')
    assert [(r.number, r.line, r.values) for r in read_rows(tmp_path / "r.json")] == \
        [(1, 2, {"company": "A"}), (2, 3, {"company": "B"})]
    (tmp_path / "r.csv").write_text('company,seats\n"Multi\nline",3\n\nB,\n')
    assert [(r.line, r.values) for r in read_rows(tmp_path / "r.csv")] == \
        [(2, {"company": "Multi\nline", "seats": "3"}), (5, {"company": "B", "seats": None})]
    many = [Row(n, n + 1) for n in range(1, 8)]
    assert [r.number for r in pick(many, "1,4-6")] == [1, 4, 5, 6] and [r.number for r in pick(many, "3")] == [3]
    with pytest.raises(ValueError, match="there are 7 rows"):
        pick(many, "2-9")
    with pytest.raises(ValueError, match="not a row number"):
        pick(many, "x")


def test_rows_render_on_ray_with_their_values(tmp_path, ray_cluster):
    """`--executor ray`: each row's render runs on Ray, and its workers load the project with the row's values."""
    from compositor.batch import render_batch

    project = make_campaign(tmp_path)
    (project.parent / "rows.csv").write_text("company\nUmbrella\nHooli\n")
    result = render_batch(project, read_rows(project.parent / "rows.csv"), executor="ray")
    assert [r.status for r in result.rows] == ["ok", "ok"], [r.problems for r in result.rows]
    for name in ("Umbrella", "Hooli"):
        assert f"hello{name.lower()}" in folded(ocr_last_frame(project.parent / "renders" / f"{name}.mp4"))
