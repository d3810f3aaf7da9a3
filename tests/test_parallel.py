"""The work-sharing loop: results in input order from every process, and a helper's failure is never silent."""

from __future__ import annotations

import os
import re
import signal
import time
from collections.abc import Iterator

import pytest

from vidcheck import parallel

PATHS = [f"file-{number:03d}" for number in range(97)]


def slow_on_some(path: str) -> tuple[str, int]:
    # uneven work: the shared counter must still hand every file out once; ~0.3 s in all, so that a helper started
    # on a loaded machine still finds files left to take
    time.sleep(0.02 if path.endswith("7") else 0.001)
    return path.upper(), os.getpid()


@pytest.mark.parametrize("processes", [1, 2, 3])
def test_results_come_back_in_input_order_whoever_did_them(processes: int):
    results = parallel.run_each(slow_on_some, PATHS, processes)
    assert [name for name, _ in results] == [path.upper() for path in PATHS]
    doers = {pid for _, pid in results}
    assert (doers == {os.getpid()}) if processes == 1 else (os.getpid() in doers and len(doers) > 1)


def test_progress_counts_every_file_once():
    seen: list[tuple[int, int]] = []
    parallel.run_each(slow_on_some, PATHS, 2, lambda done, total: seen.append((done, total)))
    assert seen == [(done, len(PATHS)) for done in range(1, len(PATHS) + 1)]


def test_an_exception_in_a_helper_is_raised_with_its_traceback():
    main = os.getpid()

    def fail_in_helper(path: str) -> str:
        if os.getpid() != main:
            raise ValueError(f"cannot read {path}")
        time.sleep(0.001)  # leave the helper time to take a file
        return path

    with pytest.raises(parallel.HelperFailed, match=r"ValueError: cannot read file-\d+"):
        parallel.run_each(fail_in_helper, PATHS, 2)


def test_a_helper_that_dies_is_reported_not_ignored():
    main = os.getpid()

    def die_in_helper(path: str) -> str:
        if os.getpid() != main:
            os._exit(9)  # as the kernel's out-of-memory killer would end it: nothing sent
        time.sleep(0.001)
        return path

    with pytest.raises(parallel.HelperFailed, match="stopped early"):
        parallel.run_each(die_in_helper, PATHS, 2)


@pytest.mark.parametrize("total", [1, 2, 1000, 1024, 1025, 100_000])
def test_the_tickets_hand_out_every_file_once(total: int):
    tickets = parallel.Tickets(total)
    taken: list[int] = []
    while (numbers := tickets.take()) is not None:
        taken.extend(numbers)
    os.close(tickets.fd)
    assert taken == list(range(total))


def stop_signals_of_the_doer(path: str) -> tuple[int, bool]:
    time.sleep(0.002)  # slow enough that helpers take files too
    return os.getpid(), all(signal.getsignal(s) == signal.SIG_DFL for s in parallel.STOP_SIGNALS)


def raise_stop(signum: int, frame: object) -> None:  # as the console script's handler does in the main process
    raise KeyboardInterrupt


@pytest.fixture
def stop_handlers() -> Iterator[None]:
    previous = {signum: signal.signal(signum, raise_stop) for signum in parallel.STOP_SIGNALS}
    yield
    for signum, handler in previous.items():
        signal.signal(signum, handler)


def test_helpers_take_stop_signals_with_the_default_action(stop_handlers: None):
    results = parallel.run_each(stop_signals_of_the_doer, PATHS, 3)
    by_helpers = {default for pid, default in results if pid != os.getpid()}
    by_main = {default for pid, default in results if pid == os.getpid()}
    assert by_helpers == {True} and by_main == {False}


def test_a_helper_failure_is_one_line_with_the_helper_traceback_as_a_note():
    main = os.getpid()

    def fail_in_helper(path: str) -> str:
        if os.getpid() != main:
            raise ValueError(f"cannot read {path}")
        time.sleep(0.001)
        return path

    with pytest.raises(parallel.HelperFailed) as failure:
        parallel.run_each(fail_in_helper, PATHS, 2)
    assert re.fullmatch(r"in a helper process: ValueError: cannot read file-\d+", str(failure.value))
    (note,) = failure.value.__notes__
    assert note.startswith("The helper's traceback:\nTraceback (most recent call last):") and "fail_in_helper" in note
