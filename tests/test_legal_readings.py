"""Readings of the shipped texts (issue 12, items 3–6): citation labels, scope of privacy bans, no notice where
cameras are prohibited. Each test states what the text says and fails on the reading it replaced."""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import day
from ruamel.yaml import YAML

from vidcheck.api import Options, audit
from vidcheck.jurisdictions import load_catalog
from vidcheck.render.common import penalty_line
from vidcheck.resources import data_dir
from vidcheck.vocabulary import CATEGORIES

CATALOG = load_catalog()
# an item of the copies starts with (一) / （一）, on a line of its own or inside its article's line (武汉, 安徽, 甘肃)
_ITEM_MARK = re.compile(r"[（(]([一二三四五六七八九十]+)[）)]")


SOURCES = data_dir("sources")  # the project's copies of the legal texts


def _findings(path: str, as_of: str = "2026-01-01") -> dict[tuple[str, str], Any]:
    report = audit([path], Options(as_of=day(as_of)))
    assert report.errors == ()
    return {(f.rule, f.subject.id): f for f in report.sites[0].findings}


def _item_citations() -> list[Any]:
    """Every quote labelled with an item (…第N项), as (source file, article, quote)."""
    found = []
    for path in sorted(data_dir("jurisdictions").glob("*.yaml")):
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        sources = {key: inst["source"] for key, inst in data["instruments"].items()}
        for record in [*data["rules"], *(data.get("penalties") or {}).values()]:
            for cited in (record, *record.get("also_cites", ()), *record.get("preexisting_cites", ())):
                if cited["article"].endswith("项"):
                    found.append(pytest.param(sources[cited["instrument"]], cited["article"], cited["quote"],
                                              id=f"{path.stem}:{cited['article']}:{cited['quote'][:8]}"))
    return found


def _item_texts(line: str) -> dict[str, str]:
    """The items a line holds, by numeral: from each mark (kept) to the next one (or the end of the line)."""
    marks = list(_ITEM_MARK.finditer(line))
    ends = [m.start() for m in marks[1:]] + [len(line)] if marks else []
    return {m.group(1): line[m.start():end] for m, end in zip(marks, ends, strict=True)}


@pytest.mark.parametrize("source,article,quote", _item_citations())
def test_a_quote_labelled_with_an_item_quotes_that_item(source: str, article: str, quote: str) -> None:
    """Qingdao 第二十八条第一项/第二项 and Guangdong 第二十五条第一款 items quoted the article's opening sentence; the
    quote must lie in the item its label names, whether the copy gives items their own lines or not."""
    # a quote may lead with its article's sanction sentence (…) before the item itself: some part must be the item's
    parts = [part for part in quote.split("…") if part]
    numeral = article.rsplit("第", 1)[1].removesuffix("项")
    lines = (SOURCES / source).read_text(encoding="utf-8").splitlines()
    assert any(part in _item_texts(line).get(numeral, "") for line in lines for part in parts), \
        f"not in item {article}: {quote}"


def test_national_article_26_orders_confiscation_on_refusal() -> None:
    penalty = next(r.penalty for r in CATALOG.get("cn-national").rules if r.id == "installer-government-places")
    assert penalty is not None and penalty.condition is not None and penalty.condition.zh == "拒不改正的"
    assert "拒不改正的，没收相关设备设施" in [o.zh for o in penalty.orders]
    assert "拒不改正的，没收相关设备设施" in penalty.quote  # the order is the text's own words


def test_national_note_puts_park_square_under_the_second_paragraph() -> None:
    """The rules bind park_square under 第七条第二款第一项 (公园); the scope note said 第一款."""
    (rule,) = [r for r in CATALOG.get("cn-national").rules if r.id == "system-crowded-places"]
    assert "park_square" in (rule.categories or ()) and rule.article == "第七条第二款第一项"
    scope_note = CATALOG.get("cn-national").notes[0].en
    first_paragraph = scope_note.split("第二款")[0]
    assert "park_square" not in first_paragraph and "park_square is bound as 公园 under 第二款第一项" in scope_note


@pytest.mark.parametrize("jurisdiction", ["cn-guangdong-draft", "cn-qingdao"])
def test_keeping_people_out_of_the_monitoring_room_is_not_access_control(write_site, jurisdiction: str) -> None:
    """Guangdong 第十六条第三项 and Qingdao 第十九条第四项 say the same words: neither maps to access_control."""
    site = {"site": {"jurisdiction": jurisdiction, "categories": ["residential_compound"]},
            "system": {"controls": {"access_control": False}},
            "zones": [{"id": "gate", "kind": "entrance", "signage": True},
                      {"id": "cctv", "kind": "control_room", "public": False, "signage": True}],
            "cameras": [{"id": "C-1", "zone": "gate"}]}
    report = audit([write_site(site)], Options(as_of=day("2026-01-01"), jurisdiction=jurisdiction))
    cited = [c.article for f in report.sites[0].findings if f.rule == "controls.missing" for c in f.citations]
    assert not any(a.startswith(("第十六条第三项", "第十九条第四项")) for a in cited), cited
    assert not any(f.rule == "controls.missing" and "access control" in f.message.lower()
                   for f in report.sites[0].findings)


FACTORY_DORM = {"site": {"categories": ["non_public"]},
                "zones": [{"id": "gate", "kind": "entrance"}, {"id": "dorm", "kind": "dormitory_room"}],
                "cameras": [{"id": "C-1", "zone": "gate"}, {"id": "C-2", "zone": "dorm"}]}


@pytest.mark.parametrize("jurisdiction,article,penalty", [
    ("cn-guangzhou", "第六条第二款", "第二十四条第二款"),  # its penalty also reaches any 视频监控系统或者设施、设备
    ("cn-datong", "第九条", None),  # 第二十八条 sanctions a 公共安全 system only
    ("cn-guangdong-draft", "第七条", "第二十六条"),
])
def test_privacy_bans_on_any_equipment_bind_non_public_sites(write_site, jurisdiction: str, article: str,
                                                             penalty: str | None) -> None:
    site = {**FACTORY_DORM, "site": {"jurisdiction": jurisdiction, "categories": ["non_public"]}}
    report = audit([write_site(site)], Options(as_of=day("2026-01-01"), jurisdiction=jurisdiction))
    found = {(f.rule, f.subject.id): f for f in report.sites[0].findings}
    finding = found[("privacy.forbidden-zone", "C-2")]
    assert [c.article for c in finding.citations] == [article]  # the national 第八条 binds public places only
    assert [p.article for p in finding.penalties] == ([penalty] if penalty else [])
    assert not finding.waivable


def test_datong_public_site_keeps_the_article_28_penalty(write_site) -> None:
    site = {**FACTORY_DORM, "site": {"jurisdiction": "cn-datong", "categories": ["hotel"]}}
    finding = _findings(write_site(site))[("privacy.forbidden-zone", "C-2")]
    assert {p.article for p in finding.penalties} == {"第二十八条", "第二十七条第一款"}


def test_a_rule_that_binds_non_public_sites_binds_every_category() -> None:
    """Such rules list every category (no keyword for 'every site'): a category added later must be added too."""
    for jurisdiction in CATALOG.jurisdictions.values():
        for rule in jurisdiction.rules:
            if rule.categories and "non_public" in rule.categories and rule.categories != {"non_public"}:
                assert rule.categories == set(CATEGORIES), f"{jurisdiction.id}/{rule.id}"


@pytest.mark.parametrize("jurisdiction", ["cn-qingdao", "cn-guangzhou", "cn-national"])
def test_a_camera_in_a_toilet_gets_removal_not_a_notice(write_site, jurisdiction: str) -> None:
    """SPEC §3: privacy.forbidden-zone for each camera and no signage.missing ("put up a sign in the toilet")."""
    site = {"site": {"jurisdiction": jurisdiction, "categories": ["shopping_center"]},
            "zones": [{"id": "gate", "kind": "entrance", "signage": True}, {"id": "wc", "kind": "toilet"}],
            "cameras": [{"id": "C-1", "zone": "gate"}, {"id": "C-2", "zone": "wc"}, {"id": "C-3", "zone": "wc"}]}
    found = _findings(write_site(site))
    assert ("privacy.forbidden-zone", "C-2") in found and ("privacy.forbidden-zone", "C-3") in found
    assert ("signage.missing", "wc") not in found


def test_a_notice_is_still_owed_where_no_rule_in_force_prohibits_the_kind(write_site) -> None:
    """Guangzhou before the 条例: a makeup room is prohibited by 第六条第二款's 等 (waivable); a kitchen by nothing."""
    site = {"site": {"jurisdiction": "cn-guangzhou", "categories": ["hotel"]},
            "zones": [{"id": "gate", "kind": "entrance", "signage": True}, {"id": "k", "kind": "kitchen"},
                      {"id": "mk", "kind": "makeup_room"}],
            "cameras": [{"id": "C-1", "zone": "gate"}, {"id": "C-2", "zone": "k"}, {"id": "C-3", "zone": "mk"}]}
    found = _findings(write_site(site), "2024-06-01")
    assert ("signage.missing", "k") in found and ("signage.missing", "mk") not in found


def test_beijing_article_23_has_two_tiers_of_fines() -> None:
    """北京 第二十三条: a discretionary first fine with the order, a higher one 逾期不整改或者整改不合格的."""
    penalty = next(r.penalty for r in CATALOG.get("cn-beijing").rules if r.id == "staff-training")
    assert penalty is not None and penalty.article == "第二十三条" and penalty.condition is None
    assert [(f.party, f.min, f.max, f.condition and f.condition.zh) for f in penalty.fines] == [
        ("unit", 1000, 10000, None), ("persons", None, 500, None),
        ("unit", 10000, 30000, "逾期不整改或者整改不合格的"), ("persons", 500, 1000, "逾期不整改或者整改不合格的")]
    assert penalty_line(penalty, "zh", instrument=False) == (
        "第二十三条 · 责令限期整改 · 单位 1,000–10,000 元；单位主要负责人及直接责任人员 ≤500 元；"
        "逾期不整改或者整改不合格的：单位 10,000–30,000 元、单位主要负责人及直接责任人员 500–1,000 元")
