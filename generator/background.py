"""Run one piece of a build in a second process while the first carries on.

A build machine has at least two cores and MkDocs uses one. The work is
handed over by fork, not by pickling: the child inherits the renderer
already in memory, so only the finished files travel back.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Callable

_task: Callable[[], object] | None = None


def _run_task():
    assert _task is not None
    return _task()


class Background:
    """`Background(fn)` starts fn() in a forked process; `.result()` waits for it.

    Where fork is unavailable, or `inline` is set, fn runs right away in
    this process, so the result is the same either way."""

    def __init__(self, fn: Callable[[], object], inline: bool = False):
        global _task
        self._pool = None
        if inline or "fork" not in multiprocessing.get_all_start_methods():
            self._future: Future = Future()
            self._future.set_result(fn())
            return
        _task = fn
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        self._future = self._pool.submit(_run_task)
        _task = None

    def result(self):
        try:
            return self._future.result()
        finally:
            if self._pool is not None:
                self._pool.shutdown()
