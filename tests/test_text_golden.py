"""Plain text (no colour) is drawn by hand for speed (bench target 8): its output must stay byte for byte what it
was when Rich drew it. The golden files were written by the renderer before it was sped up; a varied report
(every example, generated multi-site hotels, a long name and id, a waived finding, input errors) in both languages,
piped and at 80 and 40 columns.

Regenerate (only after checking a change of output is wanted): VIDCHECK_REGOLD=1 pytest tests/test_text_golden.py
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import BASE_SITE, REPO, merged
from rich.cells import cell_len

from vidcheck.api import Options, audit
from vidcheck.model import Location, Report, Waiver
from vidcheck.render.text import render

sys.path.insert(0, str(REPO / "bench"))
from run import failing_site

GOLDEN = REPO / "tests" / "golden" / "text"
LONG = merged(BASE_SITE, {"site": {"id": "t-long", "name": "青岛栈桥海悦酒店" * 8, "jurisdiction": "cn-qingdao",
                                   "categories": ["hotel"]},
                          "zones": [{"id": "washroom-of-the-second-floor-east-wing", "kind": "toilet"}],
                          "cameras": [{"id": "C-" + "9" * 40, "zone": "washroom-of-the-second-floor-east-wing"}]})


def varied(lang: str) -> Report:
    """Relative paths (the working folder is a tmp_path) so that wrapping does not depend on where tests run."""
    shutil.copytree(REPO / "examples", "examples")
    Path("gen").mkdir()
    for number in range(1):
        Path(f"gen/failing-{number}.yaml").write_text(failing_site(number), encoding="utf-8")
    Path("gen/long-name.yaml").write_text(json.dumps(LONG, ensure_ascii=False), encoding="utf-8")
    Path("gen/broken.yaml").write_text("site: [unclosed\n", encoding="utf-8")
    paths = sorted(str(p) for p in Path("examples").glob("*.yaml")) + sorted(str(p) for p in Path("gen").iterdir())
    report = audit(paths, Options(dt.date(2026, 11, 1), lang, workers=1))
    first = next(i for i, s in enumerate(report.sites) if s.findings)
    site = report.sites[first]
    finding = site.findings[0]
    waiver = Waiver(finding.rule, site.site, finding.subject, "整改中：已报公安机关备案" * 3, "张三",
                    dt.date(2099, 1, 1), Location("waivers.yaml", 3, 5, ""))
    waived = replace(site, findings=(replace(finding, waiver=waiver), *site.findings[1:]))
    return replace(report, sites=(*report.sites[:first], waived, *report.sites[first + 1:]))


def qingdao(lang: str) -> Report:
    shutil.copytree(REPO / "examples", "examples")
    return audit(["examples/cn-qingdao-hotel-bad.yaml"], Options(dt.date(2026, 11, 1), lang, workers=1))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [None, 80, 40])
@pytest.mark.parametrize("name", ["qingdao", "varied"])
def test_plain_text_is_what_it_was(tmp_path, monkeypatch, name: str, width: int | None, lang: str):
    monkeypatch.chdir(tmp_path)
    out = render({"qingdao": qingdao, "varied": varied}[name](lang), width=width)
    golden = GOLDEN / f"{name}-{lang}-{width or 'piped'}.txt"
    if os.environ.get("VIDCHECK_REGOLD"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")
    lines = out.split("\n")
    assert not [line for line in lines if line != line.rstrip()]
    if width:
        wrapped = [line for line in lines if "「" in line or "」" in line]
        findings = [line for line in lines if line.startswith(("    ", "  ✖", "  ▲", "  ●", "  ○"))]
        assert wrapped and all(cell_len(line) <= width for line in findings)  # errors and notices stay one line
