"""Each shipped example produces exactly the findings listed in its header comment."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest

from vidcheck.api import Options, audit

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml"))
_AS_OF = re.compile(r"^# expect-as-of: (\d{4}-\d{2}-\d{2})$", re.M)
_EXPECT = re.compile(r"^# expect: (.+)$", re.M)


def expectations(path: Path) -> tuple[dt.date, Counter[str]]:
    header = path.read_text(encoding="utf-8")
    as_of = _AS_OF.search(header)
    assert as_of, f"{path.name} has no '# expect-as-of:' line"
    lines = [line.strip() for line in _EXPECT.findall(header)]
    assert lines, f"{path.name} has no '# expect:' line"
    return dt.date.fromisoformat(as_of.group(1)), Counter(line for line in lines if line != "none")


def test_there_is_a_good_and_a_bad_example_per_seed_jurisdiction():
    names = [p.name for p in EXAMPLES]
    for ident in ("cn-national", "cn-guangzhou", "cn-datong", "cn-qingdao", "cn-guangdong-draft", "cn-anhui"):
        assert any(n.startswith(f"{ident}-") and n.endswith("-ok.yaml") for n in names), ident
        assert any(n.startswith(f"{ident}-") and n.endswith("-bad.yaml") for n in names), ident


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_findings_match_its_header(path: Path):
    as_of, expected = expectations(path)
    report = audit([str(path)], Options(as_of=as_of))
    assert report.errors == ()
    found = Counter(f"{f.rule} {f.subject.type}:{f.subject.id}" for f in report.sites[0].findings)
    assert found == expected
    if path.stem.endswith("-plan"):  # a plan: its future dates meet nothing yet, and filing.due gives the date
        assert report.sites[0].plan and {f.rule for f in report.sites[0].findings} == {"filing.due"}
    else:
        assert not report.sites[0].plan
        assert bool(expected) is path.stem.endswith("-bad")


def test_the_plan_gate_catches_a_planned_camera_in_a_fitting_room(tmp_path: Path):
    """docs/ci.md: one more planned camera, in the fitting rooms, turns the plan red."""
    plan = (EXAMPLES[0].parent / "cn-national-shopping-center-plan.yaml").read_text(encoding="utf-8")
    planned = "  - {id: P-006, zone: fitting-rooms, installed_on: 2026-12-10}\n"
    (tmp_path / "plan.yaml").write_text(plan + planned, encoding="utf-8")
    report = audit([str(tmp_path / "plan.yaml")], Options(as_of=dt.date(2026, 12, 31)))
    assert [f"{f.rule} {f.subject.id}" for f in report.sites[0].findings if f.rule != "filing.due"] == [
        "privacy.forbidden-zone P-006"]
    assert report.exit_code == 1
    before = audit([str(tmp_path / "plan.yaml")], Options(as_of=dt.date(2026, 11, 1)))
    assert {f.rule for f in before.sites[0].findings} == {"coverage.system-required", "filing.due"}
