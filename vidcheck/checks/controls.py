"""Controls: the management measures an operator must have in place."""

from __future__ import annotations

from collections.abc import Iterator

from ..jurisdictions import Rule
from ..messages import Term, Text
from ..model import Severity
from .base import SiteView, Violation, family, site_subject


@family("controls.missing", controls__missing=Severity.ERROR)
def missing(view: SiteView, rule: Rule) -> Iterator[Violation]:
    """A required management measure is ``false`` (error) or not declared under ``system.controls`` (warning).

    Parameters: ``controls``, a list of access_log, staff_vetting, staff_training, access_control, duty_monitoring.
    One finding per measure.
    """
    declared = view.site.system.controls
    for control in rule.params["controls"]:
        value = declared.get(control)
        if value is True:
            continue
        if value is False:
            yield Violation("controls.missing", site_subject(view), f"/system/controls/{control}",
                            Text.of("controls.missing.false", control=Term("control", control)),
                            severity=Severity.ERROR, key=(control,), strictness=1,
                            hint=Text.hint("controls.missing.false", control=Term("control", control), field=control))
        else:
            yield Violation("controls.missing", site_subject(view), "/system/controls",
                            Text.of("controls.missing.undeclared", control=Term("control", control)),
                            severity=Severity.WARNING, key=(control,),
                            hint=Text.hint("controls.missing.undeclared", control=Term("control", control),
                                           field=control))
