"""Measured continuity through the CLI: `compositor check` reports the continuity of every pair of linked shots
(a shared reference, `continuity:`) beside the coherence scores, and `quality: {min_continuity}` gates it."""
import json
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image

from compositor.consistency.pairs import Pair, linked_pairs, measure_pairs
from compositor.project.load import load_project
from compositor.session import RenderSession

DATA = Path(__file__).resolve().parents[1] / "data" / "coherence"

PROJECT = """\
compositor: 1
title: Linked shots
output: {{size: [32, 32], fps: 8, file: out.mp4}}
references:
  ship: {{image: ship.png}}
{quality}
shots:
  - id: ship-a
    duration: 1
    background:
      generate: {{prompt: "ocean waves", model: models/ltx_condition, start_from: ship, end_on: ship.png, seed: 1}}
  - id: ship-b
    duration: 1
    background:
      generate: {{prompt: "ocean sunset", model: models/ltx_condition, start_from: ship, end_on: ship.png, seed: 2}}
  - id: mural
    duration: 1
    background:
      generate: {{prompt: "ocean sunset", model: models/ltx_condition, start_from: mural.png, end_on: mural.png,
                 seed: 3}}
  - id: after
    duration: 1
    background:
      generate: {{prompt: "forest", model: models/wan_t2v, continuity: {{with: mural, strength: 0.5}}}}
"""


def first_frame(name: str) -> np.ndarray:
    with av.open(str(DATA / name)) as c:
        return next(c.decode(video=0)).to_ndarray(format="rgb24")


@pytest.fixture
def linked(project):
    """The project folder with two real AI-footage frames as references (toy ship, mural)."""
    for png, clip in (("ship.png", "cogvideox-1-24f.mp4"), ("mural.png", "cogvideox-3-24f.mp4")):
        Image.fromarray(first_frame(clip)).resize((48, 32), Image.LANCZOS).save(project / png)
    return project


def write(folder: Path, quality: str = "") -> Path:
    path = folder / "project.yaml"
    path.write_text(PROJECT.format(quality=quality), encoding="utf-8")
    return path


def test_linked_pairs_are_shared_references_and_continuity(linked):
    project = load_project(write(linked))
    assert linked_pairs(project) == [Pair("ship-a", "ship-b", ("reference ship",)),
                                     Pair("mural", "after", ("continuity",))]


def test_a_shared_reference_scores_above_a_different_one(linked):
    """Shots made from one reference (a real frame of AI footage) against a shot made from another."""
    session = RenderSession(load_project(write(linked)))
    (_, shared), (_, other) = measure_pairs(session, [Pair("ship-a", "ship-b", ()), Pair("ship-a", "mural", ())])
    print(f"shared reference {shared.as_dict()}, different reference {other.as_dict()}")
    assert shared.score > other.score + 0.2 and shared.colour < other.colour


def test_check_reports_and_gates_continuity(linked, compositor_cli):
    r = compositor_cli("check", write(linked), "--json", cwd=linked, timeout=600)
    assert r.returncode == 0, r.stderr
    rows = {(row["a"], row["b"]): row for row in json.loads(r.stdout)["continuity"]}
    assert set(rows) == {("ship-a", "ship-b"), ("mural", "after")}
    assert rows["ship-a", "ship-b"]["linked_by"] == ["reference ship"]
    assert 0 <= rows["mural", "after"]["score"] <= 1 and "structure_ssim" in rows["mural", "after"]
    bar = rows["ship-a", "ship-b"]["score"] + 0.01     # just above one pair: only that pair fails

    gated = "quality: {min_coherence: 0, min_continuity: %.3f, on_fail: fail}" % bar
    r = compositor_cli("check", write(linked, gated), cwd=linked, timeout=600)
    text = PROJECT.format(quality=gated).splitlines()
    line = next(i for i, t in enumerate(text, 1) if t.startswith("quality:"))
    assert r.returncode == 2 and f"project.yaml:{line}" in r.stderr and "'ship-a' and 'ship-b'" in r.stderr
    assert "Continuity (linked shots)" in r.stdout


def test_the_render_gate_fails_or_regenerates_a_pair_below_min_continuity(linked, monkeypatch):
    """`fail` stops before rendering at the quality line; `regenerate` re-runs the later shot of each failing pair
    with the next seeds (and re-prepares the shots depending on it), keeping the best attempt for later renders."""
    import diffusers

    from compositor.consistency.gate import enforce
    from compositor.errors import UserError

    with pytest.raises(UserError) as exc:
        enforce(RenderSession(load_project(write(linked, "quality: {min_coherence: 0, min_continuity: 0.999, "
                                                          "on_fail: fail}"))))
    assert "min_continuity" in str(exc.value) and "'mural' and 'after'" in str(exc.value)

    calls = []
    for name in ("WanPipeline", "LTXConditionPipeline"):
        cls = getattr(diffusers, name)

        def spy(self, *args, _original=cls.__call__, **kwargs):
            calls.append(type(self).__name__)
            return _original(self, *args, **kwargs)
        monkeypatch.setattr(cls, "__call__", spy)
    project = load_project(write(linked, "quality: {min_coherence: 0, min_continuity: 0.999, on_fail: regenerate, "
                                         "max_regenerations: 2}"))
    session = RenderSession(project)
    calls.clear()
    warnings = enforce(session)
    # ship-b and after each tried with 2 more seeds (the first attempt was cached by the `fail` run above)
    assert calls.count("LTXConditionPipeline") == 2 and calls.count("WanPipeline") == 2
    assert any("'mural' and 'after'" in w for w in warnings)          # still below 0.999: warned, not stopped
    report = json.loads((linked / "out.coherence.json").read_text())
    assert {(r["a"], r["b"]) for r in report["continuity"]} == {("ship-a", "ship-b"), ("mural", "after")}
    selections = json.loads((project.cache_dir / "generate" / "selections.json").read_text())
    kept = session.prepare(project.shot("after")).source.unwrap()
    assert selections[kept._base_key] in (0, 1, 2)
