"""SARIF 2.1.0 for code-scanning dashboards: one reportingDescriptor per finding id, results located by region,
waived results as accepted suppressions, draft-based results tagged, input errors as failed results."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from .. import checks
from ..checks.base import default_severity
from ..messages import meaning
from ..model import Citation, Finding, InputError, Notice, Report, Severity, SiteReport
from .common import citation_line, hint_line, json_chunks, penalty_line, uri
from .jsonreport import citation_dict, gate_dict

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INPUT_ERROR = "input-error"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
INPUT_ERROR_TEXT = {"zh": "文件无法审计（无法读取、YAML 或 schema 错误、取值错误）",
                    "en": "the file could not be evaluated (unreadable, invalid YAML, schema or value error)"}


def render(report: Report) -> str:
    return "".join(stream(report))


def stream(report: Report) -> Iterator[str]:
    """The SARIF log in pieces: results are built as they are written (see ``json_chunks``)."""
    rule_ids = [rule for rule in checks.FINDING_ORDER
                if any(f.rule == rule for site in report.sites for f in site.findings)]
    if report.errors:
        rule_ids.append(INPUT_ERROR)
    index = {rule: position for position, rule in enumerate(rule_ids)}
    results = itertools.chain((_result(site, finding, index, report.lang) for site in report.sites
                               for finding in site.findings), (_error_result(error, index) for error in report.errors))
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "vidcheck", "version": report.version, "semanticVersion": report.version,
                            "rules": [_descriptor(rule, report) for rule in rule_ids]}},
        "invocations": [{"executionSuccessful": not report.errors,
                         "toolConfigurationNotifications": [_notification(n) for n in report.notices],
                         "properties": {"as_of": report.gate.as_of or report.as_of.isoformat(),
                                        "fail_on": report.gate.fail_on_label,
                                        "exit_code": report.exit_code, "baselined": report.baselined,
                                        **({"gate": gate_dict(report.gate)} if report.gate.non_default else {})}}],
        "results": results,
        "properties": {"drafts": sorted({d for site in report.sites for d in site.drafts})},
    }
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json_chunks(document)


def _descriptor(rule: str, report: Report) -> dict[str, Any]:
    lang = report.lang
    if rule == INPUT_ERROR:
        text = INPUT_ERROR_TEXT["zh" if lang == "zh" else "en"]
        return {"id": rule, "shortDescription": {"text": text}, "fullDescription": {"text": text},
                "help": {"text": text}, "defaultConfiguration": {"level": "error"}}
    family = next(f for f in checks.FAMILIES.values() if rule in f.findings)
    citations = list(dict.fromkeys(c for site in report.sites for f in site.findings if f.rule == rule
                                   for c in f.citations))
    basis = "\n".join(_citation_text(c) for c in citations)
    return {
        "id": rule,
        "name": family.name,
        "shortDescription": {"text": meaning(rule, lang)},
        "fullDescription": {"text": family.doc},
        "help": {"text": f"{meaning(rule, lang)}\n\n{basis}",
                 "markdown": f"**{meaning(rule, lang)}**\n\n" + "\n".join(f"- {_citation_text(c)}"
                                                                         for c in citations)},
        "defaultConfiguration": {"level": LEVEL[default_severity(rule)]},
        "properties": {"tags": ["compliance", family.name],
                       "citations": [citation_dict(c) for c in citations]},
    }


def _result(site: SiteReport, finding: Finding, index: dict[str, int], lang: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": LEVEL[finding.severity],
        # the hint is the message's second sentence: viewers (GitHub code scanning) show the message text
        "message": {"text": f"{finding.message} ({citation_line(finding)})."
                            + (f" {hint_line(finding, lang)}" if finding.hint else "")},
        "locations": [{**_location(finding.location.path, finding.location.line, finding.location.column),
                       "logicalLocations": [{"name": finding.subject.id, "kind": finding.subject.type,
                                             "fullyQualifiedName": f"{site.site}/{finding.subject.ref}"}]}],
        "partialFingerprints": {"vidcheck/v1": site.fingerprint(finding)},
        "properties": {"site": site.site, "subject": finding.subject.ref, "pointer": finding.location.pointer,
                       **({"as_of": site.as_of.isoformat()} if site.as_of_planned and site.as_of else {}),
                       "draft": finding.draft, "tags": ["draft"] if finding.draft else [],
                       "citations": [citation_dict(c) for c in finding.citations],
                       "penalties": [penalty_line(p, lang) for p in finding.penalties], "hint": finding.hint},
    }
    if finding.subject.location:  # where the camera is, in the site's words, as every format shows it
        result["properties"]["subject_location"] = finding.subject.location
    if finding.waiver is not None:
        waiver = finding.waiver
        result["suppressions"] = [{
            "kind": "external", "status": "accepted", "justification": waiver.justification,
            "location": _location(waiver.location.path, waiver.location.line, waiver.location.column),
            "properties": {"approved_by": waiver.approved_by, "expires": waiver.expires.isoformat()}}]
    return result


def _error_result(error: InputError, index: dict[str, int]) -> dict[str, Any]:
    return {"ruleId": INPUT_ERROR, "ruleIndex": index[INPUT_ERROR], "level": "error",
            "message": {"text": error.message}, "locations": [_location(error.path, error.line, error.column)]}


def _notification(notice: Notice) -> dict[str, Any]:
    return {"level": LEVEL[notice.severity], "message": {"text": notice.message}, "descriptor": {"id": notice.kind},
            "locations": [_location(notice.path, notice.line, notice.column)]}


def _location(path: str, line: int, column: int) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": {"uri": uri(path)},
                                 "region": {"startLine": line, "startColumn": column}}}


def _citation_text(citation: Citation) -> str:
    draft = " [draft]" if citation.draft else ""
    return f"{citation.instrument} {citation.article}{draft}「{citation.quote}」"
