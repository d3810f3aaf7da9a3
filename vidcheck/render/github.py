"""GitHub Actions workflow commands: annotations on the lines of the pull request, then the full list in the log.

GitHub shows at most 10 annotations of each level per step; past that it drops them silently. So each level
keeps its first nine and a tenth that says how many more there are, and the complete report follows in a
collapsed log group, where nothing is cut.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..messages import text_label
from ..model import Report, Severity
from .common import citation_line, clean, gate_lines, hint_line, summary_line, waiver_line

ANNOTATIONS_PER_LEVEL = 10  # GitHub's per-step cap for each of error, warning and notice
COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str | Sequence[str], *, path: str | None = None, line: int | None = None,
            column: int | None = None, title: str | None = None) -> str:
    """One workflow command; ``message`` is one line, or several (each escaped: an annotation of several lines)."""
    properties = [f"{name}={escape_property(clean(value))}" for name, value in
                  (("file", path), ("line", line), ("col", column), ("title", title)) if value is not None]
    data = escape_data(clean(message) if isinstance(message, str) else "\n".join(map(clean, message)))
    return f"::{level} {','.join(properties)}::{data}" if properties else f"::{level}::{data}"


def render(report: Report) -> str:
    levels: dict[str, list[str]] = {"error": [], "warning": [], "notice": []}
    for level, line in _annotations(report):
        levels[level].append(line)
    out = []
    for level, lines in levels.items():
        if len(lines) > ANNOTATIONS_PER_LEVEL:
            hidden = len(lines) - (ANNOTATIONS_PER_LEVEL - 1)
            more = command(level, text_label("more_annotations", report.lang).format(
                n=hidden, level=text_label(f"github_{level}", report.lang), cap=ANNOTATIONS_PER_LEVEL),
                title=text_label("more_title", report.lang).format(n=hidden))
            lines = [*lines[:ANNOTATIONS_PER_LEVEL - 1], more]
        out += lines
    out += ["::group::vidcheck report", *_log(report), "::endgroup::", summary_line(report)]
    return "\n".join(out) + "\n"


def _annotations(report: Report) -> Iterator[tuple[str, str]]:
    """(level, workflow command) for the gate (first, so the cap never hides it), each input error, finding and
    notice."""
    gate = gate_lines(report)
    if gate:
        yield "notice", command("notice", gate, title=text_label("gate_title", report.lang))
    for error in report.errors:
        yield "error", command("error", error.text(report.lang), path=error.path, line=error.line, column=error.column,
                               title=text_label("input_error_title", report.lang))
    for site in report.sites:
        for finding in site.findings:
            where = finding.location
            if finding.waiver is not None:
                yield "notice", command("notice", f"{finding.message} — {waiver_line(finding.waiver, report.lang)}",
                                        path=where.path, line=where.line, column=where.column,
                                        title=f"{finding.rule} ({text_label('waived_mark', report.lang)})")
                continue
            draft = f" [{text_label('draft', report.lang)}]" if finding.draft else ""
            level = COMMAND[finding.severity]
            message = f"{finding.message} — {citation_line(finding)}{draft}"
            yield level, command(level, [message, hint_line(finding, report.lang)] if finding.hint else message,
                          path=where.path, line=where.line, column=where.column,
                          title=f"{finding.rule} {finding.subject.shown}")
    for notice in report.notices:
        level = COMMAND[notice.severity]
        yield level, command(level, notice.message, path=notice.path, line=notice.line,
                      column=notice.column, title=f"vidcheck: {notice.kind}")


def _log(report: Report) -> Iterator[str]:
    """Every finding as one plain line; workflow commands inside are neutralised by the escaping in clean()."""
    for error in report.errors:
        yield _plain(f"{error.path}:{error.line}:{error.column}: input error: {error.message}")
    for site in report.sites:
        for finding in site.findings:
            where = finding.location
            state = "waived" if finding.waiver else finding.severity.label
            yield _plain(f"{where}: {state} {finding.rule} "
                         f"[{finding.subject.shown}] {finding.message} ({citation_line(finding)})"
                         + (f" — {hint_line(finding, report.lang)}" if finding.hint else ""))
    for notice in report.notices:
        yield _plain(str(notice))


def _plain(line: str) -> str:
    # A log line starting with '::' would be read as a workflow command: input text must never issue one.
    text = escape_data(clean(line))
    return f" {text}" if text.startswith("::") else text
