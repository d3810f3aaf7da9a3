"""Layering, effective dates, drafts, strictest-wins and each instrument's own scope."""

from __future__ import annotations

import pytest
from conftest import day

from vidcheck.api import Options, audit
from vidcheck.errors import UsageError

GZ_MALL = {"site": {"jurisdiction": "cn-guangzhou", "categories": ["shopping_center"]},
           "system": {"retention_days": 20}}


def findings(path: str, as_of: str, **options: object) -> dict[tuple[str, str], object]:
    report = audit([path], Options(as_of=day(as_of), **options))  # type: ignore[arg-type]
    assert report.errors == ()
    return {(f.rule, f.subject.id): f for f in report.sites[0].findings}


@pytest.mark.parametrize("as_of,broken", [("2026-01-01", True), ("2024-06-01", False)])
def test_guangzhou_mall_twenty_days_of_retention(write_site, as_of, broken):
    """SPEC §3: breaks the national 30 days (第十七条), not Guangzhou's 15 (第二十一条); before 2025-04-01, nothing."""
    found = findings(write_site(GZ_MALL), as_of)
    assert (("retention.minimum", "t-001") in found) is broken
    if broken:
        finding = found[("retention.minimum", "t-001")]
        assert [c.jurisdiction for c in finding.citations if c.article.startswith("第十七条")] == ["cn-national"]
        assert all(c.jurisdiction == "cn-national" for c in finding.citations)
        assert "30" in finding.message


def test_strictest_wins_and_cites_every_broken_instrument(write_site):
    found = findings(write_site({**GZ_MALL, "system": {"retention_days": 10}}), "2026-01-01")
    finding = found[("retention.minimum", "t-001")]
    assert {c.jurisdiction for c in finding.citations} == {"cn-guangzhou", "cn-national"}
    assert "30" in finding.message and "10" in finding.message
    assert len([f for f in found if f[0] == "retention.minimum"]) == 1


def test_jurisdictions_in_force_are_listed(write_site):
    path = write_site(GZ_MALL)
    # before the 条例, cn-national is in force through the sector laws it layers in (反恐怖主义法 and others)
    assert audit([path], Options(as_of=day("2024-06-01"))).sites[0].jurisdictions == ("cn-guangzhou", "cn-national")
    assert audit([path], Options(as_of=day("2026-01-01"))).sites[0].jurisdictions == ("cn-guangzhou", "cn-national")
    assert audit([path], Options(as_of=day("2006-01-01"))).sites[0].jurisdictions == ()


def test_draft_applies_only_when_chosen(write_site):
    hotel = {"site": {"jurisdiction": "cn-guangzhou", "categories": ["hotel"]}, "system": {"retention_days": 30}}
    chosen = audit([write_site(hotel)], Options(as_of=day("2026-01-01"), jurisdiction="cn-guangdong-draft"))
    assert chosen.sites[0].drafts == ("cn-guangdong-draft",)
    assert any(f.rule == "retention.incident" for f in chosen.sites[0].findings)
    not_chosen = audit([write_site(hotel)], Options(as_of=day("2026-01-01")))
    assert not_chosen.sites[0].drafts == ()
    assert not any(f.rule == "retention.incident" for f in not_chosen.sites[0].findings)


def test_article_nine_places_are_exempt_from_national_filing_and_retention(write_site):
    other = {"site": {"categories": ["other_public"]}, "system": {"retention_days": 3}}
    found = findings(write_site(other), "2026-01-01")
    assert not any(rule.startswith(("filing.", "retention.")) for rule, _ in found)
    mall = findings(write_site({"site": {"categories": ["shopping_center"]}, "system": {"retention_days": 3}}),
                    "2026-01-01")
    assert ("retention.minimum", "t-001") in mall and ("filing.missing", "t-001") in mall


def test_national_privacy_binds_article_nine_places_too(write_site):
    site = {"site": {"categories": ["other_public"]}, "zones": [{"id": "wc", "kind": "toilet"}],
            "cameras": [{"id": "C-9", "zone": "wc"}]}
    found = findings(write_site(site), "2026-01-01")
    assert found[("privacy.forbidden-zone", "C-9")].waivable is False


def test_penalties_are_those_that_can_fall_on_the_operator(write_site):
    site = {"site": {"jurisdiction": "cn-qingdao", "operator": {"kind": "individual", "business": False}},
            "zones": [{"id": "wc", "kind": "toilet"}], "cameras": [{"id": "C-9", "zone": "wc"}]}
    finding = findings(write_site(site), "2026-01-01")[("privacy.forbidden-zone", "C-9")]
    fines = [fine for penalty in finding.penalties for fine in penalty.fines]
    assert fines and all(f.party in ("individual", "any") for f in fines)
    assert all(f.business in (None, False) for f in fines)


def test_unknown_jurisdiction_is_a_usage_error(write_site):
    with pytest.raises(UsageError, match="unknown jurisdiction 'cn-atlantis'"):
        audit([write_site()], Options(as_of=day("2026-01-01"), jurisdiction="cn-atlantis"))


def test_unknown_jurisdiction_in_the_file_is_located(write_site):
    report = audit([write_site({"site": {"jurisdiction": "cn-atlantis"}})], Options(as_of=day("2026-01-01")))
    assert report.errors[0].pointer == "/site/jurisdiction" and report.errors[0].line > 1
