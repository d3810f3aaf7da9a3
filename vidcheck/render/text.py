"""The terminal report: header, findings grouped by severity, summary. Input strings never carry markup or
terminal control sequences into the output."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..i18n import tr
from ..messages import text_label
from ..model import Finding, Report, Severity, SiteReport
from .common import SEVERITIES, clean, gate_lines, penalty_line, site_as_of, skipped_line, waiver_line

if TYPE_CHECKING:  # rich is imported lazily: start-up time matters in CI
    from rich.console import Console
    from rich.text import Text

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_MARK = {Severity.ERROR: "✖", Severity.WARNING: "▲", Severity.INFO: "●"}


def render(report: Report, *, color: bool = False, width: int | None = 100) -> str:
    """The report as text; ``width=None`` follows the terminal."""
    return "".join(stream(report, color=color, width=width))


def stream(report: Report, *, color: bool = False, width: int | None = 100) -> Iterator[str]:
    """``render`` in pieces, one per finding, so that a city's report is written as it is drawn."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, no_color=not color, highlight=False,
                      emoji=False, color_system="standard" if color else None)

    def drained() -> str:
        piece = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return piece

    for site in report.sites:
        for _ in _site(console, site, report):
            yield drained()
    if report.errors:
        _errors(console, report)
    if report.notices:
        _notices(console, report)
    _gate(console, report)
    _summary(console, report)
    yield drained()


def _site(console: Console, site: SiteReport, report: Report) -> Iterator[None]:
    """Print the site's part, pausing after each finding (``stream`` takes what was printed so far)."""
    from rich.panel import Panel
    from rich.text import Text

    lang = report.lang
    header = Text()
    rows = ((text_label("site", lang), f"{site.name} ({site.site})"), (text_label("file", lang), site.path),
            (text_label("jurisdictions", lang), " → ".join(site.jurisdictions) or "—"),
            (text_label("as_of", lang), site_as_of(site, report)))
    for name, value in rows:
        header.append(f"{name}: ", style="bold")
        header.append(clean(value) + "\n")
    if site.drafts:
        header.append(text_label("draft_warning", lang).format(drafts=clean(", ".join(site.drafts))) + "\n",
                      style="bold magenta")
    if site.plan:
        header.append(text_label("plan", lang), style="cyan")
    header.rstrip()
    console.print(Panel(header, title=text_label("title", lang), title_align="left"))
    if not site.findings:
        console.print(Text(f"  {text_label('no_findings', lang)}", style="green"))
    for severity in SEVERITIES:
        group = [f for f in site.findings if f.severity == severity and f.waiver is None]
        if group:
            console.print(Text(f"{text_label(severity.label, lang)} ({len(group)})", style=_STYLE[severity]))
            for finding in group:
                console.print(_finding(finding, lang))
                yield
    waived = [f for f in site.findings if f.waiver is not None]
    if waived:
        console.print(Text(f"{text_label('waived', lang)} ({len(waived)})", style="dim"))
        for finding in waived:
            console.print(_finding(finding, lang), style="dim")
            yield
    console.print()
    yield


def _finding(finding: Finding, lang: str) -> Text:
    from rich.text import Text

    location = finding.location
    text = Text("  ")
    mark, style = ("○", "dim") if finding.waiver else (_MARK[finding.severity], _STYLE[finding.severity])
    text.append(f"{mark} {finding.rule}", style=style)
    subject = text_label(finding.subject.type, lang) if finding.subject.type != "site" else text_label("site", lang)
    text.append(f"  {subject} {clean(finding.subject.id + finding.subject.where)}", style="bold")
    text.append(f"  {clean(location)}\n", style="dim")
    text.append(f"    {clean(finding.message)}\n")
    if finding.hint:
        text.append(f"    {text_label('fix', lang)}: ", style="dim")
        text.append(clean(finding.hint) + "\n")
    if finding.waiver is not None:
        text.append("    " + clean(waiver_line(finding.waiver, lang)) + "\n", style="italic")
    for citation in finding.citations:
        text.append(f"    {text_label('article', lang)}: ", style="dim")
        text.append(f"{clean(citation.instrument)} {clean(citation.article)} ")
        text.append(f"「{clean(citation.quote)}」\n", style="italic")
    for penalty in finding.penalties:
        text.append(f"    {text_label('penalty', lang)}: ", style="dim")
        text.append(clean(penalty_line(penalty, lang)) + "\n")
    return text


def _errors(console: Console, report: Report) -> None:
    from rich.text import Text

    console.print(Text(text_label("input_errors", report.lang), style="bold red"))
    for error in report.errors:
        # soft_wrap: an error stays one line, so editors and CI logs can jump to file:line:col
        line = f"  {clean(error)}"
        console.print(Text(line), soft_wrap=True)
    console.print()


def _notices(console: Console, report: Report) -> None:
    from rich.text import Text

    console.print(Text(text_label("notices", report.lang), style="bold yellow"))
    for notice in report.notices:
        console.print(Text(f"  {clean(notice)}", style=_STYLE[notice.severity]), soft_wrap=True)
    console.print()


def _gate(console: Console, report: Report) -> None:
    """What decided the gate besides the inventories; nothing for a default run."""
    from rich.text import Text

    lines = gate_lines(report)
    if not lines:
        return
    console.print(Text(text_label("gate", report.lang), style="bold"))
    for line in lines:
        console.print(Text(f"  {clean(line)}"), soft_wrap=True)
    console.print()


def _summary(console: Console, report: Report) -> None:
    from rich.text import Text

    lang = report.lang
    colon = tr("screens", "colon", lang)
    line = Text(f"{text_label('summary', lang)}{colon}{text_label('sites_audited', lang)} {len(report.sites)} · ")
    for severity in SEVERITIES:
        line.append(f"{text_label(severity.label, lang)} {report.count(severity)}  ", style=_STYLE[severity])
    if report.waived():
        line.append(f"{text_label('waived', lang)} {report.waived()}  ", style="dim")
    if report.baselined:
        line.append(f"{text_label('baselined', lang)} {report.baselined}  ", style="dim")
    if report.errors:
        line.append(f"{text_label('input_errors', lang)} {len(report.errors)}", style="bold red")
    console.print(line)
    skipped = skipped_line(report)
    if skipped:
        console.print(Text(skipped, style="dim"))


def render_validation(report: Report) -> str:
    """``vidcheck validate``: each error on its own line, then each valid file."""
    lines = [clean(error) for error in report.errors]
    bad = {e.path for e in report.errors}
    valid = tr("errors", "validation.valid", report.lang)
    lines += [valid.format(path=clean(path)) for path in report.inputs if path not in bad]
    lines += [clean(notice) for notice in report.notices]  # quotes of --rules-dir files that could not be checked
    skipped = skipped_line(report)
    return "\n".join([*lines, *([skipped] if skipped else [])]) + "\n"
