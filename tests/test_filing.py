"""vidcheck filing (SPEC §10): the 备案 particulars, refused whole when incomplete, in four formats."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO, day, run

from vidcheck.api import Options, audit
from vidcheck.errors import InvalidDocument
from vidcheck.filing import FORMATS, RENDERERS, build
from vidcheck.filing.law import PARTICULARS
from vidcheck.inventory import load_site

QINGDAO = str(REPO / "examples" / "cn-qingdao-market-ok.yaml")
CODE = "91370213MA3RW6F11D"  # valid GB 32100 code (the Qingdao example's)
BAD_CODE = "91370213MA3RW6F110"  # same code, wrong check character (still matches the schema's pattern)

SITE_TEXT = """\
vidcheck: 1
site:
  id: t-001
  name: 测试市场
  address: 山东省青岛市李沧区某路 1 号
  categories: [market]
  operator:
    name: 测试市场管理有限公司
    kind: enterprise
    credit_code: {code}
system:
  retention_days: 30
zones:
  - {{id: gate, name: 南门, kind: entrance, signage: true}}
cameras:
  - {{id: C-1, zone: gate, installed_on: 2025-01-01, type: 枪机, model: M-1, location: 南门外侧}}
"""


def _site(tmp_path: Path, code: str = CODE, *, replace: tuple[str, str] | None = None, name: str = "site.yaml") -> Path:
    text = SITE_TEXT.format(code=code)
    if replace:
        text = text.replace(*replace)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_qingdao_particulars() -> None:
    """The articles' particulars, read from the Qingdao example on a day after its cameras changed."""
    p = build(load_site(QINGDAO), day("2026-11-01"))
    assert (p.unit.name, p.unit.kind, p.unit.credit_code) == ("青岛振华农贸市场管理有限公司", "enterprise", CODE)
    assert p.location == "山东省青岛市李沧区振华路 156 号"
    assert len(p.cameras) == 12 and "C-007" not in {c.id for c in p.cameras}  # removed in 2024
    assert [(c.type, c.count) for c in p.counts] == [("半球", 8), ("枪机", 4)]
    assert p.retention_days == 30 and p.retention_range == (30, 30)
    assert p.authority == "青岛市公安局李沧分局"
    first = p.cameras[0]
    assert (first.id, first.zone_name, first.zone_kind, first.model) == ("C-001", "南门（振华路）出入口", "entrance",
                                                                         "DS-2CD3T47WDV3-L")
    assert p.changes is not None and p.changes.since.filed_on == day("2021-05-10")
    assert [(c.camera, c.day) for c in p.changes.installed] == [("C-012", day("2024-07-02"))]
    assert [(c.camera, c.removal_filed) for c in p.changes.removed] == [("C-007", True)]
    assert p.changes.retention is None


def test_every_quote_is_verbatim_from_its_source() -> None:
    cites = {cite for cites in PARTICULARS.values() for cite in cites}
    assert len(cites) >= 5
    for cite in cites:
        text = (REPO / "sources" / cite.source).read_text(encoding="utf-8")
        assert cite.quote in text, cite


def test_invalid_credit_code_is_an_input_error_at_its_line(tmp_path: Path) -> None:
    path = _site(tmp_path, BAD_CODE)
    result = run("filing", str(path))
    assert result.exit_code == 2
    assert f"{path}:10:18: site.operator.credit_code: '{BAD_CODE}'" in result.stderr
    assert "<html" not in result.stdout and result.stdout == ""


def test_build_verifies_the_check_character_itself(tmp_path: Path) -> None:
    """A Site made in code (not through the loader) is checked too: the filing never states a bad code."""
    site = load_site(str(_site(tmp_path)))
    assert site.operator is not None
    forged = dataclasses.replace(site, operator=dataclasses.replace(site.operator, credit_code=BAD_CODE))
    with pytest.raises(InvalidDocument) as caught:
        build(forged, day("2026-01-01"), "en")
    (error,) = caught.value.errors
    assert (error.line, error.column) == (10, 18)
    assert error.message.startswith("site.operator.credit_code: ") and "check character" in error.message


def test_every_missing_particular_is_listed_at_its_parent(tmp_path: Path) -> None:
    text = SITE_TEXT.format(code=CODE).replace("    name: 测试市场管理有限公司\n", "")
    text = text.replace("  address: 山东省青岛市李沧区某路 1 号\n", "").replace(" type: 枪机,", "")
    path = tmp_path / "site.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("filing", str(path), "--lang", "en", "-f", "json")
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines == [
        f"{path}:2:1: site.address: missing: a filing must state the system location "
        "(公安部规定第六条第二项；条例第十四条第一款)",
        f"{path}:6:3: site.operator.name: missing: a filing must state the unit name "
        "(公安部规定第六条第一项；条例第十四条第一款)",
        f"{path}:14:5: cameras[0].type (C-1): missing: a filing must state the camera type (function) "
        "(公安部规定第六条第二项；条例第十四条第一款)",
    ]


def test_missing_retention_and_no_active_camera(tmp_path: Path) -> None:
    path = _site(tmp_path, replace=("system:\n  retention_days: 30\n", "system: {}\n"))
    with pytest.raises(InvalidDocument) as caught:
        build(load_site(str(path)), day("2026-01-01"), "en")
    assert [e.message.split(":")[0] for e in caught.value.errors] == ["system.retention_days"]
    with pytest.raises(InvalidDocument) as caught:
        build(load_site(str(path)), day("2024-01-01"), "en")  # before C-1 was installed
    # no camera to file: nothing lacks a period
    assert [e.message.split(":")[0] for e in caught.value.errors] == ["cameras"]


def test_an_individual_files_without_a_credit_code(tmp_path: Path) -> None:
    path = _site(tmp_path, replace=("    kind: enterprise\n    credit_code: " + CODE + "\n", "    kind: individual\n"))
    assert build(load_site(str(path)), day("2026-01-01")).unit.credit_code is None
    company = _site(tmp_path, replace=("    credit_code: " + CODE + "\n", ""), name="company.yaml")
    with pytest.raises(InvalidDocument) as caught:
        build(load_site(str(company)), day("2026-01-01"))
    assert [e.message.split(":")[0] for e in caught.value.errors] == ["site.operator.credit_code"]


CHANGED = {
    "site": {"address": "某市某路 1 号", "operator": {"credit_code": CODE}},
    "system": {"retention_days": 60, "in_service_on": "2025-01-01",
               "filings": [{"filed_on": "2025-05-01", "authority": "某分局", "reference": "备-1",
                            "declared_retention_days": 30, "declared_cameras": 3}]},
    "cameras": [{"id": "C-1", "zone": "gate", "installed_on": "2025-01-01", "type": "枪机"},
                {"id": "C-2", "zone": "gate", "installed_on": "2025-06-01", "type": "球机"},
                {"id": "C-3", "zone": "gate", "installed_on": "2025-01-01", "removed_on": "2025-07-01",
                 "type": "枪机"}],
}


def test_changes_since_the_earlier_filing_match_the_filing_change_finding(write_site: Callable[..., str]) -> None:
    path = write_site(CHANGED)
    p = build(load_site(path), day("2026-01-01"))
    assert p.changes is not None and p.changes.any
    assert [(c.camera, c.day) for c in p.changes.installed] == [("C-2", day("2025-06-01"))]
    assert [(c.camera, c.day, c.removal_filed) for c in p.changes.removed] == [("C-3", day("2025-07-01"), False)]
    assert p.changes.retention == (30, 60) and p.changes.count == (3, 2)
    assert p.authority == "某分局"
    # the audit's filing.change reads the same cameras as changed (one shared function)
    report = audit([path], Options(as_of=day("2026-01-01"), lang="en"))
    (finding,) = [f for f in report.sites[0].findings if f.rule == "filing.change"]
    assert "C-2" in finding.message and "C-3" in finding.message
    rendered = RENDERERS["markdown"](p, "zh")
    assert "备案变更信息表" in rendered and "由 30 日变为 60 日" in rendered and "由 3 台变为 2 台" in rendered


def test_nothing_changed_is_said_and_is_no_change_filing(write_site: Callable[..., str]) -> None:
    same = {**CHANGED, "system": {**CHANGED["system"], "retention_days": 30,
                                  "filings": [{"filed_on": "2025-05-01", "declared_retention_days": 30}]},
            "cameras": CHANGED["cameras"][:1]}
    p = build(load_site(write_site(same)), day("2026-01-01"))
    assert p.changes is not None and not p.changes.any
    html = RENDERERS["html"](p, "zh")
    assert "与上次备案相比无变化" in html and "备案变更信息表" not in html and "备案信息表" in html


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _particulars_in(text: str) -> None:
    for value in ("青岛振华农贸市场管理有限公司", CODE, "山东省青岛市李沧区振华路 156 号", "C-001", "C-013", "枪机",
                  "DS-2CD3T47WDV3-L", "青岛市公安局李沧分局"):
        assert value in text, value


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_html_is_a_self_contained_printable_page(tmp_path: Path, lang: str) -> None:
    out = tmp_path / "filing.html"
    result = run("filing", QINGDAO, "--as-of", "2026-11-01", "-o", str(out), "--lang", lang)
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    parser = _Text()
    parser.feed(page)
    _particulars_in("".join(parser.text))
    assert "script" not in parser.tags and "link" not in parser.tags and "img" not in parser.tags
    assert "@page { size: A4" in page and '"Noto Sans CJK SC"' in page and "http" not in page.replace(
        "http-equiv", "")
    assert ("备案变更信息表" if lang == "zh" else "change of filing") in page


def test_json_has_stable_keys_and_the_citations() -> None:
    result = run("filing", QINGDAO, "--as-of", "2026-11-01", "-f", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert list(document) == ["document", "format", "tool", "version", "lang", "as_of", "path", "site", "unit",
                              "system", "cameras", "authority", "earlier_filing", "changes", "citations"]
    assert document["unit"] == {"name": "青岛振华农贸市场管理有限公司", "kind": "enterprise", "kind_label": "企业",
                                "credit_code": CODE}
    assert document["system"]["camera_count"] == 12 and document["lang"] == "zh"
    assert document["changes"]["installed"] == [{"camera": "C-012", "day": "2024-07-02"}]
    assert document["citations"]["credit_code"][0]["article"] == "第六条第一项"
    _particulars_in(result.stdout)


def test_csv_reads_back_and_opens_in_excel() -> None:
    result = run("filing", QINGDAO, "--as-of", "2026-11-01", "-f", "csv", "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout.startswith("\ufeff")  # the BOM Excel needs to read UTF-8
    rows = list(csv.reader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    fields = {row[0]: row[1] for row in rows if len(row) == 2}
    assert fields["unified social credit code"] == CODE and fields["unit name"] == "青岛振华农贸市场管理有限公司"
    header = rows.index(["no.", "camera", "zone", "zone kind", "location", "type (function)", "model",
                         "retention (days)", "installed on"])
    cameras = rows[header + 1:header + 13]
    assert [row[1] for row in cameras][:2] == ["C-001", "C-002"] and all(row[7] == "30" for row in cameras)


def test_input_text_is_escaped_in_every_format(write_site: Callable[..., str]) -> None:
    hostile = {**CHANGED, "site": {**CHANGED["site"], "operator": {"name": "<script>x</script>=1+1|a",
                                                                   "credit_code": CODE}},
               "cameras": [{"id": "C-1", "zone": "gate", "type": "=HYPERLINK(\"http://e\")", "location": "a\u202eb"}]}
    p = build(load_site(write_site(hostile)), day("2026-01-01"))
    assert "<script>" not in RENDERERS["html"](p, "zh") and "\u202e" not in RENDERERS["html"](p, "zh")
    rows = list(csv.reader(io.StringIO(RENDERERS["csv"](p, "zh").removeprefix("\ufeff"))))
    assert ["'=HYPERLINK(\"http://e\")", "1"] in rows
    assert "<script>" not in RENDERERS["markdown"](p, "zh")
    assert json.loads(RENDERERS["json"](p, "zh"))["unit"]["name"] == "<script>x</script>=1+1|a"


def test_output_never_overwrites_the_inventory(tmp_path: Path) -> None:
    path = _site(tmp_path)
    before = path.read_bytes()
    result = run("filing", str(path), "-o", str(path))
    assert result.exit_code == 2 and "inventory" in result.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_writes_through_outputs(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    result = run("filing", str(_site(tmp_path)), "-f", fmt, "-o", str(out), "--as-of", "2026-01-01")
    assert result.exit_code == 0, result.stderr
    assert "测试市场管理有限公司" in out.read_text(encoding="utf-8-sig") and result.stdout == ""


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Chromium (Debian package chromium)")
def test_html_prints_to_pdf_in_a_headless_browser(tmp_path: Path) -> None:
    page, pdf = tmp_path / "filing.html", tmp_path / "filing.pdf"
    assert run("filing", QINGDAO, "--as-of", "2026-11-01", "-o", str(page)).exit_code == 0
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}", page.as_uri()],
                   capture_output=True, timeout=120, check=False)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 20_000
    assert data.count(b"/Type /Page") - data.count(b"/Type /Pages") >= 2  # 12 cameras and the basis: A4 pages


def test_docs_name_every_key_of_the_json_document() -> None:
    doc = (REPO / "docs" / "filing.md").read_text(encoding="utf-8")
    document = json.loads(run("filing", QINGDAO, "--as-of", "2026-11-01", "-f", "json").stdout)
    keys = {*document, *document["site"], *document["unit"], *document["system"], *document["cameras"][0],
            *document["earlier_filing"], *document["changes"]}
    documented = {word for span in re.findall(r"`([^`]*)`", doc) for word in re.findall(r"\w+", span)}
    assert keys - documented == set()
    assert set(document["citations"]) == set(PARTICULARS)
