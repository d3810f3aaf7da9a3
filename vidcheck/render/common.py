"""Helpers every renderer shares: escaping input text for each medium, and the wording of penalties."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from ..escape import clean as clean
from ..escape import encodable
from ..i18n import tr
from ..messages import text_label
from ..model import Finding, Fine, Penalty, Report, Severity, SiteReport, Waiver, Words

_MARKDOWN = re.compile(r"([\\`*_\[\]|~])")
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def _money(amount: int | None) -> str:
    return "" if amount is None else f"{amount:,}"


def penalty_line(penalty: Penalty, lang: str, *, instrument: bool = True) -> str:
    parts = [f"{penalty.instrument} {penalty.article}" if instrument else penalty.article]
    if penalty.orders:
        parts.append(tr("rule_words", "order_separator", lang).join(order.in_(lang) for order in penalty.orders))
    fines = tr("rule_words", "fine_run_separator", lang).join(_fine_runs(penalty.fines, lang))
    if fines:
        parts.append(_conditional(penalty.condition, fines, lang))
    elif not penalty.refers_to:
        parts.append(text_label("no_fine", lang))
    if penalty.refers_to:
        parts.append(penalty.refers_to.in_(lang))
    return " · ".join(parts)


def _fine_runs(fines: tuple[Fine, ...], lang: str) -> list[str]:
    """Each fine, with the fines next to each other under one condition joined after it (有违法所得的：单位 …、
    直接责任人员 …), so that no reader takes a conditional fine for an unconditional one or the reverse."""
    runs = []
    for condition, run in itertools.groupby(fines, key=lambda fine: fine.condition):
        shown = [_fine_text(fine, lang) for fine in run]
        joined = tr("rule_words", "fine_separator", lang).join(shown)
        runs += [_conditional(condition, joined, lang)] if condition else shown
    return runs


def _conditional(condition: Words | None, fines: str, lang: str) -> str:
    """Fines under the condition they apply on: 逾期不改正的：单位 …"""
    if condition is None:
        return fines
    return tr("rule_words", "penalty_condition", lang).format(condition=condition.in_(lang), fines=fines)


def _fine_text(fine: Fine, lang: str) -> str:
    # the text's words; a plain string (a rules folder's, one language) is shown in Chinese reports only
    named = fine.who is not None and (lang == "zh" or fine.who.en != fine.who.zh)
    who = fine.who.in_(lang) if fine.who is not None and named else text_label(fine.party, lang)
    # a fine with its own condition says the use in the text's words (安徽 第二十五条 以营利为目的)
    use = "" if fine.business is None or fine.condition else text_label(
        "business" if fine.business else "non_business", lang)
    span = (f"{_money(fine.min)}–{_money(fine.max)}" if fine.min is not None and fine.max is not None
            else f"≤{_money(fine.max)}" if fine.max is not None else f"≥{_money(fine.min)}")
    return " ".join(p for p in (use, who, f"{span} {text_label('yuan', lang)}") if p)


def md(text: object) -> str:
    """Input text made inert in Markdown: no markup, no HTML, no table breaks, one line."""
    import html

    escaped = _MARKDOWN.sub(r"\\\1", html.escape(clean(text, lines=True), quote=False))
    return escaped.replace("\n", "<br>")


def md_code(text: object) -> str:
    """Input text for inside a Markdown code span: no backticks, no table breaks, one line."""
    return clean(text, lines=True).replace("`", "'").replace("|", "\\|").replace("\n", " ")


def uri(path: str) -> str:
    """A path as a URI reference (SARIF, Code Quality): forward slashes, percent-encoded, absolute as file://."""
    from urllib.parse import quote

    posix = path.replace("\\", "/")
    quoted = quote(posix, errors="surrogateescape")  # an undecodable byte of a file name is its own %XX again
    return f"file://{quoted}" if posix.startswith("/") else quoted


def family_of(rule: str) -> str:
    """The check family a finding id belongs to: ``filing`` for ``filing.late``."""
    return rule.split(".", 1)[0]


def labelled(key: str, lang: str) -> str:
    """A label followed by its colon, in the report's language (依据：, Basis: )."""
    return text_label(key, lang) + text_label("colon", lang)


def hint_line(finding: Finding, lang: str) -> str:
    """``Fix: …``: how to fix the finding, in the report's language (input text inside is not escaped)."""
    return text_label("fix_line", lang).format(hint=finding.hint)


def citation_line(finding: Finding) -> str:
    return "；".join(f"{c.instrument} {c.article}" for c in finding.citations)


def dump_json(document: object) -> str:
    """Indented JSON, UTF-8 as is (orjson: city-sized reports in a fraction of the stdlib's time)."""
    return _dumped(document) + "\n"


def json_chunks(document: object) -> Iterator[str]:
    """``dump_json(document)`` in pieces, so that a report of 100,000 findings never exists as one string.

    Containers down to STREAMED_DEPTH (report → sites → site → findings) are written here, item by item; anything
    deeper (one finding) is one orjson call. A list may be given as an iterator, built only as it is written."""
    yield from _chunks(document, 0)
    yield "\n"


STREAMED_DEPTH = 3


def _chunks(value: object, depth: int) -> Iterator[str]:
    if depth > STREAMED_DEPTH or not isinstance(value, (dict, list, Iterator)):
        yield _dumped(value).replace("\n", "\n" + "  " * depth)
        return
    pairs: Iterator[tuple[str | None, object]] = (
        iter(value.items()) if isinstance(value, dict) else ((None, item) for item in value))
    opening, closing = "{}" if isinstance(value, dict) else "[]"
    first = next(pairs, None)
    if first is None:
        yield opening + closing
        return
    inner = "\n" + "  " * (depth + 1)
    yield opening
    for index, (key, item) in enumerate(itertools.chain((first,), pairs)):
        yield ("," if index else "") + inner + ("" if key is None else _dumped(key) + ": ")
        yield from _chunks(item, depth + 1)
    yield "\n" + "  " * depth + closing


def _dumped(value: object) -> str:
    import orjson

    try:
        data = orjson.dumps(value, option=orjson.OPT_INDENT_2)
    except orjson.JSONEncodeError:  # lone surrogates (a file name with undecodable bytes) are not UTF-8
        data = orjson.dumps(encodable(value), option=orjson.OPT_INDENT_2)
    return data.decode()


def waiver_line(waiver: Waiver, lang: str) -> str:
    """Until when, by whom and why a finding is waived, in the report's language."""
    return text_label("waived_until", lang).format(expires=waiver.expires.isoformat(), approved_by=waiver.approved_by,
                                                   justification=waiver.justification)


def summary_line(report: Report) -> str:
    """One line for a log, in the report's language: sites, counts, waived, baselined, input errors."""
    parts = [*((f"count_{s.label}", report.count(s)) for s in SEVERITIES), ("count_waived", report.waived())]
    if report.baselined:
        parts.append(("count_baselined", report.baselined))
    if report.errors:
        parts.append(("count_input_errors", len(report.errors)))
    counts = text_label("list_separator", report.lang).join(text_label(key, report.lang).format(n=n)
                                                            for key, n in parts)
    return text_label("summary_line", report.lang).format(sites=len(report.sites), counts=counts)


def site_as_of(site: SiteReport, report: Report) -> str:
    """The site's audit date for people: with ``--as-of planned``, said to be the day after its latest date."""
    day = (site.as_of or report.as_of).isoformat()
    return text_label("as_of_planned", report.lang).format(date=day) if site.as_of_planned else day


def setting_source(source: str, lang: str) -> str:
    """Where a setting comes from, in ``lang``: settings.resolve names it "default", "default (locale)",
    "default (GITHUB_ACTIONS=true)", "flag --x", "environment VIDCHECK_X" or file:line:col (shown as it is)."""
    for kind in ("flag", "environment"):
        if source.startswith(f"{kind} "):
            return tr("screens", f"source.{kind}", lang).format(name=source.removeprefix(f"{kind} "))
    if source == "default (locale)":
        return tr("screens", "source.default-locale", lang)
    if source.startswith("default"):
        why = source.removeprefix("default").strip(" ()")
        return tr("screens", "source.default-because" if why else "source.default", lang).format(why=why)
    return source


def gate_lines(report: Report) -> list[str]:
    """What decided the gate besides the inventories, one line each in the report's language; empty for a default
    run (fail on error, no rule files from outside the package, no waivers or baseline). Input text is not escaped:
    each renderer escapes for its medium."""
    gate, lang = report.gate, report.lang
    if not gate.non_default:
        return []
    lines = []
    if gate.as_of:
        value = text_label("as_of_planned_header", lang) if gate.as_of == "planned" else gate.as_of
        lines.append(text_label("gate_as_of", lang).format(value=value, source=setting_source(gate.as_of_source, lang)))
    if gate.fail_on != Severity.ERROR:
        source = setting_source(gate.fail_on_source, lang)
        lines.append(text_label("gate_fail_on", lang).format(level=gate.fail_on_label, source=source))
    lines += [text_label("gate_rule_file", lang).format(path=f.path, sha256=f.sha256) for f in gate.rule_files]
    if gate.waivers:
        lines.append(text_label("gate_waivers", lang).format(path=gate.waivers, n=gate.waived))
    if gate.baseline:
        lines.append(text_label("gate_baseline", lang).format(path=gate.baseline, n=gate.baselined))
    return lines


def skipped_line(report: Report) -> str | None:
    """What the directory walk left out and why, or None when it left out nothing."""
    if not report.skipped:
        return None
    lang = report.lang
    items = text_label("list_separator", lang).join(text_label(f"skipped_{s.reason}", lang).format(n=s.count)
                                                    for s in report.skipped)
    return text_label("skipped", lang).format(items=items)


def notice_family(kind: str) -> str:
    """``baseline`` for a baseline entry's notice, ``rules`` for a rule file's quote, ``jurisdiction`` for what a
    site's address says of the jurisdiction applied, ``zone`` for a zone kind read from a camera list, ``waivers``
    for a waiver's."""
    if kind.startswith(("baseline-", "jurisdiction-", "zone-")):
        return kind.split("-", 1)[0]
    return "rules" if kind.startswith("quote-") else "waivers"
