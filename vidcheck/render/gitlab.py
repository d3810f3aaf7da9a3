"""GitLab Code Quality JSON (the Code Climate issue subset GitLab reads) for merge-request widgets."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..messages import text_label
from ..model import Report, Severity, digest
from .common import citation_line, gate_lines, hint_line, json_chunks, notice_family

# GitLab's scale is info, minor, major, critical, blocker; an input error blocks the whole evaluation.
SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(report: Report) -> str:
    return "".join(stream(report))


def stream(report: Report) -> Iterator[str]:
    """The Code Quality report in pieces: issues are built as they are written (see ``json_chunks``)."""
    return json_chunks(_issues(report))


def _issues(report: Report) -> Iterator[dict[str, Any]]:
    for site in report.sites:
        for finding in site.findings:
            waived = finding.waiver is not None
            prefix = f"[waived until {finding.waiver.expires.isoformat()}] " if finding.waiver else ""
            draft = " [draft]" if finding.draft else ""
            yield _issue(
                f"{prefix}{site.site} {finding.subject.shown}: {finding.message} ({citation_line(finding)})"
                f"{draft}" + (f" {hint_line(finding, report.lang)}" if finding.hint else ""),
                finding.rule, site.fingerprint(finding), "info" if waived else SEVERITY[finding.severity],
                finding.location.path, finding.location.line, finding.location.column)
    for error in report.errors:
        message = error.text(report.lang)
        fingerprint = digest(error.path, error.line, error.column, message, length=32)
        yield _issue(message, "input-error", fingerprint, "blocker", error.path, error.line, error.column)
    for notice in report.notices:
        yield _issue(notice.message, f"{notice_family(notice.kind)}.{notice.kind}",
                     digest(notice.kind, notice.path, notice.line, notice.message, length=32),
                     SEVERITY[notice.severity], notice.path, notice.line, notice.column)
    gate = gate_lines(report)
    if gate:
        yield _gate_issue(report, gate)


def _gate_issue(report: Report, lines: list[str]) -> dict[str, Any]:
    """Code Quality has only issues, so a non-default gate is one ``info`` issue. Its fingerprint is the gate's
    content: the merge-request widget shows it as new exactly when a change alters what decides the gate."""
    gate = report.gate
    files = [*(f.path for f in gate.rule_files), gate.waivers, gate.baseline, *report.inputs]
    where = next((path for path in files if path), "-")
    description = f"{text_label('gate_title', report.lang)}{text_label('colon', report.lang)}" + "; ".join(lines)
    return _issue(description, "vidcheck.gate", digest("gate", *lines, length=32), "info", where, 1, 1)


def _issue(description: str, check: str, fingerprint: str, severity: str, path: str, line: int,
           column: int) -> dict[str, Any]:
    return {"type": "issue", "description": description, "check_name": check, "fingerprint": fingerprint,
            "severity": severity, "location": {"path": path, "positions": {"begin": {"line": line, "column": column}}}}
