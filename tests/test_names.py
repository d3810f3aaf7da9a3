"""Chinese names in inventories: which are accepted, that each means one id, and that every check sees ids."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import merged

from vidcheck.api import Options, audit, read_site
from vidcheck.names import TABLES, AmbiguousName, _add, accepted, canonical, chinese_names, label_names, meanings


@pytest.mark.parametrize("table,name,ident", [
    ("zone", "更衣室", "changing_room"), ("zone", "大堂", "lobby"), ("zone", "大厅", "lobby"),
    ("zone", "停车场", "parking_area"), ("zone", "洗手间", "toilet"), ("zone", "桥梁", "bridge_tunnel"),
    ("category", "旅馆", "hotel"), ("category", "民宿", "hotel"), ("category", "歌舞娱乐场所", "song_dance_venue"),
    ("category", "停车场", "public_parking"), ("category", "公园", "park_square"),
    ("operator", "企业", "enterprise"), ("operator", "事业单位", "public_institution"),
])
def test_chinese_names_are_read_as_their_id(table, name, ident):
    assert canonical(table, name) == ident
    assert canonical(table, ident) == ident


@pytest.mark.parametrize("table,name", [("zone", "包间包房"), ("zone", "更衣"), ("zone", "car_park"),
                                        ("category", "mall"), ("zone", "包厢"), ("category", "旅馆 ")])
def test_other_words_are_not_names(table, name):
    assert canonical(table, name) is None


@pytest.mark.parametrize("table", list(TABLES))
def test_every_label_part_is_a_name_and_no_name_means_two_ids(table):
    names = chinese_names(table)  # raises AmbiguousName if one name meant two ids
    for ident in TABLES[table]:
        zh = TABLES[table][ident][0]
        assert canonical(table, ident) == ident
        assert all(names[part] == ident for part in re.sub("（[^）]*）", "", zh).split("/")), ident
    assert label_names(table).items() <= names.items()
    assert all(not name.isascii() or name == "KTV" for name in names)
    assert not set(names) & set(TABLES[table])  # a name is never also an id
    assert len(accepted(table)) == len(TABLES[table]) + len(names)


def test_a_name_meaning_two_ids_is_refused_not_guessed():
    found = {"包间": "private_dining_room"}
    with pytest.raises(AmbiguousName, match="both 'private_dining_room' and 'karaoke_room'"):
        _add(found, "包间", "karaoke_room", "zone")


def test_the_english_words_only_name_ids_of_their_table():
    for table in TABLES:
        assert set(meanings(table).values()) <= set(TABLES[table])
        assert not set(meanings(table)) & set(TABLES[table])


def test_chinese_names_are_ids_when_loaded(write_site):
    site = read_site(write_site({"site": {"categories": ["旅馆", "商场"], "operator": {"kind": "企业"}},
                                 "zones": [{"id": "gate", "kind": "出入口"}, {"id": "cr", "kind": "更衣室"}]}))
    assert not isinstance(site, tuple), site
    assert site.categories == frozenset({"hotel", "shopping_center"})
    assert [zone.kind for zone in site.zones] == ["entrance", "changing_room"]
    assert site.operator is not None and site.operator.kind == "enterprise"


def test_one_category_under_two_names_is_a_repeat(write_site):
    errors = read_site(write_site({"site": {"categories": ["hotel", "旅馆"]}}))
    assert isinstance(errors, tuple)
    assert [e.message for e in errors] == ["categories lists hotel twice (hotel and 旅馆)"]
    assert errors[0].pointer == "/site/categories/1"


def _findings(path: str) -> list[tuple[str, str]]:
    report = audit([path], Options(dt.date(2026, 1, 1), jurisdiction="cn-qingdao"))
    assert not report.errors, report.errors
    return sorted((f.rule, f.message) for site in report.sites for f in site.findings)


def test_every_check_sees_the_same_site_under_either_name(write_site):
    cameras = [{"id": "C-1", "zone": "gate"}, {"id": "C-2", "zone": "cr"}]
    by_id = {"site": {"categories": ["hotel"]}, "cameras": cameras,
             "zones": [{"id": "gate", "kind": "entrance"}, {"id": "cr", "kind": "changing_room"}]}
    by_name = merged(by_id, {"site": {"categories": ["旅馆"]},
                             "zones": [{"id": "gate", "kind": "出入口"}, {"id": "cr", "kind": "更衣室"}]})
    findings = _findings(write_site(by_id))
    assert ("privacy.forbidden-zone" in {rule for rule, _ in findings})
    assert _findings(write_site(by_name)) == findings


def test_a_camera_list_infers_kinds_from_the_category_ids_of_chinese_names(tmp_path, write_site):
    """包间 is a karaoke room at an entertainment venue: the camera list must see the id behind 歌舞娱乐场所."""
    (tmp_path / "list.csv").write_text("点位编号,区域\nC-9,三楼包间\n", encoding="utf-8")
    site = read_site(write_site({"site": {"categories": ["歌舞娱乐场所"]}, "cameras_from": "list.csv"}))
    assert not isinstance(site, tuple), site
    assert {zone.kind for zone in site.zones if zone.id == "三楼包间"} == {"karaoke_room"}


def test_a_camera_list_reads_a_kind_name_as_an_inventory_does():
    """A zone named by a kind's own Chinese name gets that kind in a camera list too (地下通道 is not a corridor)."""
    from vidcheck.camlist.zonewords import infer_kind

    for name, ident in chinese_names("zone").items():
        assert infer_kind(name, frozenset({"hotel"}))[0] == ident, name
    assert infer_kind("客房走廊", frozenset()) == ("corridor", "走廊")  # a compound is still read by its head
