"""Baselines: accept the findings an existing site already has, and report only new ones.

A baseline holds fingerprints (rule + site + subject), not line numbers, so editing a file does not revive old
findings. Waived findings and findings the law makes absolute are never baselined: the first would outlive their
waiver's expiry, the second can never be accepted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from .model import Finding, Report, SiteReport
from .render.common import dump_json
from .schemaerrors import load_checked

SHAPE = "a baseline is a mapping starting with 'vidcheck_baseline: 1' (write one with 'vidcheck baseline')"


def acceptable(finding: Finding) -> bool:
    return finding.waiver is None and finding.waivable


def render(report: Report) -> str:
    """The baseline file for every acceptable finding of the report (sorted, so diffs stay reviewable)."""
    entries = sorted(
        ({"fingerprint": site.fingerprint(f), "rule": f.rule, "site": site.site,
          "subject": f.subject.ref, **({"key": f.key} if f.key else {})}
         for site in report.sites for f in site.findings if acceptable(f)),
        key=lambda e: (e["site"], e["rule"], e["subject"], e.get("key", "")))
    document = {"vidcheck_baseline": 1, "as_of": report.as_of.isoformat(), "findings": entries}
    return dump_json(document)


def load_baseline(path: str) -> frozenset[str]:
    document = load_checked(path, "baseline", SHAPE)
    return frozenset(entry["fingerprint"] for entry in document.data["findings"])


def apply_baseline(sites: Iterable[SiteReport], fingerprints: frozenset[str]) -> tuple[tuple[SiteReport, ...], int]:
    """Drop the acceptable findings the baseline holds; return the sites and how many were dropped."""
    result, dropped = [], 0
    for site in sites:
        kept = tuple(f for f in site.findings if not (acceptable(f) and site.fingerprint(f) in fingerprints))
        dropped += len(site.findings) - len(kept)
        result.append(replace(site, findings=kept))
    return tuple(result), dropped
