"""The Ray executor on a local two-worker cluster: the same file as a local render, and a worker that dies
mid-render is retried without losing or repeating a frame. One cluster for the whole run: Ray starts slowly."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")

from compositor.render.executors.ray_exec import chunk_task  # noqa: E402
from compositor.project.load import load_project  # noqa: E402
from compositor.render import render  # noqa: E402

from .conftest import N_FRAMES, SEGMENT, decoded  # noqa: E402


@pytest.fixture(scope="module")
def cluster(ray_cluster):
    return ray_cluster


@pytest.fixture(scope="module")
def local_render(small_project, tmp_path_factory):
    out = tmp_path_factory.mktemp("local") / "local.mp4"
    return decoded(render(load_project(small_project), out, workers=1, segment=SEGMENT))


def test_ray_render_matches_local_render(cluster, small_project, local_render, tmp_path):
    out = render(load_project(small_project), tmp_path / "ray.mp4", executor="ray", segment=SEGMENT)
    frames = decoded(out)
    assert [pts for pts, _ in frames] == list(range(N_FRAMES))
    assert frames == local_render


def test_lost_worker_is_retried_and_output_is_complete(cluster, small_project, local_render, tmp_path):
    marker = tmp_path / "crashed-once"

    def crash_once(job, start, stop):
        # the worker process dies outright (no exception to catch) the first time it gets frames 30-44
        if start == 2 * SEGMENT and not os.path.exists(marker):
            Path(marker).write_text(str(os.getpid()))
            os._exit(1)
        return chunk_task(job, start, stop)

    out = render(load_project(small_project), tmp_path / "retried.mp4", executor="ray", segment=SEGMENT,
                 executor_options={"task": crash_once, "max_retries": 2})
    assert marker.exists()                       # a worker really was lost
    frames = decoded(out)
    assert [pts for pts, _ in frames] == list(range(N_FRAMES))
    assert frames == local_render
