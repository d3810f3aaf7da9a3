"""Where a camera looks and whose place it is (issue 13): zones outside the operator's premises, and the notice
that a site's address supports a narrower jurisdiction than the one chosen."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import BASE_SITE, day, merged
from test_rule_format import _audit, _rule_file_errors, _rules_folder

from vidcheck.api import Options, audit
from vidcheck.catalogcodec import catalog_from_plain, catalog_to_plain
from vidcheck.errors import InvalidDocument, LocatedError
from vidcheck.jurisdictions import load_catalog
from vidcheck.model import Notice, Report, Severity
from vidcheck.render import renderer

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


# --- the address and the jurisdiction applied ---------------------------------------------------------------------

WUHAN = "湖北省武汉市洪山区关山大道 100 号"


def _local_rules(tmp_path: Path, ident: str, places: list[str], parent: str = "cn-national") -> str:
    """A rules folder with one jurisdiction naming ``places``: a local rule the audit could have chosen."""
    folder = tmp_path / "rules"
    folder.mkdir(parents=True)
    data = {"vidcheck_jurisdiction": 1, "id": ident, "name": {"zh": "武汉市", "en": "Wuhan"}, "parent": parent,
            "places": places,
            "instruments": {"t": {"title": "测试规定", "number": "测试", "effective_on": "2000-01-01",
                                  "source": "none.txt"}},
            "rules": [{"id": "r0", "check": "operation.continuous", "instrument": "t", "article": "第一条",
                       "quote": "测试"}]}
    (folder / f"{ident}.yaml").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(folder)


def _placed(tmp_path: Path, address: str | None, jurisdiction: str, rules_dirs: tuple[str, ...] = (),
            lang: str = "en") -> tuple[Report, list[Notice]]:
    site = merged(BASE_SITE, {"site": {"jurisdiction": jurisdiction}})
    if address is not None:
        site["site"]["address"] = address
    path = tmp_path / "site.yaml"
    path.write_text(json.dumps(site, ensure_ascii=False, indent=1), encoding="utf-8")
    report = audit([str(path)], Options(as_of=day("2026-01-01"), lang=lang, rules_dirs=rules_dirs))
    assert report.errors == ()
    return report, [n for n in report.notices if n.kind.startswith("jurisdiction-")]


def test_a_wuhan_site_audited_with_national_rules_is_told_that_local_rules_exist(tmp_path: Path) -> None:
    _, [notice] = _placed(tmp_path, WUHAN, "cn-national")  # cn-wuhan ships since 0.2
    assert (notice.kind, notice.severity) == ("jurisdiction-broader", Severity.WARNING)
    assert notice.message == ("the address is in 武汉市, whose local rules cn-wuhan (Wuhan) were not applied: this "
                              "audit applied only cn-national and may miss local duties; choose it in "
                              "site.jurisdiction or with --jurisdiction")
    lines = Path(notice.path).read_text(encoding="utf-8").splitlines()
    assert '"address"' in lines[notice.line - 1]  # pointed at site.address


def test_the_notice_is_in_chinese_too(tmp_path: Path) -> None:
    _, [notice] = _placed(tmp_path, WUHAN, "cn-national", lang="zh")
    assert notice.message.startswith("地址位于武汉市，该地的地方规则cn-wuhan（武汉市）未适用")


@pytest.mark.parametrize("format", ["text", "markdown", "github", "junit", "gitlab", "json", "sarif"])
def test_every_format_shows_the_notice(tmp_path: Path, format: str) -> None:
    report, _ = _placed(tmp_path, WUHAN, "cn-national")
    shown = renderer(format)(report)
    assert "jurisdiction-broader" in shown and "cn-wuhan" in shown


def test_a_city_without_local_rules_is_told_that_only_national_rules_applied(tmp_path: Path) -> None:
    _, [notice] = _placed(tmp_path, "四川省成都市武侯区人民南路四段 1 号", "cn-national")
    assert (notice.kind, notice.severity) == ("jurisdiction-none-local", Severity.INFO)
    assert notice.message == "no local rules are shipped for 成都市: only cn-national was applied"


def test_a_municipality_is_named_without_a_province(tmp_path: Path) -> None:
    _, [notice] = _placed(tmp_path, "重庆市渝中区解放碑 1 号", "cn-national")
    assert "for 重庆市:" in notice.message


def test_no_address_no_notice(tmp_path: Path) -> None:
    report, notices = _placed(tmp_path, None, "cn-national")
    assert notices == [] and report.notices == ()


def test_a_draft_is_not_suggested_as_binding(tmp_path: Path) -> None:
    _, [notice] = _placed(tmp_path, "广东省深圳市南山区南海大道 2163 号", "cn-national")
    assert (notice.kind, notice.severity) == ("jurisdiction-broader", Severity.INFO)
    assert notice.message == ("the address is in 广东省, for which a draft exists: cn-guangdong-draft (Guangdong "
                              "(draft amendment)), not binding; this audit applied cn-national")


def test_the_narrowest_place_wins_over_the_province(tmp_path: Path) -> None:
    # 广东省 and 广州市 are equally long: the place that ends last in the address is the narrower one
    _, [notice] = _placed(tmp_path, "广东省广州市天河区华夏路 28 号", "cn-guangdong-draft")
    assert notice.kind == "jurisdiction-broader" and "cn-guangzhou (Guangzhou)" in notice.message
    assert "cn-guangdong-draft, cn-national" in notice.message


@pytest.mark.parametrize("jurisdiction", ["cn-qingdao", "test-qingdao-hotels"])
def test_the_place_s_own_rules_or_narrower_ones_need_no_notice(tmp_path: Path, jurisdiction: str) -> None:
    folder = _local_rules(tmp_path, "test-qingdao-hotels", [], parent="cn-qingdao")
    _, notices = _placed(tmp_path, "山东省青岛市市南区太平路 31 号", jurisdiction, (folder,))
    assert notices == []


def test_rules_of_another_place_are_a_warning(tmp_path: Path) -> None:
    _, [notice] = _placed(tmp_path, "山东省青岛市市南区太平路 31 号", "cn-guangzhou")
    assert (notice.kind, notice.severity) == ("jurisdiction-elsewhere", Severity.WARNING)
    assert notice.message == ("the address names none of 广州市, yet this audit applied cn-guangzhou, cn-national; "
                              "the address is in 青岛市, whose local rules are cn-qingdao (Qingdao)")


def test_every_shipped_jurisdiction_names_its_places() -> None:
    catalog = load_catalog()
    assert {j.id: j.places for j in catalog.jurisdictions.values() if j.places is None} == {}
    assert catalog.get("cn-national").places == () and catalog.get("cn-qingdao").places == ("青岛市",)


def test_places_survive_the_catalog_cache() -> None:
    catalog = load_catalog()
    assert catalog_from_plain(catalog_to_plain(catalog)).get("cn-guangdong-draft").places == ("广东省",)


def test_places_are_checked_by_the_schema(tmp_path: Path) -> None:
    folder = Path(_local_rules(tmp_path, "test-wuhan", ["武汉市"]))
    path = folder / "test-wuhan.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('["武汉市"]', '"武汉市"'), encoding="utf-8")
    with pytest.raises(InvalidDocument) as raised:
        load_catalog([str(folder)])
    assert raised.value.errors[0].pointer == "/places"
