"""`--workers N` is a budget of N cores: a render asked for fewer cores than the machine has stays on N of them.

Why a core budget and not just a process count: one render process already runs several threads at once (the
frame loop, the encoder and its x264 threads, background-video decoding), so `--workers 1` used to spread over
every core and `--workers 2` had nothing left to gain. Confining the render to N cores makes the option mean what
a user sharing a machine expects ("leave the other cores alone"), and makes the speed-up from more workers real and
measurable. The default (0 = all cores) confines nothing.

The confinement is the CPU affinity of the calling thread (Linux `sched_setaffinity`); every thread and process the
render starts inherits it, and the previous mask is restored afterwards. Where affinity is unavailable (macOS,
Windows) the budget only sets the number of worker processes.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator


def allowed_cores() -> list[int]:
    """The cores this process may run on, in order (all of them where affinity is unknown)."""
    try:
        return sorted(os.sched_getaffinity(0))
    except AttributeError:
        return list(range(os.cpu_count() or 1))


@contextmanager
def core_budget(cores: int) -> Iterator[list[int]]:
    """Run the body (and every thread/process it starts) on at most `cores` of the allowed cores.

    Yields the cores in use. A budget that covers every allowed core changes nothing.
    """
    allowed = allowed_cores()
    if cores >= len(allowed) or not hasattr(os, "sched_setaffinity"):
        yield allowed
        return
    chosen = allowed[:max(1, cores)]
    os.sched_setaffinity(0, chosen)
    try:
        yield chosen
    finally:
        os.sched_setaffinity(0, allowed)


#: how many render processes share the cores this process may use (set in each local worker process)
SHARE = {"processes": 1}


def decoder_threads() -> int:
    """Threads for a footage decoder: 1 where a render process has at most 2 cores to itself, else 0 (FFmpeg's
    own count). Why: a render already decodes in a read-ahead thread beside drawing and x264's threads, so with
    the cores full, FFmpeg's frame threads only add their hand-over cost (2.2 against 1.6 ms of CPU a 720p
    H.264 frame). Frames are bit-identical either way."""
    cores = len(allowed_cores()) / max(1, SHARE["processes"])
    return 1 if cores <= 2 else 0


def seat_cores(seat: int, processes: int) -> list[int]:
    """The cores of worker `seat` of `processes`: the allowed cores cut into one group per worker (a core may
    hold several workers when there are more workers than cores)."""
    allowed = allowed_cores()
    if processes >= len(allowed):
        return [allowed[seat % len(allowed)]]
    bounds = [round(k * len(allowed) / processes) for k in range(processes + 1)]
    return allowed[bounds[seat % processes]:bounds[seat % processes + 1]]


def take_seat(seat: int, processes: int) -> bool:
    """Pin this worker process (and every thread it starts later) to its own group of cores; True if pinned.

    Why: each worker runs its own x264 with sliced threads, a decoder thread and a draw loop. Left free, the
    threads of two workers on two cores kept waking each other across cores — 3 to 4 times the context switches
    of one worker per core and about 3% more CPU for the same frames. Affinity never changes a frame."""
    if processes < 2 or not hasattr(os, "sched_setaffinity"):
        return False
    os.sched_setaffinity(0, seat_cores(seat, processes))
    return True


def unpin(pids) -> None:
    """Let every thread of these (pinned) processes run on all the allowed cores again: when one worker is
    done, the others' x264 threads may use its cores for the rest of their work."""
    allowed = allowed_cores()
    for pid in pids:
        try:
            threads = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in threads:
            try:
                os.sched_setaffinity(int(tid), allowed)
            except OSError:
                pass

