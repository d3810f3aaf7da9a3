"""SPEC §11: reports for people. The per-site summary (counts, penalty exposure), the table every report starts
with, --only-failing, compact clean sites, and Markdown that fits one GitHub comment."""

from __future__ import annotations

import datetime as dt
import json

from conftest import BASE_SITE, day, merged

from vidcheck.api import Options, audit
from vidcheck.model import (
    Citation,
    Finding,
    Fine,
    Location,
    Penalty,
    Report,
    Severity,
    SiteReport,
    Subject,
    Waiver,
)
from vidcheck.summary import Exposure, Range, site_rows, total_exposure

CITED = (Citation("cn-test", "测试办法", "第一条", "……"),)


def penalty(article: str, *fines: Fine, orders: tuple[str, ...] = (), condition: str | None = None,
            instrument: str = "测试办法") -> Penalty:
    return Penalty("cn-test", instrument, article, "……", orders, condition, fines)


def finding(*penalties: Penalty, subject: str = "camera:C-1", key: str = "", waived: bool = False,
            severity: Severity = Severity.ERROR) -> Finding:
    waiver = Waiver("r", "s-1", Subject.parse(subject), "ok", "me", dt.date(2099, 1, 1),
                    Location("w.yaml", 1, 1, "")) if waived else None
    return Finding("retention.minimum", severity, Subject.parse(subject), Location("s.yaml", 3, 5, "/x"), "m",
                   CITED, penalties, key=key, waiver=waiver)


def site(*findings: Finding, kind: str | None = "enterprise") -> SiteReport:
    return SiteReport("s.yaml", "s-1", "测试场所", ("cn-test", "cn-national"), (), findings,
                      address="山东省青岛市市南区", operator_kind=kind)


def exposure_of(*findings: Finding, kind: str | None = "enterprise") -> Exposure:
    report = Report(dt.date(2026, 1, 1), "en", (site(*findings, kind=kind),))
    (row,) = site_rows(report)
    return row.exposure


def test_the_strictest_instrument_cited_decides_and_units_and_persons_are_summed_apart():
    mild = penalty("第二条", Fine("unit", 500, 1000), Fine("persons", 200, 500))
    strict = penalty("第三条", Fine("unit", 10000, 30000), Fine("persons", 500, 1000), instrument="另一办法")
    shown = exposure_of(finding(mild, strict), finding(mild, subject="camera:C-2"))
    assert shown.fines == (("unit", Range(10500, 31000)), ("persons", Range(700, 1500)))


def test_a_tie_on_the_maximum_goes_to_the_higher_minimum():
    low = penalty("第二条", Fine("unit", 500, 30000))
    high = penalty("第三条", Fine("unit", 10000, 30000))
    assert exposure_of(finding(low, high)).fines == (("unit", Range(10000, 30000)),)


def test_fines_only_if_not_corrected_are_summed_apart():
    later = penalty("第二条", Fine("unit", None, 1000), orders=("责令限期改正",), condition="逾期不改正的")
    refused = penalty("第三条", Fine("unit", 2000, 5000, condition="拒不改正的"), Fine("persons", 100, 200),
                      orders=("警告",))
    shown = exposure_of(finding(later), finding(refused, subject="camera:C-2"))
    assert shown.fines == (("persons", Range(100, 200)),)
    assert shown.if_not_corrected == (("unit", Range(2000, 6000)),)
    assert shown.orders == ("责令限期改正", "警告")


def test_a_partys_tiers_are_alternatives_and_a_serious_circumstance_may_not_be_fined():
    tiers = penalty("第二条", Fine("unit", 5000, 30000, condition="有违法所得的"),
                    Fine("unit", 2000, 10000, condition="没有违法所得的"))
    serious = penalty("第三条", Fine("unit", 10000, 50000), condition="情节严重的", orders=("警告",))
    assert exposure_of(finding(tiers)).fines == (("unit", Range(2000, 30000)),)
    assert exposure_of(finding(serious)).fines == (("unit", Range(0, 50000)),)


def test_one_subject_under_one_article_is_one_fine_and_waived_findings_count_nothing():
    one = penalty("第二条", Fine("unit", 1000, 5000))
    shown = exposure_of(finding(one, subject="site:s-1", key="a"), finding(one, subject="site:s-1", key="b"),
                        finding(one, subject="camera:C-9", waived=True))
    assert shown.fines == (("unit", Range(1000, 5000)),)


def test_a_fine_for_any_party_falls_on_the_operator():
    anyone = penalty("第二条", Fine("any", 500, 1000))
    assert exposure_of(finding(anyone), kind="individual").fines == (("individual", Range(500, 1000)),)
    assert exposure_of(finding(anyone), kind="enterprise").fines == (("unit", Range(500, 1000)),)
    assert exposure_of(finding(anyone), kind=None).fines == (("any", Range(500, 1000)),)


def test_rows_count_by_severity_and_the_total_adds_sites_up():
    one = penalty("第二条", Fine("unit", 1000, 5000), orders=("责令改正",))
    report = Report(dt.date(2026, 1, 1), "en", (
        site(finding(one), finding(severity=Severity.WARNING, subject="camera:C-2")),
        SiteReport("t.yaml", "s-2", "另一场所", (), (), (finding(one),))))
    rows = site_rows(report)
    assert [(r.errors, r.warnings, r.infos, r.jurisdiction, r.address) for r in rows] == [
        (1, 1, 0, "cn-test", "山东省青岛市市南区"), (1, 0, 0, "", "")]
    assert total_exposure(rows) == Exposure((("unit", Range(2000, 10000)),), (), ("责令改正",))


def test_the_audit_carries_the_operator_and_address_into_the_site_report(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(json.dumps(merged(BASE_SITE, {"site": {"address": "北京市海淀区"}}), ensure_ascii=False),
                    encoding="utf-8")
    (checked,) = audit([str(path)], Options(day("2026-11-22"))).sites
    assert (checked.address, checked.operator_kind, checked.business) == ("北京市海淀区", "enterprise", True)
