"""SPEC §11 / issue 15 item 6: text follows the terminal's width (or COLUMNS); piped text is never hard-wrapped and
has no trailing blanks; `compare` stacks its columns when they do not fit, and no format cuts a cell."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from conftest import run
from rich.cells import cell_len

from vidcheck.api import Options, audit
from vidcheck.compare import comparison
from vidcheck.jurisdictions import load_catalog
from vidcheck.render.tables import render_text as compare_text
from vidcheck.render.text import render

# a long path and a long message: a hard wrap at 100 (the old default) or 80 would break them
DEEP = "a-rather-long-folder-name-for-an-inventory/" * 3
LONG_SITE = {"site": {"name": "青岛栈桥海悦酒店" * 8, "jurisdiction": "cn-qingdao", "categories": ["hotel"]},
             "zones": [{"id": "washroom-of-the-second-floor-east-wing", "kind": "toilet"}],
             "cameras": [{"id": "C-" + "9" * 40, "zone": "washroom-of-the-second-floor-east-wing"}]}


@pytest.fixture
def long_site(tmp_path, write_site):
    folder = tmp_path / DEEP
    folder.mkdir(parents=True)
    path = write_site(LONG_SITE)
    target = folder / "hotel.yaml"
    target.write_text(Path(path).read_text(encoding="utf-8"), encoding="utf-8")
    return str(target)


def test_piped_text_is_not_hard_wrapped_and_has_no_trailing_blanks(long_site):
    out = run("audit", long_site, "--as-of", "2026-11-01", "--lang", "en", env={"COLUMNS": "60"}).stdout
    lines = out.splitlines()
    assert not [line for line in lines if line != line.rstrip()]
    located = [line for line in lines if f"{long_site}:" in line]
    assert located and all(re.search(rf"{re.escape(long_site)}:\d+:\d+", line) for line in located)
    camera = next(line for line in lines if "✖ privacy.forbidden-zone" in line)
    assert "C-" + "9" * 40 in camera and long_site in camera  # the finding's first line is one line
    quote = next(line for line in lines if line.lstrip().startswith("Basis:") and "第九条第一款" in line)
    assert quote.rstrip().endswith("」") and cell_len(quote) > 100  # the quote is whole on its line


@pytest.mark.parametrize("color", [False, True])
def test_at_80_columns_continuations_keep_their_indent(long_site, color: bool):
    report = audit([long_site], Options(dt.date(2026, 11, 1), "en"))
    out = re.sub(r"\x1b\[[0-9;]*m", "", render(report, width=80, color=color))
    lines = out.splitlines()
    assert all(cell_len(line) <= 80 for line in lines)
    assert not [line for line in lines if line != line.rstrip()]
    start = next(i for i, line in enumerate(lines) if "✖ " in line)
    detail = lines[start:]
    # within the findings, only severity headings, the closing summary and blank lines start at column 0
    flush = [line for line in detail if line and not line.startswith(" ")]
    assert all(re.match(r"(Errors|Warnings|Info|Waived) \(\d+\)$|Summary: ", line) for line in flush), flush
    assert any(line.startswith("  ") and "hotel.yaml:" in line for line in detail)


def test_the_width_is_the_terminals_or_columns_and_none_when_piped():
    from vidcheck.render.text import terminal_width

    assert terminal_width(True, {"COLUMNS": "80"}) == 80
    assert terminal_width(False, {"COLUMNS": "80"}) is None
    assert isinstance(terminal_width(True, {}), int)


@pytest.mark.parametrize("width", [60, 80, 120])
def test_compare_stacks_its_columns_to_fit_and_never_cuts_a_cell(width: int):
    catalog = load_catalog(())
    idents = sorted(catalog.jurisdictions)
    table = comparison(catalog, idents, "zh", dt.date(2026, 11, 30))
    out = compare_text(table, width)
    assert all(cell_len(line) <= width for line in out.splitlines())
    assert "…" not in out.replace("应当…并", "")
    assert all(ident in out for ident in idents)
    heads = [line for line in out.splitlines() if line.startswith("┃") and "cn-" in line]
    assert len(heads) > 1  # more than one table: stacked


def test_compare_in_csv_markdown_and_json_keeps_every_cell_whole():
    catalog = load_catalog(())
    table = comparison(catalog, sorted(catalog.jurisdictions), "zh", dt.date(2026, 11, 30))
    longest = max((value for _, values in table.rows for value in values), key=len)
    data = json.loads(run("compare", "-f", "json", "--lang", "zh", "--as-of", "2026-11-30").stdout)
    assert longest in [v for row in data["rows"] for v in row["values"].values()]
    cells = [c for row in csv.reader(io.StringIO(run("compare", "-f", "csv", "--lang", "zh", "--as-of",
                                                     "2026-11-30").stdout)) for c in row]
    assert longest in cells
    assert "…" not in run("compare", "-f", "markdown", "--lang", "zh", "--as-of", "2026-11-30").stdout.replace(
        "应当…并", "")
