"""Shot memory across a project: which frames conditioned which shot is recorded in the cache, and changing one
shot's prompt re-generates exactly that shot and its dependants, in shot order (counted pipeline calls)."""
import numpy as np
import pytest

from compositor.diffusion import cache
from compositor.links import dependants, project_links
from compositor.errors import UserError
from compositor.project.load import load_project
from compositor.session import RenderSession

PROJECT = """\
compositor: 1
title: Shot memory
output: {size: [32, 32], fps: 8, file: out}
shots:
  - id: a
    duration: 1
    background:
      generate: {prompt: "city street night", model: models/wan_i2v, image: first.png, seed: 3}
  - id: b
    duration: 1
    background:
      generate:
        prompt: "city street rain"
        model: models/ltx_condition
        continuity: {with: previous, strength: 0.6}
  - id: c
    duration: 1
    background:
      generate: {prompt: "forest mountain", model: models/wan_t2v, seed: 9}
  - id: d
    duration: 1
    background:
      generate: {prompt: "city street neon", model: models/wan_i2v, start_from: {shot: b, at: end}}
  - id: e
    duration: 1
    background:
      generate: {prompt: "forest sunset", model: models/wan_t2v, continuity: {with: c}}
"""


@pytest.fixture
def calls(monkeypatch):
    """Every diffusers pipeline call, in order (the pipeline then runs for real)."""
    import diffusers

    seen = []
    for name in ("WanPipeline", "WanImageToVideoPipeline", "LTXConditionPipeline"):
        cls = getattr(diffusers, name)

        def spy(self, *args, _original=cls.__call__, **kwargs):
            seen.append(type(self).__name__)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(cls, "__call__", spy)
    return seen


def render(project_dir, text):
    """Prepare every shot as a render does; returns (project, generated shot ids in order, session)."""
    (project_dir / "project.yaml").write_text(text, encoding="utf-8")
    project = load_project(project_dir / "project.yaml")
    order = []
    session = RenderSession(project, progress=lambda label, done, total: (
        order.append(label.split(":")[0]) if label.split(":")[0] not in order else None))
    session.warm()
    return project, order, session


def test_changing_one_prompt_regenerates_that_shot_and_its_dependants(project, calls):
    proj, first, session = render(project, PROJECT)
    assert first == ["a", "b", "c", "d", "e"] and len(calls) == 5
    links = project_links([s.spec for s in proj.shots])
    ids = [s.id for s in proj.shots]
    assert dependants(links, "a", ids) == ["b", "d"] and dependants(links, "c", ids) == ["e"]

    calls.clear()
    _, again, _ = render(project, PROJECT)
    assert again == [] and calls == []                       # nothing changed: everything from the cache

    _, changed, _ = render(project, PROJECT.replace("city street night", "city street sunset"))
    assert changed == ["a", "b", "d"] and len(calls) == 3    # a, then its dependants in order; c and e cached

    calls.clear()
    _, changed, _ = render(project, PROJECT.replace("forest mountain", "forest ocean"))
    assert changed == ["c", "e"] and len(calls) == 2


def test_the_cache_records_which_frames_conditioned_which_shot(project, calls):
    proj, _, session = render(project, PROJECT)
    b = session.prepare(proj.shot("b")).source.unwrap()
    a_last = session.prepare(proj.shot("a")).source.frame(7)[..., :3]
    _, meta = cache.load(proj.cache_dir, b.report["key"], with_meta=True)
    entry, = meta["conditioned_by"]
    assert entry["as"] == "continuity" and entry["shot"] == "a" and entry["strength"] == 0.6
    assert b.report["seed"] == 3                              # seed lineage: a's seed, b sets none
    d = session.prepare(proj.shot("d")).source.unwrap()
    _, meta = cache.load(proj.cache_dir, d.report["key"], with_meta=True)
    assert meta["conditioned_by"][0]["as"] == "start_from" and meta["conditioned_by"][0]["shot"] == "b"
    assert np.abs(d.frame(0)[..., :3].astype(int) - session.prepare(proj.shot("b")).source.frame(7)[..., :3]).max() <= 1
    assert a_last.shape == (32, 32, 3)


@pytest.mark.parametrize("old, new, field", [
    ("continuity: {with: previous, strength: 0.6}", "continuity: {with: d}", "with"),
    ("start_from: {shot: b, at: end}", "start_from: {shot: e, at: end}", "shot"),
    ("continuity: {with: c}", "continuity: {with: c, strength: 2}", "strength"),
])
def test_links_to_later_shots_are_refused_with_the_line(project, old, new, field):
    (project / "project.yaml").write_text(PROJECT.replace(old, new), encoding="utf-8")
    with pytest.raises(UserError) as exc:
        load_project(project / "project.yaml")
    line = next(i for i, text in enumerate(PROJECT.replace(old, new).splitlines(), 1) if new in text)
    assert f"project.yaml:{line}" in str(exc.value) and field in str(exc.value)


def test_the_first_shot_has_no_previous(project):
    text = PROJECT.replace("image: first.png, seed: 3", "continuity: {with: previous}, seed: 3")
    (project / "project.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(UserError, match="no previous shot"):
        load_project(project / "project.yaml")


def _doc_example() -> str:
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "generation.md").read_text(encoding="utf-8")
    section = text.split("### Start frames and shot memory", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


def test_doc_example_starts_lands_and_remembers(tmp_path, models, compositor_cli):
    """docs/generation.md's shot-memory example, verbatim, on a tiny LTX condition folder: `arrive` starts on the
    reference and lands on the dashboard, `again` starts on arrive's first frame, `closer` remembers arrive, and
    `compositor check` reports both linked pairs."""
    import json

    from PIL import Image

    from compositor.consistency.pairs import Pair, linked_pairs
    from compositor.render import FrameRenderer

    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "ltx-video-condition").symlink_to(models / "ltx_condition", target_is_directory=True)
    (tmp_path / "assets").mkdir()
    hero = np.zeros((192, 320, 3), np.uint8)
    hero[:, :160] = (210, 70, 40)
    hero[:, 160:] = (40, 90, 200)
    dashboard = np.zeros((192, 320, 3), np.uint8)
    dashboard[:96] = (240, 200, 30)
    dashboard[96:] = (20, 140, 90)
    Image.fromarray(hero).save(tmp_path / "assets" / "hero.png")
    Image.fromarray(dashboard).save(tmp_path / "assets" / "dashboard.png")
    (tmp_path / "project.yaml").write_text(_doc_example(), encoding="utf-8")
    project = load_project(tmp_path / "project.yaml")
    assert linked_pairs(project) == [Pair("arrive", "closer", ("continuity",)), Pair("arrive", "again", ("start_from",))]

    renderer = FrameRenderer(project)

    def near(frame, want):     # generated small and upscaled: exact away from the colour edge, softened on it
        diff = np.abs(frame[..., :3].astype(int) - want.astype(int))
        return np.median(diff) <= 1 and diff.mean() < 8
    first = renderer.frame(0)
    assert near(first, hero) and near(renderer.frame(7), dashboard) and near(renderer.frame(16), first[..., :3])
    closer = renderer.session.prepare(project.shot("closer")).source.unwrap()
    assert closer.report["seed"] == 7 and closer.report["conditioned_by"][0]["shot"] == "arrive"

    r = compositor_cli("check", tmp_path / "project.yaml", "--json", cwd=tmp_path, timeout=600)
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)["continuity"]
    assert [(row["a"], row["b"], row["linked_by"]) for row in rows] == [("arrive", "closer", ["continuity"]),
                                                                        ("arrive", "again", ["start_from"])]


def test_cache_list_shows_what_conditioned_each_clip(project, compositor_cli):
    render(project, PROJECT)
    r = compositor_cli("cache", "list", project / "project.yaml", cwd=project, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "conditioned by shot a at end (continuity" in r.stdout
    assert "conditioned by shot b at end (start_from" in r.stdout and "5 generated clip(s)" in r.stdout


def test_continuity_with_real_footage(project, monkeypatch):
    """A generated shot can remember a filmed one: the video's last frame conditions it (real AI footage)."""
    import shutil
    from pathlib import Path

    import cv2
    import diffusers

    from compositor.diffusion.resample import crop_box

    clip = Path(__file__).resolve().parents[1] / "data" / "coherence" / "cogvideox-1-24f.mp4"
    shutil.copy(clip, project / "ship.mp4")
    seen = []
    original = diffusers.LTXConditionPipeline.__call__

    def spy(self, *args, **kwargs):
        seen.append(kwargs)
        return original(self, *args, **kwargs)
    monkeypatch.setattr(diffusers.LTXConditionPipeline, "__call__", spy)
    text = """\
compositor: 1
title: Remembers the footage
output: {size: [48, 32], fps: 8, file: out}
shots:
  - id: filmed
    duration: 1
    background: {video: ship.mp4}
  - id: made
    duration: 1
    background:
      generate: {prompt: "ocean waves", model: models/ltx_condition, continuity: {with: filmed, strength: 0.5}}
"""
    (project / "project.yaml").write_text(text, encoding="utf-8")
    proj = load_project(project / "project.yaml")
    session = RenderSession(proj)
    made = session.prepare(proj.shot("made")).source.unwrap()
    last = session.prepare(proj.shot("filmed")).source.frame(7)[..., :3]
    cond, = seen[0]["conditions"]
    w, h = seen[0]["width"], seen[0]["height"]
    x, y, cw, ch = crop_box((last.shape[1], last.shape[0]), (w, h))
    want = cv2.resize(last[y:y + ch, x:x + cw], (w, h), interpolation=cv2.INTER_LANCZOS4)
    assert cond.strength == 0.5 and np.abs(np.asarray(cond.image).astype(int) - want).max() <= 1
    assert made.report["conditioned_by"][0]["shot"] == "filmed"
    assert made.report["seed"] == 0                            # footage has no seed: the shot keeps its own
