"""Every finding says how to fix it (issue 14 item 8): in both languages, in every human format and in JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from vidcheck.api import Options, audit
from vidcheck.render import streamer

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml"))
REMOVED = """
vidcheck: 1
site: {id: s-1, name: 测试酒店, jurisdiction: cn-qingdao, categories: [hotel]}
system: {accepted_on: 2024-01-01, in_service_on: 2024-01-02, retention_days: 30, operates_24x7: true,
         filings: [{filed_on: 2024-01-10, declared_retention_days: 30}]}
zones: [{id: lobby, name: 大堂, kind: lobby, signage: true}]
cameras:
  - {id: C-1, zone: lobby, installed_on: 2024-01-01}
  - {id: C-2, zone: lobby, installed_on: 2024-01-01, removed_on: 2025-03-01}
"""


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_finding_of_every_example_has_a_hint(path: Path, lang: str) -> None:
    for as_of in (dt.date(2024, 6, 1), dt.date(2026, 11, 1), dt.date(2027, 12, 31)):
        report = audit([str(path)], Options(as_of=as_of, lang=lang))
        for finding in (f for site in report.sites for f in site.findings):
            assert finding.hint.strip() and "{" not in finding.hint, (finding.rule, finding.hint)


def _removal(tmp_path: Path, lang: str) -> Path:
    path = tmp_path / "site.yaml"
    path.write_text(REMOVED, encoding="utf-8")
    return path


@pytest.mark.parametrize("lang,expected", [
    ("en", "file the removal of camera C-2 with the police and record removal_filed_on on the camera at line 9"),
    ("zh", "向公安机关办理摄像机C-2的拆除备案，并在第9行的摄像机上填写removal_filed_on"),
])
def test_a_removal_without_its_filing_says_which_field_to_record_and_where(tmp_path: Path, lang: str,
                                                                         expected: str) -> None:
    report = audit([str(_removal(tmp_path, lang))], Options(as_of=dt.date(2026, 11, 1), lang=lang))
    (finding,) = [f for f in report.sites[0].findings if f.rule == "filing.removal"]
    assert finding.location.line == 9
    assert finding.hint == expected


def test_every_format_shows_the_hint(tmp_path: Path) -> None:
    report = audit([str(_removal(tmp_path, "en"))], Options(as_of=dt.date(2026, 11, 1), lang="en"))
    hint = next(f.hint for f in report.sites[0].findings if f.rule == "filing.removal")
    for name in ("text", "markdown", "github", "gitlab", "sarif", "junit", "json"):
        output = "".join(streamer(name)(report))
        if name in ("json", "gitlab", "sarif"):
            output = json.dumps(json.loads(output), ensure_ascii=False)
        if name == "junit":
            from xml.etree import ElementTree as ET

            output = " ".join(ET.fromstring(output).itertext())
        if name == "github":
            output = output.replace("%0A", "\n")
        shown = hint.replace("_", "\\_") if name == "markdown" else hint
        assert " ".join(shown.split()) in " ".join(output.split()), name  # text wraps its lines
    document = json.loads("".join(streamer("json")(report)))
    assert all(f["hint"] for site in document["sites"] for f in site["findings"])
    sarif = json.loads("".join(streamer("sarif")(report)))
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "filing.removal")
    assert result["message"]["text"].endswith(f". Fix: {hint}")


def test_every_finding_message_key_has_a_hint_and_every_hint_a_message() -> None:
    """Hints are keyed like the finding messages (one per variant); the parts of messages (basis., period.,
    deadline., the pieces of a change list) and the notices' messages need none."""
    from vidcheck.checks import FINDING_ORDER
    from vidcheck.i18n import catalog

    parts = ("basis.", "period.", "deadline.", "filing.change.")
    for lang in ("en", "zh"):
        messages, hints = catalog(lang)["messages"], catalog(lang)["hints"]
        assert set(hints) <= set(messages)
        families = {rule.split(".")[0] for rule in FINDING_ORDER}  # coverage, privacy, installer, filing…
        findings = {key for key in messages if key.split(".")[0] in families
                    and not key.startswith(parts)} | {"filing.change.undated"}
        assert "installer.outside-premises.public" in findings
        assert findings - set(hints) == set(), lang
