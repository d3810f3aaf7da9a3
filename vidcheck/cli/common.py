"""What every command shares: the run's language, its lines on stderr, settings, writing and the error guard.

The library never prints or exits; here its results become output, one-line errors and exit codes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from ..entry import EXIT_ERROR, EXIT_OK, EXIT_READER_LEFT, tell, write_out
from ..i18n import process_lang

if TYPE_CHECKING:  # imported lazily at run time: start-up (`vidcheck --help`) loads no finding model
    from ..api import Options, Progress
    from ..jurisdictions import Catalog
    from ..messages import Text
    from ..model import InputError, Report
    from ..outputs import Destination
    from ..settings import Settings
    from .options import Lang

_debug = False  # set by --debug: an internal error prints its traceback (so does VIDCHECK_DEBUG=1)
_lang: str | None = None  # the language of the run once settings are resolved; before that, process_lang()


def _run_lang() -> str:
    """The language of this run's own lines: the resolved --lang/config/locale once known, else --lang on the
    command line or the locale."""
    return _lang or process_lang()


def _fail(message: Text | str) -> NoReturn:
    """``vidcheck: message`` on stderr and exit 2; a str is words already rendered in the run's language."""
    from ..messages import Text

    _say(Text.error("cli.line", message=message))
    raise typer.Exit(EXIT_ERROR)


def _say(line: Text | str) -> None:
    """One escaped line on stderr, in the run's language (a str: words already rendered, or data); if stderr is
    closed or failing, the run fails (exit 2): the user cannot be told."""
    if not tell(line if isinstance(line, str) else line.render(_run_lang())):
        raise typer.Exit(EXIT_ERROR)


def _as_of(text: str | None) -> dt.date:
    from ..dates import DateFormError, parse_date
    from ..messages import Text

    if text is None:
        return dt.date.today()
    try:
        return parse_date(text)
    except DateFormError as exc:
        _fail(Text.error("at", where="--as-of", message=exc.text))


def _settings(config: str | None, **flags: object) -> Settings:
    """Flags > environment > configuration file > defaults (raises for a bad layer; _guarded reports it)."""
    from ..settings import resolve

    global _lang
    given = {name.replace("_", "-"): value.value if isinstance(value, StrEnum) else value
             for name, value in flags.items()}
    asked = given.get("lang")
    _lang = asked if isinstance(asked, str) else _lang  # a bad setting is said in the language asked for
    settings = resolve(given, os.environ, Path.cwd(), config)
    _lang = settings["lang"]
    return settings


def _write(text: str | Iterable[str], destination: Destination | None) -> None:
    """Print (no destination), or write a destination outputs.check_targets accepted; ``text`` may come in pieces,
    each written as it is rendered."""
    pieces = (text,) if isinstance(text, str) else text
    if destination is None:
        if (code := write_out(pieces)) != EXIT_OK:
            raise typer.Exit(code)
        return
    from ..outputs import ReaderLeft, write

    try:
        # backslashreplace: whatever a renderer left unescaped is spelled \udcff, as escape.clean would, not a crash
        write(destination, (piece.encode("utf-8", "backslashreplace") for piece in pieces))
    except ReaderLeft:
        raise typer.Exit(EXIT_READER_LEFT) from None  # as when the reader of standard output leaves


def _print(text: str) -> int:
    _write(text, None)
    return EXIT_OK


def _emit_all(report: Report, settings: Settings, outputs: list[str] | None, inputs: list[str], *,
              no_color: bool, text: Callable[[Report], str] | None = None) -> None:
    """Render the report in every requested format and send each to its destination, all checked first."""
    from ..outputs import check_targets, files_read
    from ..render import streamer

    planned = settings.outputs(outputs)
    destinations = check_targets([output.target for output in planned], files_read(settings, inputs))
    for output, destination in zip(planned, destinations, strict=True):
        if output.format == "text" and text is not None:
            rendered: Iterable[str] = (text(report),)
        elif output.format == "text":
            from ..render.text import stream as text_pieces
            from ..render.text import terminal_width

            tty = output.path is None and _stdout_tty()
            color = tty and _color(no_color)
            # a terminal's width (or COLUMNS); piped or to a file, lines break only where the report breaks them
            width = terminal_width(tty, os.environ) if output.path is None else None
            rendered = text_pieces(report, color=color, width=width)
        else:
            rendered = streamer(output.format)(report)
        _write(rendered, destination)
    if all(output.path for output in planned):  # every report went to a file: the terminal still hears why
        from ..messages import Text
        from ..render.common import summary_line

        _echo_errors(report.errors)
        _say(Text.error("cli.summary-to", summary=summary_line(report),
                        paths=", ".join(str(output.path) for output in planned)))


def _stdout_tty() -> bool:
    return sys.stdout is not None and sys.stdout.isatty()


def _color(no_color: bool) -> bool:
    """Colour for standard output: a terminal, and neither --no-color nor NO_COLOR (https://no-color.org)."""
    return not no_color and "NO_COLOR" not in os.environ and _stdout_tty()


def _echo_errors(errors: Iterable[InputError]) -> None:
    for error in errors:
        _say(error.line_in(_run_lang()))


def _guarded(action: Callable[[], int]) -> None:
    """Run a command; bad rule data, bad configuration and unknown names become one-line errors with exit 2."""
    from ..errors import InvalidDocument, LocatedError, UsageError, located_errors

    try:
        code = action()
    except UsageError as exc:
        _fail(exc.render(_run_lang()))
    except (LocatedError, InvalidDocument) as exc:
        _echo_errors(located_errors(exc))
        raise typer.Exit(EXIT_ERROR) from None
    raise typer.Exit(code)


def _audited(files: list[str], settings: Settings, options: Options) -> tuple[list[str], Report]:
    """The files the arguments name, and their audit (with a progress bar on a terminal)."""
    from ..api import audit as run_audit
    from ..prepare import checked_catalog, gathered_inputs

    inputs = gathered_inputs(files, settings, stdin_open=sys.stdin is not None)
    with _progress(len(inputs.paths)) as progress:
        return inputs.paths, run_audit(inputs.paths, options, checked_catalog(settings), progress, inputs.skipped)


def _rule_data(rules_dir: list[str] | None, lang: Lang | None) -> tuple[Catalog, str]:
    """The jurisdictions and the language, for the commands that show rule data; a quote of a rules folder that
    could not be checked is said on stderr (an audit's report says it instead)."""
    from ..prepare import checked_catalog

    settings = _settings(None, rules_dir=rules_dir, lang=lang)
    catalog = checked_catalog(settings)
    for notice in catalog.quotes.notices(settings["lang"]):
        _say(str(notice))  # rendered in the run's language by QuoteCheck.notices
    return catalog, settings["lang"]


@contextlib.contextmanager
def _progress(count: int) -> Iterator[Progress | None]:
    """A progress bar on an interactive stderr when there are several files; nothing otherwise (CI logs)."""
    if count < 2 or sys.stderr is None or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress as Bar

    from ..messages import Text

    # auto_refresh off: a refresh thread must not be running when helper processes are forked
    with Bar(console=Console(stderr=True), transient=True, auto_refresh=False) as bar:
        task = bar.add_task(Text.error("cli.auditing").render(_run_lang()), total=count)
        last = 0.0

        def advance(done: int, total: int) -> None:
            nonlocal last
            bar.update(task, completed=done)
            if done == total or time.monotonic() - last > 0.1:
                last = time.monotonic()
                bar.refresh()

        yield advance
