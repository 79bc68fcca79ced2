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
