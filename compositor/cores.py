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
