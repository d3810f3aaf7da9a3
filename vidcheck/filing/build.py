"""From a loaded inventory to checked filing particulars; every missing or invalid particular is a located input
error (all of them at once), so an incomplete filing is never produced."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from ..auditdate import AuditDate
from ..changes import camera_changes
from ..errors import InvalidDocument
from ..inventory import Camera, Site, load_site
from ..messages import Text
from ..model import InputError
from ..placeholders import placeholder_words
from .law import PARTICULARS
from .model import CameraChange, CameraEntry, Changes, EarlierFiling, Particulars, TypeCount, Unit

CREDIT_CODE = "/site/operator/credit_code"
FILING = "filing"  # the catalog section of the filing's words
_NO_CODE_KINDS = frozenset({"individual"})  # a natural person has an ID card, not a 统一社会信用代码


def particulars_of(path: str, as_of: dt.date | AuditDate, lang: str = "zh") -> Particulars:
    """The filing particulars of the inventory at ``path`` on ``as_of`` (``--as-of planned``: the day after its
    latest date). An inventory invalid only by its credit code's check character is still read, so that the error
    lists that code with every other missing particular at once."""
    try:
        site = load_site(path)
    except InvalidDocument as exc:
        if not exc.errors or any(error.pointer != CREDIT_CODE for error in exc.errors):
            raise
        site = load_site(path, verify_credit_code=False)
    return build(site, as_of.for_site(site) if isinstance(as_of, AuditDate) else as_of, lang)


def build(site: Site, as_of: dt.date, lang: str = "zh") -> Particulars:
    """The filing particulars of ``site`` on ``as_of`` (its cameras active that day); raise InvalidDocument listing
    every particular that is missing or invalid, each at its line (or its parent's when absent)."""
    errors = _Errors(site, lang)
    operator = site.operator
    errors.placeholder("/site/name", site.name)
    if operator is None:
        errors.missing("/site/operator", "unit_name")
    else:
        if not _given(operator.name):
            errors.missing("/site/operator/name", "unit_name")
        errors.placeholder("/site/operator/name", operator.name)
        if _given(operator.credit_code):
            _check_code(errors, operator.credit_code or "")
        elif operator.kind not in _NO_CODE_KINDS:
            errors.missing("/site/operator/credit_code", "credit_code")
    if not _given(site.address):
        errors.missing("/site/address", "system_location")
    errors.placeholder("/site/address", site.address)
    active = [camera for camera in site.cameras if camera.active_on(as_of)]
    planned = sorted(c.installed_on for c in site.cameras if c.installed_on is not None and c.installed_on > as_of)
    data = site.document.data
    where = "/cameras_from" if "cameras_from" in data and "cameras" not in data else "/cameras"  # the list's line
    if not active and planned:  # a plan: say from when there is something to file, and how to ask for that day
        errors.add(where, "error.no_camera.planned", field=dotted(where), day=as_of.isoformat(),
                   first=planned[0].isoformat(), last=planned[-1].isoformat())
    elif not active:
        errors.add(where, "error.no_camera", field=dotted(where), day=as_of.isoformat())
    for camera in active:
        if not _given(camera.type):
            errors.missing(f"{camera.pointer}/type", "camera_type", camera=camera.id)
    default = site.system.retention_days
    unkept = [camera.id for camera in active if camera.retention_days is None and default is None]
    if unkept:
        errors.add("/system/retention_days", "error.retention", field="system.retention_days",
                   cameras=", ".join(unkept[:5]) + (" …" if len(unkept) > 5 else ""), article=_articles("retention"))
    if errors.found:
        raise InvalidDocument(tuple(sorted(errors.found, key=lambda e: (e.line, e.column))))
    assert operator is not None and site.address is not None  # errors.found otherwise
    zones = {zone.id: zone for zone in site.zones}
    entries = tuple(_entry(camera, zones, default) for camera in active)
    counts = Counter(entry.type for entry in entries)
    earlier = [filing for filing in site.system.filings if filing.filed_on <= as_of]
    return Particulars(
        path=site.path, as_of=as_of, site_id=site.id, site_name=site.name, categories=tuple(sorted(site.categories)),
        unit=Unit(operator.name or "", operator.kind or "other", operator.credit_code or None),
        location=site.address, in_service_on=site.system.in_service_on, retention_days=default,
        incident_retention_days=site.system.incident_retention_days, cameras=entries,
        counts=tuple(TypeCount(kind, n) for kind, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))),
        authority=next((f.authority for f in reversed(earlier) if _given(f.authority)), None),
        changes=_changes(site, as_of, earlier[-1]) if earlier else None,
    )


def _entry(camera: Camera, zones: dict[str, Any], default: int | None) -> CameraEntry:
    zone = zones.get(camera.zone)
    retention = camera.retention_days if camera.retention_days is not None else default
    assert retention is not None and camera.type is not None  # build() refused the camera otherwise
    return CameraEntry(camera.id, camera.zone, zone.name if zone else None, zone.kind if zone else "other",
                       camera.location, camera.type.strip(), camera.model or None, retention, camera.installed_on)


def _changes(site: Site, as_of: dt.date, latest: Any) -> Changes:
    """备案变更: what differs from the latest filing, read as the filing.change check reads it."""
    diff = camera_changes(site, latest.filed_on, as_of)
    earlier = EarlierFiling(latest.filed_on, latest.authority, latest.reference, latest.declared_retention_days,
                            latest.declared_cameras)
    now = site.system.retention_days
    declared = latest.declared_retention_days
    return Changes(
        since=earlier,
        installed=tuple(CameraChange(c.id, c.installed_on) for c in diff.installed),
        removed=tuple(CameraChange(c.id, c.removed_on, c.id in diff.removal_filed) for c in diff.removed),
        retention=(declared, now) if declared is not None and now is not None and declared != now else None,
        count=(latest.declared_cameras, diff.active)
        if latest.declared_cameras is not None and latest.declared_cameras != diff.active else None,
    )


def _check_code(errors: _Errors, code: str) -> None:
    from stdnum.cn import uscc
    from stdnum.exceptions import ValidationError

    try:
        uscc.validate(code)
    except ValidationError:
        errors.add(CREDIT_CODE, "error.credit_code", field="site.operator.credit_code", code=code)


def _given(text: str | None) -> bool:
    return text is not None and bool(text.strip())


def _articles(particular: str) -> str:
    return "；".join(cite.short for cite in PARTICULARS[particular])


def dotted(pointer: str) -> str:
    """A JSON pointer as a person names the field: /cameras/3/type -> cameras[3].type."""
    out = ""
    for token in pointer.split("/")[1:]:
        out += f"[{token}]" if token.isdigit() else f".{token}" if out else token
    return out


class _Errors:
    """The located errors of one filing, in the run's language."""

    def __init__(self, site: Site, lang: str) -> None:
        self.site, self.lang = site, lang
        self.found: list[InputError] = []

    def missing(self, pointer: str, particular: str, camera: str | None = None) -> None:
        field = dotted(pointer) + (f" ({camera})" if camera else "")
        self.add(pointer, "error.missing", field=field, what=Text(particular, (), FILING),
                 article=_articles(particular))

    def placeholder(self, pointer: str, value: str | None) -> None:
        """A value `vidcheck init` wrote for a person to replace (in either language) is not a particular."""
        if value is not None and value.strip() in placeholder_words():
            self.add(pointer, "error.placeholder", field=dotted(pointer), value=value.strip())

    def add(self, pointer: str, key: str, **fields: str | Text) -> None:
        """Words rendered when shown: in the language of the run, whatever the language of the filing."""
        line, column = self._position(pointer)
        self.found.append(InputError(self.site.path, line, column, Text(key, tuple(fields.items()), FILING), pointer))

    def _position(self, pointer: str) -> tuple[int, int]:
        """The field's own position when written (an empty value), else its parent's key: the mapping to add it to."""
        document = self.site.document
        tokens = pointer.split("/")[1:]
        node: Any = document.data
        for depth, token in enumerate(tokens):
            if isinstance(node, dict) and token in node:
                node = node[token]
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                node = node[int(token)]
            else:
                parent = "/" + "/".join(tokens[:depth])
                return document.position(parent, key=True) if depth else document.position("")
        return document.position(pointer)

