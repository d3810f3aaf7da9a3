"""Markdown for a pull-request comment or the GitHub step summary. Every input string is made inert (md())."""

from __future__ import annotations

from collections.abc import Iterator

from ..messages import text_label
from ..model import Finding, Report, SiteReport
from .common import SEVERITIES, gate_lines, hint_line, md, md_code, penalty_line, site_as_of, skipped_line, waiver_line

ICON = {"error": "🔴", "warning": "🟠", "info": "🔵", "waived": "⚪"}


def render(report: Report) -> str:
    return "".join(stream(report))


def stream(report: Report) -> Iterator[str]:
    """The report line by line; blank lines at the end are left out."""
    blanks = 0
    for line in _lines(report):
        if not line:
            blanks += 1
            continue
        yield "\n" * blanks + line + "\n"
        blanks = 0


def _lines(report: Report) -> Iterator[str]:
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
    skipped = skipped_line(report)
    if skipped:
        lines += [md(skipped), ""]
    gate = gate_lines(report)
    if gate:
        lines += [f"### {text_label('gate', lang)}", "", *(f"- {md(line)}" for line in gate), ""]
    if report.errors:
        lines += [f"### {text_label('input_errors', lang)}", ""]
        lines += [f"- `{md_code(e.path)}:{e.line}:{e.column}` {md(e.message)}" for e in report.errors]
        lines.append("")
    yield from lines
    for site in report.sites:
        yield from _site(site, report)
    if report.notices:
        yield from (f"### {text_label('notices', lang)}", "")
        yield from (f"- {ICON.get(n.severity.label, '')} `{md_code(n.path)}:{n.line}:{n.column}` {md(n.kind)}: "
                    f"{md(n.message)}" for n in report.notices)


def _as_of(report: Report) -> str:
    planned = report.gate.as_of == "planned"
    return md(text_label("as_of_planned_header", report.lang)) if planned else report.as_of.isoformat()


def _site(site: SiteReport, report: Report) -> Iterator[str]:
    lang = report.lang
    title = f"### {md(site.name)} (`{md_code(site.site)}`) — {md(' → '.join(site.jurisdictions))}"
    if site.as_of_planned:
        title += f" · {md(text_label('as_of', lang))} {md(site_as_of(site, report))}"
    lines = [title, ""]
    if site.drafts:
        lines += ["> [!WARNING]", f"> {md(text_label('draft_warning', lang).format(drafts=', '.join(site.drafts)))}",
                  ""]
    if site.plan:
        lines += [f"_{md(text_label('plan', lang))}_", ""]
    if not site.findings:
        yield from (*lines, f"{text_label('no_findings', lang)} ✅", "")
        return
    headers = (text_label(key, lang) for key in ("rule", "location", "subject", "message", "article"))
    yield from (*lines, "| | " + " | ".join(headers) + " |", "|---|---|---|---|---|---|")
    yield from (_row(finding, lang) for finding in site.findings)
    penalties = [(f, p) for f in site.findings if f.waiver is None for p in f.penalties]
    if penalties:
        yield from ("", "<details><summary>" + text_label("penalty", lang) + "</summary>", "")
        yield from (f"- {md(f.rule)} {md(f.subject.shown)}: {md(penalty_line(p, lang))}" for f, p in penalties)
        yield from ("", "</details>")
    yield ""


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
