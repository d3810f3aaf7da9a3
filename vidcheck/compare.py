"""Side-by-side comparison of jurisdictions, derived from their rule data only.

Each column shows what binds a site of that jurisdiction on the comparison date (``as_of``): the rules of the
jurisdiction and of every ancestor in force that day (a draft only in its own column, where it is chosen).

- Figures (retention, incident retention, signage, filing deadline, removal filing, continuous operation,
  measures, prohibited zones, government-only places): a figure is shown when no other rule in force asks at least
  as much of every site it binds (same or wider categories, no narrower condition); so the strictest figure wins,
  and a laxer figure stays beside it when it binds sites the stricter one does not (Guangzhou retention: 30 days
  for the 条例's 第七条 places, 15 days for every other public place). Each line names whom it binds when that is
  not "every public site". A local figure that a stricter rule displaces everywhere is shown last, as
  "local: …". Filing deadlines with different triggers (acceptance, entry into service) are not comparable: each
  binds. Measures, prohibited zones and government-only places are lists: their union binds, each item shown
  once under the rule that reaches the widest set of sites. Zones outside the premises: every such zone is
  stricter than its public areas only. Removal: a filing after it and a notice before it are different duties.
- Filing rules that bind only systems older than the instrument (``new_systems: false``) show under pre-existing
  systems only.
- Pre-existing systems: each instrument's transitional duty binds on its own (a system older than both owes both).
- Fines are not "strictest wins": every instrument's penalty for the act is shown, each fine with its condition.

Articles of the column's own jurisdiction are shown bare; those of an ancestor carry the instrument's title.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

from .dates import longest_span_days
from .i18n import tr
from .jurisdictions import Catalog, Instrument, Jurisdiction, Rule
from .messages import Term, period_text, text_label
from .render.common import penalty_line
from .vocabulary import CATEGORIES, with_implied

_EVERY_SITE = frozenset(CATEGORIES)
_PUBLIC = _EVERY_SITE - {"non_public"}
_NO_LIMIT = float("inf")


@dataclass(frozen=True)
class Comparison:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]
    as_of: dt.date | None = None


@dataclass(frozen=True)
class Column:
    """One jurisdiction as a site of it meets the rules: its own and its ancestors' in force on the date."""

    jurisdiction: Jurisdiction
    rules: tuple[Rule, ...]
    lang: str
    day: dt.date

    def of(self, check: str) -> list[Rule]:
        return [r for r in self.rules if r.check == check]

    def local(self, rule: Rule) -> bool:
        return rule.jurisdiction == self.jurisdiction.id


@dataclass(frozen=True)
class _Entry:
    """One requirement a rule states: comparable with entries of the same key, stricter when ``strictness`` is
    higher; ``shown`` is how it reads in a cell."""

    rule: Rule
    key: Hashable
    strictness: float
    shown: str
    article: str | None = None  # cited instead of the rule's own article

    @property
    def scope(self) -> frozenset[str]:
        return _reach(self.rule)

    @property
    def condition(self) -> object:
        return self.rule.params.get("if_zone_kind")

    def same_as(self, other: _Entry) -> bool:
        return (other.key, other.strictness, other.scope, other.condition) == (
            self.key, self.strictness, self.scope, self.condition)

    def displaced_by(self, other: _Entry) -> bool:
        """``other`` asks at least as much of every site this binds, and more of some (or of more sites)."""
        if other is self or other.key != self.key or other.strictness < self.strictness:
            return False
        if not other.scope >= self.scope or other.condition not in (None, self.condition):
            return False
        return (other.strictness > self.strictness or other.scope > self.scope
                or (other.condition is None and self.condition is not None))


def _said(key: str, lang: str) -> str:
    """The table's own words (section ``compare`` of the catalogs)."""
    return tr("compare", key, lang)


def _aside(text: str, lang: str) -> str:
    """A bracketed remark after a value: （第十七条） in Chinese, " (第十七条)" in English."""
    return _said("aside", lang).format(text=text)


def _cite(rule: Rule, column: Column, article: str | None = None) -> str:
    """The rule's article (or another of its instrument): bare when local; an ancestor's, or a sector law's
    (layered in by category), with its title."""
    article = article or rule.article
    return article if _bare(rule, column) else f"《{rule.instrument.title}》{article}"


def _bare(rule: Rule, column: Column) -> bool:
    return column.local(rule) and not rule.instrument.sector


def _reach(rule: Rule) -> frozenset[str]:
    """The categories whose sites the rule binds: those it lists, and those that imply one of them (a
    song_dance_venue is an entertainment_venue)."""
    if rule.categories is None:
        return _PUBLIC
    return frozenset(c for c in _EVERY_SITE if with_implied(frozenset({c})) & rule.categories)


def _scope(rule: Rule, lang: str) -> str:
    return _scope_text(_reach(rule), rule.params.get("if_zone_kind"), lang)


# designations of a site (a key target, how it is guarded), not places: an "all but" list never names them, since
# a rule that leaves them out still binds the place such a site is
_NOT_PLACES = frozenset({"counter_terror_target", "security_service"})


def _scope_text(reach: frozenset[str], zone: object, lang: str, *, every_site: bool = True) -> str:
    """Whom a line binds; ``every_site`` False where the places themselves say it (roads are roads whoever films
    them), so "non-public sites too" would read as nonsense."""
    parts = []
    if reach >= _EVERY_SITE:
        if every_site:
            parts.append(text_label("scope_every_site", lang))
    elif reach != _PUBLIC:
        left_out = _PUBLIC - reach - _NOT_PLACES
        if reach < _PUBLIC and len(left_out) < len(reach):  # the shorter list says it
            if left_out:
                parts.append(text_label("scope_except", lang).format(items=_categories(left_out, lang)))
        else:
            parts.append(text_label("scope_only", lang).format(items=_categories(reach, lang)))
    if zone is not None:
        parts.append(text_label("scope_with_zone", lang).format(zone=Term("zone", str(zone)).label(lang)))
    return "".join(_aside(part, lang) for part in parts)


def _categories(categories: frozenset[str], lang: str) -> str:
    return _said("list_separator", lang).join(Term("category", c).label(lang) for c in CATEGORIES if c in categories)


def _binding(column: Column, entries: Sequence[_Entry], *, every_site: bool = True) -> str:
    """The entries no other entry displaces, strictest first, one line per rule; then displaced local ones
    ("local: …"), but not one that another local rule repeats for more sites (广州 值班监看: 第二十条 for all). An
    ancestor's entry that only repeats a local one (same figure, same sites) is left out: the local line says it.
    A sector law is never "local", even in the column whose file lists it."""
    binding = [e for e in entries if not any(e.displaced_by(other) for other in entries)
               and not (not column.local(e.rule) and any(column.local(o.rule) and o.same_as(e) for o in entries))]
    displaced = [e for e in entries if e not in binding and _bare(e.rule, column)
                 and not any(e.displaced_by(o) and _bare(o.rule, column) and o.shown == e.shown for o in entries)]
    lines = _lines(column, sorted(binding, key=lambda e: -e.strictness), every_site=every_site)
    lines += [text_label("local_displaced", column.lang).format(value=line)
              for line in _lines(column, displaced, every_site=every_site)]
    return _join(lines)


def _lines(column: Column, entries: Sequence[_Entry], *, every_site: bool = True) -> list[str]:
    """One line per citation and scope, listing what the entries under it require. Entries of one article that
    require the same thing of different sites (大同 第九条 for public and non-public places, 武汉 第十条 in two
    rules) are one line for all of those sites."""
    reach: dict[tuple[str, bool, object, str], frozenset[str]] = {}
    for entry in entries:
        key = (_cite(entry.rule, column, entry.article), bool(entry.rule.params.get("reading")), entry.condition,
               entry.shown)
        reach[key] = reach.get(key, frozenset()) | entry.scope
    grouped: dict[tuple[str, str], list[str]] = {}
    for (cite, reading, zone, shown), sites in reach.items():
        # an article that names no list (北京 第九条第一款): the items are a reading of it, and say so
        mark = _aside(text_label("reading", column.lang), column.lang) if reading else ""
        scope = mark + _scope_text(sites, zone, column.lang, every_site=every_site)
        grouped.setdefault((cite, scope), []).append(shown)
    separator = _said("list_separator", column.lang)
    return [separator.join(shown) + _aside(cite, column.lang) + scope for (cite, scope), shown in grouped.items()]


def _join(values: Sequence[str]) -> str:
    return "\n".join(values) if values else "—"


def _label(table: str, ident: str, lang: str) -> str:
    return Term(table, ident).label(lang)


def _period(rule: Rule, key: str, lang: str) -> str:
    period = rule.params.get(key)
    if period is None:
        return _said("no_deadline", lang)
    return period_text(period).render(lang)  # "2年" as the text says; how it is counted is in the rule's note


def _days(rule: Rule, key: str) -> float:
    period = rule.params.get(key)
    return _NO_LIMIT if period is None else longest_span_days(period)


def _row_retention(column: Column, check: str = "retention.minimum") -> str:
    return _binding(column, [_Entry(r, check, _days(r, "minimum"), _period(r, "minimum", column.lang))
                             if "minimum" in r.params else _Entry(r, check, 0, _said("as_filed", column.lang))
                             for r in column.of(check)])  # 按照规定期限留存 (no number): the weakest, any number wins


def _row_kinds(check: str, table: str, param: str, *, places: bool = False) -> Callable[[Column], str]:
    """A list where each item binds on its own (prohibited zones, government-only places, measures). ``places``:
    the items are public places whoever films them (roads, squares), so "non-public sites too" is not said."""
    def row(column: Column) -> str:
        return _binding(column, [_Entry(r, item, 0, _label(table, item, column.lang),
                                        _with_listing_paragraphs(r) if places else None)
                                 for r in column.of(check) for item in r.params.get(param, ())
                                 if not (places and _outside_premises(r))], every_site=not places)

    return row


def _with_listing_paragraphs(rule: Rule) -> str:
    """The ban's article with the paragraphs of the same article it cites beside it, which list the places (安徽
    第九条第一款、第三款: 第一款 names the government's places, 第三款 bars everyone else)."""
    main = rule.citations[0]
    article = main.article.partition("条")[0] + "条"
    listing = [c.article for c in rule.citations[1:]
               if c.instrument == main.instrument and c.article.startswith(article) and c.article != main.article]
    if not listing:
        return main.article
    return article + "、".join(a.removeprefix(article) for a in (*listing, main.article))


def _outside_premises(rule: Rule) -> bool:
    return bool(rule.params.get("outside_premises"))


def _row_outside_premises(column: Column) -> str:
    """Zones outside the operator's premises (北京 第六条, 安徽 第九条第三款): every such zone is stricter than its
    public ones only; rules that leave different operators free do not displace each other."""
    lang = column.lang
    entries = []
    for rule in filter(_outside_premises, column.of("installer.unauthorized")):
        every = not rule.params.get("public_only", False)
        free = rule.params["allowed_operators"]
        shown = _said("outside_any" if every else "outside_public", lang) + text_label(
            "scope_not_bound", lang).format(items=_said("list_separator", lang).join(
                _label("operator", kind, lang) for kind in free))
        entries.append(_Entry(rule, ("outside", frozenset(free)), float(every), shown))
    return _binding(column, entries)


def _row_signage(column: Column) -> str:
    return _binding(column, [_Entry(r, "signage", r.params["signage_in"] == "monitored_zones",
                                    _said(f"signage_{r.params['signage_in']}", column.lang))
                             for r in column.of("signage.missing")])


def _row_filing(column: Column) -> str:
    """A deadline counted from its event; a filing with no period is owed once the event has happened (广州
    第八条第二款 竣工验收后, 甘肃 第十一条第一款 with the system's entry into use), never "N days from" it."""
    lang = column.lang
    entries = []
    for rule in column.of("filing.deadline"):
        if not rule.params.get("new_systems", True):
            continue  # pre-existing systems only
        trigger = rule.params["trigger"]
        shown = (_said(f"after_{trigger}", lang) + text_label("filing_no_period", lang)
                 if rule.params.get("within") is None
                 else _said(f"from_{trigger}", lang).format(period=_period(rule, "within", lang)))
        entries.append(_Entry(rule, trigger, -_days(rule, "within"), shown))
    return _binding(column, entries)


def _row_preexisting(column: Column) -> str:
    """Which systems predate each instrument (the text's own word) and their deadline, citing the transitional
    clause itself (大同 第十五条第二款, 青岛 第三十五条) where the rule names one. Each instrument's duty binds on its
    own: a filing under one does not meet another's."""
    lang = column.lang
    values = []
    for rule in column.of("filing.deadline"):
        if "preexisting_within" in rule.params:
            word = _said(f"preexisting_{rule.params.get('preexisting_when', rule.params['trigger'])}", lang)
            article = (rule.preexisting_citations or rule.citations)[0].article
            period = _period(rule, "preexisting_within", lang)
            values.append(f"{word}{rule.instrument.effective_on} + {period}"  # the sites of its new-system deadline
                          + _aside(_cite(rule, column, article), lang) + _scope(rule, lang))
    return _join(values)


def _row_removal(column: Column) -> str:
    """A filing after the removal (a shorter period is stricter) and a duty before it (a longer lead is stricter)
    are different duties: each binds. A duty before the removal is worded as the text words it: a notice (安徽
    第十五条 通知), a filing (武汉 第十条 备案) or approval or filing (广州 第二十二条 核准或者备案)."""
    lang = column.lang
    entries = []
    for rule in column.of("filing.removal"):
        before = rule.params.get("notice", "after") == "before"
        period = rule.params.get("within")
        strictness = (0 if period is None else _days(rule, "within")) if before else -_days(rule, "within")
        key = f"removal_{'before' if before else 'after'}_{'open' if period is None else 'period'}"
        words = _said(key, lang).format(duty=_duty_before(rule, lang),
                                        period="" if period is None else _period(rule, "within", lang))
        entries.append(_Entry(rule, ("removal", before), strictness, words))
    return _binding(column, entries)


def _duty_before(rule: Rule, lang: str) -> str:
    """What the text asks before a removal, in its own word (the rule's quote says which)."""
    quote = rule.citations[0].quote
    kind = "approval" if "核准" in quote else "filing" if "备案" in quote else "notice"
    return _said(f"duty_{kind}", lang)


def _row_continuous(column: Column) -> str:
    return _binding(column, [_Entry(r, "continuous", 0, _said("required", column.lang))
                             for r in column.of("operation.continuous")])


def _fines(check: str, where: Callable[[Rule], bool] = lambda rule: True) -> Callable[[Column], str]:
    def row(column: Column) -> str:
        penalties = dict.fromkeys((r.penalty, _bare(r, column)) for r in column.of(check)
                                  if r.penalty is not None and where(r))
        return _join([penalty_line(p, column.lang, instrument=not bare) for p, bare in penalties])

    return row


def _row_instrument(column: Column) -> str:
    """The column's own instruments, each marked in force, not yet in force or repealed on the day (a draft as
    such); then every other instrument whose rules bind the column's sites that day (the parent's, sector laws),
    whose articles the other cells cite."""
    own = list(column.jurisdiction.instruments.values())
    others = dict.fromkeys(r.instrument for r in column.rules if r.instrument not in own)
    return _join([f"{i.citation_name} [{_instrument_state(i, column)}]" for i in (*own, *others)])


def _instrument_state(instrument: Instrument, column: Column) -> str:
    lang = column.lang
    if instrument.draft:
        return text_label("draft", lang)
    if instrument.repealed_on is not None and instrument.repealed_on <= column.day:
        return text_label("instrument_repealed", lang).format(until=instrument.repealed_on)
    key = "instrument_not_yet" if instrument.effective_on is None or column.day < instrument.effective_on \
        else "instrument_in_force"
    return text_label(key, lang).format(since=instrument.effective_on or "—")


# each row: its key in the catalogs' section 'compare' (row_<key>), and how a column's cell is found
ROWS: tuple[tuple[str, Callable[[Column], str]], ...] = (
    ("instruments", _row_instrument),
    ("parent", lambda column: column.jurisdiction.parent or "—"),
    ("minimum_retention", _row_retention),
    ("incident_retention", lambda column: _row_retention(column, "retention.incident")),
    ("prohibited_zones", _row_kinds("privacy.forbidden-zone", "zone", "zone_kinds")),
    ("government_only_places", _row_kinds("installer.unauthorized", "zone", "zone_kinds", places=True)),
    ("outside_the_premises", _row_outside_premises),
    ("signage", _row_signage),
    ("filing_deadline", _row_filing),
    ("pre_existing_systems", _row_preexisting),
    ("removal_filing_or_notice", _row_removal),
    ("continuous_operation", _row_continuous),
    ("management_measures", _row_kinds("controls.missing", "control", "controls")),
    ("fine_no_system", _fines("coverage.system-required")),
    ("fine_signage", _fines("signage.missing")),
    ("fine_continuous_operation", _fines("operation.continuous")),
    ("fine_management_measures", _fines("controls.missing")),
    ("fine_prohibited_zone", _fines("privacy.forbidden-zone")),
    ("fine_unauthorized_installer", _fines("installer.unauthorized", lambda rule: not _outside_premises(rule))),
    ("fine_outside_the_premises", _fines("installer.unauthorized", _outside_premises)),
    ("fine_filing", _fines("filing.deadline")),
    ("fine_retention", _fines("retention.minimum")),
    ("fine_removal", _fines("filing.removal")),
)


def comparison(catalog: Catalog, idents: Sequence[str], lang: str, as_of: dt.date | None = None) -> Comparison:
    """The table for ``idents`` as of ``as_of`` (default today): what binds a site of each jurisdiction."""
    day = as_of or dt.date.today()
    columns = [Column(catalog.get(i), catalog.applicable(i, day)[1], lang, day) for i in idents]
    rows = tuple((_said(f"row_{key}", lang), tuple(row(c) for c in columns)) for key, row in ROWS)
    return Comparison(tuple(c.jurisdiction.id for c in columns), rows, day)
