"""Coverage: places that must have a system, and the parts of them that must be covered."""

from __future__ import annotations

from collections.abc import Iterator

from ..jurisdictions import Rule
from ..messages import Term, Text
from ..model import Severity
from .base import SiteView, Violation, family, site_subject, zone_subject


def _categories(view: SiteView, rule: Rule) -> list[Term]:
    bound = view.categories & (rule.categories or view.categories)
    return [Term("category", c) for c in sorted(bound)]


@family("coverage.system-required", coverage__system_required=Severity.ERROR)
def system_required(view: SiteView, rule: Rule) -> Iterator[Violation]:
    """A site of a listed category has no active camera at all on the audit date.

    Parameters: ``categories``. One finding per site, at ``site.categories``.
    """
    if not view.active:
        yield Violation("coverage.system-required", site_subject(view), "/site/categories",
                        Text.of("coverage.system-required", categories=_categories(view, rule)))


@family("coverage.zone-required", coverage__zone_required=Severity.ERROR)
def zone_required(view: SiteView, rule: Rule) -> Iterator[Violation]:
    """A zone kind that must be covered is missing, or a zone of that kind has no active camera.

    Parameters: ``categories``; ``zones``, a list of requirements ``{kinds: [...], if_present: bool}``. A
    requirement is met by a zone of any of its kinds; every zone of those kinds must then have an active camera.
    With ``if_present: true`` a site without such a zone owes nothing.
    """
    for requirement in rule.params["zones"]:
        kinds = requirement["kinds"]
        zones = [zone for kind in kinds for zone in view.zones_by_kind.get(kind, ())]
        if not zones and not requirement.get("if_present", False):
            yield Violation("coverage.zone-required", site_subject(view), "/zones",
                            Text.of("coverage.zone-required.missing", kinds=[Term("zone", k) for k in kinds],
                                    categories=_categories(view, rule)),
                            key=tuple(sorted(kinds)))
        for zone in zones:
            if not view.active_by_zone.get(zone.id):
                yield Violation("coverage.zone-required", zone_subject(zone), zone.pointer,
                                Text.of("coverage.zone-required.uncovered", zone=zone.shown,
                                        kind=Term("zone", zone.kind)))
