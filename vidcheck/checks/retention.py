"""Retention: how long footage is kept."""

from __future__ import annotations

from collections.abc import Iterator

from ..dates import longest_span_days
from ..jurisdictions import Rule
from ..messages import Text, period_text
from ..model import Severity
from .base import SiteView, Violation, camera_subject, family, site_subject
from .filing import retention_mismatch


@family("retention.minimum", retention__minimum=Severity.ERROR)
def minimum(view: SiteView, rule: Rule) -> Iterator[Violation]:
    """A camera's effective retention (its own ``retention_days``, else ``system.retention_days``) is below the
    minimum, or is not declared at all.

    Parameters: ``minimum`` (a period), or none where the text sets no number (北京 第十三条第三项 "按照规定期限留存"):
    then retention must be declared, and a system retention that differs from the latest filing's
    ``declared_retention_days`` is ``filing.mismatch``. Cameras that inherit the system value are reported once,
    at ``system.retention_days``; a camera with its own value is reported at the camera.
    """
    period = rule.params.get("minimum")
    if period is None:
        yield from _declared(view)
        return
    required = longest_span_days(period)
    default = view.site.system.retention_days
    inherits = False
    for camera in view.active:
        if camera.retention_days is None:
            inherits = True
        elif camera.retention_days < required:
            yield Violation("retention.minimum", camera_subject(camera), f"{camera.pointer}/retention_days",
                            Text.of("retention.minimum", actual=camera.retention_days, required=required),
                            strictness=required)
    if not inherits:
        return
    if default is None:
        yield Violation("retention.minimum", site_subject(view), "/system",
                        Text.of("retention.minimum.undeclared", required=required), strictness=required)
    elif default < required:
        yield Violation("retention.minimum", site_subject(view), "/system/retention_days",
                        Text.of("retention.minimum", actual=default, required=required), strictness=required)


def _declared(view: SiteView) -> Iterator[Violation]:
    """A duty to keep footage for "the prescribed period" with no number: the period must be declared, and be the
    one filed. Its message has no number, so it never wins a merge against a rule that has one."""
    inherits = any(camera.retention_days is None for camera in view.active)
    if inherits and view.site.system.retention_days is None:
        yield Violation("retention.minimum", site_subject(view), "/system", Text.of("retention.minimum.unnumbered"),
                        strictness=0)
    yield from retention_mismatch(view)


@family("retention.incident", retention__incident=Severity.ERROR)
def incident(view: SiteView, rule: Rule) -> Iterator[Violation]:
    """``system.incident_retention_days`` is below the minimum for footage tied to incidents, or not declared.

    Parameters: ``minimum`` (a period). A period in years counts its longest span, so two years is 731 days.
    """
    period = rule.params["minimum"]
    required = longest_span_days(period)
    actual = view.site.system.incident_retention_days
    if actual is None:
        yield Violation("retention.incident", site_subject(view), "/system",
                        Text.of("retention.incident.undeclared", required=required, period=period_text(period)),
                        strictness=required)
    elif actual < required:
        yield Violation("retention.incident", site_subject(view), "/system/incident_retention_days",
                        Text.of("retention.incident", actual=actual, required=required, period=period_text(period)),
                        strictness=required)
