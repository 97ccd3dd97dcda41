"""Run one piece of a build in a second process while the first carries on.

A build machine has at least two cores and MkDocs uses one. The work is
handed over by fork, not by pickling: the child inherits the renderer
already in memory, so only the finished result (or the text of what went
wrong) travels back. A build that is stopped stops its child too, so no
process keeps writing into a staging folder that is being removed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import traceback
from typing import Callable


class BackgroundError(Exception):
    """The second process failed; the message is what went wrong there."""


def die_with_parent() -> None:
    """Ask Linux to end this process when the one that started it dies, even
    by SIGKILL: otherwise it would go on writing into a staging folder the
    next build removes. Elsewhere, nothing happens."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _describe(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, OSError) else "".join(traceback.format_exception_only(exc)).strip()


def _child(fn: Callable[[], object], conn) -> None:
    die_with_parent()
    try:
        result = ("ok", fn())
    except BaseException as exc:  # reported to the parent, which decides what the volunteer sees
        result = ("error", _describe(exc))
    conn.send(result)
    conn.close()


class Background:
    """`Background(fn)` starts fn() in a forked process; `.result()` waits for it.

    Where fork is unavailable, or `inline` is set, fn runs right away in
    this process, so the result is the same either way. A failure in the
    child is raised by `.result()` as BackgroundError."""

    def __init__(self, fn: Callable[[], object], inline: bool = False):
        self._process = None
        self._outcome: tuple[str, object] | None = None
        if inline or "fork" not in multiprocessing.get_all_start_methods():
            try:
                self._outcome = ("ok", fn())
            except Exception as exc:
                self._outcome = ("error", _describe(exc))
            return
        context = multiprocessing.get_context("fork")
        self._conn, child_conn = context.Pipe(duplex=False)
        # not a daemon, so that it may start workers of its own (`run_all`); it still dies with us
        self._process = context.Process(target=_child, args=(fn, child_conn), daemon=False)
        self._process.start()
        child_conn.close()

    def result(self):
        if self._outcome is None:
            try:
                self._outcome = self._conn.recv()
            except EOFError:
                self._outcome = ("error", f"the second process stopped (exit status {self._process.exitcode})")
            finally:
                self._process.join()
                self._conn.close()
        status, value = self._outcome
        if status == "error":
            raise BackgroundError(value)
        return value

    def done(self) -> bool:
        """Whether `.result()` would return without waiting."""
        return self._outcome is not None or self._conn.poll()

    def cancel(self) -> None:
        """Stop the child, if it is still running; its work is thrown away."""
        if self._process is not None and self._outcome is None:
            self._process.terminate()
            self._process.join()
            self._conn.close()
            self._outcome = ("error", "stopped")


_TASKS: list[Callable[[], object]] = []  # what forked workers run, by index (closures cannot be pickled)


def _run_task(index: int):
    return _TASKS[index]()


def _start_worker() -> None:
    """A worker ends quietly when the pool is done with it: the pool stops its workers
    with SIGTERM, which the build itself catches to clean up (see build._stop)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent()


def run_all(tasks: list[Callable[[], object]], workers: int | None = None) -> list:
    """Every task's result, in order, with the work spread over every core by fork.

    Each result depends only on its task, so the output is the same as running
    them one by one, which is what happens with one core, few tasks, or no fork."""
    global _TASKS
    if workers is None:
        workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    workers = min(workers, len(tasks))
    if workers < 2 or len(tasks) < 8 or "fork" not in multiprocessing.get_all_start_methods():
        return [task() for task in tasks]
    _TASKS = tasks
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_start_worker) as pool:
            return pool.map(_run_task, range(len(tasks)), chunksize=max(1, len(tasks) // (workers * 16)))
    finally:
        _TASKS = []
