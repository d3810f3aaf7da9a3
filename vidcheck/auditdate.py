"""The audit date: a day (``--as-of 2026-12-31``), today, or ``planned`` — for each inventory the day after the
latest date it states, so that a plan is audited as built.

``planned`` reads every date an inventory states (``Site.dates()``): system ``accepted_on``, ``in_service_on``,
``delivered_on``; each filing's ``filed_on``; each camera's ``installed_on``, ``removed_on``, ``removal_filed_on``
and ``removal_notified_on``. The day after the latest of them is the first day on which everything the inventory
plans has happened: planned cameras are active, planned removals done, planned filings made. An inventory whose
dates all lie before today is no plan: it is audited as of today (never as of a day in the past, which would hide
a deadline that has passed since).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .dates import parse_date
from .inventory import Site

PLANNED = "planned"
TODAY = "today"


@dataclass(frozen=True, slots=True)
class AuditDate:
    """The audit date asked for, and where it was asked (``default`` when nothing set it)."""

    day: dt.date  # the fixed day, or today for ``planned`` (the day an inventory without a later date gets)
    planned: bool = False
    source: str = "default"  # flag --as-of | environment VIDCHECK_AS_OF | file:line:col | default

    def for_site(self, site: Site) -> dt.date:
        return planned_day(site, self.day) if self.planned else self.day

    @property
    def shown(self) -> str:
        """How a report names the audit date asked for: ``planned`` or the ISO day."""
        return PLANNED if self.planned else self.day.isoformat()


def audit_date(value: str | None, source: str, today: dt.date) -> AuditDate:
    """The audit date a setting asks for (None or ``today``: today); raise DateFormError for a bad date."""
    if value is None or value == TODAY:  # today is the default: nothing for the gate to show
        return AuditDate(today)
    if value == PLANNED:
        return AuditDate(today, planned=True, source=source)
    return AuditDate(parse_date(value), source=source)


def planned_day(site: Site, today: dt.date) -> dt.date:
    """The day after the latest date the inventory states, or ``today`` when that day is not later."""
    latest = max(site.dates(), default=None)
    if latest is None:
        return today
    return max(today, latest + dt.timedelta(days=1))
