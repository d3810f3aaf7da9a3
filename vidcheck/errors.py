"""The one exception the library core raises for bad input: it always carries a file position."""

from __future__ import annotations

from .model import InputError


class LocatedError(Exception):
    def __init__(self, path: str, line: int, column: int, message: str, pointer: str | None = None,
                 *, unreadable: bool = False) -> None:
        super().__init__(f"{path}:{line}:{column}: {message}")
        self.error = InputError(path, line, column, message, pointer, unreadable)


class UsageError(Exception):
    """A bad option or an unknown name (exit 2), with no file position."""
