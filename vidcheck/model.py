"""Frozen result types shared by the library core and the renderers.

Everything a renderer needs is in a :class:`Report`; renderers never re-filter or recompute it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import IntEnum


class Severity(IntEnum):
    """Ordered so that ``max()`` picks the most serious."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]


@dataclass(frozen=True)
class Location:
    path: str
    line: int  # 1-based
    column: int  # 1-based
    pointer: str  # JSON pointer into the inventory


@dataclass(frozen=True)
class Subject:
    type: str  # site | zone | camera
    id: str


@dataclass(frozen=True)
class Citation:
    jurisdiction: str
    instrument: str
    article: str
    quote: str
    draft: bool = False


@dataclass(frozen=True)
class Fine:
    party: str  # unit | individual | persons | any
    min: int | None = None
    max: int | None = None
    business: bool | None = None


@dataclass(frozen=True)
class Penalty:
    jurisdiction: str
    instrument: str
    article: str
    quote: str
    orders: tuple[str, ...] = ()
    condition: str | None = None
    fines: tuple[Fine, ...] = ()
    refers_to: str | None = None


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    subject: Subject
    location: Location
    message: str
    citations: tuple[Citation, ...]
    penalties: tuple[Penalty, ...] = ()
    waivable: bool = True


@dataclass(frozen=True)
class InputError:
    """A located problem that stops a file from being evaluated (exit 2)."""

    path: str
    line: int
    column: int
    message: str
    pointer: str | None = None
    unreadable: bool = False  # the file could not be read at all (validate exits 2, not 1)


@dataclass(frozen=True)
class SiteReport:
    path: str
    site: str
    name: str
    jurisdictions: tuple[str, ...]
    drafts: tuple[str, ...]
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class Report:
    as_of: dt.date
    lang: str
    sites: tuple[SiteReport, ...] = ()
    errors: tuple[InputError, ...] = ()
    version: str = field(default="")

    def count(self, severity: Severity) -> int:
        return sum(1 for s in self.sites for f in s.findings if f.severity == severity)

    def worst(self) -> Severity | None:
        return max((f.severity for s in self.sites for f in s.findings), default=None)
