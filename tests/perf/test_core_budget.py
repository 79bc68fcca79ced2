"""`--workers N` is a budget of N cores: the render, its threads and its worker processes stay on N cores."""
import multiprocessing
import os
import threading

import pytest

from compositor.cores import allowed_cores, core_budget

needs_two = pytest.mark.skipif(not hasattr(os, "sched_setaffinity") or len(allowed_cores()) < 2,
                               reason="needs CPU affinity and two cores")


def _affinity_of_new_thread() -> set:
    seen = {}
    t = threading.Thread(target=lambda: seen.setdefault("cores", os.sched_getaffinity(0)))
    t.start()
    t.join()
    return seen["cores"]


def _report(q):
    q.put(sorted(os.sched_getaffinity(0)))


@needs_two
def test_a_one_core_budget_confines_threads_and_processes_and_is_undone():
    before = os.sched_getaffinity(0)
    with core_budget(1) as cores:
        assert len(cores) == 1 and os.sched_getaffinity(0) == set(cores)
        assert _affinity_of_new_thread() == set(cores)
        q = multiprocessing.get_context("fork").Queue()
        p = multiprocessing.get_context("fork").Process(target=_report, args=(q,))
        p.start()
        assert q.get(timeout=30) == cores
        p.join()
    assert os.sched_getaffinity(0) == before
    assert _affinity_of_new_thread() == before


def test_a_budget_of_every_core_changes_nothing():
    before = set(allowed_cores())
    with core_budget(len(before)) as cores:
        assert set(cores) == before
    with core_budget(len(before) + 8) as cores:
        assert set(cores) == before


@needs_two
def test_the_affinity_is_restored_after_an_error():
    before = os.sched_getaffinity(0)
    with pytest.raises(RuntimeError):
        with core_budget(1):
            raise RuntimeError("render failed")
    assert os.sched_getaffinity(0) == before


def test_worker_seats_split_the_cores_into_disjoint_groups(monkeypatch):
    from compositor import cores

    for n_cores, workers in ((2, 2), (16, 2), (16, 3), (16, 16), (2, 4)):
        monkeypatch.setattr(cores, "allowed_cores", lambda n=n_cores: list(range(n)))
        groups = [cores.seat_cores(k, workers) for k in range(workers)]
        assert all(groups), groups
        if workers <= n_cores:          # every core used, none shared
            assert sorted(c for g in groups for c in g) == list(range(n_cores))
            assert max(map(len, groups)) - min(map(len, groups)) <= 1
        else:                           # more workers than cores: one core each, evenly stacked
            assert all(len(g) == 1 for g in groups) and {g[0] for g in groups} == set(range(n_cores))


def test_decoders_run_on_one_thread_where_a_process_has_two_cores_or_fewer(monkeypatch):
    from compositor import cores

    monkeypatch.setattr(cores, "allowed_cores", lambda: list(range(2)))
    assert cores.decoder_threads() == 1
    monkeypatch.setattr(cores, "allowed_cores", lambda: list(range(16)))
    monkeypatch.setitem(cores.SHARE, "processes", 2)
    assert cores.decoder_threads() == 0            # FFmpeg's own count: 8 cores to this process
    monkeypatch.setitem(cores.SHARE, "processes", 16)
    assert cores.decoder_threads() == 1


def _pinned_affinity(q, seat, workers):
    from compositor.cores import take_seat
    q.put((take_seat(seat, workers), sorted(os.sched_getaffinity(0)), sorted(_affinity_of_new_thread())))


@needs_two
def test_a_seated_worker_and_its_threads_stay_on_its_cores_until_unpinned():
    from compositor.cores import seat_cores, unpin

    ctx = multiprocessing.get_context("fork")
    q, go = ctx.Queue(), ctx.Event()

    def seated(q, go):
        _pinned_affinity(q, 1, 2)
        go.wait(30)
        q.put(sorted(_affinity_of_new_thread()))

    p = ctx.Process(target=seated, args=(q, go))
    p.start()
    pinned, cores, thread_cores = q.get(timeout=30)
    assert pinned and cores == thread_cores == seat_cores(1, 2) and len(cores) < len(allowed_cores())
    unpin([p.pid])
    go.set()
    assert q.get(timeout=30) == allowed_cores()
    p.join()
