"""Getting started: `vidcheck vocabulary`, `vidcheck schema` and `vidcheck init`."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, run

import vidcheck.cli.authoring
from vidcheck.api import read_site
from vidcheck.errors import UsageError
from vidcheck.jurisdictions import load_catalog
from vidcheck.outputs import Target, check_new
from vidcheck.render.vocabulary import render_text
from vidcheck.resources import schema_file
from vidcheck.scaffold import Choices, interview, required_zones, scalar
from vidcheck.vocabulary import PRIVATE_ZONES
from vidcheck.vocabulary_report import vocabulary_report
from vidcheck.yamlsource import parse_yaml

CATALOG = load_catalog()

# --- vocabulary ----------------------------------------------------------------------------------------------------


def _vocabulary_json() -> dict:
    result = run("vocabulary", "-f", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_vocabulary_lists_every_section_with_both_words_and_the_private_kinds():
    data = _vocabulary_json()
    assert list(data) == ["categories", "zone_kinds", "operator_kinds", "controls"]
    kinds = {entry["id"]: entry for entry in data["zone_kinds"]}
    assert kinds["toilet"]["zh"] == "卫生间" and kinds["toilet"]["en"] == "toilet"
    assert {k for k, e in kinds.items() if e["private"]} == set(PRIVATE_ZONES)
    assert "洗手间" in kinds["toilet"]["names"] and "停车场" in kinds["parking_area"]["names"]
    assert "private" not in data["categories"][0]
    assert {"jurisdiction": "cn-national", "rule": "privacy-bathrooms", "article": "第八条第一款第三项",
            "check": "privacy.forbidden-zone", "draft": False} in kinds["toilet"]["used_by"]


def _zone_kinds_named(rule) -> set[str]:
    params = rule.params
    return {*(k for r in params.get("zones", ()) for k in r["kinds"]), *params.get("zone_kinds", ()),
            *([params["if_zone_kind"]] if "if_zone_kind" in params else [])}


def test_used_by_is_computed_from_the_loaded_rules():
    report = vocabulary_report(CATALOG)
    zones = next(section for section in report.sections if section.key == "zone_kinds")
    for entry in zones.entries:
        expected = {(j.id, rule.id) for j in CATALOG.jurisdictions.values() for rule in j.rules
                    if entry.id in _zone_kinds_named(rule)}
        assert {(use.jurisdiction, use.rule) for use in entry.used_by} == expected, entry.id
    categories = next(section for section in report.sections if section.key == "categories")
    hotel = next(entry for entry in categories.entries if entry.id == "hotel")
    assert {(u.jurisdiction, u.rule) for u in hotel.used_by} == {
        (j.id, r.id) for j in CATALOG.jurisdictions.values() for r in j.rules
        if r.categories and "hotel" in r.categories}


def test_vocabulary_in_chinese_and_markdown():
    text = run("vocabulary", "--lang", "zh", "--no-color")
    assert text.exit_code == 0
    assert "区域类型（zones[].kind）" in text.stdout and "涉及个人隐私" in text.stdout and "\x1b[" not in text.stdout
    assert "  toilet  卫生间 · toilet  涉及个人隐私：可能禁止安装\n" in text.stdout
    markdown = run("vocabulary", "-f", "markdown")
    assert "## Zone kinds (zones[].kind)" in markdown.stdout and "| `toilet` | 卫生间 | toilet |" in markdown.stdout


def test_colour_only_when_asked():
    report = vocabulary_report(CATALOG)
    assert "\x1b[31m" in render_text(report, "en", color=True)
    assert "\x1b" not in render_text(report, "en", color=False)


# --- schema --------------------------------------------------------------------------------------------------------


def test_the_installed_schema_path_works_from_a_folder_outside_the_project(tmp_path):
    outside = tmp_path / "my-sites"
    outside.mkdir()
    result = subprocess.run([sys.executable, "-m", "vidcheck", "schema", "--path"], cwd=outside,
                            capture_output=True, text=True, check=False, env={**os.environ, "LANG": "C.UTF-8"})
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path.is_absolute() and path.is_file()
    assert path.read_bytes() == (REPO / "schemas" / "site.schema.json").read_bytes()
    assert json.loads(path.read_text(encoding="utf-8"))["$id"] == "https://vidcheck.dev/schemas/site/1.json"


def test_schema_prints_the_shipped_file_and_suggests_a_name():
    assert run("schema").stdout == (REPO / "schemas" / "site.schema.json").read_text(encoding="utf-8")
    assert json.loads(run("schema", "waivers").stdout)["$id"].endswith("/waivers/1.json")
    wrong = run("schema", "sites")
    assert wrong.exit_code == 2 and "did you mean 'site'?" in wrong.output


# --- init ----------------------------------------------------------------------------------------------------------

COMBOS = [
    ("cn-national", ["other_public"]), ("cn-national", ["song_dance_venue"]), ("cn-qingdao", ["hotel"]),
    ("cn-guangzhou", ["旅馆", "restaurant"]), ("cn-gansu", ["residential_compound"]), ("cn-wuhan", ["financial"]),
    ("cn-guangdong-draft", ["hotel", "internet_cafe"]), ("cn-anhui", ["hotel"]), ("cn-beijing", ["school"]),
    ("cn-datong", ["shopping_center", "public_parking"]),
]


@pytest.mark.parametrize("jurisdiction,categories", COMBOS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_init_writes_what_validate_accepts_with_the_required_zones(tmp_path, jurisdiction, categories, lang):
    path = tmp_path / "new-site.yaml"
    args = ["init", "-j", jurisdiction, *(a for c in categories for a in ("--category", c)), "-o", str(path)]
    written = run(*args, "--lang", lang)
    assert written.exit_code == 0, written.output
    checked = run("validate", str(path))
    assert checked.exit_code == 0, (checked.output, path.read_text(encoding="utf-8"))
    site = read_site(str(path))
    assert not isinstance(site, tuple) and site.id == "new-site" and site.jurisdiction == jurisdiction
    needs = required_zones(CATALOG, jurisdiction, site.categories, dt.date.today())
    assert {zone.kind for zone in site.zones} == {need.kinds[0] for need in needs if not need.if_present}
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema={schema_file('site')}\n")
    for need in needs:
        for _, article in need.citations:
            assert article in text
    required, optional = ("必须覆盖", "如设有") if lang == "zh" else ("# required", "# if the site has one")
    assert (required in text) == any(not need.if_present for need in needs)
    assert (optional in text) == any(need.if_present for need in needs)


def test_init_prefills_the_zones_of_ancestors_too():
    needs = required_zones(CATALOG, "cn-qingdao", ["song_dance_venue", "restaurant"], dt.date(2026, 1, 1))
    cited = {jurisdiction for need in needs for jurisdiction, _ in need.citations}
    assert cited == {"cn-qingdao", "cn-national"}  # 娱乐场所管理条例 第十五条 comes with cn-national
    entrance = next(n for n in needs if n.kinds == ("entrance",))
    assert entrance.citations == (("cn-qingdao", "第七条第一款第七项"),
                                  ("cn-national", "《娱乐场所管理条例》第十五条第一款"))
    assert [n.kinds for n in needs].count(("entrance",)) == 1  # one zone, every article that requires it


def test_init_marks_placeholders_and_prints_without_output():
    result = run("init", "-j", "cn-qingdao", "--category", "hotel", "--lang", "en")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert any(line.startswith("  name: ") and "# TODO" in line for line in lines)
    assert "  jurisdiction: cn-qingdao  # Qingdao" in lines and "    - hotel  # hotel or guesthouse" in lines
    assert "Jurisdiction (e.g." not in result.output  # standard input is not a terminal: no question


def test_init_with_a_spreadsheet_names_it_instead_of_cameras():
    result = run("init", "-j", "cn-qingdao", "--category", "hotel", "--cameras-from", "design/点位表.csv")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "cameras_from: design/点位表.csv" in lines and not any(line.startswith("cameras:") for line in lines)
    assert parse_yaml(result.stdout, "x").data["cameras_from"] == "design/点位表.csv"


@pytest.mark.parametrize("args,fragment", [
    (["--category", "hotle"], "unknown category 'hotle' — did you mean 'hotel'"),
    (["--category", "car_park"], "did you mean 'public_parking'"),
    (["-j", "cn-guangzou"], "did you mean 'cn-guangzhou'"),
])
def test_init_refuses_a_bad_name_with_a_suggestion(tmp_path, args, fragment):
    result = run("init", *args, "-o", str(tmp_path / "x.yaml"))
    assert result.exit_code == 2 and fragment in result.output
    assert len(result.output.strip().splitlines()) == 1 and not (tmp_path / "x.yaml").exists()


def test_init_never_overwrites(tmp_path):
    existing = tmp_path / "site.yaml"
    existing.write_text("mine\n", encoding="utf-8")
    result = run("init", "-o", str(existing))
    assert result.exit_code == 2 and "already exists" in result.output
    assert existing.read_text(encoding="utf-8") == "mine\n"
    dangling = tmp_path / "link.yaml"
    dangling.symlink_to(tmp_path / "nowhere.yaml")
    assert run("init", "-o", str(dangling)).exit_code == 2 and not (tmp_path / "nowhere.yaml").exists()


def test_a_file_that_appears_before_the_writing_is_kept(tmp_path):
    from vidcheck.outputs import write

    target = tmp_path / "new.yaml"
    destination = check_new(Target.option(str(target)))
    target.write_text("theirs\n", encoding="utf-8")
    with pytest.raises(UsageError, match="never overwrites"):
        write(destination, b"ours\n")
    assert target.read_text(encoding="utf-8") == "theirs\n" and [p.name for p in tmp_path.iterdir()] == ["new.yaml"]


def test_init_asks_on_a_terminal_and_asks_again_after_a_wrong_answer(tmp_path, monkeypatch):
    monkeypatch.setattr(vidcheck.cli.authoring, "_interactive", lambda: True)
    answers = ("cn-guangzou\ncn-qingdao\nhotle\n旅馆 restaurant\nbad id\nqd-hotel-1\n青岛: 某酒店 #1\ncompany\n企业\n"
               "某公司\n")
    path = tmp_path / "asked.yaml"
    result = run("init", "-o", str(path), "--lang", "en", input=answers)
    assert result.exit_code == 0, result.output
    assert "Jurisdiction (e.g. cn-qingdao)" in result.output
    assert "did you mean 'cn-guangzhou'" in result.output and "did you mean 'hotel'" in result.output
    assert "did you mean 'enterprise'" in result.output
    site = read_site(str(path))
    assert not isinstance(site, tuple), site
    assert (site.id, site.name, site.jurisdiction) == ("qd-hotel-1", "青岛: 某酒店 #1", "cn-qingdao")
    assert site.categories == frozenset({"hotel", "restaurant"}) and site.operator is not None
    assert site.operator.kind == "enterprise" and "name: 某公司" in path.read_text(encoding="utf-8")


def test_init_stops_cleanly_when_the_answers_run_out(tmp_path, monkeypatch):
    monkeypatch.setattr(vidcheck.cli.authoring, "_interactive", lambda: True)
    result = run("init", "-o", str(tmp_path / "x.yaml"), input="cn-qingdao\n")
    assert result.exit_code == 2 and "nothing written" in result.output and not (tmp_path / "x.yaml").exists()


def test_the_interview_keeps_defaults_on_empty_answers():
    asked: list[tuple[str, str | None]] = []

    def ask(question: str, default: str | None) -> str:
        asked.append((question, default))
        return default or ""

    given = Choices(jurisdiction="cn-wuhan", categories=("hotel",))
    chosen = interview(ask, lambda line: None, CATALOG, given, "zh", "wh-1")
    assert chosen == Choices("cn-wuhan", ("hotel",), "wh-1", None, "enterprise", None)
    assert asked[0] == ("适用地区（如 cn-qingdao）", "cn-wuhan") and asked[1][1] == "hotel"


@pytest.mark.parametrize("value", ["yes", "No", "null", "~", "001", "30", "2024-03-01", "a: b", "# x", "- a", "中文",
                                   "design/x.csv", 'say "hi"', "", " lead", "trail ", "true", "@home", "a\tb", "it's",
                                   "to be filled in", "a #b", "Yes please", "a\nb", "\u202eabc"])
def test_a_written_value_reads_back_as_itself(value):
    assert parse_yaml(f"key: {scalar(value)}\n", "x").data["key"] == value


def test_empty_answers_on_a_terminal_leave_valid_placeholders(tmp_path, monkeypatch):
    monkeypatch.setattr(vidcheck.cli.authoring, "_interactive", lambda: True)
    path = tmp_path / "x.yaml"
    result = run("init", "-o", str(path), "--lang", "en", input="\n\n\n\n\n\n")
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert "  id: x  # TODO" not in text and "  id: x\n" in text  # the file's name is the default id, accepted
    assert "    - other_public  # TODO" in text and run("validate", str(path)).exit_code == 0


def test_a_written_value_is_plain_where_that_reads_the_same():
    assert [scalar(v) for v in ("出入口", "to be filled in", "design/点位表.csv")] == ["出入口", "to be filled in",
                                                                                  "design/点位表.csv"]
    assert [scalar(v) for v in ("001", "yes", "a: b")] == ['"001"', '"yes"', '"a: b"']


HOSTILE = """vidcheck_jurisdiction: 1
id: cn-evil
name: {zh: "恶\\u202e意", en: "evil\\u202eliveE"}
parent: cn-national
instruments: {t: {title: "测\\e[31m", number: '1', effective_on: 2020-01-01, source: x.txt}}
rules:
  - {id: r1, check: retention.minimum, instrument: t, article: "第一条\\e[2J", quote: "q", minimum: {days: 60},
     categories: [hotel]}
"""


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_rule_data_of_a_rules_folder_reaches_the_vocabulary_escaped(tmp_path, fmt):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "cn-evil.yaml").write_text(HOSTILE, encoding="utf-8")
    result = run("vocabulary", "-f", fmt, "--rules-dir", str(folder))
    assert result.exit_code == 0, result.output
    assert "cn-evil 第一条" in result.stdout and "u001b" in result.stdout and "\x1b" not in result.stdout


def test_init_with_a_camera_list_validates_with_its_rows(tmp_path):
    (tmp_path / "design").mkdir()
    (tmp_path / "design" / "点位表.csv").write_text("点位编号,区域\nC-1,entrance\nC-2,大堂\n", encoding="utf-8")
    path = tmp_path / "hotel.yaml"
    written = run("init", "-j", "cn-qingdao", "--category", "旅馆", "--cameras-from", "design/点位表.csv",
                  "-o", str(path))
    assert written.exit_code == 0, written.output
    checked = run("validate", str(path))
    assert checked.exit_code == 0, checked.output
    site = read_site(str(path))
    assert not isinstance(site, tuple) and [camera.zone for camera in site.cameras] == ["entrance", "lobby"]
    assert [zone.name for zone in site.zones if zone.id == "lobby"] == ["大堂"]  # init listed the sheet's zone


def test_init_without_a_terminal_needs_the_categories(tmp_path):
    result = run("init", "-j", "cn-qingdao", "-o", str(tmp_path / "x.yaml"), "--lang", "en")
    assert result.exit_code == 2 and "--category" in result.output and not (tmp_path / "x.yaml").exists()
