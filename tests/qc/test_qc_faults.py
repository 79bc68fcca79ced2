"""`compositor qc` on a project with deliberate faults: each is reported at its shot, layer and time — low
contrast over bright real footage, a colour literal in an unlocked kit, text outside the safe area, a covered
logo, a pinned layer whose track loses confidence, a Lottie text in a font that is not the kit's. A "delivered"
render that differs from the project (a misspelt caption, a late caption, a wrong-coloured brand shape) fails
where it differs. `quality:` sets the bars and the gates."""
from __future__ import annotations

import pytest

from .conftest import make_faults, rendered
from .test_qc import by_check, qc


def one(rep, check, shot, layer=None):
    found = [f for f in by_check(rep, check) if f.get("shot") == shot and (layer is None or f.get("layer") == layer)]
    assert len(found) == 1, (check, shot, layer, found)
    return found[0]


@pytest.fixture(scope="module")
def faults(qc_folder):
    p = make_faults(qc_folder, "faults")
    return p, rendered(p)


@pytest.fixture(scope="module")
def report(faults):
    code, rep, out = qc(faults[0])
    return code, rep, out


def test_each_fault_is_reported_at_its_shot_and_time(report):
    code, rep, out = report
    assert code == 2
    c = one(rep, "text.contrast", "wall", "layers[0]")          # paper text over the bright wall
    assert c["status"] == "fail" and c["figures"]["min_ratio"] < 2.5 and 0 < c["t"] < 2
    lit = one(rep, "brand.literals", "offer", "layers[0]")
    assert lit["status"] == "fail" and lit["figures"]["literal"] == "#0B1020" and lit["figures"]["nearest"] == "ink"
    assert "faults.yaml:" in lit["message"] and lit["figures"]["line"] > 1
    s = one(rep, "text.safe_area", "offer", "layers[0]")
    assert s["status"] == "fail" and s["figures"]["box"][0] < s["figures"]["safe"][0]
    assert one(rep, "text.safe_area", "wall", "layers[0]")["status"] == "pass"
    logo = one(rep, "brand.logo", "offer", "layers[1]")          # the plate drawn after it hides it
    assert logo["status"] == "fail" and logo["figures"]["match"] < 0.1 and 0 < logo["t"] < 2
    tr = one(rep, "tracking.confidence", "wall", "layers[1]")    # pinned across the painter's arm
    assert tr["status"] == "fail" and tr["figures"]["min_confidence"] < 0.5 and 0 <= tr["t"] < 2
    f = one(rep, "brand.fonts", "offer", "layers[4]")
    assert f["status"] == "fail" and f["figures"]["font"] == "Avenir Next"


def test_what_is_right_in_the_faulty_project_passes(report):
    _, rep, _ = report
    fill = one(rep, "brand.fill", "wall", "layers[1]")           # the pinned card, sampled on the footage
    assert fill["status"] == "pass" and fill["figures"]["delta_e"] < 1.5
    assert one(rep, "brand.fill", "offer", "layers[2]")["status"] == "pass"
    ui = {f["figures"]["read"]: f["status"] for f in by_check(rep, "text.exact") if f.get("layer") == "layers[3]"}
    assert ui == {"Weekly report": "pass", "Revenue up": "pass"}
    lottie = [f for f in by_check(rep, "text.exact") if f.get("layer") == "layers[4]"]
    assert [f["status"] for f in lottie] == ["pass"] and lottie[0]["figures"]["expected"] == "TEXT"
    caps = by_check(rep, "captions.timing")
    assert [(f["shot"], f["status"]) for f in caps] == [("wall", "pass"), ("offer", "pass")]
    reads = {f["figures"]["expected"]: f["status"] for f in by_check(rep, "text.exact") if f["layer"] == "captions"}
    assert reads == {"Meet our new team": "pass", "Order before noon": "pass"}


def test_delivered_render_that_differs_fails_where_it_differs(qc_folder, faults):
    other = rendered(make_faults(qc_folder, "delivered", caption=("Meet our new taem", 0.3, 1.9),
                                 second=("Order before noon", 2.9, 3.6), card_fill="accent"))
    code, rep, _ = qc(faults[0], "--video", other)
    assert code == 2
    cap = next(f for f in by_check(rep, "text.exact") if f["layer"] == "captions" and f["shot"] == "wall")
    assert cap["status"] == "fail" and cap["figures"]["read"] == "Meet our new taem" and 0.3 < cap["t"] < 1.6
    late = one(rep, "captions.timing", "offer")
    assert late["status"] == "fail" and "not on screen at 2.4" in late["message"]
    assert late["figures"]["match"]["2.458"] < 0.2 and late["figures"]["match"]["3.000"] > 0.9
    lingers = one(rep, "captions.timing", "wall")                # still on screen after its cue ends at 1.6s
    assert lingers["status"] == "fail" and "outside its cue" in lingers["message"] and 1.6 < lingers["t"] < 1.9
    fill = one(rep, "brand.fill", "wall", "layers[1]")
    assert fill["status"] == "fail" and fill["figures"]["delta_e"] > 20 and fill["figures"]["token"] == "primary"


def test_quality_sets_bars_and_gates(qc_folder, faults):
    lenient = make_faults(qc_folder, "lenient", quality={
        "min_coherence": 10, "min_contrast": 1.2, "min_track_confidence": 0.05, "literal_colors": "warn",
        "gates": ["format", "audio", "captions"]})
    code, rep, _ = qc(lenient, "--video", faults[1])
    assert code == 0, [f for f in rep["findings"] if f["status"] == "fail"]
    assert one(rep, "text.contrast", "wall", "layers[0]")["status"] == "pass"       # the bar moved
    assert one(rep, "tracking.confidence", "wall", "layers[1]")["status"] == "pass"
    assert one(rep, "brand.literals", "offer", "layers[0]")["status"] == "warn"
    logo = one(rep, "brand.logo", "offer", "layers[1]")                            # not gated: a warning
    assert logo["status"] == "warn" and logo["figures"]["gated"] is False


def test_a_misspelt_caption_in_the_project_is_reported_at_its_cue(qc_folder, faults):
    """The typo is in the project itself, so the video shows it faithfully: the dictionary catches it."""
    p = make_faults(qc_folder, "misspelt", second=("Order befor noon", 2.4, 3.6), quality={"spelling": "fail"})
    code, rep, _ = qc(p, "--video", faults[1])
    assert code == 2
    sp = one(rep, "text.spelling", "offer", "captions")
    assert sp["status"] == "fail" and sp["figures"]["unknown"] == ["befor"] and 0 < sp["t"] < 2
    assert "before" in sp["figures"]["suggestions"]["befor"]


def test_spelling_is_a_warning_by_default_and_known_words_pass(qc_folder):
    from compositor.project.load import load_project
    from compositor.qc.gates import bars_of
    from compositor.qc.spelling import findings

    p = make_faults(qc_folder, "brandword", caption=("Zorblax is here", 0.3, 1.6))
    proj = load_project(p)
    [f] = findings(proj, bars_of(proj))
    assert (f.status, f.shot, f.layer, f.figures["unknown"]) == ("warn", "wall", "captions", ["Zorblax"])
    p = make_faults(qc_folder, "brandword2", caption=("Zorblax is here", 0.3, 1.6), quality={"words": ["Zorblax"]})
    proj = load_project(p)
    assert [f.status for f in findings(proj, bars_of(proj))] == ["pass"]


def test_the_kits_words_are_known_to_every_project(tmp_path):
    from compositor.project.load import load_project
    from compositor.qc.gates import bars_of
    from compositor.qc.spelling import findings

    p = make_faults(tmp_path, "kitword", caption=("Zorblax is here", 0.3, 1.6))
    kit = tmp_path / "kit" / "brand.yaml"
    kit.write_text(kit.read_text() + "words: [Zorblax]\n")
    proj = load_project(p)
    assert [f.status for f in findings(proj, bars_of(proj))] == ["pass"]


def test_unknown_gate_is_refused_with_its_line(qc_folder, faults):
    p = make_faults(qc_folder, "typo", quality={"gates": ["brand", "txet"]})
    code, _, out = qc_plain(p, "--video", faults[1])
    assert code == 2 and "typo.yaml:" in out and "unknown check 'txet'" in out and "Traceback" not in out


def qc_plain(project, *extra):
    from typer.testing import CliRunner

    from compositor.cli import app

    res = CliRunner().invoke(app, ["qc", str(project), *map(str, extra)])
    return res.exit_code, None, res.output
