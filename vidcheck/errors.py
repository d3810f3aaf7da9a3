"""The exceptions the library core raises for bad input: located ones always carry a file position."""

from __future__ import annotations

from typing import Any

from .messages import Text
from .model import InputError, Renderable


def line_and_column(text: str | bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text`` (characters for str, bytes for bytes)."""
    newline = "\n" if isinstance(text, str) else b"\n"
    line_start = text.rfind(newline, 0, offset) + 1  # type: ignore[arg-type]
    return text.count(newline, 0, offset) + 1, offset - line_start + 1  # type: ignore[arg-type]


class LocatedError(Exception):
    """One located error; ``message`` is a ``Text.error(key, **fields)`` (a plain str only for words that are not
    vidcheck's own, which tests/test_i18n.py forbids in literals)."""

    def __init__(self, path: str, line: int, column: int, message: str | Renderable, pointer: str | None = None,
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
    """A bad option or an unknown name (exit 2), with no file position. ``UsageError(Text.error(key, **fields))``,
    or ``UsageError.of(key, **fields)``; shown by ``render(lang)`` in the language of the run."""

    def __init__(self, message: str | Renderable) -> None:
        self.message = message
        super().__init__(message)

    @classmethod
    def of(cls, key: str, /, **fields: Any) -> UsageError:
        return cls(Text.error(key, **fields))

    def render(self, lang: str) -> str:
        return self.message if isinstance(self.message, str) else self.message.render(lang)

    def __str__(self) -> str:
        return self.render("en")
