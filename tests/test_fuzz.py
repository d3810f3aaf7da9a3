"""Property test: whatever the inventory, the pipeline answers with findings or located errors, never a crash.

Bounded for CI (a few seconds); a long run: ``VIDCHECK_FUZZ_EXAMPLES=20000 python -m pytest tests/test_fuzz.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from conftest import BASE_SITE, merged
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from vidcheck.api import Options, audit
from vidcheck.cli import app
from vidcheck.jurisdictions import load_catalog
from vidcheck.vocabulary import CATEGORIES, ZONE_KINDS

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**13, 10**13), st.text(max_size=12),
                    st.sampled_from(["2024-02-30", "2024/3/1", "2024年3月1日", "是", "30", "C 1"]))
dates = st.one_of(st.dates(dt.date(1980, 1, 1), dt.date(2110, 1, 1)).map(str), scalars)
zone = st.fixed_dictionaries({"id": st.sampled_from(["a", "b", "c"]), "kind": st.sampled_from(list(ZONE_KINDS))},
                             optional={"public": st.booleans(), "signage": st.booleans()})
camera = st.fixed_dictionaries({"id": st.sampled_from(["C-1", "C-2", "C-3"]), "zone": st.sampled_from(["a", "b", "x"])},
                               optional={"installed_on": dates, "removed_on": dates, "removal_filed_on": dates,
                                         "retention_days": scalars})
system = st.fixed_dictionaries({}, optional={
    "accepted_on": dates, "in_service_on": dates, "retention_days": scalars, "incident_retention_days": scalars,
    "operates_24x7": scalars, "filings": st.lists(st.fixed_dictionaries({"filed_on": dates}), max_size=3)})
plausible = st.fixed_dictionaries({
    "site": st.fixed_dictionaries({"categories": st.lists(st.sampled_from(list(CATEGORIES)), min_size=1,
                                                          max_size=3, unique=True),
                                   "jurisdiction": st.sampled_from(["cn-national", "cn-qingdao", "cn-guangzhou",
                                                                    "cn-datong", "cn-guangdong-draft", "cn-x"])}),
    "system": system, "zones": st.lists(zone, max_size=4), "cameras": st.lists(camera, max_size=5)})
EXAMPLES = int(os.environ.get("VIDCHECK_FUZZ_EXAMPLES", "300"))
CATALOG = load_catalog()  # once: the property is about inventories, not rule loading
anything = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6),
                                                                                               inner, max_size=3))


def _check(tmp_path: Path, text: str) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    report = audit([str(path)], Options(as_of=dt.date(2026, 11, 1)), CATALOG)
    assert all(e.line >= 1 and e.column >= 1 for e in report.errors)
    assert bool(report.errors) != bool(report.sites)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(patch=plausible)
def test_plausible_inventories_never_crash(tmp_path: Path, patch: dict) -> None:
    _check(tmp_path, json.dumps(merged(BASE_SITE, patch), ensure_ascii=False))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=anything)
def test_random_documents_never_crash(tmp_path: Path, document: object) -> None:
    _check(tmp_path, json.dumps(document, ensure_ascii=False))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(list("ab: -[]{}&*!|>'\"#\n\t?,1é中")), max_size=60))
def test_random_text_never_crashes(tmp_path: Path, text: str) -> None:
    _check(tmp_path, text)


@settings(max_examples=max(20, EXAMPLES // 10), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(patch=plausible)
def test_command_line_exit_code_is_always_0_1_or_2(tmp_path: Path, patch: dict) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_text(json.dumps(merged(BASE_SITE, patch), ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(app, ["audit", str(path), "--as-of", "2026-11-01", "-f", "json"])
    assert result.exit_code in (0, 1, 2), result.exception
    report = json.loads(result.stdout)
    assert (result.exit_code == 2) == bool(report["errors"])
