"""Sharing the services among worker processes: `--jobs N` for the organisation's commands.

The workers are forked once per command (never one per service): each inherits the loaded modules and rule sets,
reads every N-th item, and sends its results back pickled; they come back in the items' order, so the output is
the same whatever N is. With N = 1, or too few items to be worth a process, everything runs here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

_TASK: tuple[Callable[[Any], Any], Sequence[Any], int] | None = None


def map_in_workers(fn: Callable[[Any], Any], items: Sequence[Any], jobs: int) -> list[Any]:
    global _TASK
    jobs = max(1, min(jobs, len(items) // 8))  # under eight items a process costs more than it saves
    if jobs == 1:
        return [fn(item) for item in items]
    from multiprocessing import get_context

    _TASK = (fn, items, jobs)
    try:
        with get_context("fork").Pool(jobs) as pool:
            parts = pool.map(_slice, range(jobs))
    finally:
        _TASK = None
    out: list[Any] = [None] * len(items)
    for start, results in enumerate(parts):
        out[start::jobs] = results
    return out


def _slice(start: int) -> list[Any]:
    assert _TASK is not None
    fn, items, step = _TASK
    return [fn(item) for item in items[start::step]]
