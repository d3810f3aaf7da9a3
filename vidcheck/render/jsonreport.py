"""The JSON report of SPEC §5: the source every other format is rendered from."""

from __future__ import annotations

import json
from typing import Any

from ..model import Finding, InputError, Penalty, Report, Severity, SiteReport

REPORT_FORMAT = 1


def penalty_dict(penalty: Penalty) -> dict[str, Any]:
    return {
        "jurisdiction": penalty.jurisdiction, "instrument": penalty.instrument, "article": penalty.article,
        "quote": penalty.quote, "orders": list(penalty.orders), "condition": penalty.condition,
        "fines": [{"party": f.party, "min": f.min, "max": f.max, "business": f.business} for f in penalty.fines],
        "refers_to": penalty.refers_to,
    }


def finding_dict(finding: Finding) -> dict[str, Any]:
    location = finding.location
    return {
        "rule": finding.rule,
        "severity": finding.severity.label,
        "subject": {"type": finding.subject.type, "id": finding.subject.id},
        "location": {"path": location.path, "line": location.line, "column": location.column,
                     "pointer": location.pointer},
        "message": finding.message,
        "citations": [{"jurisdiction": c.jurisdiction, "instrument": c.instrument, "article": c.article,
                       "quote": c.quote} for c in finding.citations],
        "penalties": [penalty_dict(p) for p in finding.penalties],
    }


def site_dict(site: SiteReport) -> dict[str, Any]:
    return {"path": site.path, "site": site.site, "jurisdictions": list(site.jurisdictions),
            "drafts": list(site.drafts), "findings": [finding_dict(f) for f in site.findings]}


def error_dict(error: InputError) -> dict[str, Any]:
    return {"path": error.path, "line": error.line, "column": error.column, "message": error.message}


def report_dict(report: Report) -> dict[str, Any]:
    return {
        "tool": "vidcheck",
        "version": report.version,
        "report_format": REPORT_FORMAT,
        "as_of": report.as_of.isoformat(),
        "sites": [site_dict(s) for s in report.sites],
        "errors": [error_dict(e) for e in report.errors],
        "summary": {s.label: report.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)},
    }


def render(report: Report) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n"
