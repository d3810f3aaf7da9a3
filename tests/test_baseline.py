"""Baselines: fingerprints survive edits that move lines; only new findings are reported afterwards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import BASE_SITE, merged
from typer.testing import CliRunner

from vidcheck.cli import app

runner = CliRunner()
OLD = {"site": {"id": "old-site", "categories": ["other_public"]},
       "zones": [{"id": "gate", "kind": "entrance", "signage": False},
                 {"id": "wc", "kind": "toilet", "public": False}],
       "cameras": [{"id": "C-1", "zone": "gate"}, {"id": "C-2", "zone": "wc"}]}


def write(path: Path, patch: dict, *, padding: int = 0) -> str:
    path.write_text("\n" * padding + json.dumps(merged(BASE_SITE, patch), ensure_ascii=False), encoding="utf-8")
    return str(path)


def audit(*args: str) -> tuple[int, dict]:
    result = runner.invoke(app, ["audit", *args, "--as-of", "2026-01-01", "-f", "json"])
    return result.exit_code, json.loads(result.stdout)


def rules(report: dict) -> list[str]:
    return sorted(f"{f['rule']} {f['subject']['id']}" for s in report["sites"] for f in s["findings"])


def test_baseline_round_trip(tmp_path: Path):
    site = write(tmp_path / "site.yaml", OLD)
    result = runner.invoke(app, ["baseline", site, "--as-of", "2026-01-01", "-o", "base.json"])
    assert result.exit_code == 0 and "1 finding(s) recorded in base.json" in result.output
    recorded = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    assert [e["rule"] for e in recorded["findings"]] == ["signage.missing"]  # the toilet camera is absolute
    code, report = audit(site, "--baseline", "base.json")
    assert rules(report) == ["privacy.forbidden-zone C-2"] and report["summary"]["baselined"] == 1

    # Lines move and a new problem appears: only the new one is reported.
    zones = [*OLD["zones"], {"id": "hall", "kind": "lobby", "signage": False}]
    moved = write(tmp_path / "site.yaml", {**OLD, "zones": zones,
                                           "cameras": [*OLD["cameras"], {"id": "C-3", "zone": "hall"}]}, padding=9)
    code, report = audit(moved, "--baseline", "base.json")
    assert rules(report) == ["privacy.forbidden-zone C-2", "signage.missing hall"]
    assert report["summary"]["baselined"] == 1 and code == 1


def test_fixed_site_with_baseline_passes(tmp_path: Path):
    site = write(tmp_path / "site.yaml", {**OLD, "zones": OLD["zones"][:1], "cameras": OLD["cameras"][:1]})
    assert runner.invoke(app, ["baseline", site, "--as-of", "2026-01-01", "-o", "base.json"]).exit_code == 0
    code, report = audit(site, "--baseline", "base.json")
    assert code == 0 and rules(report) == [] and report["summary"]["baselined"] == 1


def test_baseline_is_not_written_when_a_file_has_errors(tmp_path: Path):
    (tmp_path / "bad.yaml").write_text("vidcheck: 1\nsite: [\n", encoding="utf-8")
    result = runner.invoke(app, ["baseline", "bad.yaml", "-o", "base.json"])
    assert result.exit_code == 2 and "bad.yaml:" in result.output and not (tmp_path / "base.json").exists()


@pytest.mark.parametrize("text,fragment", [
    ('{"vidcheck_baseline": 1, "findings": [{"fingerprint": "xyz", "rule": "signage.missing", "site": "old-site", '
     '"subject": "zone:gate"}]}', "fingerprint"),
    # a bare fingerprint hides from the reviewer what it accepts
    ('{"vidcheck_baseline": 1, "findings": [{"fingerprint": "0123456789abcdef"}]}', "missing required key 'rule'"),
    ('{"findings": []}', "missing required key 'vidcheck_baseline'"),
    ("[1, 2]", "the document is a list"),
])
def test_a_malformed_baseline_is_an_input_error(tmp_path: Path, text: str, fragment: str):
    (tmp_path / "base.json").write_text(text, encoding="utf-8")
    code, report = audit(write(tmp_path / "site.yaml", OLD), "--baseline", "base.json")
    assert code == 2 and fragment in report["errors"][0]["message"] and report["summary"]["baselined"] == 0


def recorded(tmp_path: Path, site: str) -> tuple[Path, dict]:
    assert runner.invoke(app, ["baseline", site, "--as-of", "2026-01-01", "-o", "base.json"]).exit_code == 0
    path = tmp_path / "base.json"
    return path, json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("field,value", [
    ("subject", "zone:hall"),  # a label edited: the reviewer reads one thing, the gate matches another
    ("site", "another-site"),
    ("rule", "signage.missing-x"),
    ("key", "extra"),
    ("fingerprint", "0123456789abcdef"),  # the fingerprint edited: it would accept some other finding
])
def test_an_entry_whose_labels_do_not_make_its_fingerprint_is_an_input_error(tmp_path: Path, field: str, value: str):
    site = write(tmp_path / "site.yaml", OLD)
    path, document = recorded(tmp_path, site)
    document["findings"][0][field] = value
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    line = next(number for number, text in enumerate(path.read_text().splitlines(), 1) if '"fingerprint"' in text
                and "vidcheck_baseline" not in text)
    code, report = audit(site, "--baseline", "base.json")
    assert code == 2 and report["summary"]["baselined"] == 0
    (error,) = report["errors"]
    assert (error["path"], error["line"]) == ("base.json", line) and "edited by hand" in error["message"]


def test_unused_entries_are_notices_for_audited_sites_only(tmp_path: Path):
    site = write(tmp_path / "site.yaml", OLD)
    path, document = recorded(tmp_path, site)
    elsewhere = {**document["findings"][0], "site": "not-in-this-run"}
    from vidcheck.model import Subject, fingerprint

    elsewhere["fingerprint"] = fingerprint(elsewhere["rule"], elsewhere["site"], Subject.parse(elsewhere["subject"]))
    document["findings"].append(elsewhere)
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    fixed = write(tmp_path / "site.yaml", {**OLD, "zones": [{"id": "gate", "kind": "entrance", "signage": True}],
                                           "cameras": OLD["cameras"][:1]})
    code, report = audit(fixed, "--baseline", "base.json")
    assert code == 0 and report["summary"]["baselined"] == 0
    (notice,) = report["notices"]
    assert notice["kind"] == "baseline-unused" and notice["path"] == "base.json" and notice["line"] == 6
    assert "signage.missing" in notice["message"] and "zone:gate" in notice["message"]
    text = runner.invoke(app, ["audit", fixed, "--as-of", "2026-01-01", "--baseline", "base.json", "--no-color"])
    assert "base.json:6:" in text.stdout and "Waiver, baseline, rule file and jurisdiction notices" in text.stdout
