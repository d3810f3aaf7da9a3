"""Installer: places that only the government may equip."""

from __future__ import annotations

from collections.abc import Iterator

from ..jurisdictions import Rule
from ..messages import Term, Text
from ..model import Severity
from .base import SiteView, Violation, camera_subject, family


@family("installer.unauthorized", installer__unauthorized=Severity.ERROR)
def unauthorized(view: SiteView, rule: Rule) -> Iterator[Violation]:
    """An operator who is not allowed films a place only the government may equip (roads, squares…).

    Parameters: ``zone_kinds``, ``allowed_operators``. A site that does not declare ``site.operator.kind`` cannot
    show that it is allowed, so it is reported too. One finding per active camera in such a zone.
    """
    operator = view.site.operator.kind if view.site.operator else None
    if operator in rule.params["allowed_operators"]:
        return
    kinds = set(rule.params["zone_kinds"])
    shown = Term("operator", operator) if operator else "?"
    for camera in view.active:
        zone = view.zone_of(camera)
        if zone is not None and zone.kind in kinds:
            yield Violation("installer.unauthorized", camera_subject(camera), camera.pointer,
                            Text.of("installer.unauthorized", camera=camera.id, zone=zone.shown,
                                    kind=Term("zone", zone.kind), operator=shown))
