"""Markdown for a pull-request comment or the GitHub step summary. Every input string is made inert (md())."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..i18n import tr
from ..messages import text_label
from ..model import Finding, Penalty, Report, SiteReport
from .common import SEVERITIES, gate_lines, hint_line, md, md_code, penalty_line, skipped_line, waiver_line
from .overview import COLUMNS, NUMERIC, overview

ICON = {"error": "🔴", "warning": "🟠", "info": "🔵", "waived": "⚪"}


LIMIT = 65_536  # GitHub's limit on a comment's length, in characters
_RESERVE = 1_000  # kept for the line that says how much was left out, and the notices' heading


def render(report: Report) -> str:
    return "".join(stream(report))


def stream(report: Report) -> Iterator[str]:
    """The report line by line, within LIMIT characters; blank lines at the end are left out."""
    blanks = 0
    for line in _lines(report):
        if not line:
            blanks += 1
            continue
        yield "\n" * blanks + line + "\n"
        blanks = 0


def _lines(report: Report) -> Iterator[str]:
    """Summary first (status, counts, the per-site table, gate, input errors), then the sites' findings; past the
    limit, the findings most severe first until it is reached, then how many were left out."""
    lang = report.lang
    head = _head(report)
    tail = _notices(report)
    budget = LIMIT - _RESERVE - _size(head) - _size(tail)
    shown = [site for site in report.sites if not (report.only_failing and _clean(site))]
    left_out = len(report.sites) - len(shown)
    yield from head
    full: list[str] = []
    for site in shown:
        full += _site(site, lang)
        if _size(full) > budget:
            break
    else:
        yield from full
        if left_out:
            yield from (md(tr("reports", "clean_left_out", lang).format(n=left_out)), "")
        yield from tail
        return
    chosen = _most_severe(shown, lang, budget)
    for site in shown:
        if site.site in chosen:
            yield from _site(site, lang, chosen[site.site])
    more = sum(len(site.findings) for site in shown) - sum(len(c) for c in chosen.values())
    yield from (f"**{md(tr('reports', 'more_findings', lang).format(n=more))}**", "")
    yield from tail


def _head(report: Report) -> list[str]:
    lang = report.lang
    status = "passed" if report.exit_code == 0 else "not_evaluated" if report.errors else "failed"
    fail_on = report.gate.fail_on_label
    lines = [f"## vidcheck: {text_label(status, lang)}", "",
             f"{text_label('as_of', lang)} {_as_of(report)} · {text_label('sites_audited', lang)} "
             f"{len(report.sites)} · {text_label('fail_on', lang)} {fail_on}", "",
             "| " + " | ".join(text_label(key, lang) for key in (*(s.label for s in SEVERITIES), "waived", "baselined"))
             + " |",
             "|---:" * (len(SEVERITIES) + 2) + "|",
             "| " + " | ".join(str(report.count(s)) for s in SEVERITIES)
             + f" | {report.waived()} | {report.baselined} |", ""]
    lines += _overview(report, LIMIT // 2 - _size(lines))
    skipped = skipped_line(report)
    if skipped:
        lines += [md(skipped), ""]
    gate = gate_lines(report)
    if gate:
        lines += [f"### {text_label('gate', lang)}", "", *(f"- {md(line)}" for line in gate), ""]
    if report.errors:
        errors = [f"- `{md_code(e.path)}:{e.line}:{e.column}` {md(e.message)}" for e in report.errors]
        kept = _fitting(errors, LIMIT * 3 // 4 - _size(lines))
        lines += [f"### {text_label('input_errors', lang)}", "", *errors[:kept]]
        if kept < len(errors):
            lines.append(f"- {md(tr('reports', 'more_errors', lang).format(n=len(errors) - kept))}")
        lines.append("")
    return lines


def _as_of(report: Report) -> str:
    planned = report.gate.as_of == "planned"
    return md(text_label("as_of_planned_header", report.lang)) if planned else report.as_of.isoformat()


def _overview(report: Report, budget: int) -> list[str]:
    """The per-site table (SPEC §11) with its total; past ``budget``, the sites with findings first and a line
    saying how many sites were left out of it."""
    if not report.sites:
        return []
    shown = overview(report, separator="<br>")
    rows = [(row, "| " + " | ".join(md(cell).replace("&lt;br&gt;", "<br>") for cell in cells) + " |")
            for row, cells in zip(shown.rows, shown.cells, strict=True)]
    total = "| " + " | ".join(f"**{md(cell)}**".replace("&lt;br&gt;", "<br>") if cell else ""
                              for cell in shown.total) + " |"
    head = ["| " + " | ".join(md(h) for h in shown.headers) + " |",
            "|" + "|".join("---:" if key in NUMERIC else "---" for key in COLUMNS) + "|"]
    notes = [*([md(shown.orders), ""] if shown.orders else []), f"_{md(shown.note)}_", ""]
    room = budget - _size([*head, total, *notes])
    kept = [line for _, line in rows]
    if _size(kept) > room:  # the failing sites first, in input order; the clean ones are counted in the total
        ordered = [line for row, line in rows if not row.clean] + [line for row, line in rows if row.clean]
        kept = ordered[:_fitting(ordered, room - 200)]
        kept.append("| " + md(tr("reports", "more_sites", report.lang).format(n=len(rows) - len(kept)))
                    + " |" + " |" * (len(COLUMNS) - 1))
    return [*head, *kept, total, "", *notes]


def _most_severe(sites: list[SiteReport], lang: str, budget: int) -> dict[str, set[int]]:
    """Which findings fit in ``budget``, errors of every site first, then warnings, then info, then waived: by
    site id, the findings' indexes in the site."""
    chosen: dict[str, set[int]] = {}
    used = 0
    states = (*((s, False) for s in SEVERITIES), *((s, True) for s in SEVERITIES))
    for severity, waived in states:
        for site in sites:
            for index, finding in enumerate(site.findings):
                if finding.severity != severity or (finding.waiver is not None) != waived:
                    continue
                cost = len(_row(finding, lang)) + 1 + sum(
                    len(_penalty(finding, p, lang)) + 1 for p in finding.penalties if finding.waiver is None)
                if site.site not in chosen:
                    cost += _size(_site(site, lang, set())) + 100  # the site's heading, table head, details
                if used + cost > budget:
                    return chosen
                used += cost
                chosen.setdefault(site.site, set()).add(index)
    return chosen


def _clean(site: SiteReport) -> bool:
    return all(finding.waiver is not None for finding in site.findings)


def _size(lines: Iterable[str]) -> int:
    return sum(len(line) + 1 for line in lines)


def _fitting(lines: list[str], room: int) -> int:
    """How many of ``lines``, from the first, fit in ``room`` characters."""
    used = 0
    for count, line in enumerate(lines):
        used += len(line) + 1
        if used > room:
            return count
    return len(lines)


def _notices(report: Report) -> list[str]:
    if not report.notices:
        return []
    lines = [f"- {ICON.get(n.severity.label, '')} `{md_code(n.path)}:{n.line}:{n.column}` {md(n.kind)}: "
             f"{md(n.message)}" for n in report.notices]
    kept = _fitting(lines, LIMIT // 8)
    more = [f"- {md(tr('reports', 'more_notices', report.lang).format(n=len(lines) - kept))}"] \
        if kept < len(lines) else []
    return [f"### {text_label('notices', report.lang)}", "", *lines[:kept], *more]


def _site(site: SiteReport, lang: str, only: set[int] | None = None) -> list[str]:
    """The site's section; ``only``: the indexes of the findings to show (the others are counted at the end)."""
    if not site.findings:  # one line: the site is in the table above with its counts
        line = f"✅ {md(tr('reports', 'clean_site', lang).format(site=site.site, name=site.name, path=site.path))}"
        notes = ([f"> [!WARNING]\n> {md(text_label('draft_warning', lang).format(drafts=', '.join(site.drafts)))}"]
                 if site.drafts else []) + ([f"_{md(text_label('plan', lang))}_"] if site.plan else [])
        return [line, "", *(part for note in notes for part in (note, ""))]
    title = f"### {md(site.name)} (`{md_code(site.site)}`) — {md(' → '.join(site.jurisdictions))}"
    if site.as_of_planned and site.as_of:
        day = text_label("as_of_planned", lang).format(date=site.as_of.isoformat())
        title += f" · {md(text_label('as_of', lang))} {md(day)}"
    lines = [title, ""]
    if site.drafts:
        lines += ["> [!WARNING]", f"> {md(text_label('draft_warning', lang).format(drafts=', '.join(site.drafts)))}",
                  ""]
    if site.plan:
        lines += [f"_{md(text_label('plan', lang))}_", ""]
    findings = [f for i, f in enumerate(site.findings) if only is None or i in only]
    headers = (text_label(key, lang) for key in ("rule", "location", "subject", "message", "article"))
    lines += ["| | " + " | ".join(headers) + " |", "|---|---|---|---|---|---|"]
    lines += (_row(finding, lang) for finding in findings)
    penalties = [(f, p) for f in findings if f.waiver is None for p in f.penalties]
    if penalties:
        lines += ["", "<details><summary>" + text_label("penalty", lang) + "</summary>", ""]
        lines += (_penalty(f, p, lang) for f, p in penalties)
        lines += ["", "</details>"]
    return [*lines, ""]


def _penalty(finding: Finding, penalty: Penalty, lang: str) -> str:
    return f"- {md(finding.rule)} {md(finding.subject.shown)}: {md(penalty_line(penalty, lang))}"


def _row(finding: Finding, lang: str) -> str:
    where = finding.location
    state = "waived" if finding.waiver else finding.severity.label
    problem = md(finding.message)
    if finding.hint:
        problem += f"<br>{md(hint_line(finding, lang))}"
    if finding.waiver is not None:
        problem += f"<br>_{md(waiver_line(finding.waiver, lang))}_"
    basis = "<br>".join(f"{md(c.instrument)} {md(c.article)}" + (" (draft)" if c.draft else "")
                        for c in finding.citations)
    return (f"| {ICON[state]} {state} | `{finding.rule}` | `{md_code(where)}` | "
            f"{md(finding.subject.shown)} | {problem} | {basis} |")
