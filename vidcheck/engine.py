"""Evaluate a site against the rules in force: run each rule's check family, then merge by strictest-wins."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TypeVar

from . import checks
from .checks.base import FAMILIES, SiteView, Violation, binds, default_severity
from .inventory import Operator, Site
from .jurisdictions import Catalog, Rule
from .model import Citation, Finding, Penalty, SiteReport

__all__ = ["binds", "evaluate"]  # binds (defined with SiteView) stays importable from here

T = TypeVar("T", Citation, Penalty)
_ORDER = {name: index for index, name in enumerate(checks.FINDING_ORDER)}


MAX_FINDINGS = 100_000  # per file: past this a systematic error (one wrong default, one wrong zone) repeats itself


class TooManyFindings(Exception):
    """A file breaks rules more than MAX_FINDINGS times: the audit stops there, so that memory stays bounded."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"more than {limit:,} findings")
        self.limit = limit


def evaluate(site: Site, catalog: Catalog, jurisdiction: str, as_of: dt.date, lang: str) -> SiteReport:
    """The site's findings under the rules in force; raise TooManyFindings past MAX_FINDINGS."""
    applied, rules = catalog.applicable(jurisdiction, as_of)
    view = SiteView(site, as_of, rules)
    violations = list(itertools.islice(_violations(view), MAX_FINDINGS + 1))
    if len(violations) > MAX_FINDINGS:
        raise TooManyFindings(MAX_FINDINGS)
    findings = sorted(_merge(view, violations, lang), key=_finding_order)
    drafts = tuple(j.id for j in applied if j.draft)
    plan = any(day > as_of for day in site.dates())
    return SiteReport(site.path, site.id, site.name, tuple(j.id for j in applied), drafts, tuple(findings), plan,
                      as_of=as_of)


def _violations(view: SiteView) -> Iterator[tuple[Rule, Violation]]:
    return ((rule, v) for rule in view.rules for v in FAMILIES[rule.check].function(view, rule))


def _finding_order(finding: Finding) -> tuple[int, int, int, str]:
    return (-finding.severity, finding.location.line, _ORDER.get(finding.rule, 99), finding.subject.id)


def _merge(view: SiteView, pairs: Iterable[tuple[Rule, Violation]], lang: str) -> Iterator[Finding]:
    """One finding per (finding id, subject, key): the strictest message, every broken instrument cited."""
    groups: dict[tuple[object, ...], list[tuple[Rule, Violation]]] = {}
    for rule, violation in pairs:
        groups.setdefault((violation.finding, violation.subject, violation.key), []).append((rule, violation))
    for group in groups.values():
        yield _finding(view, group, lang)


def _finding(view: SiteView, group: list[tuple[Rule, Violation]], lang: str) -> Finding:
    strictest = max((v for _, v in group), key=lambda v: v.strictness)
    severity = max(v.severity or r.severity or default_severity(v.finding) for r, v in group)
    location = view.site.locate(strictest.pointer, key=strictest.at_key)
    return Finding(
        rule=strictest.finding,
        severity=severity,
        subject=strictest.subject,
        location=location,
        message=strictest.message.render(lang),
        citations=_unique(c for r, v in group for c in _citations(r, v)),
        penalties=_unique(_applicable(r.penalty, view.site.operator) for r, _ in group if r.penalty),
        waivable=all(r.waivable for r, _ in group),
        key="+".join(str(part) for part in strictest.key),
        deadline=strictest.deadline,
        hint=strictest.fix(location.line).render(lang),
    )


def _citations(rule: Rule, violation: Violation) -> tuple[Citation, ...]:
    """The rule's citations, its transitional clause for a pre-existing system, and the counting of periods
    (民法典第二百零三条) where a deadline moved past a 法定休假日 or was counted without a holiday schedule."""
    noted = violation.deadline is not None and violation.deadline.noted
    return (*rule.citations, *(rule.preexisting_citations if violation.preexisting else ()),
            *(rule.extension_citations if noted else ()))


def _unique(items: Iterable[T]) -> tuple[T, ...]:
    """The items once each, in order; equal tuples are one object, shared by every finding that has them (a site
    with 100,000 findings cites a handful of articles)."""
    return _shared(tuple(dict.fromkeys(items)))


@functools.lru_cache(maxsize=1024)
def _shared(items: tuple[T, ...]) -> tuple[T, ...]:
    return items


@functools.lru_cache(maxsize=1024)  # one Penalty object per penalty and operator, not one per finding
def _applicable(penalty: Penalty, operator: Operator | None) -> Penalty:
    """Keep the fines that can fall on this operator: individuals vs units, business vs non-business use."""
    if operator is None or operator.kind is None:
        return penalty
    parties = {"individual", "any"} if operator.kind == "individual" else {"unit", "persons", "any"}
    fines = tuple(
        fine for fine in penalty.fines
        if fine.party in parties and (fine.business is None or operator.business is None
                                      or fine.business == operator.business)
    )
    return replace(penalty, fines=fines)
