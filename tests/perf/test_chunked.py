"""Chunked rendering: any number of workers, the same file frame for frame, nothing dropped or repeated."""
from __future__ import annotations

import numpy as np

from compositor.chunks import plan_frame_ranges
from compositor.project.load import load_project
from compositor.render import FrameRenderer, render

from .conftest import N_FRAMES, SEGMENT, decoded, keyframes


def test_plan_covers_every_frame_once_and_ignores_worker_count():
    for n in (1, 59, 60, 61, 600, 1800, 54000):
        plans = [plan_frame_ranges(n, w) for w in (1, 2, 7, 64)]
        assert all(p == plans[0] for p in plans)
        flat = [i for r in plans[0] for i in r]
        assert flat == list(range(n))
    assert len(plan_frame_ranges(54000, 4)) <= 32          # long renders: longer segments, not more of them


def test_frames_are_pure_functions_of_the_index(small_project):
    """A renderer that starts cold at frame i draws what a sequential pass drew there (what chunks rely on)."""
    project = load_project(small_project)
    seq = FrameRenderer(project)
    try:
        sequential = [seq.frame(i).copy() for i in range(N_FRAMES)]
    finally:
        seq.close()
    for i in (0, 1, 14, 15, 31, 44, 45, 46, 60, 80):
        cold = FrameRenderer(load_project(small_project))
        try:
            assert np.array_equal(cold.frame(i), sequential[i]), f"frame {i} differs when rendered cold"
        finally:
            cold.close()


def test_two_workers_equal_one_worker_frame_for_frame(small_project, tmp_path):
    project = load_project(small_project)
    one = render(project, tmp_path / "one.mp4", workers=1, segment=SEGMENT)
    two = render(project, tmp_path / "two.mp4", workers=2, segment=SEGMENT)
    a, b = decoded(one), decoded(two)
    assert [pts for pts, _ in a] == list(range(N_FRAMES))      # every frame once, in order, pts exact
    assert a == b
    assert keyframes(two) == len(plan_frame_ranges(N_FRAMES, 2, SEGMENT))   # one keyframe per joined segment
    assert len({h for _, h in a}) > N_FRAMES // 2              # the frames really move (a test that can fail)


def test_png_folder_output_joins_in_order(small_project, tmp_path):
    import cv2

    project = load_project(small_project, output=tmp_path / "frames")
    out = render(project, tmp_path / "frames", workers=2, segment=SEGMENT)
    files = sorted(out.glob("frame_*.png"))
    assert [f.name for f in files] == [f"frame_{i:06d}.png" for i in range(N_FRAMES)]
    direct = FrameRenderer(project)
    try:
        for i in (0, 15, 44, 80):
            png = cv2.cvtColor(cv2.imread(str(files[i])), cv2.COLOR_BGR2RGB)
            assert np.array_equal(png, direct.frame(i)[..., :3])
    finally:
        direct.close()
    assert not list(tmp_path.glob(".*segments*"))               # the work folder is gone


def test_segment_counts_share_out_evenly_and_workers_take_consecutive_runs():
    """Counts the usual worker counts divide (10 s at 30 fps: 4 x 75, not 5 x 60), and each local worker reads
    one run of consecutive segments (its footage straight on, never a second seek)."""
    from compositor.render.executors.local import runs_of

    assert [len(r) for r in plan_frame_ranges(300)] == [75] * 4
    assert len(plan_frame_ranges(900)) == 12
    work = list(range(12))
    for workers in (1, 2, 3, 5, 16):
        runs = runs_of(work, workers)
        assert [s for run in runs for s in run] == work
        assert len(runs) == min(workers, len(work))
        assert max(map(len, runs)) - min(map(len, runs)) <= 1


def test_progress_counts_every_frame_once_in_order_on_two_workers(small_project, tmp_path):
    from compositor.render.run import run

    seen = []
    run(load_project(small_project), tmp_path / "two.mp4", workers=2, segment=SEGMENT,
        frame_done=lambda n, total, _s: seen.append((n, total)))
    assert seen == [(n, N_FRAMES) for n in range(1, N_FRAMES + 1)]
