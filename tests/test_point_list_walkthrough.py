"""A new user with only a point list (点位表) and the docs: init, the header filled in, validate, audit, filing
(issue 14). Every step runs as the user runs it, from the folder that holds the list."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from conftest import run

from vidcheck.yamlsource import parse_yaml

HEADER = "点位编号,安装位置,区域,摄像机类型,型号,计划安装日期,NVR,IP\n"
ROWS = [
    ("C-001", "正门外", "正门", "2027-01-10"), ("C-002", "大堂前台", "大堂", "2027-01-10"),
    ("C-003", "2F客房走廊", "客房走廊", "2027-01-12"), ("C-004", "地下停车场", "停车场", "2027-01-13"),
    ("C-005", "健身房更衣室内", "健身房更衣室", "2027-01-14"), ("C-006", "牡丹厅", "包间", "2027-01-14"),
]


def _sheet(folder: Path, extra: str = "") -> None:
    text = HEADER + "".join(f"{i},{where},{zone},半球,DS-2CD2143G2-I,{day},NVR-1,10.0.0.{n}\n"
                            for n, (i, where, zone, day) in enumerate(ROWS)) + extra
    (folder / "点位表.csv").write_bytes(text.encode("gbk"))


def _filled(path: Path) -> str:
    """The header TODOs answered as a person answers them; zones and signage left as init wrote them."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  name: .*$", "  name: 青岛海景大酒店", text)
    text = re.sub(r"(?m)^  address: .*$", "  address: 山东省青岛市市南区东海西路10号", text)
    text = re.sub(r"(?m)^    name: .*# TODO.*$", "    name: 青岛海景酒店管理有限公司", text)
    text = re.sub(r"(?m)^    # credit_code: .*$", "    credit_code: 91370202MA3C12346E", text)
    for key, value in (("accepted_on", "2027-01-20"), ("in_service_on", "2027-01-25")):
        text = re.sub(rf"(?m)^  # {key}: .*$", f"  {key}: {value}", text)
    text = re.sub(r"(?m)^  # retention_days: .*$", "  retention_days: 30", text)
    path.write_text(text, encoding="utf-8")
    return text


@pytest.fixture
def hotel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    _sheet(tmp_path)
    written = run("init", "-j", "cn-qingdao", "--category", "hotel", "--cameras-from", "点位表.csv",
                  "-o", "site.yaml", "--lang", "zh")
    assert written.exit_code == 0, written.output
    return tmp_path / "site.yaml"


def _audit(*args: str) -> dict:
    result = run("audit", "site.yaml", "--as-of", "planned", "-f", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_init_lists_each_zone_of_the_sheet_with_its_kind_and_a_signage_question(hotel: Path):
    zones = {zone["name"]: zone for zone in parse_yaml(hotel.read_text(encoding="utf-8"), "x").data["zones"]}
    assert {name: zone["kind"] for name, zone in zones.items()} == {
        "正门": "entrance", "大堂": "lobby", "客房走廊": "corridor", "停车场": "parking_area",
        "健身房更衣室": "changing_room", "包间": "private_dining_room"}
    assert zones["大堂"]["signage"] is False and "signage" not in zones["健身房更衣室"]  # removal, not a notice
    text = hotel.read_text(encoding="utf-8")
    assert "    signage: false  # TODO" in text and "属禁止安装摄像机的区域" in text


def test_the_sheet_zones_stand_for_the_required_ones_and_need_no_notice_to_confirm(hotel: Path):
    _filled(hotel)
    assert run("validate", "site.yaml").exit_code == 0
    report = _audit()
    rules = [finding["rule"] for finding in report["sites"][0]["findings"]]
    assert "coverage.zone-required" not in rules  # 正门 and 大堂 cover what 第七条 requires
    assert rules.count("signage.missing") == 4 and rules.count("privacy.forbidden-zone") == 2
    assert not [n for n in report.get("notices", []) if "zone-inferred" in json.dumps(n)]


def test_answering_yes_for_signage_is_all_it_takes(hotel: Path):
    text = _filled(hotel).replace("signage: false  # TODO", "signage: true  # TODO")
    hotel.write_text(text, encoding="utf-8")
    rules = [finding["rule"] for finding in _audit()["sites"][0]["findings"]]
    assert "signage.missing" not in rules


def test_a_zone_name_no_word_explains_is_left_for_the_user_at_its_cell(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _sheet(tmp_path, extra="C-099,某处,某某房,半球,X,2027-01-15,NVR-1,10.0.0.99\n")
    assert run("init", "-j", "cn-qingdao", "--category", "hotel", "--cameras-from", "点位表.csv",
               "-o", "site.yaml").exit_code == 0
    text = (tmp_path / "site.yaml").read_text(encoding="utf-8")
    assert "  #  name: 某某房" in text
    checked = run("validate", "site.yaml")
    assert checked.exit_code == 1
    assert "点位表.csv:8:3:" in checked.stdout and "site.yaml: valid" not in checked.stdout


def test_a_sheet_that_cannot_be_read_leaves_the_required_zones(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("init", "-j", "cn-qingdao", "--category", "hotel", "--cameras-from", "nowhere.csv")
    assert result.exit_code == 0
    assert "  - id: entrance" in result.stdout and "cameras_from: nowhere.csv" in result.stdout


def _filing_errors(lang: str) -> list:
    """The located errors that refuse the filing of site.yaml (it must be refused)."""
    from vidcheck.errors import InvalidDocument
    from vidcheck.filing import particulars_of

    with pytest.raises(InvalidDocument) as caught:
        particulars_of("site.yaml", dt.date(2027, 2, 1), lang)
    return list(caught.value.errors)


def test_a_filing_lists_a_bad_credit_code_with_every_other_missing_particular(hotel: Path):
    text = _filled(hotel).replace("91370202MA3C12346E", "91370202MA3C12346X")
    hotel.write_text(text.replace("  retention_days: 30\n", ""), encoding="utf-8")
    errors = _filing_errors("en")
    assert [error.pointer for error in errors] == ["/site/operator/credit_code", "/system/retention_days"], errors


def test_a_filing_refuses_the_placeholders_init_wrote(hotel: Path):
    text = _filled(hotel).replace("  name: 青岛海景大酒店", "  name: 待填写")
    hotel.write_text(text.replace("    name: 青岛海景酒店管理有限公司", "    name: to be filled in"), encoding="utf-8")
    errors = _filing_errors("zh")
    messages = [error.message for error in errors]
    assert [error.pointer for error in errors] == ["/site/name", "/site/operator/name"], messages
    assert "待填写" in messages[0]


def test_a_filing_of_a_plan_says_when_the_cameras_come_and_how_to_file_for_that_day(hotel: Path):
    _filled(hotel)
    result = run("filing", "site.yaml", "-f", "csv", "--lang", "en")
    assert result.exit_code == 2
    assert "planned for 2027-01-10 to 2027-01-14" in result.output and "--as-of" in result.output
    filed = run("filing", "site.yaml", "-f", "csv", "--as-of", "2027-01-25")
    assert filed.exit_code == 0, filed.output
    assert "C-002" in filed.stdout and "C-005" in filed.stdout


def test_an_audit_says_which_placeholders_of_init_are_left(hotel: Path):
    report = _audit("--lang", "zh")
    left = [n for n in report["notices"] if n["kind"] == "placeholder-left"]
    assert [n["line"] for n in left] == [6, 8, 12] and "待填写" in left[0]["message"]
    _filled(hotel)
    assert not [n for n in _audit()["notices"] if n["kind"] == "placeholder-left"]


def test_init_tells_a_wrong_answer_in_the_language_of_its_questions():
    from vidcheck.jurisdictions import load_catalog
    from vidcheck.scaffold import Choices, interview

    answers = iter(["cn-qingdao", "旅馆", "bad id", "qd-1", "", "enterprize", "enterprise", ""])
    told: list[str] = []
    chosen = interview(lambda question, default: next(answers), told.append, load_catalog(), Choices(), "zh", None)
    assert chosen.site_id == "qd-1" and chosen.operator_kind == "enterprise"
    assert told == ["场所编号“bad id”只能包含字母、数字、“.”、“_”和“-”", told[1]]
    assert "enterprise" in told[1] and "unknown" not in told[1] and "是否应为" in told[1], told


def test_filing_errors_are_in_the_language_of_the_run_and_a_plan_is_told_at_its_camera_list(hotel: Path):
    result = run("filing", "site.yaml", "-f", "csv", env={"LANG": "en_US.UTF-8"})
    assert result.exit_code == 2
    line = next(line for line in result.output.splitlines() if "planned for" in line)
    cameras_from = next(n for n, text in enumerate(hotel.read_text(encoding="utf-8").splitlines(), 1)
                        if text.startswith("cameras_from:"))
    assert line.startswith(f"site.yaml:{cameras_from}:15: cameras_from: no camera is in use"), line
    assert "placeholder" in result.output and "待填写" in result.output  # the value as written, the words in English
    chinese = run("filing", "site.yaml", "-f", "csv", env={"LANG": "zh_CN.UTF-8"})
    assert "尚无在用的摄像机" in chinese.output


def test_a_sheet_beside_an_inventory_written_elsewhere_is_named_from_the_inventory(tmp_path, monkeypatch):
    from vidcheck.jurisdictions import load_catalog
    from vidcheck.resources import schema_file
    from vidcheck.scaffold import Choices, inventory_text, required_zones, sheet_reference

    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    _sheet(tmp_path / "sub")
    written = sheet_reference("sub/点位表.csv", "sub/site.yaml")
    assert written == "点位表.csv" and sheet_reference("点位表.csv", "sub/site.yaml") == "../点位表.csv"
    assert sheet_reference("sub/点位表.csv", None) == "sub/点位表.csv"
    catalog = load_catalog()
    choices = Choices("cn-qingdao", ("hotel",), "qd-1", cameras_from=written, folder="sub")
    text = inventory_text(choices, required_zones(catalog, "cn-qingdao", ("hotel",), dt.date.today()), catalog,
                          "zh", schema_file("site"))
    (tmp_path / "sub" / "site.yaml").write_text(text, encoding="utf-8")
    assert "    name: 健身房更衣室" in text  # the list was read where the inventory will find it
    assert run("validate", "sub/site.yaml").exit_code == 0


def test_signage_of_a_zone_only_the_sheet_names_is_fixed_by_the_entry_the_hint_gives(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _sheet(tmp_path)
    head = ("vidcheck: 1\nsite:\n  id: qd-1\n  name: 酒店\n  categories: [hotel]\n  jurisdiction: cn-qingdao\n"
            "cameras_from: 点位表.csv\n")
    (tmp_path / "site.yaml").write_text(head, encoding="utf-8")
    findings = _audit("--lang", "zh")["sites"][0]["findings"]
    lobby = next(f for f in findings if f["rule"] == "signage.missing" and "大堂" in f["message"])
    assert lobby["location"]["path"] == "点位表.csv"
    entry = re.search(r"- \{id: [^}]*\}", lobby["fix"] if "fix" in lobby else json.dumps(lobby, ensure_ascii=False))
    assert entry is not None and "在清单 zones 中补充" in json.dumps(lobby, ensure_ascii=False), lobby
    (tmp_path / "site.yaml").write_text(head + f"zones:\n  {entry.group(0)}\n", encoding="utf-8")
    again = _audit()["sites"][0]["findings"]
    assert not [f for f in again if f["rule"] == "signage.missing" and "大堂" in f["message"]]


def test_a_typo_in_the_jurisdiction_is_told_with_the_schema_errors_not_a_run_later(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mall.yaml").write_text(
        "vidcheck: 1\nsite:\n  id: gz-1\n  name: 商场\n  jurisdiction: cn-guangzou\n"
        "  categories: [shopping_center, car_park]\nzones:\n  - {id: ctl, kind: monitoring_room}\n"
        "cameras:\n  - {id: C-1, zone: ctl}\n", encoding="utf-8")
    for command in ("validate", "audit"):
        result = run(command, "mall.yaml")
        lines = [line.strip() for line in result.stdout.splitlines() if line.strip().startswith("mall.yaml:")]
        assert [line.split(":")[1] for line in lines] == ["5", "6", "8"], result.stdout
        assert "did you mean 'cn-guangzhou'" in lines[0]
    assert run("audit", "mall.yaml", "-j", "cn-guangzhou").stdout.count("cn-guangzou") == 0


@pytest.mark.parametrize("category", ["hotel", "office_building"])
def test_names_that_read_as_other_values_stay_text_and_a_list_of_unknown_zones_still_validates(
        tmp_path, monkeypatch, category):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "点位表.csv").write_text("点位编号,区域\nC-1,001\nC-2,true\nC-3,2F\n", encoding="utf-8")
    assert run("init", "-j", "cn-national", "--category", category, "--cameras-from", "点位表.csv",
               "-o", "site.yaml").exit_code == 0
    document = parse_yaml((tmp_path / "site.yaml").read_text(encoding="utf-8"), "site.yaml").data
    assert isinstance(document["zones"], list)
    text = (tmp_path / "site.yaml").read_text(encoding="utf-8")
    assert '  #- id: "001"' in text and '  #  name: "true"' in text
    checked = run("validate", "site.yaml")
    assert "点位表.csv:2:2:" in checked.stdout and "schema" not in checked.stdout.lower(), checked.stdout


def test_the_filing_command_lists_a_bad_credit_code_with_every_other_missing_particular(hotel: Path):
    text = _filled(hotel).replace("91370202MA3C12346E", "91370202MA3C12346X")
    hotel.write_text(text.replace("  retention_days: 30\n", ""), encoding="utf-8")
    result = run("filing", "site.yaml", "--as-of", "2027-02-01", "--lang", "en")
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert any("credit_code" in line for line in lines) and any("retention" in line for line in lines), lines


def test_the_filing_of_a_plan_takes_as_of_planned_as_the_audit_does(hotel: Path):
    _filled(hotel)
    filed = run("filing", "site.yaml", "-f", "json", "--as-of", "planned")
    assert filed.exit_code == 0, filed.output
    cameras = json.loads(filed.stdout)["cameras"]
    assert {"C-002", "C-003"} <= {camera["id"] for camera in cameras}


def test_init_into_a_folder_names_the_sheet_from_the_inventory_and_reads_its_zones(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    _sheet(tmp_path / "sub")
    written = run("init", "-j", "cn-qingdao", "--category", "hotel", "--cameras-from", "sub/点位表.csv",
                  "-o", "sub/site.yaml", "--lang", "zh")
    assert written.exit_code == 0, written.output
    text = (tmp_path / "sub" / "site.yaml").read_text(encoding="utf-8")
    assert "cameras_from: 点位表.csv" in text and "    name: 健身房更衣室" in text
    assert run("validate", "sub/site.yaml").exit_code == 0
