"""The zone names a camera list uses, for ``vidcheck init`` to list them under ``zones`` (SPEC §9): read with the
same header recognition as the audit, nothing checked beyond that (the audit checks every cell)."""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import InvalidDocument, LocatedError
from .build import HEADER_SEARCH, _text
from .columns import REQUIRED, guess
from .read import read_table


def zone_names(path: str, sheet: str | None = None, explicit: Mapping[str, str] | None = None) -> list[str] | None:
    """Each zone name of the list, once, in the order of its first row; None when the list cannot be read or has
    no header (the audit then reports why, at its line)."""
    try:
        table = read_table(path, sheet)
    except (LocatedError, InvalidDocument, OSError):
        return None
    for position, row in enumerate(table.rows[:HEADER_SEARCH]):
        columns = guess(row, explicit or {})
        if all(name in columns for name in REQUIRED):
            column = columns["zone"]
            names = (_text(cells[column]) if column < len(cells) else None for cells in table.rows[position + 1:])
            return list(dict.fromkeys(name for name in names if name is not None))
    return None
