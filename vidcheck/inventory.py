"""A site inventory: schema validation, cross-reference checks, and the typed model the checks read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .camlist.where import InferredZone, SheetPlaces
from .dates import PLAUSIBLE_YEARS, DateFormError, parse_date
from .errors import InvalidDocument
from .escape import quoted
from .messages import Text
from .model import InputError, Location
from .names import canonical
from .schemaerrors import MAX_ERRORS, load_checked, suggest, too_many_errors
from .yamlsource import Document


@dataclass(frozen=True, slots=True)
class Operator:
    kind: str | None
    business: bool | None
    name: str | None = None  # 单位名称, a filing particular
    credit_code: str | None = None  # 统一社会信用代码 as written (the loader verifies its check character)


@dataclass(frozen=True, slots=True)
class Filing:
    filed_on: dt.date
    declared_retention_days: int | None
    pointer: str
    declared_cameras: int | None = None  # 图像采集设备数量 as filed; makes filing.change exact
    authority: str | None = None  # the police authority filed with
    reference: str | None = None  # the filing's number


@dataclass(frozen=True, slots=True)
class System:
    accepted_on: dt.date | None
    in_service_on: dt.date | None
    retention_days: int | None
    incident_retention_days: int | None
    operates_24x7: bool | None
    controls: Mapping[str, bool]
    filings: tuple[Filing, ...]
    delivered_on: dt.date | None = None  # 交付使用之日 (安徽 第十三条第二款 counts its filing from it)


@dataclass(frozen=True, slots=True)
class Zone:
    id: str
    name: str | None
    kind: str
    public: bool
    signage: bool
    pointer: str
    outside_premises: bool = False  # outside the operator's own premises (本单位范围以外): the street in front

    @property
    def shown(self) -> str:
        """How messages name the zone: its name with its id, so both the reader and the file agree."""
        return f"{self.name}（{self.id}）" if self.name else self.id


@dataclass(frozen=True, slots=True)
class Camera:
    id: str
    zone: str
    installed_on: dt.date | None
    removed_on: dt.date | None
    removal_filed_on: dt.date | None
    retention_days: int | None
    pointer: str
    removal_notified_on: dt.date | None = None  # the police were told of a planned removal (may precede it)
    location: str | None = None  # where it is, in the site's words (一层正门入口): shown with its id
    model: str | None = None
    type: str | None = None  # kind by function in the site's words (枪机, 球机, 人脸识别): a filing declares it
    extra: Mapping[str, str] | None = None  # a camera list's other columns, as free x- data (x-NVR, x-IP)

    def active_on(self, day: dt.date) -> bool:
        installed = self.installed_on is None or self.installed_on <= day
        return installed and (self.removed_on is None or self.removed_on > day)


@dataclass(frozen=True, slots=True)
class Site:
    document: Document
    id: str
    name: str
    jurisdiction: str | None
    categories: frozenset[str]
    operator: Operator | None
    system: System
    zones: tuple[Zone, ...]
    cameras: tuple[Camera, ...]
    address: str | None = None  # where the site is, in its own words: places a jurisdiction names are matched in it
    sheet: SheetPlaces | None = None  # where the cameras of its camera list (cameras_from) are
    inferred: tuple[InferredZone, ...] = ()  # zones made from the list's names, each for a person to confirm

    @property
    def path(self) -> str:
        return self.document.path

    def locate(self, pointer: str, *, key: bool = False) -> Location:
        """Where a pointer leads: a cell of the camera list for its cameras and zones, else the inventory."""
        if self.sheet is not None:
            cell = self.sheet.locate(pointer)
            if cell is not None:
                return cell
        line, column = self.document.position(pointer, key=key)
        return Location(self.path, line, column, pointer)

    def dates(self) -> Iterator[dt.date]:
        """Every date the inventory states (a date after the audit date makes the inventory a plan)."""
        system = self.system
        yield from (day for day in (system.accepted_on, system.in_service_on, system.delivered_on) if day)
        yield from (filing.filed_on for filing in system.filings)
        for camera in self.cameras:
            yield from (day for day in (camera.installed_on, camera.removed_on, camera.removal_filed_on,
                                        camera.removal_notified_on) if day)


def load_site(path: str, *, verify_credit_code: bool = True) -> Site:
    """Read, validate and type one inventory; raise InvalidDocument with every located error. ``verify_credit_code``
    False: for ``vidcheck filing``, which checks the code with every other particular and lists them all at once."""
    document = load_checked(path, "site", Text.error("shape.inventory"))
    builder = _Builder(document, verify_credit_code)
    site = builder.site()
    if builder.errors:
        # the inventory's own errors first, then its camera list's, each in file order
        raise InvalidDocument(tuple(sorted(builder.errors, key=lambda e: (e.path != path, e.line, e.column))))
    return site


class _Builder:
    """Builds the typed site from schema-valid data, collecting what the schema cannot express."""

    def __init__(self, document: Document, verify_credit_code: bool = True) -> None:
        self.document = document
        self.verify_credit_code = verify_credit_code
        self.errors: list[InputError] = []

    def error(self, pointer: str, message: Text, *, key: bool = False) -> None:
        if len(self.errors) > MAX_ERRORS:
            return
        line, column = self.document.position(pointer, key=key)
        error = InputError(self.document.path, line, column, message, pointer)
        self.errors.append(too_many_errors(error) if len(self.errors) == MAX_ERRORS else error)

    def date(self, mapping: Mapping[str, Any], key: str, pointer: str) -> dt.date | None:
        text = mapping.get(key)
        if text is None:
            return None
        here = f"{pointer}/{key}"
        try:
            day = parse_date(text)
        except DateFormError as exc:
            self.error(here, Text.error("at-key", key=key, message=exc.text))
            return None
        if day.year not in PLAUSIBLE_YEARS:
            self.error(here, Text.error("inventory.implausible-year", key=key, day=day, first=PLAUSIBLE_YEARS.start,
                                        last=PLAUSIBLE_YEARS.stop - 1))
        return day

    def site(self) -> Site:
        data = self.document.data
        site = data["site"]
        operator = site.get("operator")
        if operator and operator.get("credit_code") and self.verify_credit_code:
            self.credit_code(operator["credit_code"])
        categories = self.categories(site["categories"])  # ids, before a camera list infers kinds from them
        system = self.system(data.get("system") or {})
        zones = self.zones(data.get("zones") or [])
        listed = data.get("cameras") or []
        sheet = None
        if "cameras_from" in data:  # imported only by the inventories that use a camera list
            from .camlist.build import cameras_from

            sheet = cameras_from(self.document, data["cameras_from"], zones, categories,
                                 self.camera_lines(listed))
            self.errors.extend(sheet.errors)
            zones = (*zones, *sheet.zones)
        cameras = self.cameras(listed, {zone.id for zone in zones})
        if sheet is not None:
            cameras = (*cameras, *sheet.cameras)
        return Site(
            document=self.document,
            id=site["id"],
            name=site["name"],
            jurisdiction=site.get("jurisdiction"),
            categories=categories,
            operator=Operator(_id("operator", operator.get("kind")), operator.get("business"), operator.get("name"),
                              operator.get("credit_code")) if operator else None,
            system=system,
            zones=zones,
            cameras=cameras,
            address=site.get("address"),
            sheet=sheet.places if sheet is not None else None,
            inferred=tuple(sheet.inferred) if sheet is not None else (),
        )

    def categories(self, written: list[str]) -> frozenset[str]:
        """The ids of the categories as written (an id or a Chinese name); one written twice, under two names, is
        the repeat the schema's uniqueItems refuses for one name."""
        seen: dict[str, str] = {}
        for index, name in enumerate(written):
            ident = _id("category", name)
            if ident in seen:
                self.error(f"/site/categories/{index}", Text.error("inventory.category-twice", id=ident,
                                                                   first=seen[ident], second=name))
            seen.setdefault(ident, name)
        return frozenset(seen)

    def camera_lines(self, raw: list[Mapping[str, Any]]) -> dict[str, int]:
        """The line of each camera id the inventory lists (the first, for a duplicate)."""
        lines: dict[str, int] = {}
        for index, entry in enumerate(raw):
            if entry["id"] not in lines:
                lines[entry["id"]] = self.document.position(f"/cameras/{index}/id")[0]
        return lines

    def credit_code(self, code: str) -> None:
        from stdnum.cn import uscc
        from stdnum.exceptions import ValidationError

        try:
            uscc.validate(code)
        except ValidationError:
            self.error("/site/operator/credit_code", Text.error("inventory.credit-code", code=quoted(code)))

    def system(self, raw: Mapping[str, Any]) -> System:
        accepted = self.date(raw, "accepted_on", "/system")
        filings = tuple(self.filings(raw.get("filings") or [], accepted))
        return System(
            accepted_on=accepted,
            in_service_on=self.date(raw, "in_service_on", "/system"),
            delivered_on=self.date(raw, "delivered_on", "/system"),
            retention_days=raw.get("retention_days"),
            incident_retention_days=raw.get("incident_retention_days"),
            operates_24x7=raw.get("operates_24x7"),
            controls={k: v for k, v in (raw.get("controls") or {}).items() if not k.startswith("x-")},
            filings=tuple(sorted(filings, key=lambda f: f.filed_on)),
        )

    def filings(self, raw: list[Mapping[str, Any]], accepted: dt.date | None) -> Iterator[Filing]:
        for index, entry in enumerate(raw):
            pointer = f"/system/filings/{index}"
            filed = self.date(entry, "filed_on", pointer)
            if filed is None:
                continue
            if accepted is not None and filed < accepted:
                self.error(f"{pointer}/filed_on", Text.error("inventory.filed-before-accepted", filed=filed,
                                                             accepted=accepted))
            yield Filing(filed, entry.get("declared_retention_days"), pointer, entry.get("declared_cameras"),
                         entry.get("authority"), entry.get("reference"))

    def zones(self, raw: list[Mapping[str, Any]]) -> tuple[Zone, ...]:
        zones = []
        first_seen: dict[str, int] = {}
        for index, entry in enumerate(raw):
            pointer = f"/zones/{index}"
            self.unique(first_seen, entry["id"], index, pointer, "zone")
            zones.append(Zone(entry["id"], entry.get("name"), _id("zone", entry["kind"]), entry.get("public", True),
                              entry.get("signage", False), pointer, entry.get("outside_premises", False)))
        return tuple(zones)

    def cameras(self, raw: list[Mapping[str, Any]], zone_ids: set[str]) -> tuple[Camera, ...]:
        cameras = []
        first_seen: dict[str, int] = {}
        for index, entry in enumerate(raw):
            pointer = f"/cameras/{index}"
            self.unique(first_seen, entry["id"], index, pointer, "camera")
            if entry["zone"] not in zone_ids:
                self.error(f"{pointer}/zone", Text.error("inventory.unknown-zone", zone=quoted(entry["zone"]),
                                                         suggestion=suggest(entry["zone"], zone_ids)))
            installed = self.date(entry, "installed_on", pointer)
            removed = self.date(entry, "removed_on", pointer)
            removal_filed = self.date(entry, "removal_filed_on", pointer)
            notified = self.date(entry, "removal_notified_on", pointer)
            self.camera_dates(pointer, installed, removed, removal_filed)
            if notified and removed is None:
                self.error(f"{pointer}/removal_notified_on", Text.error("inventory.notified-not-removed"))
            cameras.append(Camera(entry["id"], entry["zone"], installed, removed, removal_filed,
                                  entry.get("retention_days"), pointer, notified, entry.get("location"),
                                  entry.get("model"), entry.get("type")))
        return tuple(cameras)

    def camera_dates(self, pointer: str, installed: dt.date | None, removed: dt.date | None,
                     removal_filed: dt.date | None) -> None:
        if installed and removed and removed < installed:
            self.error(f"{pointer}/removed_on", Text.error("inventory.removed-before-installed", removed=removed,
                                                           installed=installed))
        if removal_filed and removed is None:
            self.error(f"{pointer}/removal_filed_on", Text.error("inventory.filed-not-removed"))
        elif removal_filed and removed and removal_filed < removed:
            self.error(f"{pointer}/removal_filed_on", Text.error("inventory.filed-before-removed",
                                                                 filed=removal_filed, removed=removed))

    def unique(self, first_seen: dict[str, int], ident: str, index: int, pointer: str, what: str) -> None:
        if ident in first_seen:
            line, _ = self.document.position(f"/{what}s/{first_seen[ident]}")
            self.error(f"{pointer}/id", Text.error(f"inventory.duplicate-{what}", id=quoted(ident), line=line))
        else:
            first_seen[ident] = index


def _id(table: str, name: str) -> str:
    """The vocabulary id of a schema-valid name (an id or a Chinese name): checks see ids only."""
    return canonical(table, name) or name
