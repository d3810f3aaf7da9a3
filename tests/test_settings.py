"""Configuration: discovery, precedence (flags > environment > file > defaults), strict validation, outputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vidcheck.errors import InvalidDocument, UsageError
from vidcheck.settings import Output, outputs, resolve

runner = CliRunner()
CONFIG = "jurisdiction: cn-qingdao\nfail-on: warning\nformat: [text, sarif=reports/out.sarif]\nlang: zh\n" \
         "waivers: vidcheck-waivers.yaml\nrules-dir: [rules]\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".vidcheck.yaml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "rules").mkdir()
    monkeypatch.chdir(tmp_path / "deep" / "er")
    return tmp_path


def test_config_is_found_walking_up_and_its_paths_are_relative_to_it(project: Path):
    settings = resolve({}, {}, Path.cwd())
    assert settings.config == str(project / ".vidcheck.yaml")
    assert settings["waivers"] == "../../vidcheck-waivers.yaml"  # relative to where vidcheck runs, as reports show
    assert settings.rules_dirs == ("../../rules",)
    assert settings["format"] == ("text", "sarif=../../reports/out.sarif")
    assert settings.sources["fail-on"] == f"{project / '.vidcheck.yaml'}:2:1"


@pytest.mark.parametrize("flags,environ,expected,source", [
    ({}, {}, "warning", "file"),  # file beats default
    ({}, {"VIDCHECK_FAIL_ON": "info"}, "info", "environment VIDCHECK_FAIL_ON"),  # environment beats file
    ({"fail-on": "never"}, {"VIDCHECK_FAIL_ON": "info"}, "never", "flag --fail-on"),  # flag beats both
])
def test_precedence(project: Path, flags, environ, expected, source):
    settings = resolve(flags, environ, Path.cwd())
    assert settings["fail-on"] == expected
    assert settings.sources["fail-on"].startswith(str(project)) if source == "file" else \
        settings.sources["fail-on"] == source


def test_defaults_without_a_config(tmp_path: Path):
    settings = resolve({}, {"LANG": "zh_CN.UTF-8"}, tmp_path)
    assert settings.config is None and settings["fail-on"] == "error" and settings["format"] == ("text",)
    assert settings["lang"] == "zh" and settings.sources["lang"] == "default (locale)"
    on_actions = resolve({}, {"GITHUB_ACTIONS": "true"}, tmp_path)
    assert on_actions["format"] == ("github",) and on_actions.sources["format"] == "default (GITHUB_ACTIONS=true)"


def test_environment_lists_and_explicit_config(tmp_path: Path):
    other = tmp_path / "ci.yaml"
    other.write_text("lang: en\n", encoding="utf-8")
    settings = resolve({}, {"VIDCHECK_FORMAT": "json,junit=out.xml", "VIDCHECK_RULES_DIR": "a:b"}, tmp_path,
                       str(other))
    assert settings.config == str(other) and settings["format"] == ("json", "junit=out.xml")
    assert settings.rules_dirs == ("a", "b")


@pytest.mark.parametrize("flags,environ,fragment", [
    ({"fail-on": "sometimes"}, {}, "--fail-on: fail-on: 'sometimes' is not an allowed value"),
    ({}, {"VIDCHECK_LANG": "fr"}, "VIDCHECK_LANG: lang: 'fr' is not an allowed value"),
    ({}, {"VIDCHECK_FORMAT": "sarif,junt"}, "VIDCHECK_FORMAT"),
    ({"jurisdiction": "cn qingdao"}, {}, "--jurisdiction"),
])
def test_bad_flags_and_variables_are_usage_errors(tmp_path: Path, flags, environ, fragment):
    with pytest.raises(UsageError, match=fragment.replace("'", ".")):
        resolve(flags, environ, tmp_path)


@pytest.mark.parametrize("text,line,fragment", [
    ("fail_on: warning\n", 1, "unknown key 'fail_on' — did you mean 'fail-on'?"),
    ("lang: en\nformat: [txt]\n", 2, "does not match the required form"),
    ("jurisdiction: [a, b]\n", 1, "not a string"),
])
def test_config_file_is_strictly_validated(tmp_path: Path, text: str, line: int, fragment: str):
    (tmp_path / ".vidcheck.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InvalidDocument) as caught:
        resolve({}, {}, tmp_path)
    (error,) = caught.value.errors
    assert error.line == line and fragment in error.message


@pytest.mark.parametrize("formats,files,expected", [
    (("text",), None, [Output("text", None)]),
    (("text",), ["r.txt"], [Output("text", "r.txt")]),
    (("text", "sarif"), ["r.sarif"], [Output("text", None), Output("sarif", "r.sarif")]),
    (("json", "sarif", "junit"), ["a", "b"], [Output("json", None), Output("sarif", "a"), Output("junit", "b")]),
    (("text", "sarif=s.sarif", "junit"), ["j.xml"],
     [Output("text", None), Output("sarif", "s.sarif"), Output("junit", "j.xml")]),
])
def test_outputs_pair_formats_with_files(formats, files, expected):
    assert list(outputs(formats, files)) == expected


@pytest.mark.parametrize("formats,files", [(("json", "sarif"), None), (("text",), ["a", "b"])])
def test_outputs_refuse_ambiguity(formats, files):
    with pytest.raises(UsageError):
        outputs(formats, files)


def test_config_command_shows_each_source(project: Path):
    from vidcheck.cli import app

    result = runner.invoke(app, ["config", "--json", "--lang", "en"], env={"VIDCHECK_FAIL_ON": "info"})
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["config"] == str(project / ".vidcheck.yaml")
    assert shown["settings"]["lang"] == {"value": "en", "from": "flag --lang"}
    assert shown["settings"]["fail-on"] == {"value": "info", "from": "environment VIDCHECK_FAIL_ON"}
    assert shown["settings"]["jurisdiction"]["from"] == f"{project / '.vidcheck.yaml'}:1:1"
    table = runner.invoke(app, ["config"]).stdout
    assert "cn-qingdao" in table and ".vidcheck.yaml:1:1" in table


def test_audit_uses_the_config_and_a_bad_config_exits_two(project: Path):
    from vidcheck.cli import app

    (project / ".vidcheck.yaml").write_text("format: json\nfail-on: never\n", encoding="utf-8")
    site = project / "site.yaml"
    site.write_text('{"vidcheck": 1, "site": {"id": "s", "name": "n", "categories": ["hotel"]}}', encoding="utf-8")
    result = runner.invoke(app, ["audit", str(site), "--as-of", "2026-01-01"])
    assert result.exit_code == 0 and json.loads(result.stdout)["fail_on"] == "never"
    (project / ".vidcheck.yaml").write_text("format: json\nfail-on: sometimes\n", encoding="utf-8")
    bad = runner.invoke(app, ["audit", str(site)])
    assert bad.exit_code == 2 and ".vidcheck.yaml:2:10: fail-on: 'sometimes' is not an allowed value" in bad.output


def test_an_empty_config_sets_nothing(tmp_path: Path):
    (tmp_path / ".vidcheck.yaml").write_text("# nothing yet\n", encoding="utf-8")
    settings = resolve({}, {}, tmp_path)
    assert settings.config and all(source.startswith("default") for source in settings.sources.values())


@pytest.mark.parametrize("text,fragment", [
    ("jurisdiction: cn-qindao\n", ".vidcheck.yaml:1:1: unknown jurisdiction 'cn-qindao'"),
    ("rules-dir: [missing]\n", ".vidcheck.yaml:1:1: rules directory"),
])
def test_a_bad_name_in_the_config_is_blamed_on_its_line(tmp_path: Path, text: str, fragment: str):
    from vidcheck.cli import app

    (tmp_path / ".vidcheck.yaml").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["config"])
    assert result.exit_code == 2 and fragment in result.output


@pytest.mark.parametrize("text,line,column,fragment", [
    ('format: [text, "github=.git/hooks/pre-commit"]\n', 1, 16, "'.git/hooks/pre-commit' is inside a .git folder"),
    ("format: json=/srv/report.json\n", 1, 9, "'/srv/report.json' is an absolute path"),
    ("format:\n  - text\n  - sarif=a/../../out.sarif\n", 3, 5, "leads out of the configuration file's folder"),
    ("lang: en\nbaseline: ../base.json\n", 2, 11, "baseline: '../base.json' leads out of"),
])
def test_config_output_paths_stay_in_its_folder_or_are_errors_at_their_line(tmp_path: Path, text: str, line: int,
                                                                             column: int, fragment: str):
    (tmp_path / ".vidcheck.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InvalidDocument) as caught:
        resolve({}, {}, tmp_path)
    (error,) = caught.value.errors
    assert (error.line, error.column) == (line, column) and fragment in error.message


def test_config_paths_that_are_only_read_may_lead_out_of_its_folder(tmp_path: Path):
    """A project's configuration may share its repository's waivers and rules (read, never written)."""
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / ".vidcheck.yaml").write_text("waivers: ../waivers.yaml\nrules-dir: [../rules]\n",
                                                         encoding="utf-8")
    settings = resolve({}, {}, tmp_path / "project")
    assert settings["waivers"] == "../waivers.yaml" and settings.rules_dirs == ("../rules",)


def test_outputs_say_where_they_were_asked_and_which_folder_they_stay_in(project: Path):
    from vidcheck.outputs import Target

    config = project / ".vidcheck.yaml"
    _, sarif = resolve({}, {}, Path.cwd()).outputs(None)
    assert sarif.target == Target("../../reports/out.sarif", f"{config}:3:1: format sarif=../../reports/out.sarif",
                                  str(project))
    flagged = resolve({"format": ["json=r.json", "junit"]}, {}, Path.cwd()).outputs(["j.xml"])
    assert [output.target for output in flagged] == [sarif.target, Target("r.json", "--format json=r.json"),
                                                     Target("j.xml", "--output j.xml")]


@pytest.mark.parametrize("environ,flags,expected", [
    # the action's -f github -f sarif=… -f markdown=…: the configuration's SARIF file is still written
    ({}, ["github", "markdown=summary.md"], ["sarif=../../reports/out.sarif", "github", "markdown=summary.md"]),
    # standard output is the flag's: the configuration's `text` gives way to -f json
    ({}, ["json"], ["sarif=../../reports/out.sarif", "json"]),
    # the same file asked twice is written once
    ({}, ["sarif=../../reports/out.sarif"], ["sarif=../../reports/out.sarif"]),
    # VIDCHECK_FORMAT replaces the file's formats (a layer), and -f adds to its file outputs in turn
    ({"VIDCHECK_FORMAT": "junit=j.xml,text"}, ["json"], ["junit=j.xml", "json"]),
])
def test_format_flags_add_to_the_file_outputs_beneath_them(project: Path, environ: dict[str, str],
                                                           flags: list[str], expected: list[str]):
    settings = resolve({"format": flags}, environ, Path.cwd())
    shown = [f"{o.format}={o.path}" if o.path else o.format for o in settings.outputs(None)]
    assert shown == expected


def test_the_config_command_shows_the_kept_formats(project: Path):
    from vidcheck.cli import app

    result = runner.invoke(app, ["config", "-f", "github", "--lang", "en"], env={"LANG": "en_US.UTF-8"})
    assert result.exit_code == 0, result.output  # --lang en: the project's configuration says lang: zh
    assert f"sarif=../../reports/out.sarif  # {project / '.vidcheck.yaml'}:3:1 (kept)" in result.output


def test_the_action_keeps_the_configured_sarif_file(project: Path):
    """A CLI run as the GitHub Action makes it: the SARIF file the configuration names is written too."""
    from vidcheck.cli import app

    site = Path(__file__).resolve().parents[1] / "examples" / "cn-national-hospital-ok.yaml"
    (project / "rules").rmdir()
    (project / ".vidcheck.yaml").write_text("format: [text, sarif=reports/out.sarif]\n", encoding="utf-8")
    (project / "reports").mkdir()
    result = runner.invoke(app, ["audit", str(site), "--as-of", "2026-11-01", "-f", "github", "-f",
                                 f"markdown={project / 'summary.md'}"], env={"LANG": "en_US.UTF-8"})
    assert result.exit_code == 0, result.output
    assert (project / "reports" / "out.sarif").is_file() and (project / "summary.md").is_file()


def test_a_single_rules_folder_written_as_a_string_is_one_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """It was split into letters: "rules directory 'r' does not exist"."""
    from vidcheck.cli import app

    (tmp_path / "rules").mkdir()
    (tmp_path / ".vidcheck.yaml").write_text("rules-dir: rules\n", encoding="utf-8")
    assert resolve({}, {}, tmp_path).rules_dirs == (str(Path(".") / "rules"),)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["config"])
    assert result.exit_code == 0 and "'r'" not in result.output, result.output
