"""`--as-of planned` (issue 14 item 7): each inventory audited as of the day after its latest date, so that a plan
is audited as built; set by flag, VIDCHECK_AS_OF or `as-of` in .vidcheck.yaml, and shown in the report."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import run

from vidcheck.api import Options, audit
from vidcheck.auditdate import planned_day
from vidcheck.inventory import load_site

PLAN = Path(__file__).resolve().parents[1] / "examples" / "cn-national-shopping-center-plan.yaml"
BEFORE = dt.date(2026, 11, 1)  # before any planned camera is installed
DINING = ("  - {id: dining, name: 二层餐厅包间, kind: private_dining_room}\n", "  - {id: P-009, zone: dining, "
          "installed_on: 2027-01-10}\n")


def _plan(tmp_path: Path, *, dining: bool = False) -> Path:
    text = PLAN.read_text(encoding="utf-8")
    if dining:
        text = text.replace("cameras:\n", DINING[0] + "cameras:\n") + DINING[1]
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_planned_day_is_the_day_after_the_latest_date_of_the_inventory() -> None:
    site = load_site(str(PLAN))
    assert planned_day(site, BEFORE) == dt.date(2027, 1, 16)  # in_service_on 2027-01-15 is the latest date
    assert planned_day(site, dt.date(2030, 1, 1)) == dt.date(2030, 1, 1)  # all in the past: today


def test_a_plan_audited_as_planned_is_judged_as_built(tmp_path: Path) -> None:
    path = str(_plan(tmp_path, dining=True))
    today = audit([path], Options(as_of=BEFORE, lang="en"))
    assert "coverage.system-required" in {f.rule for f in today.sites[0].findings}  # no camera installed yet
    assert "privacy.forbidden-zone" not in {f.rule for f in today.sites[0].findings}  # the dining camera: missed
    planned = audit([path], Options(as_of=BEFORE, lang="en", planned=True, as_of_source="flag --as-of"))
    site = planned.sites[0]
    assert site.as_of == dt.date(2027, 1, 16) and site.as_of_planned  # in_service_on 2027-01-15 is the latest
    assert {f"{f.rule} {f.subject.id}" for f in site.findings} == {"privacy.forbidden-zone P-009",
                                                                   "filing.due wh-hongshan-mall-plan"}
    assert planned.exit_code == 1
    assert planned.gate.as_of == "planned" and planned.gate.as_of_source == "flag --as-of"


def test_each_inventory_has_its_own_planned_day(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    other = tmp_path / "other.yaml"
    other.write_text(PLAN.read_text(encoding="utf-8").replace("wh-hongshan-mall-plan", "other-plan")
                     .replace("in_service_on: 2027-01-15", "in_service_on: 2027-03-01"), encoding="utf-8")
    result = run("audit", str(plan), str(other), "--as-of", "planned", "-f", "json")
    report = json.loads(result.stdout)
    assert [s["as_of"] for s in report["sites"]] == ["2027-01-16", "2027-03-02"]
    assert all(s["as_of_planned"] for s in report["sites"])
    assert report["gate"]["as_of"] == "planned" and report["gate"]["as_of_source"] == "flag --as-of"


@pytest.mark.parametrize("lang,said", [
    ("en", "As of: 2027-01-16 (the day after the latest date in the inventory)"),
    ("zh", "审计日：2027-01-16（清单中最晚日期的次日）"),
])
def test_the_text_report_says_which_date_it_used_and_where_it_was_set(tmp_path: Path, lang: str, said: str) -> None:
    result = run("audit", str(_plan(tmp_path)), "--as-of", "planned", "--no-color", "--lang", lang)
    assert said in result.stdout
    assert ("audit date: planned" if lang == "en" else "审计日：按规划") in result.stdout


def test_as_of_comes_from_the_configuration_and_the_environment(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    plan = _plan(tmp_path, dining=True)
    (tmp_path / ".vidcheck.yaml").write_text("fail-on: error\nas-of: planned\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    report = json.loads(run("audit", str(plan), "-f", "json").stdout)
    assert report["sites"][0]["as_of"] == "2027-01-16"
    assert report["gate"]["as_of_source"] == f"{tmp_path / '.vidcheck.yaml'}:2:1"
    assert "privacy.forbidden-zone" in {f["rule"] for f in report["sites"][0]["findings"]}
    # the environment beats the file, and a flag beats both
    fixed = json.loads(run("audit", str(plan), "-f", "json", env={"VIDCHECK_AS_OF": "2026-11-01"}).stdout)
    assert fixed["sites"][0]["as_of"] == "2026-11-01" and fixed["gate"]["as_of_source"] == \
        "environment VIDCHECK_AS_OF"
    today = json.loads(run("audit", str(plan), "-f", "json", "--as-of", "today",
                           env={"VIDCHECK_AS_OF": "planned"}).stdout)
    assert "as_of" not in today.get("gate", {}) and not today["sites"][0]["as_of_planned"]


def test_a_bad_as_of_in_the_configuration_is_an_error_at_its_line(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".vidcheck.yaml").write_text("lang: en\nas-of: plannned\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("audit", str(_plan(tmp_path)))
    assert result.exit_code == 2
    assert ".vidcheck.yaml:2:1: 'plannned' is not a date" in result.stderr and "planned" in result.stderr


def test_a_fixed_audit_date_is_shown_with_the_gate(write_site) -> None:
    report = json.loads(run("audit", write_site(), "--as-of", "2026-01-01", "-f", "json").stdout)
    assert report["gate"]["as_of"] == "2026-01-01" and report["gate"]["as_of_source"] == "flag --as-of"
