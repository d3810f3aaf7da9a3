"""SPEC §8: nothing that decides the gate changes in silence. Every format says which rule files from outside the
package were used, the fail-on level and where it was set when it is not `error`, and which waivers and baseline
files took out how many findings; a default run's reports stay as they were."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import BASE_SITE, day, merged, run
from test_formats import sarif_errors

from vidcheck.api import Options, audit
from vidcheck.jurisdictions import Catalog, load_catalog
from vidcheck.model import Gate, Report, RuleFile, Severity, SiteReport
from vidcheck.render import MODULES, renderer

SHA = "ab" * 32
FULL = Gate(Severity.WARNING, ".vidcheck.yaml:2:1", (RuleFile("rules/cn-test.yaml", SHA),), "w.yaml", "base.json",
            waived=2, baselined=3)
SITE = SiteReport("site.yaml", "s-1", "测试场所", ("cn-national",), (), ())
# Every format names each of these when the gate is FULL.
NAMED = (".vidcheck.yaml:2:1", "rules/cn-test.yaml", SHA, "w.yaml", "base.json")
SIGNAGE_GAP = {"site": {"categories": ["other_public"]},
               "zones": [{"id": "gate", "kind": "entrance", "signage": False}]}


def report(gate: Gate, lang: str = "en") -> Report:
    return Report(day("2026-01-01"), lang, (SITE,), version="0.2.0", inputs=("site.yaml",), gate=gate)


@pytest.mark.parametrize("format", sorted(MODULES))
def test_every_format_names_what_decided_the_gate(format: str):
    shown = renderer(format)(report(FULL))
    assert all(name in shown for name in NAMED), shown
    assert "warning" in shown


@pytest.mark.parametrize("format", sorted(MODULES))
def test_a_default_gate_is_not_shown(format: str):
    shown = renderer(format)(report(Gate()))
    assert not any(word in shown for word in ("Gate", "gate", "fail_on_source", "set by")), shown


@pytest.mark.parametrize("format", ["text", "markdown", "github", "gitlab"])
def test_human_formats_give_the_counts_in_the_report_language(format: str):
    english = renderer(format)(report(FULL))
    assert "fail on: warning (set by .vidcheck.yaml:2:1)" in english
    assert "2 finding(s) waived" in english and "3 finding(s) baselined" in english
    chinese = renderer(format)(report(FULL, "zh"))
    assert "失败阈值：warning" in chinese and "已豁免 2 项" in chinese and "已列入基线 3 项" in chinese


def test_json_and_sarif_carry_a_gate_object():
    expected = {"fail_on": "warning", "fail_on_source": ".vidcheck.yaml:2:1",
                "rule_files": [{"path": "rules/cn-test.yaml", "sha256": SHA}], "waivers": "w.yaml", "waived": 2,
                "baseline": "base.json", "baselined": 3}
    assert json.loads(renderer("json")(report(FULL)))["gate"] == expected
    sarif = json.loads(renderer("sarif")(report(FULL)))
    assert sarif["runs"][0]["invocations"][0]["properties"]["gate"] == expected and sarif_errors(sarif) == []


def test_junit_has_gate_properties_and_gitlab_one_info_issue():
    suite = ET.fromstring(renderer("junit")(report(FULL))).find("testsuite")
    assert suite is not None
    properties = {p.get("name"): p.get("value") for p in suite.iter("property") if p.get("name") != "rule_file"}
    assert properties["fail_on"] == "warning" and properties["waived"] == "2" and properties["baselined"] == "3"
    assert [p.get("value") for p in suite.iter("property") if p.get("name") == "rule_file"] == [
        f"rules/cn-test.yaml sha256:{SHA}"]
    issues = json.loads(renderer("gitlab")(report(FULL)))
    (gate,) = [i for i in issues if i["check_name"] == "vidcheck.gate"]
    assert gate["severity"] == "info" and gate["location"]["path"] == "rules/cn-test.yaml"
    other = json.loads(renderer("gitlab")(report(Gate(Severity.INFO, "flag --fail-on"))))
    assert other[0]["fingerprint"] != gate["fingerprint"]  # a changed gate is a new issue in the MR widget


def test_github_shows_the_gate_even_past_the_annotation_cap():
    from vidcheck.model import Finding, Location, Subject

    finding = Finding("filing.due", Severity.INFO, Subject("site", "s-1"), Location("site.yaml", 1, 1, ""), "due", ())
    many = SiteReport("site.yaml", "s-1", "n", ("cn-national",), (), (finding,) * 30)
    shown = renderer("github")(Report(day("2026-01-01"), "en", (many,), gate=FULL))
    notices = [line for line in shown.splitlines() if line.startswith("::notice")]
    assert len(notices) == 10 and "vidcheck%3A gate" in notices[0]


@pytest.mark.parametrize("how,source", [
    (("--fail-on", "never"), "flag --fail-on"),
    (("env", "info"), "environment VIDCHECK_FAIL_ON"),
    (("config", "warning"), ".vidcheck.yaml:2:1"),
])
def test_the_fail_on_level_and_where_it_was_set(write_site, tmp_path: Path, how: tuple[str, str], source: str):
    path = write_site(SIGNAGE_GAP)
    args, env = ["audit", path, "--as-of", "2026-01-01", "--no-color"], {}
    if how[0] == "env":
        env["VIDCHECK_FAIL_ON"] = how[1]
    elif how[0] == "config":
        (tmp_path / ".vidcheck.yaml").write_text(f"# a pull request may change this\nfail-on: {how[1]}\n",
                                                 encoding="utf-8")
    else:
        args += how
    result = run(*args, env=env)
    level = how[1]  # a configuration file is named as found: here, by its absolute path
    assert f"fail on: {level} (set by " in result.stdout and f"{source})" in result.stdout
    document = json.loads(run(*args, "-f", "json", env=env).stdout)
    assert document["gate"]["fail_on"] == level and document["gate"]["fail_on_source"].endswith(source)


def test_fail_on_error_set_explicitly_is_the_default_gate(write_site):
    # no --as-of: a fixed audit date is part of the gate too (tests/test_plans.py)
    result = run("audit", write_site(SIGNAGE_GAP), "--fail-on", "error", "-f", "json")
    assert "gate" not in json.loads(result.stdout)


def test_waived_and_baselined_counts_come_from_the_pipeline(write_site, tmp_path: Path, monkeypatch):
    monkeypatch.setattr("vidcheck.api.real_today", lambda: day("2026-01-01"))
    two_gaps = merged(SIGNAGE_GAP, {"zones": [{"id": "gate", "kind": "entrance", "signage": False},
                                              {"id": "hall", "kind": "lobby", "signage": False}],
                                    "cameras": [{"id": "C-1", "zone": "gate"}, {"id": "C-2", "zone": "hall"}]})
    path = write_site(two_gaps)
    (tmp_path / "w.yaml").write_text(json.dumps({"vidcheck_waivers": 1, "waivers": [
        {"rule": "signage.missing", "site": "t-001", "subject": "zone:hall", "justification": "ordered",
         "approved_by": "王伟", "expires": "2026-12-31"}]}), encoding="utf-8")
    assert run("baseline", path, "--as-of", "2026-01-01", "--waivers", "w.yaml", "-o", "base.json").exit_code == 0
    result = run("audit", path, "--as-of", "2026-01-01", "--waivers", "w.yaml", "--baseline", "base.json",
                 "-f", "json")
    gate = json.loads(result.stdout)["gate"]
    assert result.exit_code == 0
    assert (gate["waivers"], gate["waived"], gate["baseline"], gate["baselined"]) == ("w.yaml", 1, "base.json", 1)


def test_rule_files_from_outside_the_package_reach_the_report(write_site):
    outside = (RuleFile("rules/cn-test.yaml", SHA),)
    catalog = Catalog(load_catalog().jurisdictions, outside)
    result = audit([write_site(BASE_SITE)], Options(day("2026-01-01")), catalog)
    assert result.gate.rule_files == outside and result.gate.non_default
    assert audit([write_site(BASE_SITE)], Options(day("2026-01-01"))).gate == Gate()
