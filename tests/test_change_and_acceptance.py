"""The shipped rules for 备案变更 (filing.change) and use before acceptance (acceptance.before-use): scope, messages,
penalties, and how they show in `rules` and `explain`."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import BASE_SITE, day, merged, run
from jsonschema import Draft202012Validator, FormatChecker

from vidcheck.api import Options, audit
from vidcheck.model import Finding
from vidcheck.resources import schema

STRICT_SITE_SCHEMA = Draft202012Validator(schema("site"), format_checker=FormatChecker())

ADDED_AFTER_FILING: dict[str, Any] = {
    "system": {"in_service_on": "2025-05-01", "filings": [{"filed_on": "2025-05-20"}]},
    "cameras": [{"id": "C-1", "zone": "gate"}, {"id": "C-2", "zone": "gate", "installed_on": "2025-09-01"}],
}


def found(write_site, patch: dict[str, Any], as_of: str = "2026-01-01", lang: str = "en") -> dict[str, Finding]:
    report = audit([write_site(patch)], Options(as_of=day(as_of), lang=lang))
    assert report.errors == ()
    return {f.rule: f for f in report.sites[0].findings}


def site(jurisdiction: str, categories: list[str], **patch: Any) -> dict[str, Any]:
    return merged({"site": {"jurisdiction": jurisdiction, "categories": categories}}, patch)


# --- filing.change (条例第十四条第一款) ----------------------------------------------------------------------

def test_a_camera_installed_after_the_filing_owes_a_change_filing(write_site):
    finding = found(write_site, site("cn-national", ["shopping_center"], **ADDED_AFTER_FILING))["filing.change"]
    assert finding.severity.label == "warning" and finding.location.pointer == "/system/filings/0"
    assert "C-2 (2025-09-01)" in finding.message and "2025-05-20" in finding.message
    articles = {(c.instrument[:4], c.article) for c in finding.citations}
    assert ("公共安全", "第十四条第一款") in articles and any(a == "第九条" for _, a in articles)
    assert [p.article for p in finding.penalties] == ["第二十九条"]


def test_the_change_message_in_chinese(write_site):
    patch = site("cn-national", ["shopping_center"], **ADDED_AFTER_FILING)
    message = found(write_site, patch, lang="zh")["filing.change"].message
    assert "新增摄像机1台：C-2（2025-09-01）" in message and "最早变化于2025-09-01" in message


@pytest.mark.parametrize("categories", [["hotel"], ["other_public"], ["non_public"]])
def test_other_public_places_owe_no_change_filing(write_site, categories):
    """条例第九条第二款 exempts other public places from 第十四条."""
    assert "filing.change" not in found(write_site, site("cn-national", categories, **ADDED_AFTER_FILING))


def test_a_changed_retention_is_one_finding_not_two(write_site):
    patch = site("cn-national", ["shopping_center"], **ADDED_AFTER_FILING)
    patch["system"] |= {"retention_days": 30, "filings": [{"filed_on": "2025-05-20", "declared_retention_days": 15}]}
    report = audit([write_site(patch)], Options(as_of=day("2026-01-01"), lang="en"))
    rules = [f.rule for f in report.sites[0].findings if f.rule.startswith("filing.")]
    assert sorted(rules) == ["filing.change", "filing.mismatch"]
    assert "retention" not in next(f for f in report.sites[0].findings if f.rule == "filing.change").message


def test_a_count_that_no_longer_holds_is_a_change(write_site):
    patch = site("cn-national", ["shopping_center"],
                 system={"in_service_on": "2025-05-01", "filings": [{"filed_on": "2025-05-20", "declared_cameras": 4}]})
    finding = found(write_site, patch)["filing.change"]
    assert "declared 4 camera(s), 1 are active" in finding.message


def test_before_the_regulation_there_is_no_national_change_duty(write_site):
    patch = site("cn-national", ["shopping_center"], **ADDED_AFTER_FILING)
    assert "filing.change" not in found(write_site, patch, as_of="2025-03-31")


# --- acceptance.before-use (大同 第十四条/第二十四条, 广州 第十条第一款/第二十五条第一款) -----------------------------

BEFORE_ACCEPTANCE = {"accepted_on": "2024-03-10", "in_service_on": "2024-03-01"}


def test_guangzhou_use_before_acceptance_with_its_penalty(write_site):
    finding = found(write_site, site("cn-guangzhou", ["shopping_center"], system=BEFORE_ACCEPTANCE))[
        "acceptance.before-use"]
    assert finding.severity.label == "error" and finding.location.pointer == "/system/in_service_on"
    assert "2024-03-01" in finding.message and "2024-03-10" in finding.message
    assert {c.jurisdiction for c in finding.citations} == {"cn-guangzhou"}
    (penalty,) = finding.penalties
    assert penalty.article == "第二十五条第一款"
    assert penalty.condition is not None and penalty.condition.zh == "逾期不改正的"
    assert [(f.party, f.min, f.max) for f in penalty.fines] == [("unit", 10000, 30000)]


@pytest.mark.parametrize("categories,system", [
    (["other_public"], BEFORE_ACCEPTANCE),  # not a 第六条 place
    (["shopping_center"], {"accepted_on": "2007-03-10", "in_service_on": "2007-03-01"}),  # before 2007-05-01
    (["shopping_center"], {"accepted_on": "2024-03-01", "in_service_on": "2024-03-01"}),  # accepted first
])
def test_guangzhou_scope_edges(write_site, categories, system):
    assert "acceptance.before-use" not in found(write_site, site("cn-guangzhou", categories, system=system))


def test_datong_binds_every_public_site_with_its_penalty(write_site):
    patch = site("cn-datong", ["other_public"], system={"in_service_on": "2024-03-01"})
    finding = found(write_site, patch, lang="zh")["acceptance.before-use"]
    assert "未申报竣工验收合格" in finding.message
    (penalty,) = finding.penalties
    assert penalty.article == "第二十四条" and penalty.condition is None
    assert tuple(o.zh for o in penalty.orders) == ("警告", "责令限期改正")
    assert [(f.party, f.max) for f in penalty.fines] == [("unit", 1000)]


@pytest.mark.parametrize("categories,system", [
    (["non_public"], {"in_service_on": "2024-03-01"}),
    (["school"], {"in_service_on": "2008-02-29"}),  # in service before 2008-03-01
])
def test_datong_scope_edges(write_site, categories, system):
    assert "acceptance.before-use" not in found(write_site, site("cn-datong", categories, system=system))


def test_national_and_qingdao_set_no_acceptance_duty(write_site):
    for jurisdiction in ("cn-national", "cn-qingdao"):
        patch = site(jurisdiction, ["shopping_center"], system=BEFORE_ACCEPTANCE)
        assert "acceptance.before-use" not in found(write_site, patch)


# --- the inventory field and the rule list ---------------------------------------------------------------

def test_declared_cameras_is_a_count_in_the_schema():
    def valid(value: object) -> bool:
        return STRICT_SITE_SCHEMA.is_valid(merged(BASE_SITE, {"system": {"filings": [
            {"filed_on": "2025-05-20", "declared_cameras": value}]}}))

    assert valid(0) and valid(12) and not valid(-1) and not valid("12") and not valid(1.5)


@pytest.mark.parametrize("lang,words", [("en", "no change filing followed"), ("zh", "未办理备案变更")])
def test_rules_and_explain_list_the_new_findings(lang, words):
    listed = run("rules", "--lang", lang).stdout
    assert "filing.change" in listed and "acceptance.before-use" in listed and words in listed
    explained = run("explain", "acceptance.before-use", "--lang", lang).stdout
    assert "cn-datong/acceptance-before-use" in explained and "cn-guangzhou/acceptance-before-use" in explained
    assert "cn-national/filing-change" in run("explain", "filing.change", "--lang", lang).stdout
