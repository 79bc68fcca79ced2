"""Every frame is a pure function of (project, frame index), whoever draws it: a stabilized shot, a pinned and a
following layer, a generated shot with `deflicker:` and a `continue_from` pair render frame-identical on one
worker, two workers, Ray, with or without a `quality:` section, and twice from one loaded project."""
from __future__ import annotations

import pytest

from compositor.project.load import load_project
from compositor.render import render

from .session_project import SEGMENT, frame_hashes


def test_two_workers_draw_the_same_frames(session_project, fresh_copy):
    _, reference = session_project
    out = render(load_project(fresh_copy), fresh_copy.parent / "renders" / "two", workers=2, segment=SEGMENT)
    assert frame_hashes(out) == reference


def test_one_loaded_project_renders_twice_the_same(session_project, fresh_copy):
    _, reference = session_project
    project = load_project(fresh_copy)
    first = frame_hashes(render(project, fresh_copy.parent / "renders" / "first", workers=1, segment=SEGMENT))
    second = frame_hashes(render(project, fresh_copy.parent / "renders" / "second", segment=SEGMENT))
    assert first == reference
    assert second == reference


def test_a_quality_section_does_not_change_the_frames(session_project, fresh_copy, compositor_cli):
    _, reference = session_project
    text = fresh_copy.read_text() + "quality: {min_coherence: 1, on_fail: warn}\n"
    fresh_copy.write_text(text)
    out = fresh_copy.parent / "renders" / "gated"
    r = compositor_cli("render", fresh_copy, "-o", out, "--workers", "2", timeout=600)
    assert r.returncode == 0, r.stderr
    assert (fresh_copy.parent / "renders" / "gated.coherence.json").exists()   # the gate really ran
    assert frame_hashes(out) == reference


def test_ray_draws_the_same_frames(session_project, fresh_copy, ray_cluster):
    _, reference = session_project
    out = render(load_project(fresh_copy), fresh_copy.parent / "renders" / "ray", executor="ray", segment=SEGMENT)
    assert frame_hashes(out) == reference


def test_the_loaded_project_is_frozen(session_project):
    project = load_project(session_project[0])
    with pytest.raises(AttributeError):
        project.shots[0].source = None
    with pytest.raises(AttributeError):
        project.shots[0].layers[0].at = (0, 0)
    with pytest.raises(AttributeError):
        project.cache_dir = None
