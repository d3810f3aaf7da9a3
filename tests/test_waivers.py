"""Waivers: expiry on both sides of the date (the real one, not the audit date), absolute rules, unused, malformed
and repeated entries."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import day
from typer.testing import CliRunner

from vidcheck import api
from vidcheck.cli import app

runner = CliRunner()
# One site with a signage finding (waivable, error) and a camera in a toilet (absolute, error).
SITE = {"site": {"id": "t-001", "categories": ["other_public"]},
        "zones": [{"id": "gate", "kind": "entrance", "signage": False},
                  {"id": "wc", "kind": "toilet", "public": False}],
        "cameras": [{"id": "C-1", "zone": "gate"}, {"id": "C-2", "zone": "wc"}]}
SIGNAGE = {"rule": "signage.missing", "site": "t-001", "subject": "zone:gate", "justification": "标识牌已订购",
           "approved_by": "安保部 王伟", "expires": "2026-03-31"}


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Waivers expire against the machine's clock: each test sets it (to the day SIGNAGE expires unless told)."""

    def set_today(text: str) -> None:
        monkeypatch.setattr(api, "real_today", lambda: day(text))

    set_today("2026-03-31")
    return set_today


def audit(write_site, tmp_path: Path, waivers: list[dict] | str, *, as_of: str = "2026-03-31",
          site: dict | None = None) -> dict:
    text = waivers if isinstance(waivers, str) else json.dumps({"vidcheck_waivers": 1, "waivers": waivers})
    (tmp_path / "w.yaml").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["audit", write_site(site or SITE), "--as-of", as_of, "--waivers",
                                 str(tmp_path / "w.yaml"), "-f", "json"])
    report = json.loads(result.stdout)
    assert report["exit_code"] == result.exit_code
    return report


def waived(report: dict) -> list[str]:
    return [f["rule"] for s in report["sites"] for f in s["findings"] if f["waiver"]]


def kinds(report: dict) -> list[str]:
    return [n["kind"] for n in report["notices"]]


@pytest.mark.parametrize("today,waived_rules,notices", [
    ("2026-03-30", ["signage.missing"], []),  # before the expiry date
    ("2026-03-31", ["signage.missing"], []),  # on it: expires is inclusive
    ("2026-04-01", [], ["waiver-expired"]),  # the day after: the finding counts again
])
def test_expiry_on_both_sides_of_the_date(write_site, tmp_path, clock, today, waived_rules, notices):
    clock(today)
    report = audit(write_site, tmp_path, [SIGNAGE])
    assert waived(report) == waived_rules and kinds(report) == notices
    assert report["summary"]["waived"] == len(waived_rules)


@pytest.mark.parametrize("as_of", ["2026-01-01", "2025-06-01"])
def test_a_fixed_audit_date_does_not_keep_a_waiver_alive(write_site, tmp_path, clock, as_of):
    """A CI job pinned to an old --as-of (a plan) used to keep every waiver alive forever."""
    clock("2026-11-30")
    report = audit(write_site, tmp_path, [{**SIGNAGE, "expires": "2026-06-01"}], as_of=as_of)
    assert waived(report) == [] and kinds(report) == ["waiver-expired"] and report["exit_code"] == 1


def test_an_audit_date_after_expiry_does_not_end_a_waiver_still_valid_today(write_site, tmp_path, clock):
    clock("2026-03-01")  # --as-of decides the law, the clock decides the waiver
    report = audit(write_site, tmp_path, [SIGNAGE], as_of="2027-01-01")
    assert waived(report) == ["signage.missing"] and kinds(report) == []


def test_options_today_sets_the_clock_for_library_callers(write_site, tmp_path):
    from vidcheck.api import Options
    from vidcheck.api import audit as run_audit

    (tmp_path / "w.json").write_text(json.dumps({"vidcheck_waivers": 1, "waivers": [SIGNAGE]}), encoding="utf-8")
    site = write_site(SITE)
    for today, count in (("2026-03-31", 1), ("2026-04-01", 0)):
        options = Options(day("2026-01-01"), waivers=str(tmp_path / "w.json"), today=day(today))
        assert run_audit([site], options).waived() == count


def test_waived_finding_does_not_fail_the_gate_but_stays_visible(write_site, tmp_path, clock):
    clean = {**SITE, "zones": SITE["zones"][:1], "cameras": SITE["cameras"][:1]}
    report = audit(write_site, tmp_path, [SIGNAGE], site=clean)
    assert report["exit_code"] == 0 and waived(report) == ["signage.missing"]
    waiver = report["sites"][0]["findings"][0]["waiver"]
    assert waiver["approved_by"] == "安保部 王伟" and waiver["location"]["line"] == 1
    clock("2026-04-01")
    expired = audit(write_site, tmp_path, [SIGNAGE], site=clean)
    assert expired["exit_code"] == 1 and waived(expired) == []


def test_the_law_makes_privacy_findings_unwaivable(write_site, tmp_path):
    toilet = {**SIGNAGE, "rule": "privacy.forbidden-zone", "subject": "camera:C-2"}
    report = audit(write_site, tmp_path, [toilet])
    assert waived(report) == [] and kinds(report) == ["waiver-not-waivable"]
    assert report["exit_code"] == 1


def test_unused_waivers_are_reported_only_for_audited_sites(write_site, tmp_path):
    stale = {**SIGNAGE, "subject": "zone:fixed-last-week"}
    elsewhere = {**SIGNAGE, "site": "another-site"}
    report = audit(write_site, tmp_path, [SIGNAGE, stale, elsewhere])
    assert kinds(report) == ["waiver-unused"] and report["notices"][0]["severity"] == "warning"


@pytest.mark.parametrize("change,fragment", [
    ({"justification": "  "}, "justification"),
    ({"approved_by": None}, "approved_by"),
    ({"expires": "2026-02-30"}, "expires"),
    ({"rule": "signage.mising"}, "did you mean 'signage.missing'"),
    ({"subject": "gate"}, "subject"),
    ({"until": "2027-01-01"}, "unknown key 'until'"),
])
def test_a_malformed_waiver_fails_closed(write_site, tmp_path, change, fragment):
    entry = {k: v for k, v in {**SIGNAGE, **change}.items() if v is not None}
    report = audit(write_site, tmp_path, [entry])
    assert waived(report) == [] and kinds(report) == ["waiver-invalid"] and report["exit_code"] == 1
    assert fragment in report["notices"][0]["message"]


def test_a_repeated_waiver_is_reported_and_the_first_applies(write_site, tmp_path):
    report = audit(write_site, tmp_path, [SIGNAGE, {**SIGNAGE, "justification": "again"}])
    assert waived(report) == ["signage.missing"] and kinds(report) == ["waiver-duplicate"]


@pytest.mark.parametrize("text,fragment", [
    ("- just a list\n", "the document is a list"),
    ("vidcheck_waivers: 2\nwaivers: []\n", "vidcheck_waivers must be 1"),
    ("waivers: [\n", "YAML syntax error"),
])
def test_an_unusable_waivers_file_is_an_input_error(write_site, tmp_path, text, fragment):
    report = audit(write_site, tmp_path, text)
    assert report["exit_code"] == 2 and fragment in report["errors"][0]["message"]
    assert report["errors"][0]["path"].endswith("w.yaml") and waived(report) == []
