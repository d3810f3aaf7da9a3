"""Issue 14 item 10: `vidcheck rules` says what each finding means in the run's language, every command that
prints a table takes --no-color, and `validate` reports an unknown jurisdiction as `audit` does."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run

from vidcheck.messages import meaning
from vidcheck.render.tables import jurisdictions_table, rules_table

HOSPITAL = Path(__file__).resolve().parents[1] / "examples" / "cn-national-hospital-ok.yaml"


@pytest.mark.parametrize("lang,headings", [("en", ("rule", "severity", "check family", "meaning")),
                                           ("zh", ("规则", "严重程度", "检查类型", "含义"))])
def test_rules_lists_every_finding_with_its_meaning_in_the_run_language(lang: str, headings: tuple[str, ...]):
    result = run("rules", "--lang", lang, "--no-color")
    assert result.exit_code == 0, result.output
    flat = " ".join(result.stdout.replace("│", " ").split())
    assert all(heading in flat for heading in headings)
    assert " ".join(meaning("privacy.forbidden-zone", lang).split()[:3]) in flat


@pytest.mark.parametrize("command", [["rules"], ["jurisdictions"], ["jurisdictions", "show", "cn-national"],
                                     ["compare", "cn-national", "cn-wuhan"], ["explain", "filing.removal"],
                                     ["config"]])
def test_every_command_that_prints_a_table_takes_no_color(command: list[str]):
    result = run(*command, "--no-color")
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.stdout


def test_tables_are_styled_only_when_colour_is_asked():
    from vidcheck.jurisdictions import load_catalog

    catalog = load_catalog()
    assert "\x1b[" in rules_table("en", color=True) and "\x1b[" not in rules_table("en")
    assert "\x1b[" in jurisdictions_table(catalog, "en", color=True)


def test_validate_reports_an_unknown_site_jurisdiction_at_its_line_as_audit_does(tmp_path: Path):
    site = tmp_path / "site.yaml"
    site.write_text(HOSPITAL.read_text(encoding="utf-8").replace("jurisdiction: cn-national",
                                                                 "jurisdiction: cn-natinal"), encoding="utf-8")
    audited = run("audit", str(site), "--as-of", "2026-11-01")
    validated = run("validate", str(site))
    assert audited.exit_code == 2 and validated.exit_code == 1
    error = next(line.strip() for line in audited.stdout.splitlines() if "unknown jurisdiction" in line)
    assert error.startswith(f"{site}:") and error in validated.stdout
    # -j overrides site.jurisdiction in an audit, so validate does not blame the file then either
    assert run("validate", str(site), "-j", "cn-national").exit_code == 0


def test_validate_refuses_an_unknown_jurisdiction_flag_as_audit_does(tmp_path: Path):
    result = run("validate", str(HOSPITAL), "-j", "cn-natinal")
    assert result.exit_code == 2
    assert "--jurisdiction: unknown jurisdiction 'cn-natinal'" in result.stderr


def test_validate_reports_a_broken_waivers_file_and_a_bad_as_of_as_audit_does(tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "waivers.yaml").write_text("vidcheck_waivers: 7\nwaivers: []\n", encoding="utf-8")  # unusable
    (tmp_path / ".vidcheck.yaml").write_text("waivers: waivers.yaml\n", encoding="utf-8")
    audited = run("audit", str(HOSPITAL), "--as-of", "2026-11-01")
    validated = run("validate", str(HOSPITAL))
    assert audited.exit_code == 2 and validated.exit_code != 0
    blamed = [line.strip() for line in audited.stdout.splitlines() if line.strip().startswith("waivers.yaml:")]
    assert blamed and all(line in validated.stdout for line in blamed)
    (tmp_path / ".vidcheck.yaml").write_text("as-of: someday\n", encoding="utf-8")
    assert run("audit", str(HOSPITAL)).exit_code == 2
    refused = run("validate", str(HOSPITAL))
    assert refused.exit_code == 2 and ".vidcheck.yaml:1:1: 'someday' is not a date" in refused.stderr
