"""`compositor qc` on real renders: a clean project passes every check; each deliberate fault (another size and
frame rate, a black run, a misspelt string, low contrast, text outside the safe area, loudness off target,
clipping) fails at its shot and time with exit code 2."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from compositor.cli import app

from .conftest import make_project, rendered

runner = CliRunner()


def qc(project, *extra):
    res = runner.invoke(app, ["qc", str(project), "--json", *map(str, extra)])
    start = res.stdout.index("{")
    return res.exit_code, json.loads(res.stdout[start:]), res.stdout


def by_check(report, check):
    return [f for f in report["findings"] if f["check"] == check]


@pytest.fixture(scope="module")
def clean(qc_folder):
    p = make_project(qc_folder, "clean")
    return p, rendered(p)


def test_clean_project_passes_everything_and_writes_html(clean):
    p, video = clean
    code, rep, _ = qc(p)
    assert code == 0, [f for f in rep["findings"] if f["status"] != "pass"]
    assert rep["status"] == "pass" and rep["counts"]["fail"] == 0
    assert {f["read"] for f in (x["figures"] for x in by_check(rep, "text.exact"))} == {"Audit trails",
                                                                                          "Start today"}
    lufs = by_check(rep, "audio.loudness")[0]["figures"]["lufs"]
    assert abs(lufs + 16) <= 1.0
    assert by_check(rep, "format.frames")[0]["figures"]["frames"] == 72
    html = (video.with_name(video.stem + ".qc.html")).read_text()
    assert "<style>" in html and "data:image/png;base64," in html and "http" not in html.split("<body>")[1]
    assert json.loads(video.with_name(video.stem + ".qc.json").read_text())["status"] == "pass"


def test_wrong_size_and_fps_fail(qc_folder, clean):
    other = rendered(make_project(qc_folder, "small30", size=(480, 270), fps=30))
    code, rep, out = qc(clean[0], "--video", other)
    assert code == 2
    assert by_check(rep, "format.size")[0]["status"] == "fail"
    assert by_check(rep, "format.fps")[0]["figures"] == {"fps": 30.0, "expected": 24.0}
    assert by_check(rep, "format.fps")[0]["status"] == "fail"


def test_black_run_fails_at_its_shot(qc_folder):
    p = make_project(qc_folder, "black", black=True)
    rendered(p)
    code, rep, _ = qc(p)
    assert code == 2
    (f,) = by_check(rep, "black")
    assert f["status"] == "fail" and f["shot"] == "close"
    assert f["figures"]["seconds"] >= 1.0 and 1.4 <= f["t"] <= 1.6


def test_misspelt_text_fails_with_what_was_read(qc_folder, clean):
    p = make_project(qc_folder, "misspelt", headline="Audit trials")     # the project now says something else
    code, rep, out = qc(p, "--video", clean[1])
    assert code == 2
    f = next(x for x in by_check(rep, "text.exact") if x["shot"] == "open")
    assert f["status"] == "fail" and f["figures"]["read"] == "Audit trails"
    assert f["layer"] == "layers[0]" and 0 < f["t"] < 1.5


def test_low_contrast_and_safe_area_fail(qc_folder):
    p = make_project(qc_folder, "faint", headline_color="#E6E8EC", headline_at=(100, 150))
    rendered(p)
    code, rep, _ = qc(p)
    assert code == 2
    c = next(x for x in by_check(rep, "text.contrast") if x["shot"] == "open")
    assert c["status"] == "fail" and c["figures"]["min_ratio"] < 1.2
    s = next(x for x in by_check(rep, "text.safe_area") if x["shot"] == "open")
    assert s["status"] == "fail" and s["figures"]["box"][0] < 32


def test_loudness_off_target_and_clipping_fail(qc_folder, clean):
    quiet = rendered(make_project(qc_folder, "quiet", loudness=-30))
    code, rep, _ = qc(clean[0], "--video", quiet)
    assert code == 2
    f = by_check(rep, "audio.loudness")[0]
    assert f["status"] == "fail" and abs(f["figures"]["lufs"] + 30) < 1.5
    hot = rendered(make_project(qc_folder, "hot", loudness=-6, true_peak=-0.1))
    code, rep, _ = qc(clean[0], "--video", hot)
    assert code == 2
    assert by_check(rep, "audio.true_peak")[0]["status"] == "fail"
    assert by_check(rep, "audio.true_peak")[0]["figures"]["dbtp"] > -0.7


def test_missing_video_is_a_user_error(clean, tmp_path):
    res = runner.invoke(app, ["qc", str(clean[0]), "--video", str(tmp_path / "nope.mp4")])
    assert res.exit_code == 2 and "no such file" in res.output


def test_missing_render_is_rendered_first(qc_folder):
    p = make_project(qc_folder, "fresh")
    res = runner.invoke(app, ["qc", str(p)])
    assert res.exit_code == 0, res.output
    assert "rendering" in res.output and (qc_folder / "renders" / "fresh.mp4").exists()
