"""Where a camera of a camera list is: its row, and the column of each field (SPEC §9: ``file:row:column``, and for
an .xlsx the cell, ``点位表!B23``, as the pointer)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..model import Location
from .columns import column_letters

ROWS = "/cameras_from/rows"  # a camera of the list is /cameras_from/rows/<index>, a field of it .../<field>


@dataclass(frozen=True, slots=True)
class SheetPlaces:
    path: str
    sheet: str | None  # the worksheet of an .xlsx
    numbers: Sequence[int]  # the row of each camera, by its index
    columns: Mapping[str, int]  # field -> 0-based column

    def cell(self, row: int, column: int) -> str:
        """``B23``, or ``点位表!B23`` in a workbook."""
        ref = f"{column_letters(column)}{row}"
        return f"{self.sheet}!{ref}" if self.sheet is not None else ref

    def at(self, row: int, column: int) -> Location:
        return Location(self.path, row, column + 1, self.cell(row, column))

    def locate(self, pointer: str) -> Location | None:
        """The cell a ``/cameras_from/rows/...`` pointer names (a field with no column: the camera's id cell);
        None for any other pointer."""
        if not pointer.startswith(ROWS + "/"):
            return None
        index, _, field = pointer[len(ROWS) + 1:].partition("/")
        if not index.isdigit() or int(index) >= len(self.numbers):
            return None
        column = self.columns.get(field.partition("/")[0], self.columns["id"])
        return self.at(self.numbers[int(index)], column)


def row_pointer(index: int, field: str | None = None) -> str:
    return f"{ROWS}/{index}" if field is None else f"{ROWS}/{index}/{field}"


@dataclass(frozen=True, slots=True)
class InferredZone:
    """A zone the list names but the inventory does not, with the kind read from its name: a person confirms it."""

    name: str
    kind: str
    word: str  # the word of the name the kind was read from
    location: Location  # the first cell naming it
