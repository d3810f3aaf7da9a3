"""vidcheck compare shows what binds a site of each jurisdiction on a day (SPEC §3): its own rules and every
ancestor's in force, strictest wins, the local figure beside a stricter one; fines per instrument."""

from __future__ import annotations

import csv
import io
import json

from conftest import day, run

from vidcheck.compare import comparison
from vidcheck.jurisdictions import load_catalog

CATALOG = load_catalog()
ALL = sorted(CATALOG.jurisdictions)  # `vidcheck compare` with no id shows every shipped jurisdiction
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


def test_a_local_figure_displaced_everywhere_is_shown_as_local():
    measures = _rows("2026-11-30")["管理措施"]["cn-guangzhou"]
    assert measures.endswith("本地：值班监看（第二十一条第一款）（仅限设有监控室的场所）")  # 第二十条 binds all


def test_deadlines_with_different_triggers_both_bind():
    cell = _rows("2026-11-30")["备案期限"]["cn-qingdao"].split("\n")
    assert cell[0] == "竣工验收合格之日起 30日（第十六条第一款）"
    assert cell[1].startswith("投入使用之日起 30日（《公共安全视频图像信息系统管理条例》第十四条第一款）")


def test_fines_show_every_instrument():
    cell = _rows("2026-11-30")["罚则：违规安装"]["cn-qingdao"].split("\n")
    assert cell[0].startswith("第二十七条 · 责令限期拆除")
    assert cell[1].startswith("公共安全视频图像信息系统管理条例（国务院令第799号） 第二十七条第一款")


def test_the_draft_binds_in_its_own_column():
    assert _rows("2026-11-30")["涉案视频保存期"]["cn-guangdong-draft"] == "2年 (≥731d)（第十七条第五项）"


def test_scope_is_written_as_the_shorter_list():
    signage = _rows("2026-11-30", "en")["Signage"]["cn-guangzhou"]
    assert signage.startswith("every monitored zone（第十二条）（all but: public transport vehicle）")


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


def test_a_notice_before_removal_and_a_filing_only_of_old_systems_read_as_such():
    """安徽 第十五条 is a notice 10 days before the removal, not a filing within 10 days after it; 第十三条第三款 asks a
    filing only of systems built before 2017, so it is no deadline for new systems."""
    rows = _rows("2026-11-30")
    assert rows["拆除备案"]["cn-anhui"] == "提前通知：10日（第十五条）"
    assert rows["拆除备案"]["cn-qingdao"] == "30日（第十六条第二款）"
    filing = rows["备案期限"]["cn-anhui"]
    assert filing.startswith("交付使用之日起 30日（第十三条第二款）") and "第十三条第三款" not in filing
    preexisting = rows["已有系统备案"]["cn-anhui"]
    assert preexisting.startswith("施行前已经建成（竣工验收）：2017-01-01 + 60日（第十三条第三款）")
