"""Cameras from a spreadsheet (SPEC §9): CSV in every encoding, .xlsx, header guessing, zones by id, name or
inference, located errors and findings, and the trust rules of SPEC §8 for the list."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import run

from vidcheck.api import Options, audit
from vidcheck.camlist.columns import column_letters, normal
from vidcheck.camlist.zonewords import infer_kind, zone_words
from vidcheck.jurisdictions import load_catalog
from vidcheck.model import Report
from vidcheck.vocabulary import ZONE_KINDS

AS_OF = dt.date(2026, 1, 1)
HEADER = "点位编号,区域,安装位置,安装日期,存储天数,NVR,IP\n"


def site(tmp_path: Path, cameras_from: Any, **patch: Any) -> Path:
    data: dict[str, Any] = {
        "vidcheck": 1,
        "site": {"id": "t-hotel", "name": "测试酒店", "jurisdiction": "cn-qingdao", "categories": ["hotel"],
                 "operator": {"name": "测试公司", "kind": "enterprise", "business": True}},
        "system": {"accepted_on": "2025-03-10", "retention_days": 30, "operates_24x7": True,
                   "controls": dict.fromkeys(("access_log", "staff_vetting", "staff_training", "access_control",
                                              "duty_monitoring"), True),
                   "filings": [{"filed_on": "2025-03-20", "declared_retention_days": 30}]},
        "zones": [{"id": "lobby", "name": "大堂", "kind": "lobby", "signage": True},
                  {"id": "gate", "name": "正门", "kind": "entrance", "signage": True}],
        "cameras_from": cameras_from,
        **patch,
    }
    path = tmp_path / "site.yaml"
    path.write_text(json.dumps({k: v for k, v in data.items() if v is not None}, ensure_ascii=False),
                    encoding="utf-8")
    return path


def write_csv(tmp_path: Path, text: str, name: str = "design/camera-list.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(tmp_path: Path, rows: list[list[Any]], name: str = "camera-list.xlsx", title: str = "点位表",
               first: str | None = None) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    if first is not None:  # another sheet first, so that `sheet:` has to pick
        sheet.title = first
        sheet.append(["nothing", "here"])
        sheet = book.create_sheet(title)
    else:
        sheet.title = title
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def audited(path: Path, as_of: dt.date = AS_OF, lang: str = "en") -> Report:
    return audit([str(path)], Options(as_of=as_of, lang=lang))


def found(report: Report) -> list[str]:
    return [f"{f.rule} {f.subject.ref} {f.location}" for f in report.sites[0].findings]


GOOD = (HEADER + "C-001,大堂,一层大堂,2025/3/1,30,NVR-1,10.0.0.1\n"
        "\n"
        "C-002,正门,一层正门,2025年3月1日,30,NVR-1,10.0.0.2\n")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_a_csv_is_read_in_every_supported_encoding(tmp_path: Path, encoding: str) -> None:
    write_csv(tmp_path, GOOD, encoding=encoding)
    report = audited(site(tmp_path, "design/camera-list.csv"))
    assert report.errors == ()
    assert report.sites[0].findings == ()
    assert report.exit_code == 0


def test_empty_rows_are_skipped_and_other_columns_kept_as_x_data(tmp_path: Path) -> None:
    from vidcheck.inventory import load_site

    write_csv(tmp_path, GOOD)
    loaded = load_site(str(site(tmp_path, "design/camera-list.csv")))
    assert [c.id for c in loaded.cameras] == ["C-001", "C-002"]
    first, second = loaded.cameras
    assert first.extra == {"x-NVR": "NVR-1", "x-IP": "10.0.0.1"}
    assert first.location == "一层大堂" and first.zone == "lobby" and second.zone == "gate"
    assert first.installed_on == second.installed_on == dt.date(2025, 3, 1)
    assert first.retention_days == 30
    assert loaded.locate(second.pointer).line == 4  # the empty line 3 still counts as a line


def test_a_finding_about_a_list_camera_is_located_at_its_row_and_column(tmp_path: Path) -> None:
    write_csv(tmp_path, GOOD + "C-003,健身房更衣室,更衣室内,2025-03-01,30,,\n")
    report = audited(site(tmp_path, "design/camera-list.csv"))
    assert report.errors == ()
    privacy = [f for f in report.sites[0].findings if f.rule == "privacy.forbidden-zone"]
    assert [str(f.location) for f in privacy] == [f"{tmp_path / 'design/camera-list.csv'}:5:1"]
    assert privacy[0].location.pointer == "A5"
    assert privacy[0].subject.location == "更衣室内"  # the location shows with the id in every format
    retention = run("audit", str(tmp_path / "site.yaml"), "--as-of", "2026-01-01", "--no-color")
    assert "C-003（更衣室内）" in retention.stdout and "camera-list.csv:5:1" in retention.stdout


def test_a_retention_finding_points_at_the_retention_cell(tmp_path: Path) -> None:
    write_csv(tmp_path, HEADER + "C-001,大堂,一层大堂,2025/3/1,7,,\nC-002,正门,正门,2025/3/1,30,,\n")
    report = audited(site(tmp_path, "design/camera-list.csv"))
    assert [(f.rule, f.location.line, f.location.column) for f in report.sites[0].findings
            if f.rule == "retention.minimum"] == [("retention.minimum", 2, 5)]


def test_the_location_shows_with_the_id_in_every_format(tmp_path: Path) -> None:
    write_csv(tmp_path, GOOD + "C-003,客房,1208房内,2025-03-01,30,,\n")
    path = str(site(tmp_path, "design/camera-list.csv"))
    for form in ("text", "json", "markdown", "sarif", "junit", "github", "gitlab"):
        result = run("audit", path, "--as-of", "2026-01-01", "-f", form, "--no-color")
        assert result.exit_code == 1, form
        assert "1208房内" in result.stdout, form


def test_zone_kinds_are_inferred_from_the_head_word_with_a_notice(tmp_path: Path) -> None:
    write_csv(tmp_path, GOOD + "C-003,客房走廊,三层走廊,2025-03-01,30,,\nC-004,客房走廊,四层走廊,2025-03-01,30,,\n")
    report = audited(site(tmp_path, "design/camera-list.csv"))
    assert report.errors == ()
    notices = [n for n in report.notices if n.kind == "zone-inferred"]
    assert [(n.line, n.column) for n in notices] == [(5, 2)]  # once, at the first cell naming it
    assert "corridor" in notices[0].message and "客房走廊" in notices[0].message
    # a corridor, not a guest room: no privacy finding, but its signage is not declared
    assert [f.rule for f in report.sites[0].findings] == ["signage.missing"]
    assert report.sites[0].findings[0].location.line == 5
    zh = audited(tmp_path / "site.yaml", lang="zh")
    assert "走廊" in zh.notices[0].message and "请人工核实" in zh.notices[0].message


@pytest.mark.parametrize("name,categories,kind", [
    ("客房走廊", ["hotel"], "corridor"),
    ("1208客房", ["hotel"], "guest_room"),
    ("健身房更衣室", ["hotel"], "changing_room"),
    ("男卫生间", ["hotel"], "toilet"),
    ("停车场入口", ["hotel"], "entrance"),
    ("中餐厅包间", ["restaurant"], "private_dining_room"),
    ("KTV包厢", ["song_dance_venue", "entertainment_venue"], "karaoke_room"),
    ("一层大厅", ["hotel"], "lobby"),
])
def test_inference_reads_the_last_recognised_word(name: str, categories: list[str], kind: str) -> None:
    inferred = infer_kind(name, frozenset(categories))
    assert inferred is not None and inferred[0] == kind


def test_every_inferred_kind_is_a_zone_kind_of_the_vocabulary() -> None:
    assert zone_words().kinds() <= set(ZONE_KINDS)


def test_a_zone_name_that_cannot_be_read_is_an_error_at_its_cell(tmp_path: Path) -> None:
    write_csv(tmp_path, GOOD + "C-003,机房,二层,2025-03-01,30,,\nC-004,机房,二层,2025-03-01,30,,\n")
    report = audited(site(tmp_path, "design/camera-list.csv"))
    (error,) = report.errors
    assert (error.line, error.column) == (5, 2) and error.path.endswith("camera-list.csv")
    assert "add it under zones" in error.message and "2 rows" in error.message
    assert report.exit_code == 2


def test_inventory_zones_give_their_kind_and_signage_by_id_or_name(tmp_path: Path) -> None:
    write_csv(tmp_path, HEADER + "C-001,lobby,,,,,\nC-002,正门,,,,,\n")
    report = audited(site(tmp_path, "design/camera-list.csv"))
    assert report.errors == () and report.notices == () and report.sites[0].findings == ()


def test_zones_may_be_left_out(tmp_path: Path) -> None:
    write_csv(tmp_path, HEADER + "C-001,一层大堂,,,,,\nC-002,正门,,,,,\n")
    report = audited(site(tmp_path, "design/camera-list.csv", zones=None))
    assert report.errors == ()
    assert sorted(n.message.split("'")[1] for n in report.notices if n.kind == "zone-inferred") == ["一层大堂", "正门"]


@pytest.mark.parametrize("header", ["ＩＤ,区 域,位置,计划安装日期,保存天数,码率（kbps）,设备类型",
                                    "id,ZONE,Location,installed_on,retention_days,bitrate_kbps,type"])
def test_headers_are_matched_without_regard_to_spaces_full_width_brackets_or_case(tmp_path: Path,
                                                                                  header: str) -> None:
    from vidcheck.inventory import load_site

    write_csv(tmp_path, header + "\nC-001,大堂,一层,2025-03-01,30,4096,枪机\nC-002,正门,门外,2025-03-01,30,2048,球机\n")
    loaded = load_site(str(site(tmp_path, "design/camera-list.csv")))
    assert [(c.id, c.zone, c.location, c.retention_days, c.type) for c in loaded.cameras] == [
        ("C-001", "lobby", "一层", 30, "枪机"), ("C-002", "gate", "门外", 30, "球机")]


def test_normal_folds_width_space_and_case() -> None:
    assert normal(" 码率（KBPS） ") == normal("码率(kbps)") and normal("Ｉ Ｄ") == "id"
    assert [column_letters(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


def test_an_explicit_columns_map_overrides_the_guess(tmp_path: Path) -> None:
    from vidcheck.inventory import load_site

    write_csv(tmp_path, "编号,点位号,所属区域,备注\n1,C-001,大堂,x\n2,C-002,正门,y\n")
    spec = {"path": "design/camera-list.csv", "columns": {"id": "点位号", "zone": "所属区域"}}
    loaded = load_site(str(site(tmp_path, spec)))
    assert [c.id for c in loaded.cameras] == ["C-001", "C-002"]
    assert loaded.cameras[0].extra == {"x-编号": "1", "x-备注": "x"}


def test_a_columns_header_missing_from_the_sheet_is_an_error_at_the_inventory(tmp_path: Path) -> None:
    write_csv(tmp_path, GOOD)
    path = site(tmp_path, {"path": "design/camera-list.csv", "columns": {"model": "型号X"}})
    (error,) = audited(path).errors
    assert error.path == str(path) and "型号X" in error.message


def test_a_sheet_with_no_header_row_is_an_error(tmp_path: Path) -> None:
    write_csv(tmp_path, "a,b\n1,2\n")
    (error,) = audited(site(tmp_path, "design/camera-list.csv")).errors
    assert "no header row" in error.message and error.line == 1


@pytest.mark.parametrize("row,column,words", [
    ("C-001,大堂,,2025-02-30,30,,", 4, "not a day of the calendar"),
    ("C-001,大堂,,2025.3.1,30,,", 4, "is not a date"),
    ("C-001,大堂,,1900-01-01,30,,", 4, "check the year"),
    ("C-001,大堂,,2025-03-01,30.0,,", 5, "whole number"),
    ("C-001,大堂,,2025-03-01,0x1e,,", 5, "whole number"),
    ("C-001,大堂,,2025-03-01,0,,", 5, "out of range"),
    ("C-0 01,大堂,,2025-03-01,30,,", 1, "letters, digits"),
    (",大堂,,2025-03-01,30,,", 1, "every camera needs its id"),
    ("C-002,大堂,,2025-03-01,30,,", 1, "duplicate camera id 'C-002'"),
])
def test_bad_values_are_input_errors_at_their_cell(tmp_path: Path, row: str, column: int, words: str) -> None:
    write_csv(tmp_path, HEADER + "C-002,正门,,,,,\n" + row + "\n")
    report = audited(site(tmp_path, "design/camera-list.csv"))
    (error,) = report.errors
    assert (error.line, error.column) == (3, column) and words in error.message, error
    assert report.exit_code == 2
    result = run("audit", str(tmp_path / "site.yaml"), "--as-of", "2026-01-01")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"camera-list.csv:3:{column}:" in result.output


def test_a_camera_in_both_the_inventory_and_the_list_is_a_duplicate_at_the_cell(tmp_path: Path) -> None:
    write_csv(tmp_path, GOOD)
    path = site(tmp_path, "design/camera-list.csv", cameras=[{"id": "C-002", "zone": "gate"},
                                                               {"id": "C-100", "zone": "lobby"}])
    (error,) = audited(path).errors
    assert (error.line, error.column) == (4, 1) and "duplicate camera id 'C-002'" in error.message
    write_csv(tmp_path, HEADER + "C-001,大堂,,,,,\n")
    assert audited(path).errors == ()  # both kinds of camera together are fine


def test_an_xlsx_is_read_from_its_first_sheet_or_the_named_one(tmp_path: Path) -> None:
    rows: list[list[Any]] = [["某酒店点位表"], ["点位编号", "区域", "安装位置", "安装日期", "存储天数", "NVR"],
                             ["C-001", "大堂", "一层大堂", dt.date(2025, 3, 1), 30, "NVR-1"],
                             [None, None, None, None, None, None],
                             ["C-002", "正门", "正门", dt.datetime(2025, 3, 1, 9, 30), 30, None],
                             ["C-003", "1208客房", "房内", "2025/3/1", 30, None]]
    write_xlsx(tmp_path, rows, name="CAMERAS.XLSX")
    report = audited(site(tmp_path, "CAMERAS.XLSX"))
    assert report.errors == ()
    (privacy,) = [f for f in report.sites[0].findings if f.rule == "privacy.forbidden-zone"]
    assert (privacy.location.line, privacy.location.column, privacy.location.pointer) == (6, 1, "点位表!A6")
    write_xlsx(tmp_path, rows, name="two.xlsx", first="封面")
    report = audited(site(tmp_path, {"path": "two.xlsx", "sheet": "点位表"}))
    assert report.errors == () and len(report.sites[0].findings) == 1
    (error,) = audited(site(tmp_path, {"path": "two.xlsx", "sheet": "无此表"})).errors
    assert "no sheet '无此表'" in error.message


def test_xlsx_cells_are_checked_too(tmp_path: Path) -> None:
    write_xlsx(tmp_path, [["点位编号", "区域", "存储天数", "安装日期"], ["C-001", "大堂", 30.5, 45000]])
    errors = audited(site(tmp_path, "camera-list.xlsx")).errors
    assert [(e.line, e.column, e.pointer) for e in errors] == [(2, 3, "点位表!C2"), (2, 4, "点位表!D2")]


def test_an_xlsx_zip_bomb_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 5_000_000)
    (tmp_path / "bomb.xlsx").write_bytes(buffer.getvalue())
    path = site(tmp_path, "bomb.xlsx")
    catalog = load_catalog(())
    monkeypatch.setenv("VIDCHECK_MAX_BYTES", "1000000")
    assert len(buffer.getvalue()) < 1_000_000
    (error,) = audit([str(path)], Options(as_of=AS_OF), catalog).errors
    assert "inflates to 5,000,000 bytes" in error.message


@pytest.mark.parametrize("name,content,words", [
    ("missing.csv", None, "no such file"),
    ("folder.csv", "dir", "is a directory"),
    ("corrupt.xlsx", b"PK\x03\x04 not really a zip", "not a readable .xlsx"),
    ("fake.xlsx", "zip", "cannot read the workbook"),
    ("garbage.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("notes.txt", b"x", "must be a .csv or .xlsx"),
])
def test_unreadable_lists_are_one_line_errors(tmp_path: Path, name: str, content: Any, words: str) -> None:
    if content == "dir":
        (tmp_path / name).mkdir()
    elif content == "zip":
        with zipfile.ZipFile(tmp_path / name, "w") as archive:
            archive.writestr("hello.txt", "not a workbook")
    elif content is not None:
        (tmp_path / name).write_bytes(content)
    path = site(tmp_path, "design/camera-list.csv")
    path.write_text(path.read_text(encoding="utf-8").replace("design/camera-list.csv", name), encoding="utf-8")
    result = run("audit", str(path), "--as-of", "2026-01-01")
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() + result.stdout.splitlines() if words in line]
    assert len(lines) == 1 and "Traceback" not in result.output, result.output


def test_the_list_is_never_overwritten_by_an_output(tmp_path: Path) -> None:
    sheet = write_csv(tmp_path, GOOD)
    path = str(site(tmp_path, "design/camera-list.csv"))
    result = run("audit", path, "--as-of", "2026-01-01", "-f", "json", "-o", str(sheet))
    assert result.exit_code == 2 and "camera list" in result.output
    link = tmp_path / "link.csv"
    link.symlink_to(sheet)
    result = run("audit", path, "--as-of", "2026-01-01", "-f", "json", "-o", str(link))
    assert result.exit_code == 2
    assert sheet.read_text(encoding="utf-8") == GOOD


def test_a_list_reached_through_a_symlink_outside_the_folder_is_read(tmp_path: Path) -> None:
    outside = write_csv(tmp_path, GOOD, name="elsewhere/list.csv")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "list.csv").symlink_to(outside)
    path = site(tmp_path, "site/list.csv")
    assert audited(path).errors == ()


def test_the_list_is_byte_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_csv(tmp_path, GOOD * 50)
    path = site(tmp_path, "design/camera-list.csv")
    catalog = load_catalog(())  # the shipped rules are bigger than this test's limit
    monkeypatch.setenv("VIDCHECK_MAX_BYTES", "2000")
    (error,) = audit([str(path)], Options(as_of=AS_OF), catalog).errors
    assert "2,000-byte limit" in error.message


def test_validate_reads_the_list_too(tmp_path: Path) -> None:
    write_csv(tmp_path, HEADER + "C-001,大堂,,2025-13-01,,,\n")
    result = run("validate", str(site(tmp_path, "design/camera-list.csv")))
    assert result.exit_code == 1 and "camera-list.csv:2:4:" in result.output


def test_validate_calls_a_missing_list_unreadable_and_a_bad_cell_invalid(tmp_path: Path) -> None:
    path = str(site(tmp_path, "design/camera-list.csv"))
    missing = run("validate", path)
    assert missing.exit_code == 2 and "no such file" in missing.output
    write_csv(tmp_path, HEADER + "C-001,大堂,,,30.5,,\n")
    assert run("validate", path).exit_code == 1


def test_a_row_after_a_cell_with_line_breaks_is_located_at_its_own_line(tmp_path: Path) -> None:
    write_csv(tmp_path, HEADER + 'C-001,大堂,"一层\n大堂",2025/3/1,30,,\nC-002,正门,正门,2025/3/1,7,,\n')
    report = audited(site(tmp_path, "design/camera-list.csv"))
    (finding,) = [f for f in report.sites[0].findings if f.rule == "retention.minimum"]
    assert (finding.location.line, finding.location.column) == (4, 5)
