"""Apply one job to many files on every core: the main process works too, forked helpers share the rest.

Each process takes the next files from one shared pile of tickets, so a big file does not leave the others idle.
A helper is forked (it inherits the job, the imports and the compiled schemas) and sends ``(number, result)``
batches through a pipe that the main process drains between its own files.

Why not ``ProcessPoolExecutor``: the calling process cannot take work from it, and its queues, futures and manager
thread cost about 20 ms per run, 2-3% of a 1,000-file audit. Fork is used on Linux only (elsewhere, one process).

No helper outlives the run: the kernel kills a helper when the main process dies (PR_SET_PDEATHSIG), helpers take
SIGINT/SIGTERM/SIGHUP with the default action (they die; a handler inherited from the main process would not be
theirs to run), and an exception in the main process (a stop signal raised as one by the console script, say)
kills and joins them in ``run_each``'s ``finally``."""

from __future__ import annotations

import gc
import os
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # multiprocessing is imported only by runs that fork (4 ms)
    from multiprocessing.connection import Connection

T = TypeVar("T")
Progress = Callable[[int, int], None]  # (files done, files in all)
BATCH = 32  # results per message from a helper: few enough messages, frequent enough progress
TICKETS = 1024  # at most: 4-byte tickets then fill 4 KiB, one atomic write that fits the smallest pipe buffer
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


class Tickets:
    """The files still to do, as a pipe of 4-byte start numbers that every process reads (like GNU make's job
    server): a take is one system call, needs no lock, and the kernel hands each ticket to exactly one reader."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.size = -(-total // TICKETS)  # files per ticket
        self.fd, write = os.pipe()
        os.write(write, b"".join(start.to_bytes(4, "little") for start in range(0, total, self.size)))
        os.close(write)  # once read out, the pipe is at its end for everyone

    def take(self) -> range | None:
        """The numbers of the next files to do, or None when every ticket has been taken."""
        ticket = os.read(self.fd, 4)
        if not ticket:
            return None
        start = int.from_bytes(ticket, "little")
        return range(start, min(start + self.size, self.total))


class HelperFailed(RuntimeError):
    """A helper process raised or died: an internal error. The message is one line (the helper's exception); the
    helper's traceback is a note, printed with the main process's traceback."""

    @classmethod
    def from_helper(cls, helper_traceback: str) -> HelperFailed:
        last = helper_traceback.strip().splitlines()[-1] if helper_traceback.strip() else "no traceback"
        failure = cls(f"in a helper process: {last}")
        failure.add_note(f"The helper's traceback:\n{helper_traceback.rstrip()}")
        return failure


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run_each(job: Callable[[str], T], paths: Sequence[str], processes: int,
             progress: Progress | None = None) -> list[T]:
    """``job`` applied to every path, results in input order, using ``processes`` processes (this one included)."""
    results: list[Any] = [None] * len(paths)
    finished = 0

    def record(index: int, result: Any) -> None:
        nonlocal finished
        results[index] = result
        finished += 1
        if progress:
            progress(finished, len(paths))

    if processes <= 1 or len(paths) < 2 or not _can_fork():
        for number, path in enumerate(paths):
            record(number, job(path))
        return results
    import multiprocessing

    context = multiprocessing.get_context("fork")
    tickets = Tickets(len(paths))
    gc.freeze()  # helpers then share this process's objects instead of copying them as the collector touches them
    helpers: list[tuple[Connection, Any]] = []
    try:
        _start_helpers(helpers, processes - 1, context, job, paths, tickets)
        open_pipes = [pipe for pipe, _ in helpers]
        while (numbers := tickets.take()) is not None:
            for index in numbers:
                record(index, job(paths[index]))
                open_pipes = _drain(open_pipes, record, wait=False)
        while open_pipes:
            open_pipes = _drain(open_pipes, record, wait=True)
        if finished < len(paths):  # a helper was killed (out of memory?) before it sent everything
            raise HelperFailed(f"a helper process stopped early: {len(paths) - finished} file(s) not audited")
        return results
    finally:
        for pipe, process in helpers:
            pipe.close()
            process.join(timeout=None if finished == len(paths) else 0)
            if process.is_alive():  # interrupted or failed: do not leave it running
                process.kill()
                process.join()
        os.close(tickets.fd)
        gc.unfreeze()


def _can_fork() -> bool:
    # fork reuses this process's imports and compiled schemas, so helpers start in a millisecond; it is safe here
    # because nothing in vidcheck runs threads when the helpers are forked.
    import multiprocessing

    return sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()


def _start_helpers(helpers: list[tuple[Connection, Any]], count: int, context: Any, job: Callable[[str], Any],
                   paths: Sequence[str], tickets: Tickets) -> None:
    """Fork ``count`` helpers into ``helpers`` (as they start, so that ``finally`` sees every one). Stop signals
    wait while forking: a helper must not run the main process's handler before it has set its own."""
    parent = os.getpid()
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        for _ in range(count):
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=_help, args=(job, paths, tickets, sender, parent, mask), daemon=True)
            process.start()
            sender.close()  # the helper holds the only sending end: its exit ends the pipe
            helpers.append((receiver, process))
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # a signal that came meanwhile is raised here


def _die_with(parent: int) -> None:
    """Have the kernel kill this helper when the main process ends, however it ends (even by SIGKILL)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the main process ended before the request was in place
        os._exit(1)


def _help(job: Callable[[str], Any], paths: Sequence[str], tickets: Tickets, sender: Connection, parent: int,
          mask: set[signal.Signals]) -> None:
    """A helper's life: take tickets, send results in batches; ``mask``: the signal mask to restore once the
    stop signals have their default action here."""
    _die_with(parent)
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    batch: list[tuple[int, Any]] = []
    try:
        while (numbers := tickets.take()) is not None:
            for index in numbers:
                batch.append((index, job(paths[index])))
                if len(batch) == BATCH:
                    sender.send(batch)
                    batch = []
        sender.send(batch)
    except BaseException:  # anything a helper raises is raised again in the main process
        sender.send(HelperFailed.from_helper(traceback.format_exc()))
    finally:
        sender.close()


def _drain(pipes: list[Connection], record: Callable[[int, Any], None], *, wait: bool) -> list[Connection]:
    """Record every batch that has arrived (after waiting for one when ``wait``); return the pipes still open."""
    if wait:
        from multiprocessing.connection import wait as wait_for_any

        wait_for_any(pipes)
    still_open = []
    for pipe in pipes:
        if not pipe.poll():
            still_open.append(pipe)
            continue
        try:
            message = pipe.recv()
        except EOFError:  # the helper has sent everything and exited
            continue
        if isinstance(message, HelperFailed):
            raise message
        for index, result in message:
            record(index, result)
        still_open.append(pipe)
    return still_open
