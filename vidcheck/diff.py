"""What changed between two audits (SPEC §11): findings fixed, new and unchanged between two JSON reports, per site.

Findings are matched by the fingerprint the JSON report carries, the one baselines use (``model.fingerprint``:
rule + site + subject + key, never a line number), so moving text in an inventory changes nothing here. A site
that only one report audited is not compared: its findings are neither fixed nor new, but "not audited again"
(removed) or "first audit" (added), so that leaving a file out of a run never reads as a fix.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .errors import LocatedError
from .i18n import tr
from .model import EXIT_FINDINGS, EXIT_OK, Severity, Subject, fingerprint
from .textfile import read_text

STATES = ("fixed", "new", "unchanged")


@dataclass(frozen=True, slots=True)
class Item:
    """One finding as a JSON report wrote it."""

    fingerprint: str
    rule: str
    severity: Severity
    subject: Subject
    location: str  # path:line:column
    message: str
    waived: bool


@dataclass(frozen=True, slots=True)
class SiteDiff:
    site: str
    name: str
    path: str  # the inventory in the newer report, else in the older
    state: str  # both | added (only the new report audited it) | removed (only the old one did)
    fixed: tuple[Item, ...] = ()
    new: tuple[Item, ...] = ()
    unchanged: tuple[Item, ...] = ()
    dropped: tuple[Item, ...] = ()  # a removed site's findings: not audited again, so neither fixed nor open

    def items(self, state: str) -> tuple[Item, ...]:
        found: tuple[Item, ...] = getattr(self, state)
        return found


@dataclass(frozen=True, slots=True)
class Side:
    """One of the two reports compared."""

    path: str
    as_of: str
    version: str
    sites: int


@dataclass(frozen=True, slots=True)
class Diff:
    old: Side
    new: Side
    sites: tuple[SiteDiff, ...]
    lang: str
    fail_on: Severity | None = Severity.ERROR

    def count(self, state: str) -> int:
        return sum(len(site.items(state)) for site in self.sites)

    def fails(self, item: Item) -> bool:
        return not item.waived and self.fail_on is not None and item.severity >= self.fail_on

    @property
    def exit_code(self) -> int:
        """1 when a new finding (not waived) is at or above fail_on: a review gate that only looks at what got
        worse since the older report; else 0. Unreadable reports never get here (exit 2)."""
        return EXIT_FINDINGS if any(self.fails(i) for s in self.sites for i in s.new) else EXIT_OK


@dataclass(frozen=True, slots=True)
class _Site:
    site: str
    name: str
    path: str
    findings: Mapping[str, Item]


def compare_reports(old_path: str, new_path: str, lang: str, fail_on: Severity | None = Severity.ERROR) -> Diff:
    """Load both reports and match their findings; raise LocatedError for a file that is not a vidcheck report."""
    old_side, old_sites = load_report(old_path, lang)
    new_side, new_sites = load_report(new_path, lang)
    sites = []
    for ident in sorted(old_sites.keys() | new_sites.keys()):
        before, after = old_sites.get(ident), new_sites.get(ident)
        if before is None and after is not None:
            sites.append(SiteDiff(ident, after.name, after.path, "added", new=tuple(after.findings.values())))
        elif after is None and before is not None:
            sites.append(SiteDiff(ident, before.name, before.path, "removed",
                                  dropped=tuple(before.findings.values())))
        elif before is not None and after is not None:
            sites.append(SiteDiff(
                ident, after.name or before.name, after.path, "both",
                fixed=tuple(i for key, i in before.findings.items() if key not in after.findings),
                new=tuple(i for key, i in after.findings.items() if key not in before.findings),
                unchanged=tuple(i for key, i in after.findings.items() if key in before.findings)))
    return Diff(old_side, new_side, tuple(sites), lang, fail_on)


def load_report(path: str, lang: str) -> tuple[Side, dict[str, _Site]]:
    text = read_text(path)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LocatedError(path, exc.lineno, exc.colno, _word("bad_json", lang).format(reason=exc.msg)) from None
    except RecursionError:
        raise LocatedError(path, 1, 1, _word("bad_json", lang).format(reason="nested too deeply")) from None
    if not (isinstance(document, dict) and document.get("tool") == "vidcheck"
            and document.get("report_format") == 1 and isinstance(document.get("sites"), list)):
        raise LocatedError(path, 1, 1, _word("not_a_report", lang))
    sites: dict[str, _Site] = {}
    for index, raw in enumerate(document["sites"]):
        site = _site(raw, f"/sites/{index}", path, lang)
        sites[site.site] = site
    side = Side(path, str(document.get("as_of", "")), str(document.get("version", "")), len(sites))
    return side, sites


def _site(raw: Any, pointer: str, path: str, lang: str) -> _Site:
    if not (isinstance(raw, dict) and isinstance(raw.get("site"), str) and isinstance(raw.get("findings"), list)):
        raise _bad(path, pointer, lang)
    findings: dict[str, Item] = {}
    for index, finding in enumerate(raw["findings"]):
        item = _item(finding, raw["site"], f"{pointer}/findings/{index}", path, lang)
        findings[item.fingerprint] = item
    return _Site(raw["site"], str(raw.get("name") or ""), str(raw.get("path") or ""), findings)


def _item(raw: Any, site: str, pointer: str, path: str, lang: str) -> Item:
    try:
        subject = Subject(str(raw["subject"]["type"]), str(raw["subject"]["id"]), raw["subject"].get("location"))
        severity = Severity.parse(raw["severity"])
        where = raw["location"]
        location = f"{where['path']}:{where['line']}:{where['column']}"
        rule = str(raw["rule"])
        # the report's own fingerprint; an older report without one is matched as a baseline would (no key)
        key = raw.get("fingerprint") or fingerprint(rule, site, subject)
        return Item(str(key), rule, severity, subject, location, str(raw.get("message", "")),
                    raw.get("waiver") is not None)
    except (KeyError, TypeError, AttributeError):
        raise _bad(path, pointer, lang) from None


def _bad(path: str, pointer: str, lang: str) -> LocatedError:
    return LocatedError(path, 1, 1, _word("bad_entry", lang).format(pointer=pointer), pointer)


def _word(key: str, lang: str) -> str:
    return tr("diff", key, lang)


def counted(diff: Diff) -> Iterator[tuple[str, int]]:
    """(state, count) for each state, in the order reports show them."""
    return ((state, diff.count(state)) for state in STATES)
