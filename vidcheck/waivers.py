"""Waivers: approved, dated exceptions for single findings, kept in a reviewable YAML file.

A waiver fails closed: one that is malformed, expired or aimed at a rule the law makes absolute waives nothing,
so its finding counts again, and the problem is reported as a notice at the waiver's line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .dates import DateFormError, parse_date
from .errors import InvalidDocument
from .messages import Text
from .model import InputError, Location, Notice, Severity, SiteReport, Subject, Waiver
from .resources import validator
from .schemaerrors import read_mapping, schema_errors
from .yamlsource import Document

SHAPE = Text.error("shape.waivers")
_ENTRY = re.compile(r"^/waivers/(\d+)(?:/|$)")
WaiverKey = tuple[str, str, Subject]


@dataclass(frozen=True)
class WaiverFile:
    waivers: tuple[Waiver, ...]
    notices: tuple[Notice, ...]  # entries that waive nothing because they are malformed or repeated


def load_waivers(path: str, lang: str) -> WaiverFile:
    """Read a waivers file. Raise LocatedError/InvalidDocument only when the file as a whole is unusable;
    a bad entry becomes a notice and waives nothing."""
    document = read_mapping(path, SHAPE)
    entry_errors: dict[int, list[InputError]] = {}
    whole_file: list[InputError] = []
    for error in schema_errors(document, validator("waivers")):
        match = _ENTRY.match(error.pointer or "")
        if match:
            entry_errors.setdefault(int(match[1]), []).append(error)
        else:
            whole_file.append(error)
    if whole_file:
        raise InvalidDocument(tuple(whole_file))
    waivers: dict[WaiverKey, Waiver] = {}
    notices = [_invalid(error, lang) for errors in entry_errors.values() for error in errors]
    for index, raw in enumerate(document.data["waivers"]):
        if index in entry_errors:
            continue
        waiver = _waiver(document, index, raw)
        if isinstance(waiver, InputError):
            notices.append(_invalid(waiver, lang))
            continue
        key = (waiver.rule, waiver.site, waiver.subject)
        if key in waivers:
            notices.append(_notice("waiver-duplicate", Severity.WARNING, waiver.location,
                                   Text.of("waiver.duplicate", line=waivers[key].location.line), lang))
            continue
        waivers[key] = waiver
    return WaiverFile(tuple(waivers.values()), tuple(sorted(notices, key=lambda n: (n.line, n.column))))


def _waiver(document: Document, index: int, raw: dict[str, str]) -> Waiver | InputError:
    pointer = f"/waivers/{index}"
    line, column = document.position(pointer)
    try:
        expires = parse_date(raw["expires"])
    except DateFormError as exc:
        at_line, at_column = document.position(f"{pointer}/expires")
        return InputError(document.path, at_line, at_column, Text.error("at-key", key="expires", message=exc.text),
                          f"{pointer}/expires")
    return Waiver(raw["rule"], raw["site"], Subject.parse(raw["subject"]), raw["justification"].strip(),
                  raw["approved_by"].strip(), expires, Location(document.path, line, column, pointer))


def apply_waivers(sites: Iterable[SiteReport], waivers: WaiverFile, today: dt.date,
                  lang: str) -> tuple[tuple[SiteReport, ...], tuple[Notice, ...]]:
    """Mark each finding that an unexpired waiver covers; report expired, refused and unused waivers.

    Expiry is judged against ``today``, the real date, never the audit date: a CI job with a fixed ``--as-of``
    (common for plans) must not keep a waiver alive after the date its approver wrote."""
    index = {(w.rule, w.site, w.subject): w for w in waivers.waivers}
    matched: set[Waiver] = set()
    notices = list(waivers.notices)
    result = []
    for site in sites:
        findings = []
        for finding in site.findings:
            waiver = index.get((finding.rule, site.site, finding.subject))
            if waiver is not None:
                matched.add(waiver)
                if not finding.waivable:
                    notices.append(_notice("waiver-not-waivable", Severity.ERROR, waiver.location,
                                           _about("waiver.not-waivable", waiver), lang))
                elif waiver.holds_on(today):
                    finding = replace(finding, waiver=waiver)
            findings.append(finding)
        result.append(replace(site, findings=tuple(findings)))
    audited = {site.site for site in result}
    for waiver in waivers.waivers:
        if not waiver.holds_on(today):
            notices.append(_notice("waiver-expired", Severity.ERROR, waiver.location,
                                   _about("waiver.expired", waiver), lang))
        elif waiver not in matched and waiver.site in audited:
            notices.append(_notice("waiver-unused", Severity.WARNING, waiver.location,
                                   _about("waiver.unused", waiver), lang))
    return tuple(result), tuple(sorted(notices, key=lambda n: (n.path, n.line, n.column)))


def _about(key: str, waiver: Waiver) -> Text:
    return Text.of(key, rule=waiver.rule, site=waiver.site, subject=waiver.subject.ref, expires=waiver.expires)


def _invalid(error: InputError, lang: str) -> Notice:
    return _notice("waiver-invalid", Severity.ERROR, error, Text.of("waiver.invalid", problem=error.message), lang)


def _notice(kind: str, severity: Severity, where: InputError | Location, message: Text, lang: str) -> Notice:
    return Notice(kind, severity, where.path, where.line, where.column, message.render(lang))
