"""vidcheck compare shows what binds a site of each jurisdiction on a day (SPEC §3): its own rules and every
ancestor's in force, strictest wins, the local figure beside a stricter one; fines per instrument."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import day, run

from vidcheck.compare import comparison
from vidcheck.jurisdictions import load_catalog

CATALOG = load_catalog()
ALL = sorted(CATALOG.jurisdictions)  # the columns of a compare over every shipped id
CONDITION_7 = "（仅限："  # the 条例's figures bind 第七条 places only
REGULATION = "《公共安全视频图像信息系统管理条例》"


def _rows(as_of: str, lang: str = "zh") -> dict[str, dict[str, str]]:
    table = comparison(CATALOG, ALL, lang, day(as_of))
    return {name: dict(zip(table.columns, values, strict=True)) for name, values in table.rows}


SECTOR_LAWS = ("《中华人民共和国反恐怖主义法》", "《娱乐场所管理条例》", "《保安服务管理条例》")


def _general(cell: str) -> str:
    """The cell without the lines of sector laws (they bind some categories in every jurisdiction)."""
    return "\n".join(line for line in cell.split("\n") if not any(law in line for law in SECTOR_LAWS)) or "—"


def test_guangzhou_retention_shows_the_national_30_days_with_the_local_15_beside():
    cell = _rows("2026-11-30")["最短保存期"]["cn-guangzhou"]
    assert cell.startswith("90日（《中华人民共和国反恐怖主义法》第三十二条第三款）（仅限：防范恐怖袭击重点目标）\n")
    national, local = _general(cell).split("\n")
    assert national.startswith("30日（《公共安全视频图像信息系统管理条例》第十七条）" + CONDITION_7)
    assert local == "15日（第二十一条第二款）"  # still binds every place outside 第七条


def test_before_the_national_regulation_only_local_figures_bind():
    rows = _rows("2024-06-01")
    assert _general(rows["最短保存期"]["cn-guangzhou"]) == "15日（第二十一条第二款）"
    assert _general(rows["最短保存期"]["cn-national"]) == "—"
    assert "条例" not in rows["罚则：违规安装"]["cn-qingdao"]


def test_an_equal_national_figure_adds_no_line_to_a_wider_local_one():
    rows = _rows("2026-11-30")
    assert _general(rows["最短保存期"]["cn-qingdao"]) == "30日（第十九条第七项）"
    assert rows["提示标识"]["cn-qingdao"] == "公共场所的监控部位（第十七条）"
    assert rows["连续运行"]["cn-datong"] == "要求（第十七条第二项）"


def test_what_only_the_parent_requires_is_shown_under_the_parent():
    rows = _rows("2026-11-30")
    assert rows["提示标识"]["cn-datong"] == "公共场所的监控部位（《公共安全视频图像信息系统管理条例》第十三条）"
    assert rows["禁止安装部位"]["cn-guangzhou"].endswith(f"包间（{REGULATION}第八条第一款第一项）")
    assert "（含非公共场所）" in rows["禁止安装部位"]["cn-guangzhou"]  # 第六条第二款 binds everyone
    assert f"重要岗位人员入职审查（{REGULATION}第十六条第二款第一项）" in rows["管理措施"]["cn-qingdao"]
    assert rows["连续运行"]["cn-guangzhou"].startswith("要求（《公共安全视频图像信息系统管理条例》第十五条第一款）")


def test_a_local_measure_another_local_article_repeats_for_everyone_is_one_line():
    """广州 第二十条 asks 值班监看 of every system; 第二十一条第一款 asks it again of sites with a control room."""
    measures = _rows("2026-11-30")["管理措施"]["cn-guangzhou"]
    assert measures.startswith("值班监看（第二十条）\n") and "本地" not in measures


def test_deadlines_with_different_triggers_both_bind():
    cell = _rows("2026-11-30")["备案期限"]["cn-qingdao"].split("\n")
    assert cell[0] == "竣工验收合格之日起 30日（第十六条第一款）"
    assert cell[1].startswith("投入使用之日起 30日（《公共安全视频图像信息系统管理条例》第十四条第一款）")


def test_fines_show_every_instrument():
    cell = _rows("2026-11-30")["罚则：违规安装"]["cn-qingdao"].split("\n")
    assert cell[0].startswith("第二十七条 · 责令限期拆除")
    assert cell[1].startswith("公共安全视频图像信息系统管理条例（国务院令第799号） 第二十七条第一款")


def test_the_draft_binds_in_its_own_column():
    assert _rows("2026-11-30")["涉案视频保存期"]["cn-guangdong-draft"] == "2年（第十七条第五项）"  # no English "d"


def test_scope_is_written_as_the_shorter_list():
    signage = _rows("2026-11-30", "en")["Signage"]["cn-guangzhou"]
    assert signage.startswith("every monitored zone (第十二条) (all but: public transport vehicle)")


def test_compare_takes_as_of_and_keeps_csv_and_json_cells_whole():
    data = json.loads(run("compare", "-f", "json", "--lang", "zh", "--as-of", "2024-06-01").stdout)
    assert data["as_of"] == "2024-06-01"
    rows = {row["aspect"]: row["values"] for row in data["rows"]}
    assert _general(rows["最短保存期"]["cn-guangzhou"]) == "15日（第二十一条第二款）"
    later = run("compare", "-f", "csv", "--lang", "zh", "--as-of", "2026-11-30").stdout
    cells = {row[0]: row[1:] for row in csv.reader(io.StringIO(later))}
    assert cells["最短保存期"][ALL.index("cn-guangzhou")] == _rows("2026-11-30")["最短保存期"]["cn-guangzhou"]
    assert run("compare", "--as-of", "2026-02-30").exit_code == 2


def test_text_table_never_cuts_a_cell():
    out = run("compare", "--lang", "zh", "--as-of", "2026-11-30", env={"COLUMNS": "200"}).stdout
    assert "…" not in out.replace("应当…并", "")


def test_beijing_column_reads_as_the_2007_text():
    """北京 (before the 条例): retention 按照规定期限 without a number, filing 30 days from acceptance, 已经建成
    systems 30 days from 施行, no removal filing, roads and squares the government's, 第十九条 fines after a failed
    correction."""
    rows = {name: cells["cn-beijing"] for name, cells in _rows("2024-06-01").items()}
    assert _general(rows["最短保存期"]) == "按规定期限（须申报，与备案一致）（第十三条第三项）"
    assert rows["备案期限"] == "竣工验收合格之日起 30日（第十一条第一款）"
    assert rows["已有系统备案"] == "施行前已经建成（竣工验收）：2007-04-01 + 30日（第十一条第二款）"
    assert rows["拆除备案或通知"] == "—" and rows["连续运行"] == "—"
    assert rows["仅限政府建设"] == "道路/路口、广场、桥梁/隧道/地下通道（第七条）"
    assert rows["罚则：未建设"] == ("第十九条 · 责令限期整改、警告 · 逾期不整改或者整改不合格的："
                                 "单位 10,000–30,000 元；单位主要负责人及直接责任人员 500–1,000 元")
    assert rows["罚则：违规安装"] == "—"  # no article of 第十九条 to 第二十六条 punishes 第九条


# --- rows for the 2026-11 parameters (issue 13), on a test jurisdiction in a rules folder ------------------------

def _penalty(article: str, fines: list[dict[str, object]]) -> dict[str, object]:
    return {"instrument": "t", "article": article, "quote": "测试", "orders": ["责令限期改正"], "fines": fines}


NEW_PARAMETERS = {
    "vidcheck_jurisdiction": 1, "id": "test-compare", "name": {"zh": "测试", "en": "test"}, "parent": "cn-national",
    "instruments": {"t": {"title": "测试规定", "number": "测试", "effective_on": "2017-01-01", "source": "none.txt"}},
    "penalties": {
        "removal": _penalty("第二十四条", [{"party": "unit", "min": 2000, "max": 10000,
                                           "condition": "逾期不改正的"}]),
        "install": _penalty("第二十五条", [
            {"party": "unit", "min": 5000, "max": 30000, "condition": "有违法所得的"},
            {"party": "unit", "min": 2000, "max": 10000, "condition": "没有违法所得的"}]),
        "outside": _penalty("第二十条", [{"party": "unit", "min": 10000, "max": 30000}]),
    },
}
NEW_RULES: list[dict[str, object]] = [
    {"id": "notice", "check": "filing.removal", "article": "第十五条", "notice": "before", "within": {"days": 10},
     "penalty": "removal"},
    {"id": "notice-by-the-day", "check": "filing.removal", "article": "第十五条之二", "notice": "before",
     "within": None},
    {"id": "filed", "check": "filing.removal", "article": "第十六条", "within": {"days": 30}},
    {"id": "delivered", "check": "filing.deadline", "article": "第十三条第二款", "trigger": "delivered_on",
     "within": {"days": 30}},
    {"id": "old-only", "check": "filing.deadline", "article": "第十三条第三款", "trigger": "delivered_on",
     "within": None, "new_systems": False, "preexisting_when": "delivered_on",
     "preexisting_within": {"days": 60}},
    {"id": "outside-public", "check": "installer.unauthorized", "article": "第六条", "outside_premises": True,
     "public_only": True, "allowed_operators": ["government", "individual"], "penalty": "outside"},
    {"id": "outside-any", "check": "installer.unauthorized", "article": "第九条第三款", "outside_premises": True,
     "allowed_operators": ["government"], "penalty": "install"},
    {"id": "roads", "check": "installer.unauthorized", "article": "第七条", "zone_kinds": ["roadway"],
     "allowed_operators": ["government"], "penalty": "install"},
]


def _new_rows(tmp_path: Path, lang: str) -> dict[str, str]:
    folder = tmp_path / lang
    folder.mkdir()
    rules = [{"instrument": "t", "quote": "测试", **rule} for rule in NEW_RULES]
    (folder / "test-compare.yaml").write_text(json.dumps({**NEW_PARAMETERS, "rules": rules}, ensure_ascii=False),
                                              encoding="utf-8")
    table = comparison(load_catalog([str(folder)]), ["test-compare"], lang, day("2026-11-30"))
    return {name: values[0] for name, values in table.rows}


def test_the_removal_row_tells_a_notice_before_from_a_filing_after(tmp_path: Path) -> None:
    zh, en = _new_rows(tmp_path, "zh"), _new_rows(tmp_path, "en")
    assert zh["拆除备案或通知"].split("\n") == [
        "拆除前至少10日通知公安机关（第十五条）", "拆除后30日内备案（第十六条）",
        "本地：拆除前通知公安机关（至迟拆除当日）（第十五条之二）"]  # by the day is displaced by 10 days ahead
    assert en["Removal: filing or notice"].split("\n")[:2] == [
        "police told at least 10 days before the removal (第十五条)",
        "filed within 30 days after the removal (第十六条)"]


def test_the_filing_trigger_delivery_and_a_duty_only_for_older_systems(tmp_path: Path) -> None:
    rows = _new_rows(tmp_path, "en")
    assert rows["Filing deadline"].split("\n")[0] == "from delivery into use 30 days (第十三条第二款)"
    assert "第十三条第三款" not in rows["Filing deadline"]  # new systems owe nothing under it
    assert rows["Pre-existing systems"].startswith(
        "delivered into use before it took effect: 2017-01-01 + 60 days (第十三条第三款)")


def test_zones_outside_the_premises_have_their_row_and_their_fines(tmp_path: Path) -> None:
    rows = _new_rows(tmp_path, "zh")
    assert rows["本单位范围以外"].split("\n") == ["本单位范围以外的任何部位（政府部门除外）（第九条第三款）",
                                            "本单位范围以外的公共区域（政府部门、个人除外）（第六条）"]
    assert rows["仅限政府建设"].startswith("道路/路口（第七条）")
    assert rows["罚则：采集范围以外"].split("\n")[0] == "第二十条 · 责令限期改正 · 单位 10,000–30,000 元"
    assert "第二十条" not in rows["罚则：擅自建设"]


def test_conditional_and_removal_fines_read_with_their_conditions(tmp_path: Path) -> None:
    rows = _new_rows(tmp_path, "en")
    # a rules folder's plain strings are shown as written, in the English report's punctuation
    assert rows["Fine: removal"] == "第二十四条 · 责令限期改正 · 逾期不改正的: unit 2,000–10,000 CNY"
    assert rows["Fine: unauthorized installer"].startswith(
        "第二十五条 · 责令限期改正 · 有违法所得的: unit 5,000–30,000 CNY; 没有违法所得的: unit 2,000–10,000 CNY\n")


def test_every_shipped_jurisdiction_has_a_cell_in_every_new_row() -> None:
    rows = _rows("2026-11-30", "en")
    assert rows["Removal: filing or notice"]["cn-qingdao"] == "filed within 30 days after the removal (第十六条第二款)"
    assert rows["Removal: filing or notice"]["cn-guangzhou"] == (
        "approved by or filed with the police before the removal (by its day) (第二十二条)")
    assert rows["Fine: removal"]["cn-qingdao"] == (
        "第二十八条第一项 · order to correct within a set period · unit 500–1,000 CNY")
    assert {ident: cell for ident, cell in rows["Outside the premises"].items() if cell != "—"} == {
        "cn-beijing": "public areas outside the premises (except government; individual) (第六条)",
        "cn-anhui": "any zone outside the premises (except government) (第九条第三款) (non-public sites too)"}


def test_a_filing_rule_only_for_preexisting_systems_stays_out_of_the_new_system_row():
    """甘肃 第十一条第二款 (new_systems: false) binds systems built before 2011-05-01 only: the 备案期限 row shows
    第一款 (第七条 places, no deadline) and the pre-existing row shows 第二款."""
    rows = _rows("2024-06-01")
    assert rows["备案期限"]["cn-gansu"] == (
        "投入使用后备案（未规定期限）（第十一条第一款）"
        "（仅限：公园/广场、住宅小区、机场/港口/车站/码头/轨道交通站、道路/路口/桥梁/隧道/地下通道）")
    assert rows["已有系统备案"]["cn-gansu"] == "施行前已经建成（竣工验收）：2011-05-01 + 60日（第十一条第二款）"


def test_a_notice_before_removal_and_a_filing_only_of_old_systems_read_as_such():
    """安徽 第十五条 is a notice 10 days before the removal, not a filing within 10 days after it; 第十三条第三款 asks a
    filing only of systems built before 2017, so it is no deadline for new systems."""
    rows = _rows("2026-11-30")
    assert rows["拆除备案或通知"]["cn-anhui"] == "拆除前至少10日通知公安机关（第十五条）"
    assert rows["拆除备案或通知"]["cn-qingdao"] == "拆除后30日内备案（第十六条第二款）"
    filing = rows["备案期限"]["cn-anhui"]
    assert filing.startswith("交付使用之日起 30日（第十三条第二款）") and "第十三条第三款" not in filing
    preexisting = rows["已有系统备案"]["cn-anhui"]
    assert preexisting.startswith("施行前已经建成（竣工验收）：2017-01-01 + 60日（第十三条第三款）")


# --- the review of every cell against sources/ (notes/compare-review.md) -------------------------------------------

def test_anhui_government_places_say_what_article_9_names():
    """安徽 第九条第一款 names 城市轨道交通站、城市公共汽车枢纽站 (a railway or coach station is a 第二款 place,
    built by its own unit); roads and squares are public whoever films them, so no "（含非公共场所）"; both
    paragraphs cited."""
    cell = _rows("2026-11-30")["仅限政府建设"]["cn-anhui"]
    assert cell == ("道路/路口、桥梁/隧道/地下通道、城市轨道交通站/公共汽车枢纽站区域、开放式公园区域、广场"
                    "（第九条第一款、第三款）")
    assert "火车站" not in cell


def test_wuhan_removal_is_one_filing_before_the_removal():
    """武汉 第十条: 应当在移动或者拆除前三十日内，向所在地公安机关备案 — one line, a 备案, before the removal."""
    cell = _rows("2026-11-30")["拆除备案或通知"]["cn-wuhan"]
    assert "\n" not in cell and cell.startswith("拆除前向公安机关备案（至迟拆除当日）（第十条）（")
    assert "通知" not in cell


def test_guangzhou_removal_is_approval_or_filing_before_the_change():
    """广州 第二十二条: 如确有必要改变的,应当经公安机关核准或者备案 — before the change, not after it."""
    cell = _rows("2026-11-30")["拆除备案或通知"]["cn-guangzhou"]
    assert cell == "拆除前经公安机关核准或者备案（至迟拆除当日）（第二十二条）"


def test_a_sector_law_is_never_local():
    """cn-national's file lists the 娱乐场所管理条例, but its 30 days are not "本地" figures of the 条例."""
    assert "本地" not in _rows("2026-11-30")["最短保存期"]["cn-national"]


def test_all_but_lists_name_places_not_designations():
    for cell in (_rows("2026-11-30")["备案期限"]["cn-anhui"], _rows("2026-11-30")["备案期限"]["cn-guangzhou"]):
        assert "（除" in cell and "防范恐怖袭击重点目标" not in cell.split("（除")[1] and "保安服务" not in cell


def test_datong_article_9_is_one_line_for_public_and_non_public_places():
    cell = _rows("2026-11-30")["禁止安装部位"]["cn-datong"].split("\n")
    assert cell[0].endswith("（第九条）（含非公共场所）") and not any("（仅限：非公共场所）" in line for line in cell)


def test_instruments_are_marked_as_on_the_day_and_the_parents_that_bind_are_listed():
    rows = _rows("2024-06-01")
    national = rows["法规"]["cn-national"].split("\n")
    assert national[0] == "公共安全视频图像信息系统管理条例（国务院令第799号） [2025-04-01起施行，比较日未施行]"
    assert national[1].endswith("[2025-05-21起施行，比较日未施行]")
    qingdao = rows["法规"]["cn-qingdao"]
    # a sector law its cells cite
    assert "娱乐场所管理条例（国务院令第458号（2020年11月29日修订）） [2006-03-01起施行]" in qingdao
    assert "公共安全视频图像信息系统管理条例" not in qingdao  # not yet in force: binds nobody in Qingdao that day
    later = _rows("2026-11-30")["法规"]["cn-qingdao"]
    assert "公共安全视频图像信息系统管理条例（国务院令第799号） [2025-04-01起施行]" in later


def test_the_regulations_transitional_filing_shows_whom_it_binds():
    """条例 第十四条第一款 binds 第七条 places only (第九条第二款 exempts the others), new or pre-existing."""
    line = _rows("2026-11-30")["已有系统备案"]["cn-qingdao"].split("\n")[1]
    assert line.startswith(f"施行前已经启用（投入使用）：2025-04-01 + 90日（{REGULATION}第十四条第一款）{CONDITION_7}")


def test_fines_for_signage_continuous_operation_and_measures_have_rows():
    rows = _rows("2026-11-30")
    assert rows["罚则：提示标识"]["cn-gansu"].startswith("第十九条 · 责令限期改正")
    assert rows["罚则：提示标识"]["cn-qingdao"].startswith("第二十八条第二项 · ")
    assert rows["罚则：连续运行"]["cn-anhui"].startswith("第二十四条第四项 · ")
    assert rows["罚则：管理措施"]["cn-beijing"].split("\n")[:2] == [
        "第二十三条 · 责令限期整改 · 单位 1,000–10,000 元；单位主要负责人及直接责任人员 ≤500 元；"
        "逾期不整改或者整改不合格的：单位 10,000–30,000 元、单位主要负责人及直接责任人员 500–1,000 元",
        "第二十四条 · 单位 10,000–30,000 元；单位主要负责人及直接责任人员 500–1,000 元"]
    assert rows["罚则：管理措施"]["cn-datong"].startswith("第二十九条 · ")


def test_fines_read_with_the_texts_own_tests():
    """北京 第二十一条 单位设置的 / 个人设置的; 安徽 第二十五条 以营利为目的 with each fine; 大同 第二十六条 可并处."""
    rows = _rows("2026-11-30")
    assert rows["罚则：擅自建设"]["cn-beijing"].startswith(
        "第二十一条 · 责令拆除 · 单位设置的：单位 10,000–30,000 元、单位主要负责人及直接责任人员 500–1,000 元；"
        "个人设置的：个人 500–1,000 元")
    anhui = rows["罚则：擅自建设"]["cn-anhui"].split("\n")[0]
    assert "经营性" not in anhui and anhui.endswith(
        "单位以营利为目的安装，没有违法所得的：单位 2,000–10,000 元、直接责任人员 200–1,000 元；"
        "单位不以营利为目的安装的：单位 500–1,000 元；个人安装的：个人 500–1,000 元")
    assert rows["罚则：擅自建设"]["cn-datong"].startswith(
        "第二十六条 · 警告、责令拆除 · 属单位设置的（可并处）：单位 ≤1,000 元；属个人设置的（可并处）：个人 ≤500 元")


def test_datong_parks_are_the_governments_and_wuhan_fitting_rooms_are_article_18_item_6():
    rows = _rows("2026-11-30")
    assert rows["仅限政府建设"]["cn-datong"] == "道路/路口、广场、桥梁/隧道/地下通道、开放式公园区域（第十条）"
    wuhan = rows["禁止安装部位"]["cn-wuhan"].split("\n")
    assert "哺乳室、浴室、更衣室、化妆间、卫生间（第十八条第三项）" in wuhan and "试衣间（第十八条第六项）" in wuhan


def test_beijing_article_9_list_is_marked_as_a_reading():
    """北京 第九条第一款 says only 不得侵犯公民个人隐私: the rooms are the rule's reading of it."""
    cell = _rows("2026-11-30")["禁止安装部位"]["cn-beijing"]
    assert cell.split("\n")[0].endswith("（第九条第一款）（解读）")
    assert "解读" not in _rows("2026-11-30")["禁止安装部位"]["cn-qingdao"]  # 青岛 第九条第一款 lists its rooms


def test_fines_name_the_persons_as_the_text_does():
    rows = _rows("2026-11-30")
    assert "单位主要负责人及直接责任人员 500–1,000 元" in rows["罚则：采集范围以外"]["cn-beijing"]
    assert rows["罚则：备案"]["cn-gansu"].startswith(
        "第十九条 · 责令限期改正 · 逾期不改正的：单位 ≤1,000 元；单位负责人或直接责任人 ≤200 元")
    assert "the unit's head or the person directly responsible ≤200 CNY" in _rows("2026-11-30", "en")[
        "Fine: filing"]["cn-gansu"]


def test_compare_offers_only_the_dates_it_takes():
    # `planned` is an audit's date (an inventory's latest date); compare reads no inventory and refuses it
    assert "planned" not in run("compare", "--help", "--lang", "en").stdout
    assert run("compare", "cn-qingdao", "--as-of", "planned").exit_code == 2
