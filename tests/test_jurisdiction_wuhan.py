"""cn-wuhan (武汉市人民政府令第314号): the findings issue 13 names cite the 办法's own articles, beside the parent's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conftest import day, merged

from vidcheck.api import Options, audit

CLEAN: dict[str, Any] = {
    "site": {"jurisdiction": "cn-wuhan", "categories": ["office_building"]},
    "system": {"accepted_on": "2024-01-10", "in_service_on": "2024-01-20", "retention_days": 30,
               "incident_retention_days": 731, "filings": [{"filed_on": "2024-02-01"}],
               "controls": {"duty_monitoring": True, "staff_training": True, "access_log": True}},
}


def _cited(write_site: Callable[..., str], patch: dict[str, Any], rule: str) -> list[tuple[str, str]]:
    report = audit([write_site(merged(CLEAN, patch))], Options(as_of=day("2026-11-01")))
    (finding,) = [f for f in report.sites[0].findings if f.rule == rule]
    return [(c.jurisdiction, c.article) for c in finding.citations]


def test_key_target_90_days_cite_article_16_item_5_and_the_counter_terrorism_law(write_site) -> None:
    cited = _cited(write_site, {"site": {"categories": ["counter_terror_target"]}, "system": {"retention_days": 89}},
                   "retention.minimum")
    assert ("cn-wuhan", "第十六条第五项") in cited and ("cn-national", "第三十二条第三款") in cited


def test_two_years_for_important_incident_footage_is_wuhans_own(write_site) -> None:
    cited = _cited(write_site, {"system": {"incident_retention_days": 730}}, "retention.incident")
    assert cited[0] == ("cn-wuhan", "第十六条第五项") and {j for j, _ in cited} == {"cn-wuhan"}


def test_a_removal_filed_after_the_fact_breaks_article_10(write_site) -> None:
    """"移动或者拆除前三十日内…备案": a 备案 five days after the removal is not one made before it."""
    cameras = [{"id": "C-1", "zone": "gate"},
               {"id": "C-2", "zone": "gate", "removed_on": "2025-03-01", "removal_filed_on": "2025-03-05"}]
    assert _cited(write_site, {"cameras": cameras}, "filing.removal") == [("cn-wuhan", "第十条")]
