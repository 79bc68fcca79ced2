"""A correct video must pass `compositor qc` with no failure: strings set with typography OCR cannot tell from
its plain twin (·, ×, –, curly quotes, a non-breaking space) read back as the project says, and a ring that
follows a jumping child (real footage) is judged by whether the child stays inside it, not by how many of the
tracker's reference features it re-found. A `quality:` section that only sets qc bars keeps the render free of
coherence scoring and footage coherence a warning."""
from __future__ import annotations

import shutil

import pytest
import yaml

from compositor.consistency.spec import QualitySpec, render_gate

from .conftest import ROOT, rendered, unlocked_kit
from .test_qc import by_check, qc

STRINGS = ["$4,820.00 · due Mar 14", "3× faster – “really”", "Plan\u00a0B — today"]


def typography_project(folder, name="typography"):
    unlocked_kit(folder)
    shutil.copy(ROOT / "tests/data/coherence/bedroom-30f.mp4", folder / "bedroom.mp4")
    spec = {
        "compositor": 1, "title": name, "brand": "kit",
        "output": {"size": [640, 360], "fps": 30, "file": f"renders/{name}.mp4"},
        "shots": [
            {"id": "invoice", "duration": 1.5, "background": {"color": "paper"},
             "layers": [
                 {"text": STRINGS[0], "style": "body", "at": [320, 80]},
                 {"text": STRINGS[1], "style": "body", "at": [320, 150]},
                 {"ui.card": {"title": "Invoice 1042", "subtitle": STRINGS[0], "width": 300}, "at": [320, 250]},
             ]},
            {"id": "child", "duration": 1.0, "background": {"video": "bedroom.mp4", "fit": "cover"},
             "tracks": {"girl": {"point": [260, 153], "size": 32, "at": 0}},
             "layers": [
                 {"ellipse": {"size": [70, 70], "stroke": "primary", "stroke_width": 4}, "follow": "girl"},
                 {"rect": {"size": [24, 24], "radius": 12, "fill": "primary"}, "follow": "girl", "end": 0.5},
                 {"text": STRINGS[2], "style": "label", "box": {"fill": "paper", "padding": [10, 6]},
                  "at": [320, 300], "start": 0.3},
             ]},
        ],
        "quality": {"min_track_confidence": 0.5, "spelling": "off"},
    }
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True))
    return path


@pytest.fixture(scope="module")
def report(qc_folder):
    p = typography_project(qc_folder)
    rendered(p)
    return qc(p)


def test_correct_video_with_typography_and_a_tracked_child_has_no_failure(report):
    code, rep, out = report
    assert code == 0 and rep["counts"]["fail"] == 0, [f for f in rep["findings"] if f["status"] == "fail"]
    exact = {f["figures"]["expected"]: f["status"] for f in by_check(rep, "text.exact")}
    assert exact[STRINGS[0]] == exact[STRINGS[1]] == exact[STRINGS[2]] == "pass", exact
    assert sum(1 for f in by_check(rep, "text.exact") if f["figures"]["expected"] == STRINGS[0]) == 2  # text + card


def test_each_follower_reports_its_own_worst_time(report):
    _, rep, _ = report
    tr = {f["layer"]: f for f in by_check(rep, "tracking.confidence")}
    assert set(tr) == {"layers[0]", "layers[1]"}
    assert all(f["status"] == "pass" and f["figures"]["min_confidence"] >= 0.5 for f in tr.values()), tr
    assert tr["layers[1]"]["t"] < 0.5                  # the dot ends at 0.5 s: its worst time lies in its life
    # the tracker's own bookkeeping (re-found reference features) is far lower on a jumping child
    assert tr["layers[0]"]["figures"]["tracker_confidence"] < tr["layers[0]"]["figures"]["min_confidence"]


def test_qc_bars_alone_do_not_gate_the_render_nor_fail_footage(report):
    _, rep, _ = report
    assert {f["status"] for f in by_check(rep, "footage.coherence")} <= {"pass", "warn"}
    assert not render_gate(QualitySpec(min_track_confidence=0.6, gates=["text"]))
    assert render_gate(QualitySpec(min_coherence=60)) and render_gate(QualitySpec(on_fail="fail"))
    assert render_gate(QualitySpec(gate=True)) and not render_gate(QualitySpec(min_coherence=60, gate=False))
    assert not render_gate(None)


MORE = {   # two more correct projects on real footage: a ring and a label following a toy ship (8 fps footage at
           # 24 fps: repeated frames), a label pinned to a striped wall behind jumping children
    "ship": ("cogvideox-1-24f.mp4", 24, 3.0,
             {"hull": {"point": [320, 224], "size": 48, "at": 0}},
             [{"ellipse": {"size": [90, 90], "stroke": "primary", "stroke_width": 4}, "follow": "hull"},
              {"text": "Model ship × 2 – 1:350", "style": "label", "box": {"fill": "paper", "padding": [10, 6]},
               "follow": "hull", "at": [320, 140]}]),
    "wall": ("bedroom-30f.mp4", 30, 1.0,
             {"wall": {"corners": [[420, 100], [520, 100], [520, 180], [420, 180]], "at": 0}},
             [{"text": "Room · 2×3 m", "style": "label", "box": {"fill": "paper", "padding": [8, 4]},
               "pin": "wall"}]),
}


@pytest.mark.parametrize("name", sorted(MORE))
def test_more_correct_projects_on_real_footage_have_no_failure(qc_folder, name):
    clip, fps, duration, tracks, layers = MORE[name]
    shutil.copy(ROOT / "tests/data/coherence" / clip, qc_folder / clip)
    spec = {"compositor": 1, "title": name, "brand": "northwind",
            "output": {"size": [640, 360], "fps": fps, "file": f"renders/{name}.mp4"},
            "shots": [{"id": name, "duration": duration, "background": {"video": clip, "fit": "cover"},
                       "tracks": tracks, "layers": layers}],
            "quality": {"min_track_confidence": 0.5}}
    path = qc_folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True))
    rendered(path)
    code, rep, _ = qc(path)
    assert code == 0 and rep["counts"]["fail"] == 0, [f for f in rep["findings"] if f["status"] == "fail"]
    assert [f["status"] for f in by_check(rep, "text.exact")] == ["pass"]
    tr = by_check(rep, "tracking.confidence")
    assert tr and all(f["status"] == "pass" for f in tr), tr


def test_typography_ocr_cannot_tell_apart_compares_equal():
    from compositor.qc.text import matches, normalise

    assert matches("$4,820.00 · due Mar 14", "$4,820.00 - due Mar 14")
    assert matches("3× faster", "3x faster") and matches("‘it’s’ – “ok”", "'it's' - \"ok\"")
    assert matches("Plan\u00a0B\u2009now", "Plan B now")
    assert not matches("3× faster", "3x fester")                 # a wrong letter still fails
    assert not matches("due Mar 14", "due Mar 14 7")             # and so does a stray digit (retried larger first)
    assert normalise("ＡＢＣ×2") == "abcx2"


def test_cut_lists_say_how_many_they_cut():
    from compositor.listing import first

    spans = [(i, i + 0.5) for i in range(23)]
    line = first(spans, 5, lambda s: f"{s[0]:.2f}–{s[1]:.2f}s")
    assert line.endswith("4.00–4.50s and 18 more") and line.count("–") == 5
    assert first([1, 2], 5) == "1, 2"


def test_a_track_warning_with_23_low_spans_says_18_more():
    from types import SimpleNamespace as NS

    from compositor.bind import _confidence

    ts = NS(low_confidence_spans=lambda name: [(i * 0.5, i * 0.5 + 0.25) for i in range(23)])
    project = NS(lines=NS(issue=lambda path, what, fix: f"{what} — {fix}"), spec=NS(quality=None))
    shot = NS(index=0, layers=[NS(spec=NS(pin="wall", follow_spec=None))])
    (line,) = _confidence(project, shot, ts)
    assert "2.00–2.25s and 18 more (occlusion" in line and "2.50–2.75s" not in line
