"""Installer: places that only the government may equip, and places outside the operator's own premises."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..inventory import Zone
from ..jurisdictions import Rule
from ..messages import Term, Text
from ..model import Severity
from .base import SiteView, Violation, camera_subject, family

GOVERNMENT_ONLY = "installer.unauthorized"


@family("installer.unauthorized", installer__unauthorized=Severity.ERROR)
def unauthorized(view: SiteView, rule: Rule) -> Iterator[Violation]:
    """An operator the rule binds has a camera in a place it may not equip.

    Parameters: ``allowed_operators`` (the kinds the rule does not bind) and either ``zone_kinds`` (places only the
    government may equip: roads, squares…) or ``outside_premises: true`` (zones marked ``outside_premises``, with
    ``public_only: true`` only those also ``public``: 北京 第六条's 本单位范围以外的公共区域). A site that does not
    declare ``site.operator.kind`` cannot show that it is allowed, so it is reported too. One finding per active
    camera in such a zone; where rules of both kinds catch a camera the findings merge into one.
    """
    operator = view.site.operator.kind if view.site.operator else None
    if operator in rule.params["allowed_operators"]:
        return
    barred, key = _barred_zone(rule)
    shown = Term("operator", operator) if operator else "?"
    for zone, camera in view.cameras_in(barred):
        yield Violation("installer.unauthorized", camera_subject(camera), camera.pointer,
                        Text.of(key, camera=camera.id, zone=zone.shown, kind=Term("zone", zone.kind),
                                operator=shown),
                        # where rules of both kinds catch a camera, the one finding says the stronger claim
                        # (nobody but the government may equip the place) and cites both instruments
                        strictness=1.0 if key == GOVERNMENT_ONLY else 0.0)


def _barred_zone(rule: Rule) -> tuple[Callable[[Zone], bool], str]:
    """Which zones the rule bars, and the message key that says why."""
    if rule.params.get("outside_premises"):
        if rule.params.get("public_only", False):
            return (lambda zone: zone.outside_premises and zone.public), "installer.outside-premises.public"
        return (lambda zone: zone.outside_premises), "installer.outside-premises"
    kinds = frozenset(rule.params["zone_kinds"])
    return (lambda zone: zone.kind in kinds), GOVERNMENT_ONLY
