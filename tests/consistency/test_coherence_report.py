"""The report a user and a CI pipeline read: JSON shape, the PNG monitor, the table, the quality spec."""
import io
import json

import cv2
import pytest
from pydantic import TypeAdapter, ValidationError

from compositor.consistency import QualitySpec, build_report, print_table, write_report
from compositor.consistency import synthetic as S
from compositor.consistency.score import analyze
from compositor.consistency.spec import DeflickerMode, below
from coherence_media import clip


@pytest.fixture(scope="module")
def shots():
    frames = clip("face", 12)
    return [("intro", analyze(frames, 8, seams=[6])),
            ("flicker", analyze(S.global_flicker(frames, 0.05, seed=1), 8))]


def test_json_report(shots, tmp_path):
    report = build_report(shots)
    assert [s["id"] for s in report["shots"]] == ["intro", "flicker"]
    first = report["shots"][0]
    assert set(first) >= {"id", "score", "verdict", "metrics", "worst"}
    assert first["verdict"] == "OK" and report["shots"][1]["verdict"] == "INCONSISTENT"
    assert report["verdict"] == "INCONSISTENT"
    assert report["thresholds"] == {"ok": 70.0, "warn": 40.0}
    assert all({"t", "frame", "metric", "value"} <= set(w) for w in report["shots"][1]["worst"])
    paths = write_report(report, tmp_path / "out.coherence.json", tmp_path / "out.coherence.png", shots)
    assert json.loads(paths[0].read_text()) == json.loads(json.dumps(report))
    png = cv2.imread(str(paths[1]))
    assert png is not None and png.shape[1] == 1000 and png.shape[0] > 300
    # the plot is not blank: threshold bands and the curve put several colours on it
    assert len({tuple(p) for p in png[::7, ::7].reshape(-1, 3)}) > 20
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.coherence.json", "out.coherence.png"]


def test_table(shots):
    from rich.console import Console
    buf = io.StringIO()
    print_table(build_report(shots), Console(file=buf, width=100, color_system=None))
    text = buf.getvalue()
    assert "intro" in text and "INCONSISTENT" in text and "flicker worst:" in text


def test_quality_spec():
    q = QualitySpec.model_validate({"min_coherence": 80, "on_fail": "regenerate"})
    assert below(75, q) and not below(85, q)
    assert QualitySpec().on_fail == "warn" and QualitySpec().min_coherence == 70
    for bad in ({"on_fail": "retry"}, {"min_coherence": 140}, {"min_coherance": 70}):
        with pytest.raises(ValidationError):
            QualitySpec.model_validate(bad)
    modes = TypeAdapter(DeflickerMode)
    assert modes.validate_python("auto") == "auto"
    with pytest.raises(ValidationError):
        modes.validate_python("medium")
