"""SPEC §11: reports for people. The per-site summary (counts, penalty exposure), the table every report starts
with, --only-failing, compact clean sites, and Markdown that fits one GitHub comment."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

from conftest import BASE_SITE, day, merged, run

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
    Words,
)
from vidcheck.summary import Exposure, Range, site_rows, total_exposure

CITED = (Citation("cn-test", "测试办法", "第一条", "……"),)


def penalty(article: str, *fines: Fine, orders: tuple[str, ...] = (), condition: str | None = None,
            instrument: str = "测试办法") -> Penalty:
    return Penalty("cn-test", instrument, article, "……", tuple(Words.of(o) for o in orders), Words.maybe(condition),
                   fines)


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
    refused = penalty("第三条", Fine("unit", 2000, 5000, condition=Words.of("拒不改正的")), Fine("persons", 100, 200),
                      orders=("警告",))
    shown = exposure_of(finding(later), finding(refused, subject="camera:C-2"))
    assert shown.fines == (("persons", Range(100, 200)),)
    assert shown.if_not_corrected == (("unit", Range(2000, 6000)),)
    assert tuple(order.zh for order in shown.orders) == ("责令限期改正", "警告")


def test_a_partys_tiers_are_alternatives_and_a_serious_circumstance_may_not_be_fined():
    tiers = penalty("第二条", Fine("unit", 5000, 30000, condition=Words.of("有违法所得的")),
                    Fine("unit", 2000, 10000, condition=Words.of("没有违法所得的")))
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
    assert total_exposure(rows) == Exposure((("unit", Range(2000, 10000)),), (), (Words.of("责令改正"),))


def test_the_audit_carries_the_operator_and_address_into_the_site_report(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(json.dumps(merged(BASE_SITE, {"site": {"address": "北京市海淀区"}}), ensure_ascii=False),
                    encoding="utf-8")
    (checked,) = audit([str(path)], Options(day("2026-11-22"))).sites
    assert (checked.address, checked.operator_kind, checked.business) == ("北京市海淀区", "enterprise", True)


# --- the per-site table, compact clean sites, --only-failing (issue 15 item 2) -----------------------------------

TOILETS = {"site": {"address": "山东省青岛市市南区", "categories": ["hotel"], "jurisdiction": "cn-qingdao"},
           "zones": [{"id": f"t{i}", "kind": "toilet"} for i in range(3)],
           "cameras": [{"id": f"C-{i}", "zone": f"t{i}"} for i in range(3)]}
CLEAN = {"site": {"id": "t-clean", "name": "无问题场所", "categories": ["other_public"]}}


def two_sites(write_site) -> tuple[str, str]:
    return write_site(TOILETS), write_site(CLEAN)


def test_text_starts_with_the_per_site_table_and_a_clean_site_takes_one_line(write_site):
    out = run("audit", *two_sites(write_site), "--as-of", "2026-11-01", "--lang", "en").stdout
    lines = out.splitlines()
    assert lines[0].split() == ["Site", "Name", "Jurisdiction", "Errors", "Warnings", "Penalty", "exposure", "(CNY)"]
    failing = next(line for line in lines if line.startswith("t-001"))
    assert failing.split()[:3] == ["t-001", "测试场所", "cn-qingdao"] and "unit" in failing
    assert any(line.startswith("t-clean ") and line.split()[2:5] == ["cn-national", "0", "0"] for line in lines)
    assert any(line.startswith("Total") and "2 site(s)" in line for line in lines)
    clean = [line for line in lines if "t-clean" in line]
    assert len(clean) == 2 and clean[1].startswith("✓ t-clean 无问题场所") and clean[1].endswith(": no findings")
    assert out.count("╭") == 1  # the failing site's box only


def test_markdown_starts_with_the_per_site_table(write_site):
    out = run("audit", *two_sites(write_site), "--as-of", "2026-11-01", "--lang", "zh", "-f", "markdown").stdout
    table = out.index("| 场所 | 名称 | 适用地区 | 错误 | 警告 | 罚款风险（元） |")
    assert table < out.index("### 测试场所")
    assert "| t-clean | 无问题场所 | cn-national | 0 | 0 | — |" in out
    assert "| **合计** | **2 个场所** |" in out
    assert "✅ t-clean 无问题场所" in out and "### 无问题场所" not in out


def test_only_failing_leaves_clean_sites_out_of_the_detail_but_not_the_table(write_site, tmp_path, monkeypatch):
    paths = two_sites(write_site)
    for args, env in ((("--only-failing",), {}), ((), {"VIDCHECK_ONLY_FAILING": "true"})):
        out = run("audit", *paths, "--as-of", "2026-11-01", "--lang", "en", *args, env=env).stdout
        assert "t-clean" in out and "no findings" not in out and "1 site(s) without findings" in out
        md = run("audit", *paths, "--as-of", "2026-11-01", "--lang", "en", "-f", "markdown", *args, env=env).stdout
        assert "| t-clean |" in md and "✅" not in md
    (tmp_path / ".vidcheck.yaml").write_text("only-failing: true\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert "no findings" not in run("audit", *paths, "--as-of", "2026-11-01", "--lang", "en").stdout
    (tmp_path / ".vidcheck.yaml").write_text("only-failing: maybe\n", encoding="utf-8")
    assert run("audit", *paths, "--as-of", "2026-11-01").exit_code == 2


def test_json_sites_carry_name_address_and_exposure(write_site):
    data = json.loads(run("audit", *two_sites(write_site), "--as-of", "2026-11-01", "-f", "json").stdout)
    failing, clean = data["sites"]
    assert (failing["name"], failing["address"], clean["address"]) == ("测试场所", "山东省青岛市市南区", None)
    assert failing["exposure"]["fines"]["unit"]["max"] > 0 and failing["exposure"]["orders"]
    assert clean["exposure"] == {"fines": {}, "if_not_corrected": {}, "orders": []}
    assert data["summary"]["exposure"] == failing["exposure"]


# --- Markdown within one GitHub comment (issue 15 item 5) ---------------------------------------------------------

def city(write_site, sites: int) -> Report:
    """``sites`` copies of a site with errors and warnings (a late, mismatching filing), each its own site id."""
    patch = merged(TOILETS, {"system": {"retention_days": 20, "accepted_on": "2025-06-01",
                                        "filings": [{"filed_on": "2025-09-20", "declared_retention_days": 30}]}})
    report = audit([write_site(patch)], Options(day("2026-11-01"), "en"))
    (one,) = report.sites
    assert {f.severity for f in one.findings} >= {Severity.ERROR, Severity.WARNING}
    return replace(report, sites=tuple(replace(one, site=f"s-{i:03}") for i in range(sites)))


def test_markdown_of_200_failing_sites_fits_one_comment_summary_first_most_severe_next(write_site):
    from vidcheck.render.markdown import LIMIT, render

    report = city(write_site, 200)
    out = render(report)
    assert len(out) <= LIMIT == 65_536
    assert out.index("| Site | Name |") < out.index("### 测试场所")  # the summary first
    shown = out.count("| 🔴 error |"), out.count("| 🟠 warning |")
    total = sum(len(s.findings) for s in report.sites)
    assert shown[0] > 0 and shown[1] == 0  # the errors of every site before any warning
    assert out.rstrip().endswith(f"**{total - sum(shown)} more finding(s): see the full report (for example "
                                 "\\`vidcheck audit -f text\\` or the JSON report).**")


def test_markdown_that_fits_is_whole(write_site):
    from vidcheck.render.markdown import render

    report = city(write_site, 3)
    out = render(report)
    assert out.count("| 🔴 error |") + out.count("| 🟠 warning |") == sum(len(s.findings) for s in report.sites)
    assert "more finding" not in out
