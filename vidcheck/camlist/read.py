"""Read a camera list (点位表) into rows of cells, bounded like every other input (SPEC §8).

CSV is decoded as inventories are (UTF-8 with or without BOM, GBK/GB18030: textfile.decode) and split by the csv
module. An .xlsx workbook is a zip archive: the sizes its entries declare, and then what they really inflate to, are
held to the size limit before python-calamine reads it, so a zip bomb is refused instead of filling memory.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import LocatedError
from ..escape import quoted
from ..messages import Text
from ..textfile import decode, max_bytes, read_bytes

CSV, XLSX = ".csv", ".xlsx"
SUFFIXES = (CSV, XLSX)
_INFLATE_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Table:
    """The rows of one sheet: ``rows[i]`` is on line (row) ``numbers[i]``; empty rows are left out."""

    path: str
    sheet: str | None  # the worksheet's name (.xlsx), shown in cell references
    numbers: Sequence[int]
    rows: Sequence[Sequence[Any]]


def suffix(path: str) -> str | None:
    """.csv or .xlsx, whatever the case it is written in; None for anything else."""
    lowered = path.lower()
    return next((s for s in SUFFIXES if lowered.endswith(s)), None)


def read_table(path: str, sheet: str | None = None) -> Table:
    """The non-empty rows of ``path``; raise LocatedError (one line) for anything that cannot be read."""
    kind = suffix(path)
    if kind is None:
        raise LocatedError(path, 1, 1, Text.error("camlist.suffix"))
    data = read_bytes(path)
    if kind == CSV:
        if sheet is not None:
            raise LocatedError(path, 1, 1, Text.error("camlist.csv-sheet", sheet=quoted(sheet)))
        return _csv(data, path)
    return _xlsx(data, path, sheet)


def _csv(data: bytes, path: str) -> Table:
    text = decode(data, path)
    reader = csv.reader(io.StringIO(text, newline=""))
    numbers: list[int] = []
    rows: list[list[str]] = []
    start = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                numbers.append(start)
                rows.append(row)
            start = reader.line_num + 1  # a quoted cell may hold line breaks: the next row starts after them
    except csv.Error as exc:
        raise LocatedError(path, reader.line_num or 1, 1, Text.error("camlist.csv", reason=str(exc)),
                           unreadable=True) from None
    return Table(path, None, numbers, rows)


def _xlsx(data: bytes, path: str, sheet: str | None) -> Table:
    _check_archive(data, path)
    import python_calamine

    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(workbook.sheet_names)
        if sheet is not None and sheet not in names:
            shown = ", ".join(names)
            raise LocatedError(path, 1, 1, Text.error("camlist.no-such-sheet", sheet=quoted(sheet), sheets=shown))
        if not names:
            raise LocatedError(path, 1, 1, Text.error("camlist.no-sheet"))
        chosen = workbook.get_sheet_by_name(sheet) if sheet is not None else workbook.get_sheet_by_index(0)
        cells = chosen.to_python(skip_empty_area=False)  # from A1, so that indexes are rows and columns
        name = chosen.name
    except LocatedError:
        raise
    except Exception as exc:  # calamine's errors (zip, XML, password) have no common base: each is one line
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise LocatedError(path, 1, 1, Text.error("camlist.workbook", reason=reason), unreadable=True) from None
    numbers: list[int] = []
    rows: list[list[Any]] = []
    for index, row in enumerate(cells):
        if any(cell != "" and cell is not None for cell in row):
            numbers.append(index + 1)
            rows.append(row)
    return Table(path, name, numbers, rows)


def _check_archive(data: bytes, path: str) -> None:
    """Refuse a workbook whose entries would inflate past the size limit, by what they declare and by what they
    really give (zipfile stops at the declared size and checks the CRC, so a lying header fails too)."""
    limit = max_bytes()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            declared = sum(entry.file_size for entry in entries)
            if declared > limit:
                raise LocatedError(path, 1, 1, Text.error("camlist.inflates", size=f"{declared:,}", limit=f"{limit:,}"),
                                   unreadable=True)
            for entry in entries:
                with archive.open(entry) as member:
                    while member.read(_INFLATE_CHUNK):
                        pass
    except LocatedError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, EOFError, OSError,
            ValueError, RuntimeError) as exc:
        raise LocatedError(path, 1, 1, Text.error("camlist.xlsx", reason=str(exc)), unreadable=True) from None
