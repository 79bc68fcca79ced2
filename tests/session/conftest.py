from __future__ import annotations

import shutil

import pytest

from .session_project import SEGMENT, frame_hashes, write_project


@pytest.fixture(scope="session")
def session_project(tmp_path_factory):
    """(project file, shared cache folder, reference frame hashes from a plain in-process render)."""
    from compositor.project.load import load_project
    from compositor.render import render

    folder = tmp_path_factory.mktemp("session")
    path = write_project(folder)
    out = render(load_project(path), folder / "renders" / "reference", segment=SEGMENT)
    return path, frame_hashes(out)


@pytest.fixture
def fresh_copy(session_project, tmp_path):
    """A copy of the project folder (with its warm cache) to render into without touching the reference."""
    src = session_project[0].parent
    dst = tmp_path / "copy"
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("renders"))
    return dst / "project.yaml"
