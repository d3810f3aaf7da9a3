"""vidcheck diff OLD.json NEW.json: findings fixed, new and unchanged per site, matched by fingerprint."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO, run

HOTEL = (REPO / "examples" / "cn-qingdao-hotel-bad.yaml").read_text(encoding="utf-8")
WUHAN = REPO / "examples" / "cn-wuhan-office-building-bad.yaml"


def report(tmp_path: Path, name: str, *files: str) -> str:
    result = run("audit", *files, "--as-of", "2026-11-22", "-f", "json", "-o", name)
    assert result.exit_code in (0, 1), result.output
    return name


@pytest.fixture
def reports(tmp_path: Path) -> tuple[str, str]:
    """Last month: the hotel. This month: the hotel with 30 days of retention (one finding fixed), moved down by
    two lines (fingerprints, not lines, match findings), a new zone without signage, and a Wuhan site added."""
    (tmp_path / "hotel.yaml").write_text(HOTEL, encoding="utf-8")
    old = report(tmp_path, "old.json", "hotel.yaml")
    fixed = "# reviewed\n# monthly\n" + HOTEL.replace("retention_days: 15", "retention_days: 30")
    (tmp_path / "hotel.yaml").write_text(fixed, encoding="utf-8")
    (tmp_path / "wuhan.yaml").write_text(WUHAN.read_text(encoding="utf-8"), encoding="utf-8")
    new = report(tmp_path, "new.json", "hotel.yaml", "wuhan.yaml")
    return old, new


def test_json_diff_sorts_findings_into_fixed_new_and_unchanged(reports: tuple[str, str]):
    result = run("diff", *reports, "-f", "json")
    assert result.exit_code == 1, result.output  # the added site's errors are new
    document = json.loads(result.stdout)
    sites = {site["site"]: site for site in document["sites"]}
    hotel = sites["qd-shinan-hotel-05"]
    assert hotel["state"] == "both"
    assert [f["rule"] for f in hotel["fixed"]] == ["retention.minimum"] and hotel["new"] == []
    assert len(hotel["unchanged"]) == 6
    wuhan = sites["wh-guanggu-tower-03"]
    assert wuhan["state"] == "added" and len(wuhan["new"]) == 7 and wuhan["fixed"] == wuhan["dropped"] == []
    assert document["summary"] == {"fixed": 1, "new": 7, "unchanged": 6}


def test_nothing_new_exits_0_and_a_site_left_out_is_not_fixed(tmp_path: Path, reports: tuple[str, str]):
    old, new = reports
    assert run("diff", old, old).exit_code == 0
    result = run("diff", new, old)  # backwards: the Wuhan site is only in the "old" report now
    assert result.exit_code == 1, result.output  # retention.minimum is back
    assert "0 fixed, 1 new, 6 unchanged" in result.stdout
    assert "only in the older report" in result.stdout and "Not audited again (7)" in result.stdout


def test_fail_on_decides_which_new_findings_fail(tmp_path: Path, reports: tuple[str, str]):
    assert run("diff", *reports, "--fail-on", "never").exit_code == 0
    assert run("diff", *reports, "--fail-on", "warning").exit_code == 1


@pytest.mark.parametrize("form", ["text", "markdown", "html"])
def test_every_form_names_the_changes_in_the_report_language(reports: tuple[str, str], form: str):
    zh = run("diff", *reports, "-f", form, "--lang", "zh").stdout
    assert "已整改" in zh and "新增" in zh and "retention.minimum" in zh and "wh-guanggu-tower-03" in zh
    en = run("diff", *reports, "-f", form, "--lang", "en").stdout
    assert "Fixed" in en and "First audit" in en


def test_the_html_diff_is_written_to_a_file_and_escapes_input(tmp_path: Path, reports: tuple[str, str]):
    old, new = reports
    document = json.loads(Path(new).read_text(encoding="utf-8"))
    (wuhan,) = (site for site in document["sites"] if site["site"] == "wh-guanggu-tower-03")
    wuhan["findings"][0]["message"] = "<script>x</script>\u202e"  # a new finding: listed
    Path(new).write_text(json.dumps(document), encoding="utf-8")
    result = run("diff", old, new, "-f", "html", "-o", "review.html")
    page = (tmp_path / "review.html").read_text(encoding="utf-8")
    assert result.exit_code == 1 and result.stdout == ""
    assert "<script>" not in page and "&lt;script&gt;x&lt;/script&gt;\\u202e" in page


def test_a_diff_never_overwrites_a_report_it_reads(reports: tuple[str, str]):
    old, new = reports
    before = Path(old).read_bytes()
    result = run("diff", old, new, "-o", old)
    assert result.exit_code == 2 and Path(old).read_bytes() == before


@pytest.mark.parametrize(("content", "message"), [
    ('{"tool": "vidcheck",\n  "sites": [', "bad.json:2:13: not valid JSON"),
    ('{"tool": "other"}', "bad.json:1:1: not a vidcheck JSON report"),
    ('[1, 2]', "bad.json:1:1: not a vidcheck JSON report"),
    ('{"tool": "vidcheck", "report_format": 1, "sites": [{"site": "x", "findings": [{"rule": 1}]}]}',
     "bad.json:1:1: not a vidcheck JSON report: unexpected entry at /sites/0/findings/0"),
])
def test_a_file_that_is_not_a_report_is_one_line_and_exit_2(tmp_path: Path, reports: tuple[str, str], content: str,
                                                             message: str):
    (tmp_path / "bad.json").write_text(content, encoding="utf-8")
    result = run("diff", reports[0], "bad.json")
    assert result.exit_code == 2
    assert result.output.startswith(message) and result.output.count("\n") == 1, result.output


def test_a_missing_report_is_one_line_and_exit_2(reports: tuple[str, str]):
    result = run("diff", reports[0], "nowhere.json")
    assert result.exit_code == 2 and result.output.startswith("nowhere.json:") and "Traceback" not in result.output
