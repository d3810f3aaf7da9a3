"""Baselines: accept the findings an existing site already has, and report only new ones.

A baseline holds fingerprints (rule + site + subject), not line numbers, so editing a file does not revive old
findings. Waived findings and findings the law makes absolute are never baselined: the first would outlive their
waiver's expiry, the second can never be accepted. Each entry also carries the labels a reviewer reads (rule, site,
subject, key); labels that do not produce the fingerprint are an input error, and an entry that takes out nothing
on a site that was audited is a notice, so the baseline only shrinks in the open.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from .errors import InvalidDocument
from .messages import Text
from .model import Finding, InputError, Location, Notice, Report, Severity, SiteReport, Subject, fingerprint
from .render.common import dump_json
from .schemaerrors import load_checked

SHAPE = Text.error("shape.baseline")
MISMATCH = Text.error("baseline.mismatch")


def acceptable(finding: Finding) -> bool:
    return finding.waiver is None and finding.waivable


def recorded(report: Report) -> int:
    """How many findings a baseline of the report records."""
    return sum(1 for site in report.sites for finding in site.findings if acceptable(finding))


def render(report: Report) -> str:
    """The baseline file for every acceptable finding of the report (sorted, so diffs stay reviewable)."""
    entries = sorted(
        ({"fingerprint": site.fingerprint(f), "rule": f.rule, "site": site.site,
          "subject": f.subject.ref, **({"key": f.key} if f.key else {})}
         for site in report.sites for f in site.findings if acceptable(f)),
        key=lambda e: (e["site"], e["rule"], e["subject"], e.get("key", "")))
    document = {"vidcheck_baseline": 1, "as_of": report.as_of.isoformat(), "findings": entries}
    return dump_json(document)


@dataclass(frozen=True)
class Entry:
    """One accepted finding, with the labels a reviewer reads and where it is written."""

    fingerprint: str
    rule: str
    site: str
    subject: Subject
    key: str
    location: Location


@dataclass(frozen=True)
class Baseline:
    entries: tuple[Entry, ...]


def load_baseline(path: str) -> Baseline:
    """Read a baseline. Raise InvalidDocument when an entry's labels do not produce its fingerprint: a reviewer
    reads the labels, the gate matches the fingerprint, so the two must never disagree (a hand edit)."""
    document = load_checked(path, "baseline", SHAPE)
    entries, mismatched = [], []
    for index, raw in enumerate(document.data["findings"]):
        pointer = f"/findings/{index}/fingerprint"
        line, column = document.position(pointer)
        entry = Entry(raw["fingerprint"], raw["rule"], raw["site"], Subject.parse(raw["subject"]), raw.get("key", ""),
                      Location(document.path, line, column, pointer))
        if fingerprint(entry.rule, entry.site, entry.subject, entry.key) != entry.fingerprint:
            mismatched.append(InputError(document.path, line, column, MISMATCH, pointer))
        entries.append(entry)
    if mismatched:
        raise InvalidDocument(tuple(mismatched))
    return Baseline(tuple(entries))


def apply_baseline(sites: Iterable[SiteReport], baseline: Baseline,
                   lang: str) -> tuple[tuple[SiteReport, ...], int, tuple[Notice, ...]]:
    """Drop the acceptable findings the baseline holds; return the sites, how many were dropped, and a notice for
    each entry of an audited site that took out nothing (fixed findings: the baseline can shrink)."""
    fingerprints = {entry.fingerprint for entry in baseline.entries}
    used: set[str] = set()
    result, dropped = [], 0
    for site in sites:
        kept = []
        for finding in site.findings:
            held = site.fingerprint(finding)
            if acceptable(finding) and held in fingerprints:
                used.add(held)
            else:
                kept.append(finding)
        dropped += len(site.findings) - len(kept)
        result.append(replace(site, findings=tuple(kept)))
    audited = {site.site for site in result}
    notices = tuple(_unused(entry, lang) for entry in baseline.entries
                    if entry.site in audited and entry.fingerprint not in used)
    return tuple(result), dropped, notices


def _unused(entry: Entry, lang: str) -> Notice:
    where = entry.location
    message = Text.of("baseline.unused", rule=entry.rule, site=entry.site, subject=entry.subject.ref)
    return Notice("baseline-unused", Severity.WARNING, where.path, where.line, where.column, message.render(lang))
