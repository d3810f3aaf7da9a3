"""Filing deadlines through the shipped rules: which date makes a system pre-existing (the text's own word), a
filing made before an instrument took effect, and deadlines moved past a 法定休假日 (民法典第二百零三条)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import day, run

from vidcheck.api import Options, audit
from vidcheck.jurisdictions import load_catalog
from vidcheck.model import Finding

CATALOG = load_catalog()


def _filing_findings(write_site: Any, patch: dict[str, Any], as_of: str, lang: str = "en") -> list[Finding]:
    report = audit([write_site(patch)], Options(as_of=day(as_of), lang=lang), CATALOG)
    assert report.errors == ()
    return [f for f in report.sites[0].findings if f.rule.startswith("filing.")]


@pytest.mark.parametrize("jurisdiction,accepted,in_service,filed,as_of", [
    ("cn-datong", "2008-02-20", "2008-03-05", "2008-04-30", "2009-01-01"),  # 第十五条第二款 "已经建成"
    ("cn-qingdao", "2010-02-20", "2010-03-05", "2010-04-30", "2011-01-01"),  # 第三十五条 "已经建成"
])
def test_built_before_the_instrument_and_filed_in_the_transitional_window_is_on_time(
        write_site, jurisdiction, accepted, in_service, filed, as_of):
    patch = {"site": {"jurisdiction": jurisdiction},
             "system": {"accepted_on": accepted, "in_service_on": in_service, "filings": [{"filed_on": filed}]}}
    assert _filing_findings(write_site, patch, as_of) == []


def test_the_national_transitional_duty_follows_the_in_service_date(write_site):
    """条例第十四条 "已经启用": accepted before 2025-04-01 but in use after it is not pre-existing."""
    patch = {"system": {"accepted_on": "2025-03-01", "in_service_on": "2025-04-10",
                        "filings": [{"filed_on": "2025-06-30"}]}}
    [late] = _filing_findings(write_site, {"site": {"jurisdiction": "cn-national"}, **patch}, "2026-01-01")
    assert late.rule == "filing.late" and late.deadline is not None and late.deadline.due == day("2025-05-12")
    assert "2025-05-10" in late.message  # a Saturday: moved to Monday


@pytest.mark.parametrize("lang,expected", [
    ("en", "the system was filed on 2024-07-20, before 公共安全视频图像信息系统管理条例 took effect on 2025-04-01; "
           "a pre-existing system had to file again by 2025-06-30, which has passed"),
    ("zh", "系统于2024-07-20备案，早于公共安全视频图像信息系统管理条例施行之日2025-04-01，不能履行已有系统的备案义务；"
           "应于2025-06-30前重新备案，期限已过"),
])
def test_a_filing_made_before_the_instrument_is_named_never_not_filed(write_site, lang, expected):
    patch = {"site": {"jurisdiction": "cn-national"},
             "system": {"in_service_on": "2024-03-01", "filings": [{"filed_on": "2024-07-20"}]}}
    [overdue] = _filing_findings(write_site, patch, "2026-01-01", lang)
    assert overdue.rule == "filing.overdue" and overdue.message.startswith(expected)
    assert "not filed" not in overdue.message and "未备案" not in overdue.message
    assert overdue.location.pointer == "/system/filings/0/filed_on"
    assert "第十四条第一款" in {c.article for c in overdue.citations}


def test_a_filing_made_before_the_instrument_while_the_window_is_open_says_file_again(write_site):
    patch = {"site": {"jurisdiction": "cn-national"},
             "system": {"in_service_on": "2024-03-01", "filings": [{"filed_on": "2024-07-20"}]}}
    [due] = _filing_findings(write_site, patch, "2025-05-01")
    assert due.rule == "filing.due" and "files again by 2025-06-30 inclusive" in due.message


def _json_filing(write_site: Any, patch: dict[str, Any], as_of: str, lang: str = "en",
                 subject: str = "site") -> dict[str, Any]:
    result = run("audit", write_site(patch), "--as-of", as_of, "-f", "json", "--lang", lang, "--fail-on", "never")
    findings = json.loads(result.stdout)["sites"][0]["findings"]
    [finding] = [f for f in findings if f["rule"].startswith("filing.") and f["subject"]["type"] == subject]
    return finding


def test_a_deadline_on_national_day_moves_and_json_shows_both_days_and_the_article(write_site):
    patch = {"site": {"jurisdiction": "cn-national"}, "system": {"in_service_on": "2025-09-01"}}
    finding = _json_filing(write_site, patch, "2025-10-05")
    assert finding["rule"] == "filing.due"
    assert finding["deadline"] == {"due": "2025-10-09", "due_unextended": "2025-10-01", "extended_by": 8,
                                   "holiday_schedule_known": True}
    assert "2025-10-09" in finding["message"] and "2025-10-01" in finding["message"]
    assert "第二百零三条" in finding["message"]
    civil = [c for c in finding["citations"] if c["article"] == "第二百零三条"]
    assert civil == [{"jurisdiction": "cn-national", "article": "第二百零三条", "draft": False,
                      "instrument": "中华人民共和国民法典（中华人民共和国主席令第四十五号）",
                      "quote": "期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日"}]


def test_a_deadline_on_a_working_day_cites_no_extension(write_site):
    patch = {"site": {"jurisdiction": "cn-national"}, "system": {"in_service_on": "2025-06-03"}}
    finding = _json_filing(write_site, patch, "2025-06-20", "zh")
    assert finding["deadline"] == {"due": "2025-07-03", "due_unextended": "2025-07-03", "extended_by": 0,
                                   "holiday_schedule_known": True}
    assert all(c["article"] != "第二百零三条" for c in finding["citations"])
    assert "民法典" not in finding["message"]


@pytest.mark.parametrize("lang,notice", [("en", "the holiday schedule of 2027 is unknown: only weekends are counted"),
                                         ("zh", "2027年的节假日安排未知，只计周末")])
def test_a_year_without_a_holiday_schedule_counts_weekends_and_says_so(write_site, lang, notice):
    patch = {"site": {"jurisdiction": "cn-national"}, "system": {"in_service_on": "2027-01-01"}}
    finding = _json_filing(write_site, patch, "2027-01-10", lang)
    assert finding["deadline"] == {"due": "2027-02-01", "due_unextended": "2027-01-31", "extended_by": 1,
                                   "holiday_schedule_known": False}
    assert notice in finding["message"]
    assert any(c["article"] == "第二百零三条" for c in finding["citations"])


def test_removal_deadlines_move_past_a_holiday_too(write_site):
    patch = {"site": {"jurisdiction": "cn-qingdao"},
             "cameras": [{"id": "C-1", "zone": "gate"},
                         {"id": "C-2", "zone": "gate", "installed_on": "2024-01-01", "removed_on": "2025-09-01"}]}
    finding = _json_filing(write_site, patch, "2025-10-08", subject="camera")
    assert finding["rule"] == "filing.due" and finding["subject"] == {"type": "camera", "id": "C-2"}
    assert finding["deadline"]["due"] == "2025-10-09" and finding["deadline"]["due_unextended"] == "2025-10-01"
    assert finding["message"].startswith("camera C-2 was removed on 2025-09-01: file the removal by 2025-10-09 "
                                         "inclusive (30 days from removal on 2025-09-01; the period's last day "
                                         "2025-10-01 is a 法定休假日")
    assert any(c["article"] == "第二百零三条" and c["jurisdiction"] == "cn-qingdao" for c in finding["citations"])


def test_every_shipped_day_counted_deadline_cites_how_periods_move():
    for jurisdiction in CATALOG.jurisdictions.values():
        for rule in jurisdiction.rules:
            counted = rule.params.get("within") or rule.params.get("preexisting_within")
            if rule.check in {"filing.deadline", "filing.removal"} and counted:
                assert [c.article for c in rule.extension_citations] == ["第二百零三条"], rule.id


def test_every_shipped_transitional_clause_names_the_date_that_decides():
    words = {"cn-national": "in_service_on", "cn-datong": "accepted_on", "cn-qingdao": "accepted_on",
             "cn-beijing": "accepted_on", "cn-gansu": "accepted_on",
             "cn-anhui": "accepted_on"}  # 甘肃 第十一条第二款 "已建成"
    found = {j.id: r.params["preexisting_when"] for j in CATALOG.jurisdictions.values() for r in j.rules
             if "preexisting_within" in r.params}
    assert found == words


def test_compare_cites_the_transitional_clauses():
    data = json.loads(run("compare", "-f", "json", "--lang", "zh").stdout)
    row = next(r["values"] for r in data["rows"] if r["aspect"] == "已有系统备案")
    assert "第十五条第二款" in row["cn-datong"] and "已经建成" in row["cn-datong"]
    assert "第三十五条" in row["cn-qingdao"] and "已经建成" in row["cn-qingdao"]
    assert "第十四条第一款" in row["cn-national"] and "已经启用" in row["cn-national"]
