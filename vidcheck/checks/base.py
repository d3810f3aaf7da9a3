"""What every check family shares: the registry, the per-audit view of a site, and the Violation record."""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..inventory import Camera, Site, Zone
from ..jurisdictions import Rule
from ..messages import Text
from ..model import Deadline, Severity, Subject
from ..vocabulary import with_implied


@dataclass(frozen=True, slots=True)
class Violation:
    """One rule's view of one problem; the engine merges those of several instruments into one Finding."""

    finding: str  # finding id, e.g. retention.minimum
    subject: Subject
    pointer: str
    message: Text
    strictness: float = 0.0  # the stricter requirement's message wins the merge
    severity: Severity | None = None  # overrides the rule's severity
    key: tuple[Any, ...] = ()  # separates distinct problems on one subject
    at_key: bool = False  # point at the mapping key rather than its value
    preexisting: bool = False  # about a system older than the instrument: cite its transitional clause too
    deadline: Deadline | None = None  # the deadline judged; its holiday extension cites the rule's extension_cites
    hint: Text | None = None  # how to fix it; None: the ``hints`` entry of the message's key, with its fields

    def fix(self, line: int) -> Text:
        """How to fix it: the family's own hint, else the catalog's hint for the message key. ``line`` (of the
        finding) is offered to every hint, so that it can name where to add or change a field."""
        hint = self.hint or Text.hint(self.message.key, **dict(self.message.params))
        return Text(hint.key, (*hint.params, ("line", line)), "hints")


_NON_PUBLIC = "non_public"
PRIVACY = "privacy.forbidden-zone"


class SiteView:
    """A site as it stands on the audit date, with the lookups the checks share (built once per audit).

    ``rules`` are the rules in force on the audit date; the view keeps those that bind this site (``binds``).
    """

    def __init__(self, site: Site, as_of: dt.date, rules: Iterable[Rule] = ()) -> None:
        self.site = site
        self.as_of = as_of
        self.categories = with_implied(site.categories)  # what rules bind: as written plus what each implies
        self.active = tuple(c for c in site.cameras if c.active_on(as_of))
        by_zone: dict[str, list[Camera]] = defaultdict(list)
        for camera in self.active:
            by_zone[camera.zone].append(camera)
        self.active_by_zone: Mapping[str, list[Camera]] = by_zone
        self.zones = {zone.id: zone for zone in site.zones}
        kinds: dict[str, list[Zone]] = defaultdict(list)
        for zone in site.zones:
            kinds[zone.kind].append(zone)
        self.zones_by_kind: Mapping[str, list[Zone]] = kinds
        self.rules = tuple(rule for rule in rules if binds(rule, self))
        # Zone kinds where a privacy rule binding this site forbids cameras: the remedy there is removal, so no
        # other duty (a notice) is owed for them.
        self.prohibited_kinds = frozenset(kind for rule in self.rules if rule.check == PRIVACY
                                          for kind in rule.params["zone_kinds"])

    def cameras_in(self, chosen: Callable[[Zone], bool]) -> Iterator[tuple[Zone, Camera]]:
        """The active cameras of the zones ``chosen`` picks, zone by zone: a check about a few zone kinds looks at
        those zones' cameras, not at every camera of a city-sized site."""
        for zone in self.site.zones:
            if chosen(zone):
                yield from ((zone, camera) for camera in self.active_by_zone.get(zone.id, ()))

    def monitored_zones(self) -> Iterator[Zone]:
        return (zone for zone in self.site.zones if self.active_by_zone.get(zone.id))

    def has_happened(self, day: dt.date | None) -> bool:
        return day is not None and day <= self.as_of


def binds(rule: Rule, view: SiteView) -> bool:
    """The rule's own scope: its categories (default: any public category) and an optional zone condition."""
    if not binds_categories(rule, view.categories):
        return False
    condition = rule.params.get("if_zone_kind")
    return condition is None or bool(view.zones_by_kind.get(condition))


def binds_categories(rule: Rule, categories: frozenset[str]) -> bool:
    """The rule binds a site of these categories (implied ones included): one of its own, or by default any public
    one."""
    if rule.categories is not None:
        return bool(categories & rule.categories)
    return bool(categories - {_NON_PUBLIC})


SITE = "site"
CheckFunction = Callable[[SiteView, Rule], Iterator[Violation]]


@dataclass(frozen=True)
class Family:
    """A check family: its function, the finding ids it can emit and their default severities."""

    name: str
    function: CheckFunction
    findings: Mapping[str, Severity] = field(default_factory=dict)

    @property
    def doc(self) -> str:
        return (self.function.__doc__ or "").strip()


FAMILIES: dict[str, Family] = {}


def family(name: str, **findings: Severity) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check family; ``findings`` maps each finding id it emits (dots as ``__``) to its severity."""

    def register(function: CheckFunction) -> CheckFunction:
        emitted = {key.replace("__", ".").replace("_", "-"): severity for key, severity in findings.items()}
        FAMILIES[name] = Family(name, function, emitted)
        return function

    return register


@functools.cache
def default_severity(finding: str) -> Severity:
    for fam in FAMILIES.values():
        if finding in fam.findings:
            return fam.findings[finding]
    raise KeyError(finding)


def site_subject(view: SiteView) -> Subject:
    return Subject(SITE, view.site.id)


def camera_subject(camera: Camera) -> Subject:
    return Subject("camera", camera.id, camera.location)


def zone_subject(zone: Zone) -> Subject:
    return Subject("zone", zone.id)
