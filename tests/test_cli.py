"""The command line through Typer's runner: exit codes, formats, output safety, golden JSON."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import run

GOLDEN = Path(__file__).parent / "golden"
CLEAN = {"site": {"categories": ["other_public"]}}
BROKEN = {"site": {"jurisdiction": "cn-qingdao", "categories": ["hotel"]},
          "zones": [{"id": "gate", "kind": "entrance", "signage": True}, {"id": "r101", "kind": "guest_room"}],
          "cameras": [{"id": "C-1", "zone": "gate"}, {"id": "C-2", "zone": "r101"}],
          "system": {"retention_days": 20, "accepted_on": "2025-06-01", "in_service_on": "2025-06-01",
                     "filings": [{"filed_on": "2025-06-20", "declared_retention_days": 30}],
                     "controls": {"access_log": True, "duty_monitoring": True, "staff_training": True,
                                  "staff_vetting": True, "access_control": True}}}


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.startswith("vidcheck 0.2.0")


def test_clean_site_exits_zero(write_site):
    result = run("audit", write_site(CLEAN), "--as-of", "2026-01-01")
    assert result.exit_code == 0, result.stdout
    assert ": no findings" in result.stdout  # one line per clean site (SPEC §11)


def test_findings_exit_one_and_fail_on_never_exits_zero(write_site):
    path = write_site(BROKEN)
    assert run("audit", path, "--as-of", "2026-01-01").exit_code == 1
    assert run("audit", path, "--as-of", "2026-01-01", "--fail-on", "never").exit_code == 0


def test_fail_on_warning_counts_warnings(write_site):
    late = {"site": {"categories": ["shopping_center"]},
            "system": {"retention_days": 30, "operates_24x7": True, "in_service_on": "2025-06-01",
                       "filings": [{"filed_on": "2025-08-01"}],
                       "controls": dict.fromkeys(["access_log", "staff_vetting", "staff_training",
                                                  "access_control"], True)}}
    path = write_site(late)
    assert run("audit", path, "--as-of", "2026-01-01").exit_code == 0
    assert run("audit", path, "--as-of", "2026-01-01", "--fail-on", "warning").exit_code == 1


@pytest.mark.parametrize("args", [["--as-of", "2026-13-01"], ["-j", "cn-atlantis"], ["--format", "xml"]])
def test_bad_options_exit_two(write_site, args):
    result = run("audit", write_site(CLEAN), *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_invalid_inventory_exits_two_with_location(write_site):
    path = write_site({"system": {"retention_days": "thirty"}})
    result = run("audit", path, "--as-of", "2026-01-01")
    assert result.exit_code == 2
    assert f"{path}:" in result.stdout and "retention_days" in result.stdout


def test_validate_exit_codes(write_site, tmp_path):
    assert run("validate", write_site(CLEAN)).exit_code == 0
    assert run("validate", write_site({"system": {"retention_days": -1}})).exit_code == 1
    assert run("validate", write_site(text="a: [\n")).exit_code == 1
    assert run("validate", str(tmp_path / "missing.yaml")).exit_code == 2


def test_json_report_matches_the_golden_file(write_site):
    result = run("audit", write_site(BROKEN, name="site.yaml"), "--as-of", "2026-01-01", "-f", "json",
                 "--lang", "en")
    report = json.loads(result.stdout)
    for site in report["sites"]:
        site["path"] = "site.yaml"
        for finding in site["findings"]:
            finding["location"]["path"] = "site.yaml"
    golden = GOLDEN / "qingdao-hotel.json"
    if os.environ.get("VIDCHECK_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert report == json.loads(golden.read_text(encoding="utf-8"))


def test_json_report_shape(write_site):
    report = json.loads(run("audit", write_site(BROKEN), "--as-of", "2026-01-01", "-f", "json").stdout)
    assert set(report) == {"tool", "version", "report_format", "as_of", "sites", "errors", "summary",
                           "notices", "fail_on", "exit_code", "gate"}  # SPEC §5 plus the gate's (--as-of is one)
    finding = report["sites"][0]["findings"][0]
    assert set(finding) == {"rule", "severity", "subject", "location", "message", "citations", "penalties",
                            "fingerprint", "waiver", "hint"}
    assert set(finding["location"]) == {"path", "line", "column", "pointer"}


def test_lang_zh_translates_messages_but_not_quotes(write_site):
    out = run("audit", write_site(BROKEN), "--as-of", "2026-01-01", "--lang", "zh", "--no-color").stdout
    assert "禁止安装" in out and "试衣间" in out  # message in Chinese, quote verbatim


def test_output_is_written_atomically_and_never_over_an_input(write_site, tmp_path):
    path = write_site(CLEAN)
    before = Path(path).read_text(encoding="utf-8")
    refused = run("audit", path, "--as-of", "2026-01-01", "-o", path)
    assert refused.exit_code == 2 and Path(path).read_text(encoding="utf-8") == before
    target = tmp_path / "report.json"
    assert run("audit", path, "--as-of", "2026-01-01", "-f", "json", "-o", str(target)).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["summary"] == {
        "error": 0, "warning": 0, "info": 0, "waived": 0, "baselined": 0,
        "exposure": {"fines": {}, "if_not_corrected": {}, "orders": []}}
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_stdin_is_read_with_dash():
    text = json.dumps({"vidcheck": 1, "site": {"id": "s", "name": "n", "categories": ["other_public"]}})
    result = run("audit", "-", "--as-of", "2026-01-01", "-f", "json", input=text)
    assert result.exit_code == 0 and json.loads(result.stdout)["sites"][0]["site"] == "s"


def test_control_characters_from_input_do_not_reach_the_terminal(write_site):
    path = write_site({"site": {"name": "evil\x1b[2J\x07name"}})
    out = run("audit", path, "--as-of", "2026-01-01", "--no-color").stdout
    assert "\x1b" not in out and "\\u001b" in out


def test_compare_shows_all_five_side_by_side():
    result = run("compare", "-f", "json", "--lang", "zh")
    data = json.loads(result.stdout)
    shown = data["jurisdictions"]  # every shipped id, in order
    assert shown == sorted(shown) and {"cn-datong", "cn-guangdong-draft", "cn-guangzhou", "cn-national",
                                       "cn-qingdao"} <= set(shown)
    rows = {row["aspect"]: row["values"] for row in data["rows"]}
    retention = rows["最短保存期"]
    assert "15日" in retention["cn-guangzhou"] and "15日" in retention["cn-datong"]
    assert "30日" in retention["cn-national"] and "30日" in retention["cn-qingdao"]
    assert "2年" in rows["涉案视频保存期"]["cn-guangdong-draft"]
    assert rows["提示标识"]["cn-datong"].startswith("公共场所的监控部位（《公共安全视频图像信息系统管理条例》第十三条")
    assert "投入使用之日起 30日" in rows["备案期限"]["cn-national"]
    assert "2025-04-01 + 90日" in rows["已有系统备案"]["cn-national"]


@pytest.mark.parametrize("fmt,marker", [("markdown", "| cn-datong |"), ("csv", ",cn-datong,"), ("text", "cn-qingdao")])
def test_compare_formats(fmt, marker):
    result = run("compare", "-f", fmt)
    assert result.exit_code == 0 and marker in result.stdout


def test_jurisdictions_rules_and_explain():
    assert "cn-guangdong-draft" in run("jurisdictions").stdout
    shown = run("jurisdictions", "show", "cn-qingdao")
    assert shown.exit_code == 0 and "第十九条第七项" in shown.stdout
    assert run("jurisdictions", "show", "cn-atlantis").exit_code == 2
    assert "filing.overdue" in run("rules").stdout
    explained = run("explain", "retention.minimum")
    assert explained.exit_code == 0 and "cn-guangzhou/" in explained.stdout
    assert run("explain", "no.such-rule").exit_code == 2


def test_bad_rule_data_is_rejected_with_a_location(write_site, tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "cn-test.yaml").write_text("vidcheck_jurisdiction: 1\nid: cn-test\nname: {zh: 测, en: t}\n"
                                         "parent: cn-nowhere\ninstruments: {}\nrules: []\n", encoding="utf-8")
    result = run("audit", write_site(CLEAN), "--rules-dir", str(folder))
    assert result.exit_code == 2 and "cn-test.yaml:" in result.output


def audit_with_rule_file(write_site, tmp_path, text: str):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "cn-test.yaml").write_text("vidcheck_jurisdiction: 1\nid: cn-test\nname: {zh: 测, en: t}\n" + text,
                                         encoding="utf-8")
    return run("audit", write_site(CLEAN), "--rules-dir", str(folder))


INSTRUMENT = "instruments: {t: {title: 测, number: '1', effective_on: 2020-01-01, source: x.txt}}\n"


@pytest.mark.parametrize("body,fragment", [
    ("parent: cn-nowhere\n", "parent 'cn-nowhere' is not a known jurisdiction"),
    ("parent: cn-test\n", "parent cycle"),
    ("effective: x\n", "unknown key 'effective'"),
])
def test_rule_data_faults_are_located(write_site, tmp_path, body, fragment):
    result = audit_with_rule_file(write_site, tmp_path, body + INSTRUMENT + "rules: []\n")
    assert result.exit_code == 2 and fragment in result.output and "cn-test.yaml:" in result.output


@pytest.mark.parametrize("rule,fragment", [
    ("{id: r, check: coverage.everything, instrument: t, article: 第一条, quote: q}", "not an allowed value"),
    ("{id: r, check: operation.continuous, instrument: nope, article: 第一条, quote: q}", "instrument 'nope'"),
])
def test_rule_records_are_checked(write_site, tmp_path, rule, fragment):
    result = audit_with_rule_file(write_site, tmp_path, INSTRUMENT + f"rules: [{rule}]\n")
    assert result.exit_code == 2 and fragment in result.output


def test_impossible_effective_date_in_rule_data_is_located(write_site, tmp_path):
    text = "instruments:\n  t: {title: 测, number: '1', effective_on: 2020-02-30, source: x.txt}\nrules: []\n"
    result = audit_with_rule_file(write_site, tmp_path, text)
    assert result.exit_code == 2 and "cn-test.yaml:5:" in result.output and "not a day of the calendar" in result.output


def test_validate_reports_carry_the_validate_exit_codes(write_site, tmp_path):
    invalid = write_site({"site": {"colour": "red"}})
    result = run("validate", invalid, "-f", "json")
    assert result.exit_code == 1 and json.loads(result.stdout)["exit_code"] == 1
    missing = run("validate", str(tmp_path / "nope.yaml"), "-f", "json")
    assert missing.exit_code == 2 and json.loads(missing.stdout)["exit_code"] == 2


@pytest.mark.parametrize("args,fragment", [
    (["audit", "--fail-on", "warnings", "x.yaml"], "Invalid value for '--fail-on'"),
    (["audit"], "Missing argument"),
    (["audit", "--bogus", "x.yaml"], "No such option: --bogus"),
])
def test_the_console_script_reports_a_bad_option_in_one_line(args, fragment):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "vidcheck", *args], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and fragment in result.stderr and result.stderr.startswith("vidcheck: ")


def test_the_console_script_flushes_everything_before_its_quick_exit(tmp_path):
    import subprocess
    import sys

    example = Path(__file__).parent.parent / "examples" / "cn-qingdao-hotel-bad.yaml"
    sites = [tmp_path / f"site-{number}.yaml" for number in range(40)]  # a report far larger than a pipe buffer
    for number, site in enumerate(sites):
        site.write_text(example.read_text(encoding="utf-8").replace("qd-shinan-hotel-05", f"hotel-{number}"),
                        encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "vidcheck", "audit", str(tmp_path), "--as-of", "2026-11-01",
                             "-f", "json", "-f", "github=" + str(tmp_path / "gh.txt")],
                            capture_output=True, text=True, timeout=120)
    report = json.loads(result.stdout)
    assert result.returncode == 1 == report["exit_code"] and len(report["sites"]) == len(sites)
    assert (tmp_path / "gh.txt").read_text(encoding="utf-8").startswith("::error")
