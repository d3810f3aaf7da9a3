"""The per-site summary every report for people starts with (SPEC §11): counts and penalty exposure.

Penalty exposure is an estimate of the statutory range of fines, never a prediction of what an authority will
impose. The reading, finding by finding (README "Penalty exposure"):

- Only counted findings (not waived; baselined ones are already out of the report).
- The fines that can fall on this operator: the engine already kept them (individual vs unit, business use); a fine
  for ``any`` party falls on the operator itself (``unit`` or ``individual``; ``any`` when the inventory does not say).
- One instrument per finding: the one with the highest fine, as 行政处罚法 (2021) 第二十九条 reads: 同一个违法行为
  违反多个法律规范应当给予罚款处罚的，按照罚款数额高的规定处罚 (a reading of the method; that law is not in sources/).
  Ties: the higher minimum, then the higher if-not-corrected fine, then the instrument cited first (the most local).
- Fines for one party within one article are alternatives (有违法所得的 / 没有违法所得的, 个人设置的 / 单位设置的, a
  base and a 情节严重的 tier), never added: that party's range runs from the lowest minimum to the highest maximum.
  A fine that needs a fact vidcheck cannot know (情节严重的) may also not be imposed: its minimum counts as 0.
- Fines that apply only 逾期不改正的 / 拒不改正的 / 逾期不整改… are summed apart, as "if not corrected".
- Several findings of one subject under one article (three missing controls of one site) are one violation: one
  fine. Findings of different subjects (two cameras without a sign) each count: the sum is an upper range, as an
  authority may treat them as one violation.
- Orders (责令改正, 警告 …) and penalties without a fine are listed, not summed.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .model import Finding, Fine, Penalty, Report, Severity, SiteReport, Words

PARTIES = ("unit", "individual", "persons", "any")
_NOT_CORRECTED = ("逾期", "拒不")  # 逾期不改正的, 逾期不整改或者整改不合格的, 拒不改正的
_CONTINGENT = ("情节",)  # 情节严重的, 情节较重的: a fact only the authority weighs


@dataclass(frozen=True, slots=True)
class Range:
    """A range of fines in CNY."""

    min: int
    max: int

    def __add__(self, other: Range) -> Range:
        return Range(self.min + other.min, self.max + other.max)


@dataclass(frozen=True, slots=True)
class Exposure:
    fines: tuple[tuple[str, Range], ...] = ()  # per party (unit | individual | persons | any), summed
    if_not_corrected: tuple[tuple[str, Range], ...] = ()  # fines only 逾期不改正的 / 拒不改正的, summed apart
    orders: tuple[Words, ...] = ()  # orders and fine-less penalties: listed once each, not summed

    @property
    def empty(self) -> bool:
        return not (self.fines or self.if_not_corrected or self.orders)


@dataclass(frozen=True, slots=True)
class SiteRow:
    path: str
    site: str
    name: str
    address: str
    jurisdiction: str  # the jurisdiction applied (the most local of the chain), "" when none
    errors: int
    warnings: int
    infos: int
    exposure: Exposure

    @property
    def clean(self) -> bool:
        return not (self.errors or self.warnings or self.infos)


def site_rows(report: Report) -> tuple[SiteRow, ...]:
    return tuple(site_row(site) for site in report.sites)


def site_row(site: SiteReport) -> SiteRow:
    counted = [f for f in site.findings if f.waiver is None]
    counts = {s: sum(1 for f in counted if f.severity == s) for s in Severity}
    return SiteRow(site.path, site.site, site.name, site.address or "",
                   site.jurisdictions[0] if site.jurisdictions else "", counts[Severity.ERROR],
                   counts[Severity.WARNING], counts[Severity.INFO], exposure(site))


def exposure(site: SiteReport) -> Exposure:
    """The site's penalty exposure (module docstring)."""
    own = "individual" if site.operator_kind == "individual" else "unit" if site.operator_kind else "any"
    fines: dict[str, Range] = {}
    later: dict[str, Range] = {}
    orders: dict[Words, None] = {}
    violations: set[tuple[str, str, str]] = set()
    for finding in site.findings:
        if finding.waiver is not None:
            continue
        for penalty in finding.penalties:
            orders.update(dict.fromkeys(penalty.orders))
            if penalty.refers_to and not penalty.fines:
                orders[penalty.refers_to] = None
        chosen = strictest(finding, own)
        if chosen is None:
            continue
        penalty, now, if_not = chosen
        violation = (finding.subject.ref, penalty.instrument, penalty.article)
        if violation in violations:  # one subject, one article: one violation, one fine
            continue
        violations.add(violation)
        _add(fines, now)
        _add(later, if_not)
    return Exposure(_ordered(fines), _ordered(later), tuple(orders))


def strictest(finding: Finding, own: str
              ) -> tuple[Penalty, dict[str, Range], dict[str, Range]] | None:
    """The cited penalty with the highest fine (ties: module docstring), with its fines now and if not corrected."""
    best: tuple[tuple[int, int, int], Penalty, dict[str, Range], dict[str, Range]] | None = None
    for penalty in finding.penalties:
        now, if_not = penalty_ranges(penalty, own)
        if not now and not if_not:
            continue
        key = (max((r.max for r in now.values()), default=0), max((r.min for r in now.values()), default=0),
               max((r.max for r in if_not.values()), default=0))
        if best is None or key > best[0]:  # strictly greater: a tie keeps the first cited
            best = (key, penalty, now, if_not)
    return None if best is None else best[1:]


def penalty_ranges(penalty: Penalty, own: str) -> tuple[dict[str, Range], dict[str, Range]]:
    """One penalty's fines per party: due now, and only if not corrected. A party's fines are alternatives."""
    now, later = _penalty_ranges(penalty, own)
    return dict(now), dict(later)


@functools.lru_cache(maxsize=1024)  # the engine shares one Penalty object among the findings that cite it
def _penalty_ranges(penalty: Penalty, own: str
                    ) -> tuple[tuple[tuple[str, Range], ...], tuple[tuple[str, Range], ...]]:
    now: dict[str, list[Fine]] = {}
    later: dict[str, list[Fine]] = {}
    for fine in penalty.fines:
        condition = " ".join(c.zh for c in (penalty.condition, fine.condition) if c)  # the text's own words
        party = own if fine.party == "any" else fine.party
        (later if any(w in condition for w in _NOT_CORRECTED) else now).setdefault(party, []).append(fine)
    return (tuple((p, _alternatives(f, penalty)) for p, f in now.items()),
            tuple((p, _alternatives(f, penalty)) for p, f in later.items()))


def _alternatives(fines: list[Fine], penalty: Penalty) -> Range:
    def low(fine: Fine) -> int:
        condition = " ".join(c.zh for c in (penalty.condition, fine.condition) if c)  # the text's own words
        return 0 if any(w in condition for w in _CONTINGENT) else fine.min or 0

    # an open upper bound (≥ min) counts at its minimum: the text gives no higher figure to add
    return Range(min(low(f) for f in fines), max(f.max if f.max is not None else f.min or 0 for f in fines))


def total_exposure(rows: Iterable[SiteRow]) -> Exposure:
    """The exposures of several sites added up, party by party; orders listed once each."""
    fines: dict[str, Range] = {}
    later: dict[str, Range] = {}
    orders: dict[Words, None] = {}
    for row in rows:
        _add(fines, dict(row.exposure.fines))
        _add(later, dict(row.exposure.if_not_corrected))
        orders.update(dict.fromkeys(row.exposure.orders))
    return Exposure(_ordered(fines), _ordered(later), tuple(orders))


def _add(into: dict[str, Range], ranges: Mapping[str, Range]) -> None:
    for party, span in ranges.items():
        into[party] = into[party] + span if party in into else span


def _ordered(ranges: Mapping[str, Range]) -> tuple[tuple[str, Range], ...]:
    return tuple((p, ranges[p]) for p in PARTIES if p in ranges)
