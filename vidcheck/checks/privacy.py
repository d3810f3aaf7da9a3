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
    for zone, camera in view.cameras_in(lambda zone: zone.kind in rule.params["zone_kinds"]):
        yield Violation("privacy.forbidden-zone", camera_subject(camera), camera.pointer,
                        Text.of("privacy.forbidden-zone", camera=camera.id, zone=zone.shown,
                                kind=Term("zone", zone.kind)))
