"""The library side of the CLI (vidcheck/prepare.py and the helpers moved out of the CLI): settings become the
catalog, inputs, dates and targets a command needs, and a bad one raises, blamed where it was set."""

from __future__ import annotations

from pathlib import Path

import pytest

from vidcheck.errors import UsageError
from vidcheck.model import Severity
from vidcheck.outputs import Target
from vidcheck.prepare import (
    audit_options,
    baseline_target,
    checked_catalog,
    gathered_inputs,
    requested_audit_date,
    threshold,
)
from vidcheck.rulecheck import FolderCheck, QuoteCheck
from vidcheck.scaffold import default_site_id
from vidcheck.settings import Settings, resolve


def settings(tmp_path: Path, **flags: object) -> Settings:
    return resolve({name.replace("_", "-"): value for name, value in flags.items()}, {}, tmp_path)


def test_threshold_never_fails_nothing():
    assert threshold("never") is None
    assert threshold("warning") is Severity.WARNING


def test_an_unknown_jurisdiction_is_blamed_on_the_flag(tmp_path: Path):
    with pytest.raises(UsageError) as caught:
        checked_catalog(settings(tmp_path, jurisdiction="nowhere"))
    assert caught.value.render("en").startswith("--jurisdiction: unknown jurisdiction 'nowhere'")
    assert "cn-national" in checked_catalog(settings(tmp_path)).jurisdictions


def test_standard_input_needs_an_open_stdin(tmp_path: Path):
    with pytest.raises(UsageError):
        gathered_inputs(["-"], settings(tmp_path), stdin_open=False)
    assert gathered_inputs(["-"], settings(tmp_path), stdin_open=True).paths == ["-"]


def test_a_bad_audit_date_is_blamed_on_the_flag(tmp_path: Path):
    with pytest.raises(UsageError) as caught:
        requested_audit_date(settings(tmp_path, as_of="someday"))
    assert caught.value.render("en").startswith("--as-of: ")
    options = audit_options(settings(tmp_path, as_of="planned", fail_on="never"), 3)
    assert (options.planned, options.fail_on, options.workers) == (True, None, 3)


def test_the_baseline_goes_to_the_option_else_the_default(tmp_path: Path):
    assert baseline_target("b.json", settings(tmp_path)) == Target.option("b.json")
    assert baseline_target(None, settings(tmp_path)).path == "vidcheck-baseline.json"


def test_the_output_stem_is_the_default_site_id_when_it_can_be_one():
    assert default_site_id("out/site-7.yaml") == "site-7"
    assert default_site_id("my site.yaml") is None
    assert default_site_id(None) is None


def test_a_clean_rules_folder_ends_with_its_summary():
    (line,) = FolderCheck(2, QuoteCheck(5, ())).lines("rules", "en")
    assert line == "rules: 2 rule file(s) valid, 5 quote(s) verbatim, 0 unverifiable"
