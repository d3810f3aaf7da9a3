"""The exceptions the library core raises for bad input: located ones always carry a file position."""

from __future__ import annotations

from .model import InputError


def line_and_column(text: str | bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text`` (characters for str, bytes for bytes)."""
    newline = "\n" if isinstance(text, str) else b"\n"
    line_start = text.rfind(newline, 0, offset) + 1  # type: ignore[arg-type]
    return text.count(newline, 0, offset) + 1, offset - line_start + 1  # type: ignore[arg-type]


class LocatedError(Exception):
    def __init__(self, path: str, line: int, column: int, message: str, pointer: str | None = None,
                 *, unreadable: bool = False) -> None:
        self.error = InputError(path, line, column, message, pointer, unreadable)
        super().__init__(str(self.error))


class InvalidDocument(Exception):
    """Every located error that stops a document (inventory, rule data, configuration) from being used."""

    def __init__(self, errors: tuple[InputError, ...]) -> None:
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


def located_errors(exc: LocatedError | InvalidDocument) -> tuple[InputError, ...]:
    """Every located error a failure to load a document carries."""
    return exc.errors if isinstance(exc, InvalidDocument) else (exc.error,)


class UsageError(Exception):
    """A bad option or an unknown name (exit 2), with no file position."""
