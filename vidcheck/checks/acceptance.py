"""Acceptance (验收): a system may be put into service only after it has passed acceptance."""

from __future__ import annotations

from collections.abc import Iterator

from ..jurisdictions import Rule
from ..messages import Text
from ..model import Severity
from .base import SiteView, Violation, family, site_subject


@family("acceptance.before-use", acceptance__before_use=Severity.ERROR)
def before_use(view: SiteView, rule: Rule) -> Iterator[Violation]:
    """The system was put into service before it passed acceptance, or is in service with no acceptance.

    No parameters; ``system.accepted_on`` is the day acceptance was passed (竣工验收合格), and a system without it
    has not been accepted. ``in_service_on`` decides; an acceptance dated after the audit date has not happened.
    A system put into service before the instrument took effect owes nothing (the rule binds the start of use, and
    the texts ask nothing of older systems); without ``in_service_on`` the acceptance date stands in for that test.
    With no ``in_service_on`` at all, active cameras show the system in use but not since when: a warning when
    no acceptance has happened either. A plan (in service after the audit date) owes nothing yet.
    """
    system = view.site.system
    started = system.in_service_on or system.accepted_on
    effective = rule.instrument.effective_on
    if started is not None and effective is not None and started < effective:
        return
    accepted = system.accepted_on if view.has_happened(system.accepted_on) else None
    in_service = system.in_service_on
    if in_service is None:
        if accepted is None and view.active:
            yield Violation("acceptance.before-use", site_subject(view), "/system",
                            Text.of("acceptance.before-use.undated", cameras=len(view.active)),
                            severity=Severity.WARNING)
        return
    if not view.has_happened(in_service) or (accepted is not None and accepted <= in_service):
        return
    if accepted is not None:
        message = Text.of("acceptance.before-use", in_service=in_service, accepted=accepted)
    elif system.accepted_on is not None:  # planned, not yet happened
        message = Text.of("acceptance.before-use.pending", in_service=in_service, accepted=system.accepted_on)
    else:
        message = Text.of("acceptance.before-use.none", in_service=in_service)
    yield Violation("acceptance.before-use", site_subject(view), "/system/in_service_on", message)
