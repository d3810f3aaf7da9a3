"""Filing (备案) with the police: deadlines, removals and filed particulars."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..dates import as_period, deadline_after
from ..inventory import Camera, Filing, System
from ..jurisdictions import Rule
from ..messages import Text, basis_text, period_text
from ..model import Deadline, Severity
from .base import SiteView, Violation, camera_subject, family, site_subject


@family("filing.deadline", filing__missing=Severity.ERROR, filing__overdue=Severity.ERROR,
        filing__late=Severity.WARNING, filing__due=Severity.INFO)
def deadline(view: SiteView, rule: Rule) -> Iterator[Violation]:
    """The system was not filed, or filed late, with the police.

    Parameters: ``trigger`` (``accepted_on``, ``in_service_on`` or ``delivered_on`` 交付使用; an absent delivery
    date falls back to the in-service date, an absent in-service date to the acceptance date), ``within`` (a
    period, or null where the text sets no deadline), ``preexisting_within``, ``preexisting_when`` and
    ``new_systems`` (false: the text asks a filing only of pre-existing systems; a new one owes nothing here).
    "自…之日起N日内" ends on trigger + N days, moved past a 法定休假日 (民法典第二百零三条).
    A system is pre-existing when the date its text names (``preexisting_when``: "已经建成" is ``accepted_on``,
    "已经启用" is ``in_service_on``; the other date stands in when it is absent; default: the trigger) is before
    the instrument took effect. It owes a filing within ``preexisting_within`` of the effective date, met only by
    a filing made in that window; without that parameter the instrument asks nothing of it. Emits
    ``filing.missing`` (no deadline applies), ``filing.overdue``, ``filing.late`` or ``filing.due`` (with the date).
    """
    system = view.site.system
    trigger_name, trigger = _first_date(system, TRIGGER_STANDS_IN[rule.params["trigger"]])
    effective = rule.instrument.effective_on
    filings = [f for f in system.filings if view.has_happened(f.filed_on)]
    existing = _first_date(system, PREEXISTING_STANDS_IN[rule.params.get("preexisting_when",
                                                                         rule.params["trigger"])])[1]
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
    elif not rule.params.get("new_systems", True):  # the text asks a filing only of systems that predate it
        return
    elif rule.params["within"] is None or trigger is None:
        if not filings and (view.active or view.has_happened(trigger)):
            yield Violation("filing.missing", site_subject(view), "/system", Text.of("filing.missing"))
        return
    else:
        window = rule.params["within"]
        due = deadline_after(trigger, window)
        basis = Text.of(f"basis.trigger.{trigger_name}", start=trigger, period=period_text(window))
        preexisting = False
    yield from _judge(view, filings, due, basis, preexisting)


# The dates that stand in, in order, when the one a rule names is absent (SPEC §1). 交付使用 and 投入使用 name the
# same step in practice (the system starts being used), so an absent delivery date is the in-service date, then the
# acceptance date. A filing counted from acceptance has no stand-in: acceptance comes first, nothing predates it.
TRIGGER_STANDS_IN: dict[str, tuple[str, ...]] = {
    "accepted_on": ("accepted_on",),
    "in_service_on": ("in_service_on", "accepted_on"),
    "delivered_on": ("delivered_on", "in_service_on", "accepted_on"),
}
# Whether a system predates an instrument: any date of the system's existence stands in for the one the text names.
PREEXISTING_STANDS_IN: dict[str, tuple[str, ...]] = {
    "accepted_on": ("accepted_on", "in_service_on", "delivered_on"),
    "in_service_on": ("in_service_on", "accepted_on", "delivered_on"),
    "delivered_on": ("delivered_on", "in_service_on", "accepted_on"),
}


def _first_date(system: System, names: tuple[str, ...]) -> tuple[str, dt.date | None]:
    """The first of these system dates the inventory gives, with its name (the first name when none is given)."""
    for name in names:
        day: dt.date | None = getattr(system, name)
        if day is not None:
            return name, day
    return names[0], None


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
    """A removed camera whose removal the police were not told of in time.

    Parameters: ``notice`` (``after``, the default: a filing within ``within`` after the removal day, or at some
    point when ``within`` is null; ``before``: a notice at least ``within`` before the removal day, or by the
    removal day itself when ``within`` is null) and ``within``. After-the-fact duties read ``removal_filed_on``
    (or an earlier ``removal_notified_on``: telling the police sooner meets a later deadline); notice duties read
    ``removal_notified_on`` only. Removals before the instrument took effect owe nothing. A removal dated after
    the audit date owes nothing after the fact; a planned removal owes its notice once the notice day has passed.
    An after-the-fact deadline on a 法定休假日 moves past it (民法典第二百零三条); a notice day counted back from the
    removal does not move.
    """
    before = rule.params.get("notice", "after") == "before"
    effective = rule.instrument.effective_on
    for camera in view.site.cameras:
        removed = camera.removed_on
        if removed is None or (effective is not None and removed < effective):
            continue
        if before:
            yield from _removal_notice(view, rule, camera, removed)
        elif view.has_happened(removed):
            yield from _removal_filing(view, rule, camera, removed)


def _removal_filing(view: SiteView, rule: Rule, camera: Camera, removed: dt.date) -> Iterator[Violation]:
    """Told the police after the removal (备案), within the rule's period."""
    window = rule.params["within"]
    told = sorted((day, field) for field, day in (("removal_notified_on", camera.removal_notified_on),
                                                   ("removal_filed_on", camera.removal_filed_on))
                  if day is not None and view.has_happened(day))
    filed, field = told[0] if told else (None, "removal_filed_on")
    if window is None:
        if filed is None:
            yield Violation("filing.removal", camera_subject(camera), camera.pointer,
                            Text.of("filing.removal.missing", camera=camera.id, removed=removed))
        return
    due = deadline_after(removed, window)
    basis = Text.of("basis.trigger.removed_on", start=removed, period=period_text(window))
    params = {"camera": camera.id, "removed": removed, "deadline": due.due, "basis": basis_text(basis, due)}
    strictness = -due.due.toordinal()
    if filed is not None and filed > due.due:
        yield Violation("filing.removal", camera_subject(camera), f"{camera.pointer}/{field}",
                        Text.of("filing.removal.late", filed=filed, **params), strictness=strictness, deadline=due,
                        hint=Text.hint("filing.removal.late", field=field, **params))
    elif filed is None and view.as_of > due.due:
        yield Violation("filing.removal", camera_subject(camera), camera.pointer,
                        Text.of("filing.removal.overdue", **params), strictness=strictness, deadline=due)
    elif filed is None:
        yield Violation("filing.due", camera_subject(camera), camera.pointer,
                        Text.of("filing.removal.due", **params), strictness=strictness, deadline=due)


def _removal_notice(view: SiteView, rule: Rule, camera: Camera, removed: dt.date) -> Iterator[Violation]:
    """Told the police before the removal (提前N日通知): on ``removed`` − N days at the latest; with no period, by
    the removal day. Nothing is owed until that day has passed, so a plan is judged only once its notice is late."""
    window = rule.params["within"]
    latest = removed - as_period(window) if window is not None else removed
    notified = camera.removal_notified_on if view.has_happened(camera.removal_notified_on) else None
    if notified is not None and notified <= latest:
        return
    if notified is None and view.as_of <= latest:
        return
    basis = (Text.of("basis.notice.before", removed=removed, period=period_text(window)) if window is not None
             else Text.of("basis.notice.by_removal", removed=removed))
    params = {"camera": camera.id, "removed": removed, "deadline": latest, "basis": basis}
    deadline = Deadline(latest, latest)
    if notified is not None:
        yield Violation("filing.removal", camera_subject(camera), f"{camera.pointer}/removal_notified_on",
                        Text.of("filing.removal.notice.late", notified=notified, **params),
                        strictness=-latest.toordinal(), deadline=deadline)
    else:
        key = "filing.removal.notice.missing" if view.has_happened(removed) else "filing.removal.notice.overdue"
        yield Violation("filing.removal", camera_subject(camera), camera.pointer, Text.of(key, **params),
                        strictness=-latest.toordinal(), deadline=deadline)


@family("filing.mismatch", filing__mismatch=Severity.WARNING)
def mismatch(view: SiteView, rule: Rule) -> Iterator[Violation]:
    """The latest filing's ``declared_retention_days`` differs from ``system.retention_days``.

    No parameters. Only filings dated on or before the audit date count.
    """
    return retention_mismatch(view)


def retention_mismatch(view: SiteView) -> Iterator[Violation]:
    """``filing.mismatch`` when the retention the system declares differs from what its latest filing declared
    (also the test of a retention duty with no number, 按照规定期限留存: the period is the one filed)."""
    actual = view.site.system.retention_days
    filed = [f for f in view.site.system.filings if view.has_happened(f.filed_on)]
    if not filed or actual is None:
        return
    latest = filed[-1]
    if latest.declared_retention_days is not None and latest.declared_retention_days != actual:
        yield Violation("filing.mismatch", site_subject(view), f"{latest.pointer}/declared_retention_days",
                        Text.of("filing.mismatch", declared=latest.declared_retention_days, actual=actual))
