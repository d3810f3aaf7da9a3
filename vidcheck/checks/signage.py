"""Signage: conspicuous notices where cameras film."""

from __future__ import annotations

from collections.abc import Iterator

from ..camlist.where import ROWS
from ..inventory import Zone
from ..jurisdictions import Rule
from ..messages import Text
from ..model import Severity
from .base import SiteView, Violation, family, zone_subject


@family("signage.missing", signage__missing=Severity.ERROR)
def missing(view: SiteView, rule: Rule) -> Iterator[Violation]:
    """A zone with an active camera that needs a notice has ``signage: false``.

    Parameters: ``signage_in``: ``public_zones`` (only zones with ``public: true``) or ``monitored_zones`` (every
    zone with an active camera). A zone of a kind that a privacy rule binding the site prohibits needs none: the
    cameras there get ``privacy.forbidden-zone`` and the remedy is removal, not a notice.
    """
    public_only = rule.params["signage_in"] == "public_zones"
    for zone in view.monitored_zones():
        if zone.kind in view.prohibited_kinds:
            continue
        if not zone.signage and (zone.public or not public_only):
            # a zone made from a camera list's row has no entry to set signage on: say which one to add
            sheet = zone.pointer.startswith(ROWS)
            yield Violation("signage.missing", zone_subject(zone), zone.pointer,
                            Text.of("signage.missing.sheet" if sheet else "signage.missing", zone=zone.shown),
                            strictness=0 if public_only else 1, hint=_sheet_hint(zone) if sheet else None)


def _sheet_hint(zone: Zone) -> Text:
    """The entry to paste; its id from the kind and the zone's first row (/cameras_from/rows/<index>), unique."""
    row = zone.pointer.split("/")[3]
    ident = f"{zone.kind.replace('_', '-')}-{int(row) + 1}"
    return Text.hint("signage.missing.sheet", zone=zone.shown, id=ident, name=zone.name or zone.id,
                     kind=zone.kind)
