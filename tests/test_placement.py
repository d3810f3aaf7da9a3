"""Where a camera looks and whose place it is (issue 13): zones outside the operator's premises, and the notice
that a site's address supports a narrower jurisdiction than the one chosen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_rule_format import _audit, _rule_file_errors, _rules_folder

from vidcheck.errors import LocatedError
from vidcheck.jurisdictions import load_catalog

# 北京 第六条 (outside the premises) and 第七条 (roads: government only), as one test jurisdiction
OUTSIDE = {"check": "installer.unauthorized", "outside_premises": True, "public_only": True,
           "allowed_operators": ["government", "individual"], "article": "第六条",
           "quote": "不得采集本单位范围以外的公共区域的图像信息"}
ROADS = {"check": "installer.unauthorized", "zone_kinds": ["roadway"], "allowed_operators": ["government"],
         "article": "第七条", "quote": "其他任何单位和个人不得在该区域设置公共安全图像信息系统"}
STREET = {"zones": [{"id": "gate", "kind": "entrance"},
                    {"id": "street", "name": "门前道路", "kind": "roadway", "outside_premises": True}],
          "cameras": [{"id": "C-1", "zone": "street"}]}
FRONT = {"zones": [{"id": "gate", "kind": "entrance"},
                   {"id": "front", "name": "门前广场", "kind": "public_area", "outside_premises": True}],
         "cameras": [{"id": "C-1", "zone": "front"}]}


def test_a_road_outside_the_premises_is_one_finding_citing_both_articles(tmp_path: Path) -> None:
    report = _audit(tmp_path, STREET, [OUTSIDE, ROADS])
    [finding] = report.sites[0].findings
    assert [c.article for c in finding.citations] == ["第六条", "第七条"]
    assert "only the government may equip" in finding.message  # the stronger claim speaks


def test_the_outside_premises_message_says_what_is_wrong(tmp_path: Path) -> None:
    en = _audit(tmp_path / "en", FRONT, [OUTSIDE]).sites[0].findings[0].message
    zh = _audit(tmp_path / "zh", FRONT, [OUTSIDE], lang="zh").sites[0].findings[0].message
    assert en == ("camera C-1 covers public area 门前广场（front）, a public area outside the operator's own "
                  "premises; the operator is enterprise")
    assert "本单位范围以外的公共区域" in zh and "门前广场（front）" in zh


def test_without_public_only_any_zone_outside_the_premises_counts(tmp_path: Path) -> None:
    rule = {**OUTSIDE, "public_only": False}
    yard = {"zones": [{"id": "gate", "kind": "entrance"},
                      {"id": "yard", "kind": "entrance", "public": False, "outside_premises": True}],
            "cameras": [{"id": "C-1", "zone": "yard"}]}
    [finding] = _audit(tmp_path, yard, [rule]).sites[0].findings
    assert "lies outside the operator's own premises" in finding.message


def _errors(tmp_path: Path, rule: dict[str, Any]) -> str:
    """What the reader says about a rule the schema accepts."""
    with pytest.raises(LocatedError) as raised:
        load_catalog([_rules_folder(tmp_path, [rule], {})])
    return f"{raised.value.error.pointer} {raised.value.error.message}"


def test_an_installer_rule_names_zone_kinds_or_outside_premises(tmp_path: Path) -> None:
    neither = {"check": "installer.unauthorized", "allowed_operators": ["government"]}
    both = {**neither, "zone_kinds": ["roadway"], "outside_premises": True}
    for name, rule in (("neither", neither), ("both", both)):
        assert _errors(tmp_path / name, rule) == (
            "/rules/0 an installer.unauthorized rule names either zone_kinds (places only some operators may equip) "
            "or outside_premises: true (places outside the operator's premises)")


def test_public_only_needs_outside_premises(tmp_path: Path) -> None:
    rule = {"check": "installer.unauthorized", "zone_kinds": ["roadway"], "allowed_operators": ["government"],
            "public_only": True}
    assert "'outside_premises' is a dependency of 'public_only'" in _rule_file_errors(tmp_path, rule)


def test_outside_premises_belongs_to_installer_rules_only(tmp_path: Path) -> None:
    rule = {"check": "privacy.forbidden-zone", "zone_kinds": ["toilet"], "outside_premises": True}
    assert _errors(tmp_path, rule) == ("/rules/0/outside_premises only installer.unauthorized rules take "
                                       "'outside_premises'")
