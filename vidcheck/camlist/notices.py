"""The notices of a camera list: each zone kind read from a zone's name, for a person to confirm (SPEC §9)."""

from __future__ import annotations

from ..inventory import Site
from ..messages import Term, Text
from ..model import Notice, Severity

ZONE_INFERRED = "zone-inferred"


def zone_notices(site: Site, lang: str) -> tuple[Notice, ...]:
    return tuple(
        Notice(ZONE_INFERRED, Severity.INFO, zone.location.path, zone.location.line, zone.location.column,
               Text.of("zone.inferred", name=zone.name, word=zone.word, kind=Term("zone", zone.kind),
                       kind_id=zone.kind).render(lang))
        for zone in site.inferred)
