"""The JSON report of SPEC §5: the source every other format is rendered from."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import (
    Citation,
    Deadline,
    Finding,
    Fine,
    Gate,
    InputError,
    Notice,
    Penalty,
    Report,
    SiteReport,
    Subject,
    Waiver,
    Words,
)
from ..summary import Exposure, site_rows, total_exposure
from .common import SEVERITIES, json_chunks

REPORT_FORMAT = 1


def penalty_dict(penalty: Penalty, lang: str) -> dict[str, Any]:
    """A penalty; its orders, condition and referral in the report's language, as the message is."""
    return {
        "jurisdiction": penalty.jurisdiction, "instrument": penalty.instrument, "article": penalty.article,
        "quote": penalty.quote, "orders": [order.in_(lang) for order in penalty.orders],
        "condition": _words(penalty.condition, lang), "fines": [fine_dict(f, lang) for f in penalty.fines],
        "refers_to": _words(penalty.refers_to, lang),
    }


def _words(words: Words | None, lang: str) -> str | None:
    return None if words is None else words.in_(lang)


def fine_dict(fine: Fine, lang: str) -> dict[str, Any]:
    """A fine; ``condition`` (有违法所得的) and ``who`` (单位负责人或直接责任人) only where the fine has them."""
    extra = {key: value.in_(lang) for key, value in (("condition", fine.condition), ("who", fine.who))
             if value is not None}
    return {"party": fine.party, "min": fine.min, "max": fine.max, "business": fine.business, **extra}


def subject_dict(subject: Subject) -> dict[str, Any]:
    """A finding's subject; a camera's ``location`` only where the inventory gives one."""
    extra = {"location": subject.location} if subject.location is not None else {}
    return {"type": subject.type, "id": subject.id, **extra}


def citation_dict(citation: Citation) -> dict[str, Any]:
    return {"jurisdiction": citation.jurisdiction, "instrument": citation.instrument, "article": citation.article,
            "quote": citation.quote, "draft": citation.draft}


def waiver_dict(waiver: Waiver) -> dict[str, Any]:
    where = waiver.location
    return {"justification": waiver.justification, "approved_by": waiver.approved_by,
            "expires": waiver.expires.isoformat(), "location": {"path": where.path, "line": where.line,
                                                                 "column": where.column}}


def deadline_dict(deadline: Deadline) -> dict[str, Any]:
    """The deadline a filing finding is about: ``due`` after the 法定休假日 extension, the period's own last day."""
    return {"due": deadline.due.isoformat(), "due_unextended": deadline.unextended.isoformat(),
            "extended_by": deadline.extended_by, "holiday_schedule_known": deadline.schedule_known}


def finding_dict(finding: Finding, fingerprint: str, lang: str) -> dict[str, Any]:
    """SPEC §5; filing findings also carry ``deadline`` (findings may carry extra fields)."""
    location = finding.location
    extra = {"deadline": deadline_dict(finding.deadline)} if finding.deadline is not None else {}
    return {
        "rule": finding.rule,
        "severity": finding.severity.label,
        "subject": subject_dict(finding.subject),
        "location": {"path": location.path, "line": location.line, "column": location.column,
                     "pointer": location.pointer},
        "message": finding.message,
        "hint": finding.hint,
        "citations": [citation_dict(c) for c in finding.citations],
        "penalties": [penalty_dict(p, lang) for p in finding.penalties],
        "fingerprint": fingerprint,
        "waiver": waiver_dict(finding.waiver) if finding.waiver else None,
        **extra,
    }


def exposure_dict(exposure: Exposure, lang: str) -> dict[str, Any]:
    """Penalty exposure (SPEC §11, vidcheck/summary.py): CNY ranges per party, those only if not corrected, and
    the orders (listed, not summed)."""
    def ranges(pairs: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
        return {party: {"min": span.min, "max": span.max} for party, span in pairs}

    return {"fines": ranges(exposure.fines), "if_not_corrected": ranges(exposure.if_not_corrected),
            "orders": [order.in_(lang) for order in exposure.orders]}


def site_dict(site: SiteReport, exposure: Exposure, lang: str) -> dict[str, Any]:
    return {"path": site.path, "site": site.site, "name": site.name, "address": site.address,
            "jurisdictions": list(site.jurisdictions), "drafts": list(site.drafts), "plan": site.plan,
            **({"as_of": site.as_of.isoformat()} if site.as_of else {}), "as_of_planned": site.as_of_planned,
            "exposure": exposure_dict(exposure, lang),
            "findings": (finding_dict(f, site.fingerprint(f), lang) for f in site.findings)}


def error_dict(error: InputError) -> dict[str, Any]:
    return {"path": error.path, "line": error.line, "column": error.column, "message": error.message}


def notice_dict(notice: Notice) -> dict[str, Any]:
    return {"kind": notice.kind, "severity": notice.severity.label, "path": notice.path, "line": notice.line,
            "column": notice.column, "message": notice.message}


def gate_dict(gate: Gate) -> dict[str, Any]:
    """What decided the gate besides the inventories (SPEC §8)."""
    return {"fail_on": gate.fail_on_label, "fail_on_source": gate.fail_on_source,
            "rule_files": [{"path": f.path, "sha256": f.sha256} for f in gate.rule_files],
            "waivers": gate.waivers, "waived": gate.waived, "baseline": gate.baseline, "baselined": gate.baselined,
            **({"as_of": gate.as_of, "as_of_source": gate.as_of_source} if gate.as_of else {})}


def report_dict(report: Report) -> dict[str, Any]:
    """SPEC §5; ``gate`` and ``summary.skipped`` appear only when they differ from a default run. Sites and findings
    are iterators, built as ``json_chunks`` writes them."""
    summary: dict[str, Any] = {**{s.label: report.count(s) for s in SEVERITIES}, "waived": report.waived(),
                               "baselined": report.baselined}
    rows = site_rows(report)  # each site's exposure, computed once for its entry and the total
    summary["exposure"] = exposure_dict(total_exposure(rows), report.lang)
    if report.skipped:
        summary["skipped"] = {s.reason: s.count for s in report.skipped}
    return {
        "tool": "vidcheck",
        "version": report.version,
        "report_format": REPORT_FORMAT,
        "as_of": report.as_of.isoformat(),
        "sites": (site_dict(s, row.exposure, report.lang) for s, row in zip(report.sites, rows, strict=True)),
        "errors": [error_dict(e) for e in report.errors],
        "notices": [notice_dict(n) for n in report.notices],
        "summary": summary,
        "fail_on": report.gate.fail_on_label,
        **({"gate": gate_dict(report.gate)} if report.gate.non_default else {}),
        "exit_code": report.exit_code,
    }


def stream(report: Report) -> Iterator[str]:
    return json_chunks(report_dict(report))


def render(report: Report) -> str:
    return "".join(stream(report))
