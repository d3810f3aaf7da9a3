"""Filing (备案) with the police: deadlines, removals and filed particulars."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..dates import deadline_after
from ..inventory import Filing
from ..jurisdictions import Rule
from ..messages import Text, basis_text, period_text
from ..model import Deadline, Severity
from .base import SiteView, Violation, camera_subject, family, site_subject


@family("filing.deadline", filing__missing=Severity.ERROR, filing__overdue=Severity.ERROR,
        filing__late=Severity.WARNING, filing__due=Severity.INFO)
def deadline(view: SiteView, rule: Rule) -> Iterator[Violation]:
    """The system was not filed, or filed late, with the police.

    Parameters: ``trigger`` (``accepted_on`` or ``in_service_on``; an absent in-service date falls back to the
    acceptance date), ``within`` (a period, or null where the text sets no deadline), ``preexisting_within`` and
    ``preexisting_when``. "自…之日起N日内" ends on trigger + N days, moved past a 法定休假日 (民法典第二百零三条).
    A system is pre-existing when the date its text names (``preexisting_when``: "已经建成" is ``accepted_on``,
    "已经启用" is ``in_service_on``; the other date stands in when it is absent; default: the trigger) is before
    the instrument took effect. It owes a filing within ``preexisting_within`` of the effective date, met only by
    a filing made in that window; without that parameter the instrument asks nothing of it. Emits
    ``filing.missing`` (no deadline applies), ``filing.overdue``, ``filing.late`` or ``filing.due`` (with the date).
    """
    system = view.site.system
    trigger = getattr(system, rule.params["trigger"]) or system.accepted_on
    effective = rule.instrument.effective_on
    filings = [f for f in system.filings if view.has_happened(f.filed_on)]
    existing = _preexisting_on(view, rule.params.get("preexisting_when", rule.params["trigger"]))
    if existing is not None and effective is not None and existing < effective:
        window = rule.params.get("preexisting_within")
        if window is None:
            return
        due = deadline_after(effective, window)
        basis = Text.of("basis.preexisting", start=effective, period=period_text(window))
        earlier = [f for f in filings if f.filed_on < effective]
        filings = [f for f in filings if f.filed_on >= effective]
        if earlier and not filings:  # filed under older rules: the transitional duty is still open
            yield from _refiling_owed(view, rule, earlier[-1], due, basis)
            return
        preexisting = True
    elif rule.params["within"] is None or trigger is None:
        if not filings and (view.active or view.has_happened(trigger)):
            yield Violation("filing.missing", site_subject(view), "/system", Text.of("filing.missing"))
        return
    else:
        window = rule.params["within"]
        due = deadline_after(trigger, window)
        basis = Text.of(f"basis.trigger.{rule.params['trigger']}", start=trigger, period=period_text(window))
        preexisting = False
    yield from _judge(view, filings, due, basis, preexisting)


def _preexisting_on(view: SiteView, when: str) -> dt.date | None:
    """The date that decides whether the system predates an instrument; the other date stands in (SPEC §1)."""
    system = view.site.system
    other = "in_service_on" if when == "accepted_on" else "accepted_on"
    day: dt.date | None = getattr(system, when) or getattr(system, other)
    return day


def _refiling_owed(view: SiteView, rule: Rule, earlier: Filing, due: Deadline, basis: Text) -> Iterator[Violation]:
    """A pre-existing system filed before the instrument took effect: it must file again in the window."""
    finding, key = ("filing.overdue", "filing.overdue.before") if view.as_of > due.due else (
        "filing.due", "filing.due.before")
    message = Text.of(key, filed=earlier.filed_on, instrument=rule.instrument.title,
                      effective=rule.instrument.effective_on, deadline=due.due, basis=basis_text(basis, due))
    yield Violation(finding, site_subject(view), f"{earlier.pointer}/filed_on", message,
                    strictness=-due.due.toordinal(), preexisting=True, deadline=due)


def _judge(view: SiteView, filings: list[Filing], due: Deadline, basis: Text,
           preexisting: bool) -> Iterator[Violation]:
    strictness = -due.due.toordinal()  # the earliest deadline is the strictest
    subject = site_subject(view)
    shown, basis = due.due, basis_text(basis, due)
    if filings:
        first = filings[0]
        if first.filed_on > due.due:
            yield Violation("filing.late", subject, f"{first.pointer}/filed_on",
                            Text.of("filing.late", filed=first.filed_on, deadline=shown, basis=basis),
                            strictness=strictness, preexisting=preexisting, deadline=due)
    elif view.as_of > due.due:
        yield Violation("filing.overdue", subject, "/system",
                        Text.of("filing.overdue", deadline=shown, basis=basis), strictness=strictness,
                        preexisting=preexisting, deadline=due)
    else:
        yield Violation("filing.due", subject, "/system",
                        Text.of("filing.due", deadline=shown, basis=basis), strictness=strictness,
                        preexisting=preexisting, deadline=due)


@family("filing.removal", filing__removal=Severity.ERROR)
def removal(view: SiteView, rule: Rule) -> Iterator[Violation]:
    """A removed camera whose removal was not filed in time (``removal_filed_on``).

    Parameters: ``within`` (a period from the removal day, or null: filed at some point). Removals before the
    instrument took effect, and removals dated after the audit date, owe nothing. A removal still inside its
    window is ``filing.due``. A deadline on a 法定休假日 moves past it (民法典第二百零三条).
    """
    window = rule.params["within"]
    effective = rule.instrument.effective_on
    for camera in view.site.cameras:
        removed = camera.removed_on
        if removed is None or not view.has_happened(removed) or (effective is not None and removed < effective):
            continue
        filed = camera.removal_filed_on if view.has_happened(camera.removal_filed_on) else None
        if window is None:
            if filed is None:
                yield Violation("filing.removal", camera_subject(camera), camera.pointer,
                                Text.of("filing.removal.missing", camera=camera.id, removed=removed))
            continue
        due = deadline_after(removed, window)
        basis = Text.of("basis.trigger.removed_on", start=removed, period=period_text(window))
        params = {"camera": camera.id, "removed": removed, "deadline": due.due, "basis": basis_text(basis, due)}
        strictness = -due.due.toordinal()
        if filed is not None and filed > due.due:
            yield Violation("filing.removal", camera_subject(camera), f"{camera.pointer}/removal_filed_on",
                            Text.of("filing.removal.late", filed=filed, **params), strictness=strictness,
                            deadline=due)
        elif filed is None and view.as_of > due.due:
            yield Violation("filing.removal", camera_subject(camera), camera.pointer,
                            Text.of("filing.removal.overdue", **params), strictness=strictness, deadline=due)
        elif filed is None:
            yield Violation("filing.due", camera_subject(camera), camera.pointer,
                            Text.of("filing.removal.due", **params), strictness=strictness, deadline=due)


@family("filing.mismatch", filing__mismatch=Severity.WARNING)
def mismatch(view: SiteView, rule: Rule) -> Iterator[Violation]:
    """The latest filing's ``declared_retention_days`` differs from ``system.retention_days``.

    No parameters. Only filings dated on or before the audit date count.
    """
    actual = view.site.system.retention_days
    filed = [f for f in view.site.system.filings if view.has_happened(f.filed_on)]
    if not filed or actual is None:
        return
    latest = filed[-1]
    if latest.declared_retention_days is not None and latest.declared_retention_days != actual:
        yield Violation("filing.mismatch", site_subject(view), f"{latest.pointer}/declared_retention_days",
                        Text.of("filing.mismatch", declared=latest.declared_retention_days, actual=actual))
