"""The terminal report: header, findings grouped by severity, summary. Input strings never carry markup or
terminal control sequences into the output."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from ..messages import text_label
from ..model import Finding, Penalty, Report, Severity, SiteReport

if TYPE_CHECKING:  # rich is imported lazily: start-up time matters in CI
    from rich.console import Console
    from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_MARK = {Severity.ERROR: "✖", Severity.WARNING: "▲", Severity.INFO: "●"}


def clean(text: object) -> str:
    """Show control characters from input as escapes instead of letting them act on the terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


def _money(amount: int | None) -> str:
    return "" if amount is None else f"{amount:,}"


def penalty_line(penalty: Penalty, lang: str, *, instrument: bool = True) -> str:
    parts = [f"{penalty.instrument} {penalty.article}" if instrument else penalty.article]
    if penalty.orders:
        parts.append("、".join(penalty.orders))
    fines = []
    for fine in penalty.fines:
        who = text_label(fine.party, lang)
        use = "" if fine.business is None else text_label("business" if fine.business else "non_business", lang)
        span = (f"{_money(fine.min)}–{_money(fine.max)}" if fine.min is not None and fine.max is not None
                else f"≤{_money(fine.max)}" if fine.max is not None else f"≥{_money(fine.min)}")
        fines.append(" ".join(p for p in (use, who, f"{span} {text_label('yuan', lang)}") if p))
    if fines:
        parts.append((f"{penalty.condition}：" if penalty.condition else "") + "；".join(fines))
    elif not penalty.refers_to:
        parts.append(text_label("no_fine", lang))
    if penalty.refers_to:
        parts.append(penalty.refers_to)
    return " · ".join(parts)


def render(report: Report, *, color: bool = False, width: int | None = 100) -> str:
    """The report as text; ``width=None`` follows the terminal."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, no_color=not color, highlight=False,
                      emoji=False, color_system="standard" if color else None)
    for site in report.sites:
        _site(console, site, report)
    if report.errors:
        _errors(console, report)
    _summary(console, report)
    return buffer.getvalue()


def _site(console: Console, site: SiteReport, report: Report) -> None:
    from rich.panel import Panel
    from rich.text import Text

    lang = report.lang
    header = Text()
    rows = ((text_label("site", lang), f"{site.name} ({site.site})"), (text_label("file", lang), site.path),
            (text_label("jurisdictions", lang), " → ".join(site.jurisdictions) or "—"),
            (text_label("as_of", lang), report.as_of.isoformat()))
    for name, value in rows:
        header.append(f"{name}: ", style="bold")
        header.append(clean(value) + "\n")
    if site.drafts:
        header.append(text_label("draft_warning", lang).format(drafts=", ".join(site.drafts)), style="bold magenta")
    header.rstrip()
    console.print(Panel(header, title=text_label("title", lang), title_align="left"))
    if not site.findings:
        console.print(Text(f"  {text_label('no_findings', lang)}", style="green"))
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        group = [f for f in site.findings if f.severity == severity]
        if group:
            console.print(Text(f"{text_label(severity.label, lang)} ({len(group)})", style=_STYLE[severity]))
            for finding in group:
                console.print(_finding(finding, lang))
    console.print()


def _finding(finding: Finding, lang: str) -> Text:
    from rich.text import Text

    location = finding.location
    text = Text("  ")
    text.append(f"{_MARK[finding.severity]} {finding.rule}", style=_STYLE[finding.severity])
    subject = text_label(finding.subject.type, lang) if finding.subject.type != "site" else text_label("site", lang)
    text.append(f"  {subject} {clean(finding.subject.id)}", style="bold")
    text.append(f"  {clean(location.path)}:{location.line}:{location.column}\n", style="dim")
    text.append(f"    {clean(finding.message)}\n")
    for citation in finding.citations:
        text.append(f"    {text_label('article', lang)}: ", style="dim")
        text.append(f"{citation.instrument} {citation.article} ")
        text.append(f"「{citation.quote}」\n", style="italic")
    for penalty in finding.penalties:
        text.append(f"    {text_label('penalty', lang)}: ", style="dim")
        text.append(penalty_line(penalty, lang) + "\n")
    return text


def _errors(console: Console, report: Report) -> None:
    from rich.text import Text

    console.print(Text(text_label("input_errors", report.lang), style="bold red"))
    for error in report.errors:
        # soft_wrap: an error stays one line, so editors and CI logs can jump to file:line:col
        line = f"  {clean(error.path)}:{error.line}:{error.column}: {clean(error.message)}"
        console.print(Text(line), soft_wrap=True)
    console.print()


def _summary(console: Console, report: Report) -> None:
    from rich.text import Text

    lang = report.lang
    line = Text(f"{text_label('summary', lang)}: {len(report.sites)} {text_label('sites_audited', lang)} · ")
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        line.append(f"{text_label(severity.label, lang)} {report.count(severity)}  ", style=_STYLE[severity])
    if report.errors:
        line.append(f"{text_label('input_errors', lang)} {len(report.errors)}", style="bold red")
    console.print(line)
