"""Privacy: cameras where the law forbids them."""

from __future__ import annotations

from collections.abc import Iterator

from ..jurisdictions import Rule
from ..messages import Term, Text
from ..model import Severity
from .base import SiteView, Violation, camera_subject, family


@family("privacy.forbidden-zone", privacy__forbidden_zone=Severity.ERROR)
def forbidden_zone(view: SiteView, rule: Rule) -> Iterator[Violation]:
    """An active camera is in a zone of a kind the instrument prohibits (guest rooms, toilets, changing rooms…).

    Parameters: ``zone_kinds``. One finding per camera, at the camera. Usually ``waivable: false``.
    """
    forbidden = set(rule.params["zone_kinds"])
    for camera in view.active:
        zone = view.zone_of(camera)
        if zone is not None and zone.kind in forbidden:
            yield Violation("privacy.forbidden-zone", camera_subject(camera), camera.pointer,
                            Text.of("privacy.forbidden-zone", camera=camera.id, zone=zone.shown,
                                    kind=Term("zone", zone.kind)))
