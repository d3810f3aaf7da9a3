"""The console script and the process around the CLI: standard streams, signals and the exit code.

``vidcheck --version`` answers before Typer (and the pydantic it loads) is imported.

Exit codes besides 0/1/2: a run stopped by SIGINT, SIGTERM or SIGHUP exits 128 + the signal number (130, 143,
129), as a shell reports a command killed by that signal, after its helpers are stopped and its temporary files
removed; a reader that closes standard output early (``| head``) ends the run quietly with 141 (128 + SIGPIPE), as
``cat`` does. Neither is ever 0 or 1, so a stopped or cut-off gate never reads as a pass or as findings.
"""

from __future__ import annotations

import io
import os
import signal
import sys
from collections.abc import Iterable
from typing import NoReturn

EXIT_OK, EXIT_ERROR = 0, 2  # as model's, which this module does not import (start-up time)
EXIT_READER_LEFT = 141  # 128 + SIGPIPE
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


class Stopped(BaseException):
    """A stop signal, raised in the main process so that every ``finally`` runs: helpers are killed and joined,
    temporary files removed. A BaseException, like KeyboardInterrupt, so that no ``except Exception`` takes it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def main() -> None:
    _hold_closed_descriptors()
    if isinstance(sys.stdout, io.TextIOWrapper):  # a character the locale cannot encode is spelled \uXXXX, no crash
        sys.stdout.reconfigure(errors="backslashreplace")
    for signum in STOP_SIGNALS:
        signal.signal(signum, _stop)
    try:
        if sys.argv[1:] == ["--version"]:
            _leave(_version())
        from .cli import main as cli_main

        _leave(cli_main())
    except Stopped as stop:
        tell(_words("entry.stopped", signal=signal.Signals(stop.signum).name))
        _leave(128 + stop.signum)
    except SystemExit as done:  # sys.exit() from a library (shell completion)
        _leave(done.code if isinstance(done.code, int) else EXIT_ERROR if done.code else 0)


def _version() -> int:
    from . import __version__

    return write_out(f"vidcheck {__version__}\n")


def _stop(signum: int, _frame: object) -> None:
    for other in STOP_SIGNALS:  # one stop is enough: a second signal must not break off the cleanup
        signal.signal(other, signal.SIG_IGN)
    raise Stopped(signum)


def _hold_closed_descriptors() -> None:
    """Open /dev/null on a closed descriptor 0, 1 or 2 (Python has then set sys.stdin/stdout/stderr to None), so
    that no file vidcheck opens (a report, a pipe to a helper) takes its number and receives what a library writes
    to the standard stream."""
    for descriptor in (0, 1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            os.open(os.devnull, os.O_RDWR)  # the lowest free number: this one


def tell(line: str) -> bool:
    """One line for a person on standard error, escaped (``escape.clean``); False if standard error is closed
    or failing, in which case the caller must fail the run: nothing else can tell the user."""
    from .escape import clean

    stream = sys.stderr
    if stream is None:
        return False
    try:
        stream.write(clean(line) + "\n")
        stream.flush()
    except OSError:
        _discard(stream)
        return False
    return True


def write_out(text: str | Iterable[str]) -> int:
    """Write to standard output, whole or piece by piece: EXIT_OK (0), or the exit code of its failure
    (``stdout_failure``)."""
    if sys.stdout is None:
        tell(_words("entry.stdout-closed"))
        return EXIT_ERROR
    try:
        for piece in (text,) if isinstance(text, str) else text:
            sys.stdout.write(piece)
        sys.stdout.flush()  # a full disk shows here, or only at exit
    except OSError as exc:
        return stdout_failure(exc)
    return EXIT_OK


def stdout_failure(exc: OSError) -> int:
    """What a failed write to standard output means: a reader that left ends the run quietly (141); a closed or
    full output is one line and exit 2. Either way the stream then writes to /dev/null, so that the flush at exit
    cannot fail (and be reported) a second time."""
    if sys.stdout is not None:
        _discard(sys.stdout)
    if isinstance(exc, BrokenPipeError):
        return EXIT_READER_LEFT
    tell(_words("entry.stdout-failed", reason=exc.strerror or exc))
    return EXIT_ERROR


def _words(key: str, **fields: object) -> str:
    """A line of the catalogs' section ``errors`` in the language of the run (imported here, when a line is
    said: ``vidcheck --version`` loads no catalog)."""
    from .i18n import process_lang
    from .messages import Text

    return Text.error(key, **fields).render(process_lang())


def _discard(stream: object) -> None:
    try:
        descriptor = stream.fileno()  # type: ignore[attr-defined]
        null = os.open(os.devnull, os.O_WRONLY)
    except (AttributeError, OSError, ValueError):  # not a file (a test's buffer): nothing will flush it at exit
        return
    os.dup2(null, descriptor)
    os.close(null)


def _leave(code: int) -> NoReturn:
    """Flush the standard streams and exit without freeing the heap object by object (about 25 ms after a
    thousand files), as mypy does. Every report is written and every helper process joined by now."""
    if sys.stdout is not None:
        try:
            sys.stdout.flush()
        except OSError as exc:
            failure = stdout_failure(exc)
            code = code if code not in (0, 1) else failure  # the report was lost: never a pass, never findings
    if sys.stderr is not None:
        try:
            sys.stderr.flush()
        except OSError:
            code = code if code not in (0, 1) else EXIT_ERROR
    os._exit(code)
