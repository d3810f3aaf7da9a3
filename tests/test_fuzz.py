"""Property test: whatever the inventory, the pipeline answers with findings or located errors, never a crash.

The strategies reach what a hostile pull request would write: integers past 64 bits and past Python's 4,300-digit
conversion limit, floats (whole-valued ones too), control, bidirectional-override and zero-width characters, in
values, keys and file names.

Bounded for CI (a few seconds); a long run: ``VIDCHECK_FUZZ_EXAMPLES=20000 python -m pytest tests/test_fuzz.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

from conftest import BASE_SITE, merged
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from vidcheck.api import Options, audit
from vidcheck.cli import app
from vidcheck.jurisdictions import load_catalog
from vidcheck.vocabulary import CATEGORIES, ZONE_KINDS

HOSTILE = "\x00\x01\x1b\x7f\x85\n\r\t\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069" \
          "\u200b\u200c\u200d\u2060\ufeff"  # control, line-breaking, bidi override and zero-width characters
hostile_text = st.text(alphabet=st.sampled_from(list(HOSTILE + "ab-_.中é😀")), max_size=12)
big_integers = st.one_of(st.integers(-2**80, 2**80), st.integers(90, 110).map(lambda digits: 10**digits - 1),
                         st.integers(4290, 4310).map(lambda digits: -(10**digits)))  # 100 digits: the limit
whole_floats = st.integers(-10**6, 10**6).map(float)
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**13, 10**13), st.text(max_size=12), hostile_text,
                    big_integers, st.floats(allow_nan=True, allow_infinity=True), whole_floats,
                    st.sampled_from(["2024-02-30", "2024/3/1", "2024年3月1日", "是", "30", "C 1", "qd-05\n"]))
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
keys = st.one_of(st.text(max_size=6), hostile_text, st.text(max_size=6).map(lambda key: f"x-{key}"))
anything = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3))
# File names as a repository may hold them (the byte-level oddities, undecodable names, are left to the OS tests)
file_names = st.text(alphabet=st.sampled_from(list(HOSTILE.replace("\x00", "") + "ab -$()`;'\"中😀")), min_size=1,
                     max_size=16).map(lambda name: name.replace("/", "_") + ".yaml")


def _dump(document: object) -> str:
    """YAML text for ``document``: JSON (a subset of YAML), integers written out whatever their length."""
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        return json.dumps(document, ensure_ascii=False)
    finally:
        sys.set_int_max_str_digits(limit)


def _check(tmp_path: Path, text: str) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    report = audit([str(path)], Options(as_of=dt.date(2026, 11, 1)), CATALOG)
    assert all(e.line >= 1 and e.column >= 1 for e in report.errors)
    assert bool(report.errors) != bool(report.sites)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(patch=plausible)
def test_plausible_inventories_never_crash(tmp_path: Path, patch: dict) -> None:
    _check(tmp_path, _dump(merged(BASE_SITE, patch)))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=anything)
def test_random_documents_never_crash(tmp_path: Path, document: object) -> None:
    _check(tmp_path, _dump(document))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(list("ab: -[]{}&*!|>'\"#\n\t?,1é中")), max_size=60))
def test_random_text_never_crashes(tmp_path: Path, text: str) -> None:
    _check(tmp_path, text)


@settings(max_examples=max(20, EXAMPLES // 10), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(patch=plausible)
def test_command_line_exit_code_is_always_0_1_or_2(tmp_path: Path, patch: dict) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_text(_dump(merged(BASE_SITE, patch)), encoding="utf-8", errors="surrogatepass")
    result = CliRunner().invoke(app, ["audit", str(path), "--as-of", "2026-11-01", "-f", "json"])
    assert result.exit_code in (0, 1, 2), result.exception
    report = json.loads(result.stdout)
    assert (result.exit_code == 2) == bool(report["errors"])


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(patch=plausible, extra=st.dictionaries(keys, anything, max_size=3))
def test_hostile_values_and_keys_never_crash(tmp_path: Path, patch: dict, extra: dict) -> None:
    _check(tmp_path, _dump(merged(merged(BASE_SITE, patch), extra)))


@settings(max_examples=max(20, EXAMPLES // 10), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(patch=plausible, extra=st.dictionaries(keys, anything, max_size=2), name=file_names)
def test_odd_file_names_and_values_end_in_0_1_or_2_with_located_errors(tmp_path: Path, patch: dict, extra: dict,
                                                                        name: str) -> None:
    path = tmp_path / name
    path.write_text(_dump(merged(merged(BASE_SITE, patch), extra)), encoding="utf-8", errors="surrogatepass")
    for form in ("json", "text"):
        result = CliRunner().invoke(app, ["audit", str(path), "--as-of", "2026-11-01", "-f", form, "--no-color"])
        assert result.exit_code in (0, 1, 2), result.exception
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert "Traceback" not in result.output
        if form == "json":
            report = json.loads(result.stdout)
            assert (result.exit_code == 2) == bool(report["errors"])
            assert all(e["line"] >= 1 and e["column"] >= 1 for e in report["errors"])
