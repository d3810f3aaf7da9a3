"""The cameras (and the zones they name) of a camera list, each value checked at its cell (SPEC §9)."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..dates import PLAUSIBLE_YEARS, DateFormError, parse_date
from ..errors import InvalidDocument, LocatedError
from ..escape import quoted
from ..inventory import Camera, Zone
from ..messages import Text
from ..model import InputError
from ..schemaerrors import MAX_ERRORS, read_mapping
from ..textfile import read_text
from ..vocabulary import with_implied
from ..yamlsource import Document
from .columns import REQUIRED, column_letters, guess
from .read import Table, read_table
from .where import InferredZone, SheetPlaces, row_pointer
from .zonewords import infer_kind

HEADER_SEARCH = 10  # rows looked at for the header (a title row or two may come first)
_ID = re.compile(r"[A-Za-z0-9._-]+")
_DIGITS = re.compile(r"[0-9]+")
DATES = ("installed_on", "removed_on", "removal_filed_on", "removal_notified_on")
# whole-number fields and their bounds (as the schema's for the same fields in YAML)
NUMBERS = {"retention_days": (1, 36600), "bitrate_kbps": (1, 10_000_000)}
TEXTS = ("location", "model", "type")


@dataclass
class SheetCameras:
    cameras: list[Camera] = field(default_factory=list)
    zones: list[Zone] = field(default_factory=list)  # the zones the list names that the inventory does not
    inferred: list[InferredZone] = field(default_factory=list)
    places: SheetPlaces | None = None
    errors: list[InputError] = field(default_factory=list)


def spec_of(value: Any) -> tuple[str, str | None, Mapping[str, str]]:
    """(path, sheet, columns) of a schema-valid ``cameras_from``."""
    if isinstance(value, str):
        return value, None, {}
    return value["path"], value.get("sheet"), value.get("columns") or {}


def sheet_path(inventory: str, relative: str) -> str:
    """The list's path as given relative to the inventory's folder (standard input: the current folder)."""
    folder = os.path.dirname(inventory) if inventory != "-" else ""
    return os.path.normpath(os.path.join(folder, relative))


def cameras_from(document: Document, value: Any, zones: Sequence[Zone], categories: frozenset[str],
                 listed: Mapping[str, int]) -> SheetCameras:
    """The cameras of the list ``value`` names. ``zones``: the inventory's; ``listed``: the ids of the cameras it
    lists itself, with their lines (a list's camera may not reuse one)."""
    relative, sheet, explicit = spec_of(value)
    path = sheet_path(document.path, relative)
    result = SheetCameras()
    try:
        table = read_table(path, sheet)
    except LocatedError as exc:
        result.errors.append(_at_inventory(document, exc.error) if (exc.error.line, exc.error.column) == (1, 1)
                             else exc.error)
        return result
    _Reader(document, table, explicit, zones, with_implied(categories), listed, result).read()
    return result


def _at_inventory(document: Document, error: InputError) -> InputError:
    """A list that cannot be opened at all is the inventory's problem: shown at its cameras_from."""
    pointer = "/cameras_from/path" if isinstance(document.data.get("cameras_from"), dict) else "/cameras_from"
    line, column = document.position(pointer)
    message = error.words if error.words is not None else error.message
    if isinstance(message, Text) and message.key == "read.directory":
        message = Text.error("read.directory.camera-list")
    return InputError(document.path, line, column, Text.error("at-key", key=f"cameras_from {error.path}",
                                                              message=message), pointer, error.unreadable)


class _Reader:
    def __init__(self, document: Document, table: Table, explicit: Mapping[str, str], zones: Sequence[Zone],
                 categories: frozenset[str], listed: Mapping[str, int], result: SheetCameras) -> None:
        self.document = document
        self.table = table
        self.explicit = explicit
        self.by_id = {zone.id: zone for zone in zones}
        self.by_name = {zone.name: zone for zone in zones if zone.name}
        self.categories = categories
        self.listed = listed
        self.result = result
        self.numbers: list[int] = []  # the row of each camera read so far
        self.places = SheetPlaces(table.path, table.sheet, self.numbers, {})
        self.created: dict[str, Zone] = {}
        self.unknown: dict[str, list[int]] = {}  # zone names nothing can be read from -> their rows

    def error(self, row: int, column: int, message: Text) -> None:
        errors = self.result.errors
        if len(errors) <= MAX_ERRORS:
            at = self.places.at(row, column)
            errors.append(InputError(at.path, at.line, at.column, message, at.pointer))

    def read(self) -> None:
        header = self.header()
        if header is None:
            return
        first, columns = header
        self.places = SheetPlaces(self.table.path, self.table.sheet, self.numbers, columns)
        self.result.places = self.places
        titles = self.table.rows[first]
        extra = [(index, _extra_key(titles[index] if index < len(titles) else "", index))
                 for index in range(max(len(row) for row in self.table.rows))
                 if index not in set(columns.values())]
        seen: dict[str, int] = {}
        for position in range(first + 1, len(self.table.rows)):
            camera = self.camera(self.table.numbers[position], self.table.rows[position], columns, extra, seen)
            if camera is not None:
                self.result.cameras.append(camera)
        for name, rows in self.unknown.items():
            more = Text.error("camlist.rows-name-it", n=len(rows)) if len(rows) > 1 else ""
            self.error(rows[0], columns["zone"], Text.error("camlist.unknown-zone", name=quoted(name), more=more))
        self.result.zones.extend(self.created.values())

    def header(self) -> tuple[int, dict[str, int]] | None:
        """The header row's index and field -> column; an error when none of the first rows is one."""
        rows = self.table.rows
        for position in range(min(HEADER_SEARCH, len(rows))):
            columns = guess(rows[position], self.explicit)
            if all(name in columns for name in REQUIRED):
                missing = [name for name in self.explicit if name not in columns]
                if missing:
                    self.columns_error(missing[0], self.table.numbers[position])
                    return None
                return position, columns
        line = self.table.numbers[0] if rows else 1
        if self.explicit and rows:
            columns = guess(rows[0], self.explicit)
            missing = [name for name in self.explicit if name not in columns]
            if missing:
                self.columns_error(missing[0], line)
                return None
        self.result.errors.append(InputError(
            self.table.path, line, 1, Text.error("camlist.no-header"), self.places.cell(line, 0)))
        return None

    def columns_error(self, name: str, row: int) -> None:
        pointer = f"/cameras_from/columns/{name}"
        line, column = self.document.position(pointer)
        self.result.errors.append(InputError(
            self.document.path, line, column,
            Text.error("camlist.no-column", name=f"cameras_from.columns.{name}", column=quoted(self.explicit[name]),
                       path=self.table.path, line=row), pointer))

    def camera(self, row: int, cells: Sequence[Any], columns: Mapping[str, int],
               extra: Sequence[tuple[int, str]], seen: dict[str, int]) -> Camera | None:
        values: dict[str, Any] = {}
        ok = True
        for name, index in columns.items():
            cell = cells[index] if index < len(cells) else ""
            if cell == "" or cell is None:
                continue
            try:
                value = _convert(name, cell)
            except CellError as exc:
                self.error(row, index, Text.error("at-key", key=name, message=exc.text))
                ok = False
                continue
            if value is not None:
                values[name] = value
        for name in REQUIRED:
            if name not in values and ok:
                self.error(row, columns[name], Text.error("camlist.empty", name=name))
                ok = False
        if not ok:
            return None
        ident = values["id"]
        id_column = columns["id"]
        if not _ID.fullmatch(ident):
            self.error(row, id_column, Text.error("camlist.bad-id", id=quoted(ident)))
            return None
        if ident in self.listed:
            self.error(row, id_column, Text.error("camlist.duplicate-listed", id=quoted(ident), path=self.document.path,
                                                  line=self.listed[ident]))
        elif ident in seen:
            self.error(row, id_column, Text.error("inventory.duplicate-camera", id=quoted(ident), line=seen[ident]))
        else:
            seen[ident] = row
        index = len(self.numbers)
        zone = self.zone(values["zone"], row, columns["zone"], index)
        if zone is None:
            return None
        installed, removed = values.get("installed_on"), values.get("removed_on")
        filed, notified = values.get("removal_filed_on"), values.get("removal_notified_on")
        if installed and removed and removed < installed:
            self.error(row, columns["removed_on"], Text.error("inventory.removed-before-installed", removed=removed,
                                                              installed=installed))
        if (filed or notified) and removed is None:
            name = "removal_filed_on" if filed else "removal_notified_on"
            self.error(row, columns[name], Text.error("camlist.set-not-removed", name=name))
        found = {str(key): str(cells[column]).strip() for column, key in extra
                 if column < len(cells) and _text(cells[column]) is not None}
        self.numbers.append(row)
        return Camera(ident, zone, installed, removed, filed, values.get("retention_days"), row_pointer(index),
                      notified, values.get("location"), model=values.get("model"), type=values.get("type"),
                      extra=found or None)

    def zone(self, name: str, row: int, column: int, index: int) -> str | None:
        """The id of the zone a row names: an inventory zone by id or name, else one made from the name."""
        known = self.by_id.get(name) or self.by_name.get(name) or self.created.get(name)
        if known is not None:
            return known.id
        if name in self.unknown:
            self.unknown[name].append(row)
            return None
        inferred = infer_kind(name, self.categories)
        if inferred is None:
            self.unknown[name] = [row]
            return None
        kind, word = inferred
        zone = Zone(name, None, kind, True, False, row_pointer(index, "zone"))
        self.created[name] = zone
        self.result.inferred.append(InferredZone(name, kind, word, self.places.at(row, column)))
        return zone.id


def _extra_key(title: Any, index: int) -> str:
    text = _text(title)
    return f"x-{text}" if text is not None else f"x-{column_letters(index)}"


def _text(cell: Any) -> str | None:
    if cell is None:
        return None
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, (dt.date, dt.datetime)):
        return cell.isoformat()
    return str(cell).strip() or None


class CellError(ValueError):
    """What is wrong with a cell's value, in words to render later."""

    def __init__(self, text: Text) -> None:
        super().__init__(text)
        self.text = text


def _convert(name: str, cell: Any) -> Any:
    """A cell's value for ``name``; CellError says what is wrong with it."""
    if name in DATES:
        return _date(cell)
    if name in NUMBERS:
        return _number(cell, *NUMBERS[name])
    return _text(cell)


def _date(cell: Any) -> dt.date:
    if isinstance(cell, dt.datetime):
        day = cell.date()
    elif isinstance(cell, dt.date):
        day = cell
    elif isinstance(cell, str):
        try:
            day = parse_date(cell.strip())
        except DateFormError as exc:
            raise CellError(exc.text) from None
    else:
        raise CellError(Text.error("camlist.not-a-date", text=quoted(_text(cell))))
    if day.year not in PLAUSIBLE_YEARS:
        raise CellError(Text.error("camlist.implausible-year", day=day, first=PLAUSIBLE_YEARS.start,
                                   last=PLAUSIBLE_YEARS.stop - 1))
    return day


def _number(cell: Any, low: int, high: int) -> int:
    """A whole number as written: ``30`` in a CSV (not 30.0, 3e1 or 0x1e); an .xlsx number cell with a whole
    value (a workbook stores every number as a float)."""
    if isinstance(cell, str):
        text = cell.strip()
        if not _DIGITS.fullmatch(text) or len(text) > 18:
            raise CellError(Text.error("camlist.not-digits", text=quoted(text)))
        value = int(text)
    elif isinstance(cell, (int, float)) and not isinstance(cell, bool) and float(cell).is_integer():
        value = int(cell)
    else:
        raise CellError(Text.error("camlist.not-whole", text=quoted(_text(cell))))
    if not low <= value <= high:
        raise CellError(Text.error("camlist.out-of-range", value=value, low=low, high=f"{high:,}"))
    return value



def referenced(inventory: str) -> str | None:
    """The camera list an inventory names, for the files a run must never write over; None when it names none or
    cannot be read (loading it reports why)."""
    try:
        text = read_text(inventory)
        if "cameras_from" not in text:  # most inventories: no YAML parse a second time
            return None
        value = read_mapping(inventory, Text.error("shape.inventory"), text=text).data.get("cameras_from")
    except (LocatedError, InvalidDocument):
        return None
    if isinstance(value, dict) and isinstance(value.get("path"), str):
        value = value["path"]
    return sheet_path(inventory, value) if isinstance(value, str) and value else None
