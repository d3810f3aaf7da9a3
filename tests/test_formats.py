"""Every output format: golden files, SARIF against the official schema, JUnit parsed back, escaping, caps."""

from __future__ import annotations

import json
import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import REPO, day, run

GOLDEN = Path(__file__).parent / "golden"
DATA = Path(__file__).parent / "data"
GOLDEN_FILES = {"sarif": "qingdao-hotel.sarif", "junit": "qingdao-hotel.junit.xml", "github": "qingdao-hotel.github",
                "gitlab": "qingdao-hotel.gitlab.json", "markdown": "qingdao-hotel.md"}
WAIVERS = """\
vidcheck_waivers: 1
waivers:
  - {rule: signage.missing, site: qd-shinan-hotel-05, subject: "zone:lobby", justification: 标识牌已订购,
     approved_by: 王伟（安保部）, expires: 2026-12-31}
  - {rule: filing.late, site: qd-shinan-hotel-05, subject: "site:qd-shinan-hotel-05", justification: 未用,
     approved_by: 王伟（安保部）, expires: 2026-12-31}
"""


@pytest.fixture
def hotel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The Qingdao hotel example with one used and one unused waiver, in the working directory, on a clock that
    keeps the waiver valid (waivers expire against the real date)."""
    monkeypatch.setattr("vidcheck.api.real_today", lambda: day("2026-11-01"))
    shutil.copy(REPO / "examples" / "cn-qingdao-hotel-bad.yaml", tmp_path / "hotel.yaml")
    (tmp_path / "vidcheck-waivers.yaml").write_text(WAIVERS, encoding="utf-8")
    return tmp_path


def audit_hotel(format: str, *extra: str):
    return run("audit", "hotel.yaml", "--as-of", "2026-11-01", "--waivers", "vidcheck-waivers.yaml", "-f", format,
               *extra)


@pytest.mark.parametrize("format", sorted(GOLDEN_FILES))
def test_format_matches_its_golden_file(hotel: Path, format: str):
    result = audit_hotel(format)
    assert result.exit_code == 1, result.output
    golden = GOLDEN / GOLDEN_FILES[format]
    if os.environ.get("VIDCHECK_UPDATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")


def sarif_errors(document: dict) -> list[str]:
    import jsonschema

    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


def test_sarif_validates_and_marks_waived_results(hotel: Path):
    document = json.loads(audit_hotel("sarif").stdout)
    assert sarif_errors(document) == []
    run_ = document["runs"][0]
    rules = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    assert len(rules) == len(set(rules)) and "privacy.forbidden-zone" in rules
    for rule in run_["tool"]["driver"]["rules"]:
        assert rule["fullDescription"]["text"] and rule["help"]["text"] and rule["properties"]["citations"]
    for result in run_["results"]:
        assert rules[result["ruleIndex"]] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    waived = [r for r in run_["results"] if "suppressions" in r]
    assert [r["ruleId"] for r in waived] == ["signage.missing"]
    assert waived[0]["suppressions"][0]["status"] == "accepted"
    notices = run_["invocations"][0]["toolConfigurationNotifications"]
    assert [n["descriptor"]["id"] for n in notices] == ["waiver-unused"]


def test_sarif_marks_drafts_and_reports_input_errors(tmp_path: Path):
    shutil.copy(REPO / "examples" / "cn-guangdong-draft-residential-bad.yaml", tmp_path / "广州 住宅.yaml")
    (tmp_path / "broken.yaml").write_text("vidcheck: 1\nsite: [\n", encoding="utf-8")
    result = run("audit", "广州 住宅.yaml", "broken.yaml", "--as-of", "2026-11-01", "-f", "sarif")
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert sarif_errors(document) == []
    run_ = document["runs"][0]
    assert run_["invocations"][0]["executionSuccessful"] is False
    assert run_["properties"]["drafts"] == ["cn-guangdong-draft"]
    drafted = [r for r in run_["results"] if r.get("properties", {}).get("draft")]
    assert drafted and all("draft" in r["properties"]["tags"] for r in drafted)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run_["results"]}
    assert uris == {"%E5%B9%BF%E5%B7%9E%20%E4%BD%8F%E5%AE%85.yaml", "broken.yaml"}
    errors = [r for r in run_["results"] if r["ruleId"] == "input-error"]
    assert len(errors) == 1 and errors[0]["locations"][0]["physicalLocation"]["region"]["startLine"] >= 2


def junit_cases(text: str) -> dict[str, ET.Element]:
    root = ET.fromstring(text)
    return {f"{case.get('classname')}/{case.get('name')}": case for case in root.iter("testcase")}


def test_junit_parses_back_with_one_case_per_family(hotel: Path):
    text = audit_hotel("junit").stdout
    root = ET.fromstring(text)
    suite = root.find("testsuite")
    assert suite is not None and int(suite.get("tests", "0")) == 9
    cases = junit_cases(text)
    failed = {key.split("/")[1] for key, case in cases.items() if case.find("failure") is not None}
    assert failed == {"filing", "retention", "coverage", "privacy"}  # signage is waived: listed, not failed
    signage = cases["qd-shinan-hotel-05/signage"]
    assert signage.find("failure") is None and "waived until 2026-12-31" in (signage.findtext("system-out") or "")
    assert int(root.get("failures", "0")) == 4 and root.get("tests") == "10"  # 9 families + waiver notices


def test_junit_follows_fail_on_and_survives_control_characters(write_site):
    path = write_site({"site": {"name": "evil\x01\x1b name"}, "zones": [{"id": "t", "kind": "toilet"}],
                       "cameras": [{"id": "C-1", "zone": "t"}]})
    never = run("audit", path, "--as-of", "2026-01-01", "-f", "junit", "--fail-on", "never")
    assert never.exit_code == 0
    root = ET.fromstring(never.stdout)
    assert root.get("failures") == "0" and "privacy.forbidden-zone" in never.stdout


def test_junit_input_error_is_an_errored_case(tmp_path: Path):
    (tmp_path / "bad.yaml").write_text("vidcheck: 1\nsite: [\n", encoding="utf-8")
    result = run("audit", "bad.yaml", "-f", "junit")
    assert result.exit_code == 2
    (case,) = junit_cases(result.stdout).values()
    assert case.find("error") is not None and "bad.yaml:" in (case.findtext("error") or "")


def many_findings(write_site, count: int) -> str:
    zones = [{"id": f"t{i}", "kind": "toilet"} for i in range(count)]
    cameras = [{"id": f"C-{i}", "zone": f"t{i}"} for i in range(count)]
    return write_site({"zones": [*zones, {"id": "gate", "kind": "entrance", "signage": True}],
                       "cameras": [*cameras, {"id": "C-gate", "zone": "gate"}]})


def test_github_respects_the_annotation_cap_and_logs_everything(write_site):
    result = run("audit", many_findings(write_site, 25), "--as-of", "2026-01-01", "-f", "github")
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(errors) == 10 and "more error annotation(s) not shown" in errors[-1]
    log = result.stdout.split("::group::vidcheck report\n")[1].split("::endgroup::")[0]
    assert log.count("privacy.forbidden-zone") == 25  # the log group is never cut
    total = sum(1 for line in log.splitlines() if ": error " in line)
    hidden = int(errors[-1].split("::")[-1].split()[0])
    assert hidden == total - 9


def test_github_is_chosen_on_actions_and_escapes_input(write_site):
    path = write_site({"site": {"name": "x"}, "zones": [{"id": "gate", "kind": "entrance", "signage": False,
                                                         "name": "50%\n::error::forged, a:b"}]})
    result = run("audit", path, "--as-of", "2026-01-01", env={"GITHUB_ACTIONS": "true"})
    lines = result.stdout.splitlines()
    (signage,) = [line for line in lines if line.startswith("::error ") and "signage.missing" in line]
    assert "50%25\\u000a::error::forged" in signage  # one escaping for every format
    assert not any(line.startswith("::error::forged") for line in lines)
    assert lines[-1].startswith("vidcheck: 1 site(s)")


def test_gitlab_code_quality_issues(hotel: Path):
    issues = json.loads(audit_hotel("gitlab").stdout)
    assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issues[0])
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    by_check = {i["check_name"]: i for i in issues}
    assert by_check["signage.missing"]["severity"] == "info" and "[waived" in by_check["signage.missing"]["description"]
    assert by_check["privacy.forbidden-zone"]["severity"] == "major"
    assert all(i["location"]["path"] in {"hotel.yaml", "vidcheck-waivers.yaml"} for i in issues)


def test_markdown_makes_input_inert(write_site):
    path = write_site({"site": {"name": "<script>x</script> | **bold**"},
                       "zones": [{"id": "t", "kind": "toilet"}], "cameras": [{"id": "C-1", "zone": "t"}]})
    out = run("audit", path, "--as-of", "2026-01-01", "-f", "markdown").stdout
    assert out.startswith("## vidcheck: ❌ failed")
    assert "<script>" not in out and "&lt;script&gt;" in out and "\\| \\*\\*bold\\*\\*" in out


def test_several_outputs_in_one_run(hotel: Path):
    result = audit_hotel("text", "-f", "sarif", "-o", "report.sarif")
    assert result.exit_code == 1 and "Summary" in result.stdout
    assert sarif_errors(json.loads((hotel / "report.sarif").read_text(encoding="utf-8"))) == []
    named = audit_hotel("json=out.json", "-f", "junit=out.xml", "--no-color")
    assert named.stdout == "" and json.loads((hotel / "out.json").read_text(encoding="utf-8"))["tool"] == "vidcheck"
    ET.fromstring((hotel / "out.xml").read_text(encoding="utf-8"))


def test_two_formats_cannot_share_standard_output(hotel: Path):
    result = audit_hotel("json", "-f", "sarif")
    assert result.exit_code == 2 and "would all go to standard output" in result.output


@pytest.mark.parametrize("format", ["json", "sarif", "junit", "github", "gitlab", "markdown", "text"])
def test_input_errors_appear_in_every_format(tmp_path: Path, format: str):
    (tmp_path / "bad.yaml").write_text("vidcheck: 1\nsite:\n  id: [\n", encoding="utf-8")
    result = run("audit", "bad.yaml", "-f", format, "--no-color")
    assert result.exit_code == 2 and "bad.yaml" in result.stdout
    assert "did not find expected node content" in result.stdout


def test_when_every_report_goes_to_a_file_the_terminal_still_gets_a_summary(hotel: Path):
    result = audit_hotel("sarif=out.sarif")
    assert result.stdout == "" and result.exit_code == 1
    assert "vidcheck: 1 site(s): 6 error, 0 warning, 0 info, 1 waived → out.sarif" in result.stderr


def test_markdown_speaks_the_report_language(hotel: Path):
    out = audit_hotel("markdown", "--lang", "zh").stdout
    assert out.startswith("## vidcheck: ❌ 未通过") and "| 规则 | 位置 | 对象 | 问题 | 依据 |" in out
    assert "豁免至2026-12-31" in out


def test_github_speaks_the_report_language(write_site):
    result = run("audit", many_findings(write_site, 25), "--as-of", "2026-01-01", "-f", "github", "--lang", "zh")
    lines = result.stdout.splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    log = result.stdout.split("::group::vidcheck report\n")[1].split("::endgroup::")[0]
    total, warnings = (sum(1 for line in log.splitlines() if f": {level} " in line) for level in ("error", "warning"))
    assert errors[-1].endswith(f"::另有 {total - 9} 条错误注释未显示：GitHub 每个步骤每级只显示 10 条。"
                               "完整列表见日志组“vidcheck report”和 SARIF 文件。")
    assert f"title=vidcheck：另有 {total - 9} 条" in errors[-1]
    assert lines[-1] == f"vidcheck：1 个场所：错误 {total}，警告 {warnings}，提示 0，已豁免 0"
