"""What the rule format grew for the 2026-11 texts (issue 13): conditional fines, a camera's location in every
format, a notice before removal, a retention duty without a number, and the fields the inventory gained."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import BASE_SITE, day, merged
from jsonschema import Draft202012Validator

from vidcheck.api import Options, audit
from vidcheck.catalogcodec import catalog_from_plain, catalog_to_plain
from vidcheck.errors import InvalidDocument
from vidcheck.jurisdictions import load_catalog
from vidcheck.model import Fine, Penalty, Report, Words
from vidcheck.render import renderer
from vidcheck.render.common import penalty_line
from vidcheck.resources import schema
from vidcheck.rulecheck import QuoteCheck

# 安徽 第二十五条: one party, two ranges, told apart by 违法所得
ANHUI_25 = {
    "instrument": "t", "article": "第二十五条", "quote": "单位以营利为目的安装，有违法所得的",
    "orders": ["责令限期拆除"],
    "fines": [{"party": "unit", "min": 5000, "max": 30000, "condition": "有违法所得的"},
              {"party": "persons", "min": 500, "max": 1000, "condition": "有违法所得的"},
              {"party": "unit", "min": 2000, "max": 10000, "condition": "没有违法所得的"},
              {"party": "persons", "min": 200, "max": 1000, "condition": "没有违法所得的"}],
}
# 北京 第二十三条: a first fine, then a higher one if not corrected
BEIJING_23 = {
    "instrument": "t", "article": "第二十三条", "quote": "逾期不整改或者整改不合格的", "orders": ["责令限期整改"],
    "fines": [{"party": "unit", "min": 1000, "max": 10000},
              {"party": "unit", "min": 10000, "max": 30000, "condition": "逾期不整改或者整改不合格的"}],
}


def _rules_folder(tmp_path: Path, rules: list[dict[str, Any]], penalties: dict[str, Any]) -> str:
    folder = tmp_path / "rules"
    folder.mkdir(parents=True)
    data = {"vidcheck_jurisdiction": 1, "id": "test-format", "name": {"zh": "测试", "en": "test"},
            "instruments": {"t": {"title": "测试规定", "number": "测试", "effective_on": "2000-01-01",
                                  "source": "none.txt"}},
            "penalties": penalties,
            "rules": [{"id": f"r{i}", "instrument": "t", "article": "第一条", "quote": "测试", **rule}
                      for i, rule in enumerate(rules)]}
    (folder / "test-format.yaml").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(folder)


def _audit(tmp_path: Path, patch: dict[str, Any], rules: list[dict[str, Any]],
           penalties: dict[str, Any] | None = None, as_of: str = "2026-01-01", lang: str = "en") -> Report:
    folder = _rules_folder(tmp_path, rules, penalties or {})
    site = merged(merged(BASE_SITE, {"site": {"jurisdiction": "test-format"}}), patch)
    path = tmp_path / "site.yaml"
    path.write_text(json.dumps(site, ensure_ascii=False), encoding="utf-8")
    report = audit([str(path)], Options(as_of=day(as_of), lang=lang, rules_dirs=(folder,)))
    assert report.errors == ()
    return report


# --- conditional fines ------------------------------------------------------------------------------------------

def test_each_fine_is_printed_with_its_condition() -> None:
    fines = tuple(Fine(f["party"], f["min"], f["max"], condition=Words.of(f["condition"])) for f in ANHUI_25["fines"])
    line = penalty_line(Penalty("x", "安徽省…办法", "第二十五条", "…", (Words.of("责令限期拆除"),), None, fines), "zh")
    assert line == ("安徽省…办法 第二十五条 · 责令限期拆除 · "
                    "有违法所得的：单位 5,000–30,000 元、直接责任人员 500–1,000 元；"
                    "没有违法所得的：单位 2,000–10,000 元、直接责任人员 200–1,000 元")


def test_an_unconditional_fine_stays_apart_from_the_tier_that_follows_it() -> None:
    fines = (Fine("unit", 1000, 10000), Fine("unit", 10000, 30000, condition=Words.of("逾期不整改或者整改不合格的")))
    line = penalty_line(Penalty("x", "北京…办法", "第二十三条", "…", (Words.of("责令限期整改"),), None, fines), "en",
                        instrument=False)
    assert line == ("第二十三条 · 责令限期整改 · unit 1,000–10,000 CNY; "
                    "逾期不整改或者整改不合格的: unit 10,000–30,000 CNY")


def test_the_penalty_condition_still_covers_every_fine() -> None:
    fines = (Fine("unit", 2000, 10000), Fine("persons", 200, 1000))
    penalty = Penalty("x", "t", "第二十四条", "…", (), Words.of("逾期不改正的"), fines)
    line = penalty_line(penalty, "zh", instrument=False)
    assert line == "第二十四条 · 逾期不改正的：单位 2,000–10,000 元；直接责任人员 200–1,000 元"


def test_json_fines_carry_their_condition_only_where_the_text_sets_one(tmp_path: Path) -> None:
    report = _audit(tmp_path, {"zones": [{"id": "gate", "kind": "toilet"}]},
                    [{"check": "privacy.forbidden-zone", "zone_kinds": ["toilet"], "penalty": "p"}], {"p": BEIJING_23})
    data = json.loads(renderer("json")(report))
    fines = data["sites"][0]["findings"][0]["penalties"][0]["fines"]
    assert fines == [{"party": "unit", "min": 1000, "max": 10000, "business": None},
                     {"party": "unit", "min": 10000, "max": 30000, "business": None,
                      "condition": "逾期不整改或者整改不合格的"}]


def test_a_fine_condition_survives_the_catalog_cache(tmp_path: Path) -> None:
    folder = _rules_folder(tmp_path, [{"check": "privacy.forbidden-zone", "zone_kinds": ["toilet"], "penalty": "p"}],
                           {"p": ANHUI_25})
    catalog = load_catalog([folder])
    unchecked = dataclasses.replace(catalog, quotes=QuoteCheck())  # the quote check runs on every load, never cached
    assert catalog_from_plain(json.loads(json.dumps(catalog_to_plain(catalog)))) == unchecked
    penalty = catalog.get("test-format").rules[0].penalty
    assert penalty is not None and [f.condition and f.condition.zh for f in penalty.fines] == (
        ["有违法所得的"] * 2 + ["没有违法所得的"] * 2)


# --- a camera's location ----------------------------------------------------------------------------------------

LOCATED = {"zones": [{"id": "gym", "kind": "changing_room"}],
           "cameras": [{"id": "QD-C021", "zone": "gym", "location": "健身房更衣室内"}]}


@pytest.mark.parametrize("format", ["text", "markdown", "github", "junit", "gitlab"])
def test_every_human_format_names_the_camera_with_its_location(tmp_path: Path, format: str) -> None:
    report = _audit(tmp_path, LOCATED, [{"check": "privacy.forbidden-zone", "zone_kinds": ["changing_room"]}])
    assert "QD-C021（健身房更衣室内）" in renderer(format)(report)


def test_the_text_report_reads_camera_id_then_location(tmp_path: Path) -> None:
    report = _audit(tmp_path, LOCATED, [{"check": "privacy.forbidden-zone", "zone_kinds": ["changing_room"]}])
    assert "camera QD-C021（健身房更衣室内）" in renderer("text")(report)


def test_the_json_subject_carries_the_location_but_the_fingerprint_does_not(tmp_path: Path) -> None:
    rules = [{"check": "privacy.forbidden-zone", "zone_kinds": ["changing_room"]}]
    located = json.loads(renderer("json")(_audit(tmp_path / "a", LOCATED, rules)))["sites"][0]["findings"][0]
    moved = merged(LOCATED, {"cameras": [{"id": "QD-C021", "zone": "gym", "location": "二层"}]})
    other = json.loads(renderer("json")(_audit(tmp_path / "b", moved, rules)))["sites"][0]["findings"][0]
    assert located["subject"] == {"type": "camera", "id": "QD-C021", "location": "健身房更衣室内"}
    assert located["fingerprint"] == other["fingerprint"]  # a baseline or waiver outlives a renamed location


# --- notice before removal, retention without a number ----------------------------------------------------------

ANHUI_15 = {"check": "filing.removal", "notice": "before", "within": {"days": 10}}


def test_a_late_notice_says_when_it_was_due(tmp_path: Path) -> None:
    patch = {"cameras": [{"id": "C-1", "zone": "gate", "removed_on": "2025-03-01",
                          "removal_notified_on": "2025-02-25"}]}
    finding = _audit(tmp_path, patch, [ANHUI_15]).sites[0].findings[0]
    assert finding.location.pointer == "/cameras/0/removal_notified_on"
    assert finding.message == ("camera C-1 (removal on 2025-03-01): the police were told on 2025-02-25, after "
                               "2025-02-19 (at least 10 days before the removal on 2025-03-01)")


def test_a_planned_removal_says_by_when_once_the_notice_day_has_passed(tmp_path: Path) -> None:
    patch = {"cameras": [{"id": "C-1", "zone": "gate", "removed_on": "2026-03-01"}]}
    finding = _audit(tmp_path, patch, [ANHUI_15], as_of="2026-02-20", lang="zh").sites[0].findings[0]
    assert finding.message == ("摄像机C-1拟于2026-03-01拆除，应于2026-02-19前（含当日）通知公安机关，尚未通知"
                               "（拆除之日2026-03-01前至少10日）")


def test_a_retention_duty_without_a_number_prints_no_number(tmp_path: Path) -> None:
    for lang in ("zh", "en"):
        finding = _audit(tmp_path / lang, {}, [{"check": "retention.minimum"}], lang=lang).sites[0].findings[0]
        assert finding.rule == "retention.minimum" and not any(ch.isdigit() for ch in finding.message)


def test_a_numbered_retention_rule_speaks_when_both_bind(tmp_path: Path) -> None:
    rules = [{"check": "retention.minimum"}, {"check": "retention.minimum", "minimum": {"days": 30}}]
    finding = _audit(tmp_path, {}, rules).sites[0].findings[0]
    assert "at least 30 days" in finding.message


# --- the formats themselves ---------------------------------------------------------------------------------------

def _rule_file_errors(tmp_path: Path, rule: dict[str, Any]) -> str:
    with pytest.raises(InvalidDocument) as raised:
        load_catalog([_rules_folder(tmp_path, [rule], {})])
    return " ".join(f"{e.pointer} {e.message}" for e in raised.value.errors)


def test_notice_is_checked_by_the_rule_schema(tmp_path: Path) -> None:
    errors = _rule_file_errors(tmp_path, {"check": "filing.removal", "notice": "later", "within": None})
    assert "/rules/0/notice" in errors and "did you mean 'after'" in errors


def test_new_systems_false_needs_the_transitional_window(tmp_path: Path) -> None:
    rule = {"check": "filing.deadline", "trigger": "accepted_on", "within": None, "new_systems": False}
    assert "preexisting_within" in _rule_file_errors(tmp_path, rule)


def test_the_site_schema_takes_the_new_fields() -> None:
    site = merged(BASE_SITE, {"system": {"delivered_on": "2025-06-01"},
                              "cameras": [{"id": "C-1", "zone": "gate", "location": "一层正门入口",
                                           "removed_on": "2025-07-01", "removal_notified_on": "2025-06-15"}]})
    assert list(Draft202012Validator(schema("site")).iter_errors(site)) == []


def test_a_notice_may_precede_the_removal_but_a_filing_may_not(write_site) -> None:
    notified = write_site({"cameras": [{"id": "C-1", "zone": "gate", "removed_on": "2025-07-01",
                                        "removal_notified_on": "2025-06-15"}]})
    filed = write_site({"cameras": [{"id": "C-1", "zone": "gate", "removed_on": "2025-07-01",
                                     "removal_filed_on": "2025-06-15"}]})
    assert audit([notified], Options(as_of=day("2026-01-01"))).errors == ()
    errors = audit([filed], Options(as_of=day("2026-01-01"))).errors
    assert len(errors) == 1 and "removal_notified_on" in errors[0].message


def test_a_notice_without_a_removal_day_is_an_input_error(write_site) -> None:
    path = write_site({"cameras": [{"id": "C-1", "zone": "gate", "removal_notified_on": "2025-06-15"}]})
    errors = audit([path], Options(as_of=day("2026-01-01"))).errors
    assert len(errors) == 1 and errors[0].pointer == "/cameras/0/removal_notified_on"
    assert "has no removed_on" in errors[0].message


def test_compare_shows_a_retention_duty_without_a_number_below_any_number(tmp_path: Path) -> None:
    from vidcheck.compare import comparison

    folder = _rules_folder(tmp_path, [{"check": "retention.minimum"},
                                      {"check": "retention.minimum", "minimum": {"days": 15}}], {})
    table = comparison(load_catalog([folder]), ["test-format"], "en", day("2026-01-01"))
    cell = dict(table.rows)["Minimum retention"][0]
    assert cell.splitlines()[0].startswith("15 days") and "as prescribed (declared, as filed)" in cell
