"""Sector laws layered into cn-national by category (SPEC §3): what each finding cites, which penalty it carries,
and that strictest wins over the 条例's 30 days."""

from __future__ import annotations

import json

import pytest
from conftest import day, run

from vidcheck.api import Options, audit
from vidcheck.model import Finding

CT_LAW = "中华人民共和国反恐怖主义法"
VENUES = "娱乐场所管理条例"
SECURITY = "保安服务管理条例"
FILED = {"in_service_on": "2025-05-01", "filings": [{"filed_on": "2025-05-10"}],
         "controls": {"access_log": True, "staff_vetting": True, "staff_training": True, "access_control": True,
                      "duty_monitoring": True}}


def only_finding(path: str, rule: str, as_of: str = "2026-01-01") -> Finding:
    report = audit([path], Options(as_of=day(as_of), jurisdiction="cn-national"))
    assert report.errors == ()
    (finding,) = [f for f in report.sites[0].findings if f.rule == rule]
    return finding


def cites(finding: Finding, instrument: str, article: str) -> bool:
    return any(c.instrument.startswith(instrument) and c.article == article for c in finding.citations)


@pytest.mark.parametrize("days,breaks_tiaoli", [(60, False), (20, True)])
def test_key_target_that_is_also_a_tiaoli_place_owes_ninety_days(write_site, days, breaks_tiaoli):
    """A transport hub designated a key target: the 90 days decide; the 条例 is cited only when its 30 are broken."""
    site = {"site": {"categories": ["transport_hub", "counter_terror_target"]},
            "system": {**FILED, "retention_days": days}}
    finding = only_finding(write_site(site), "retention.minimum")
    assert cites(finding, CT_LAW, "第三十二条第三款")
    assert cites(finding, "公共安全视频图像信息系统管理条例", "第十七条") is breaks_tiaoli
    assert "90" in finding.message and str(days) in finding.message
    assert any(p.instrument.startswith(CT_LAW) and p.article == "第八十八条第一款" for p in finding.penalties)


def test_key_target_duty_monitoring_cites_the_law_and_its_penalty(write_site):
    site = {"site": {"categories": ["counter_terror_target"]},
            "system": {"retention_days": 90, "controls": {"duty_monitoring": False}}}
    finding = only_finding(write_site(site), "controls.missing", as_of="2020-01-01")
    assert cites(finding, CT_LAW, "第三十二条第三款") and cites(finding, CT_LAW, "第三十一条")
    (penalty,) = finding.penalties
    assert {(f.party, f.max) for f in penalty.fines} == {("unit", 100_000), ("persons", 10_000)}


def test_song_dance_venue_cameras_and_retention_cite_article_fifteen(write_site):
    site = {"site": {"categories": ["song_dance_venue"]}, "system": {**FILED, "retention_days": 20}}
    path = write_site(site)
    cameras = only_finding(path, "coverage.zone-required")
    assert cites(cameras, VENUES, "第十五条第一款") and "corridor" in cameras.message
    retention = only_finding(path, "retention.minimum")
    assert cites(retention, VENUES, "第十五条第二款")
    assert cites(retention, "公共安全视频图像信息系统管理条例", "第十七条")  # it is also a 第七条 entertainment venue
    assert [p.article for p in retention.penalties if p.instrument.startswith(VENUES)] == ["第四十四条"]


def test_security_service_footage_is_kept_thirty_days(write_site):
    site = {"site": {"categories": ["office_building", "security_service"]}, "system": {"retention_days": 20}}
    finding = only_finding(write_site(site), "retention.minimum", as_of="2012-01-01")
    assert cites(finding, SECURITY, "第二十五条第二款")
    (penalty,) = finding.penalties
    assert penalty.article == "第四十二条" and {(f.min, f.max) for f in penalty.fines} == {(10_000, 50_000)}


def test_show_and_compare_name_the_sector_laws():
    shown = run("jurisdictions", "show", "cn-national")
    assert shown.exit_code == 0
    for rule in ("ct-retention-90d", "ct-duty-monitoring", "venues-cameras", "venues-retention-30d",
                 "security-retention-30d"):
        assert f"[{rule}]" in shown.stdout
    assert f"《{CT_LAW}》第三十二条第三款" in shown.stdout
    compared = run("compare", "cn-national", "-f", "json", "--lang", "zh")
    assert compared.exit_code == 0
    rows = {row["aspect"]: row["values"]["cn-national"] for row in json.loads(compared.stdout)["rows"]}
    assert "30日（第十七条）" in rows["最短保存期"] and f"90日（《{CT_LAW}》第三十二条第三款）" in rows["最短保存期"]
    assert f"{VENUES}（国务院令第458号" in rows["罚则：保存期"]
