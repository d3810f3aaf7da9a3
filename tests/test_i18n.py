"""Every word the CLI shows a person exists in Chinese and English.

Two nets. (1) A scan of the source: no string with words may be handed to the functions that put words in front
of a person (tell, _fail, _say, echo, the error types, help=): they take a catalog key and fields instead
(``Text.error(key, ...)``, ``help_text(key)``), and every key named in code exists in both catalogs. (2) Every help
page, run in Chinese: no English sentence, none of click's words, no internal names, nothing cut, nothing wider than
the terminal.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, run

from vidcheck.clihelp import columns
from vidcheck.i18n import catalog

SOURCE = REPO / "vidcheck"

# Calls whose string arguments a person reads. A literal with words given to one of them is an untranslated string.
SHOWN = {"tell", "_fail", "_say", "echo", "secho", "UsageError", "InputError", "LocatedError", "DateFormError",
         "ScalarError", "CellError", "BadParameter",
         "error", "fail", "_error", "_at", "columns_error"}  # the modules' own helpers that build an error
# Calls on these names take a catalog key, not words: Text.error("yaml.tag", ...), UsageError.of("inputs.no-match").
_KEYED_OWNERS = {"Text", "UsageError"}
SHOWN_KEYWORDS = {"help", "short_help", "message"}
# Literals allowed anyway, each with its reason. Keep this empty unless a string is not words for people.
ALLOWED = {"vidcheck ": "the program's name before its version (vidcheck --version)"}
# A JSON pointer given beside a message (InputError's pointer) is a place, not words.
_POINTER = re.compile(r"^(/[\w.~-]*)+$")
# Where code names catalog keys: function -> the section its literal key is in (None: the first argument names it).
KEYED = {"help_text": "help", "_click_words": "click", "error": "errors", "of": None, "tr": None}


def _sources() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(SOURCE.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _words(node: ast.expr) -> str | None:
    """The literal text of ``node`` if it holds words (letters or Chinese, placeholders aside), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(part.value for part in node.values if isinstance(part, ast.Constant) and
                       isinstance(part.value, str))
    else:
        return None
    return text if re.search(r"[A-Za-z\u4e00-\u9fff]", text) and not _POINTER.match(text) else None


def test_no_words_for_people_are_written_in_code() -> None:
    found = []
    for path, tree in _sources():
        for call in (node for node in ast.walk(tree) if isinstance(node, ast.Call)):
            owner = call.func.value if isinstance(call.func, ast.Attribute) else None
            keyed = isinstance(owner, ast.Name) and owner.id in _KEYED_OWNERS
            arguments = [*call.args] if _name(call) in SHOWN and not keyed else []
            arguments += [k.value for k in call.keywords if k.arg in SHOWN_KEYWORDS]
            for argument in arguments:
                text = _words(argument)
                if text is not None and text not in ALLOWED:
                    found.append(f"{path.relative_to(REPO)}:{argument.lineno}: {_name(call)}({text!r})")
    assert not found, "words for people belong in vidcheck/locales/*.toml:\n" + "\n".join(found)


def test_the_scan_finds_a_literal_given_to_an_error() -> None:
    """The net has no hole where a regression would go: an English literal in UsageError(...) is caught."""
    tree = ast.parse('raise UsageError(f"cannot read {path}")\n_say("done")\nhelp_text("audit")')
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    flagged = [call for call in calls if _name(call) in SHOWN and any(_words(a) for a in call.args)]
    assert [_name(call) for call in flagged] == ["UsageError", "_say"]


def _keys_in_code() -> Iterator[tuple[str, str, str, bool]]:
    """(where, section, key, is_prefix) for every catalog key a call names by a literal (an f-string's literal
    start is a prefix some key must have)."""
    for path, tree in _sources():
        for call in (node for node in ast.walk(tree) if isinstance(node, ast.Call)):
            name = _name(call)
            if name not in KEYED or not call.args:
                continue
            if name == "tr":
                if len(call.args) < 2 or not isinstance(call.args[0], ast.Constant):
                    continue
                section, node = str(call.args[0].value), call.args[1]
            elif name == "of":
                if not (isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name)):
                    continue
                owner = call.func.value.id
                if owner not in ("UsageError", "Text"):
                    continue
                section, node = ("errors" if owner == "UsageError" else "messages"), call.args[0]
            elif name == "error" and not (isinstance(call.func, ast.Attribute) and
                                          isinstance(call.func.value, ast.Name) and call.func.value.id == "Text"):
                continue
            else:
                section, node = KEYED[name] or "", call.args[0]
            where = f"{path.relative_to(REPO)}:{node.lineno}"
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield where, section, node.value, False
            elif isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.Constant):
                yield where, section, str(node.values[0].value), True


def test_every_key_named_in_code_is_in_both_catalogs() -> None:
    seen = list(_keys_in_code())
    assert len(seen) > 150  # the scan reads the calls it means to (a renamed function would make it see nothing)
    missing = []
    for lang in ("zh", "en"):
        for where, section, key, prefix in seen:
            keys = catalog(lang).get(section, {})
            if not (any(k.startswith(key) for k in keys) if prefix else key in keys):
                missing.append(f"{where}: [{section}] {key!r} missing in {lang}.toml")
    assert not missing, "\n".join(missing)


# --- help pages -----------------------------------------------------------------------------------------------

def _registered() -> list[list[str]]:
    """Every command and subcommand the app registers, so that a new command's help is checked too."""
    import typer.main

    from vidcheck.cli import app

    root = typer.main.get_command(app)
    found: list[list[str]] = [[]]
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        found.append([name])
        found += [[name, sub] for sub in getattr(command, "commands", {})]  # a group's subcommands
    return found


COMMANDS = _registered()
assert ["diff"] in COMMANDS and ["jurisdictions", "check"] in COMMANDS


def _help(command: list[str], env: dict[str, str]) -> str:
    result = subprocess.run([sys.executable, "-m", "vidcheck", *command, "--help"], capture_output=True, text=True,
                            timeout=60, env={**os.environ, "COLUMNS": "80", "LC_ALL": "", "LC_MESSAGES": "", **env})
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return result.stdout


# What may stay ASCII on a Chinese help page: option names, metavars (upper case, a|b choices), ids and file
# names (with . _ - / or =), a command quoted in “”, units and standards. What is left must not be two ASCII words
# in a row: that is an English phrase.
_COMMAND_PATH = (r"\bvidcheck(?: (?:audit|validate|baseline|config|compare|filing|rules|explain|jurisdictions|show"
                 r"|check|vocabulary|schema|init))*\b")
_ALLOWED_ASCII = re.compile(_COMMAND_PATH + r"|“[^”]*”|--?[\w-]+|\S*[._/=|-]\S*|\b[A-Z][A-Z0-9_.]*\b(?:\.\.\.)?"
                            r"|\[[^\]]*\]")


def _english_phrases(page: str) -> list[str]:
    return [line for line in page.splitlines()
            if re.search(r"\b[A-Za-z]{2,}\b[ ,;:]+\b[A-Za-z]{2,}\b", _ALLOWED_ASCII.sub(" ", line))]


def _structural_problems(page: str) -> list[str]:
    problems = [line for line in page.splitlines() if columns(line) > 80]
    problems += re.findall(r"\{\S+\}|<[\w|\[\]]+>|\[required\]|\[x[<>]=?\d+\]|\w\.\.\.(?=\s*$)(?<!FILE\.\.\.)", page)
    return [p for p in problems if not p.endswith(("FILE...", "ID...", "[ARGS]...", "[参数]..."))]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "vidcheck")
def test_every_help_page_is_chinese_under_a_chinese_locale(command: list[str]) -> None:
    page = _help(command, {"LANG": "zh_CN.UTF-8"})
    assert page.startswith("用法：vidcheck") and "选项：" in page and "显示本帮助后退出。" in page
    for english in ("Usage", "Options", "Arguments", "Commands", "Show this message"):
        assert english not in page
    assert not _english_phrases(page), _english_phrases(page)
    assert not _structural_problems(page), _structural_problems(page)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "vidcheck")
def test_every_help_page_is_whole_in_english(command: list[str]) -> None:
    page = _help(command, {"LANG": "C.UTF-8"})
    assert page.startswith("Usage: vidcheck") and "Show this message and exit." in page
    # Chinese legal terms stand in parentheses beside their English, as in the reports; nowhere else
    assert not re.search(r"[\u4e00-\u9fff]", re.sub(r"\([^)]*\)", "", page).replace("公共安全视频图像信息系统", ""))
    assert not _structural_problems(page), _structural_problems(page)


def test_the_phrase_net_catches_english_and_lets_names_through() -> None:
    assert _english_phrases("  --lang zh|en     Language of messages")
    assert not _english_phrases("  -f, --format FORMAT[=PATH]  报告格式：text、json；NAME=PATH 表示写入文件。")
    assert not _english_phrases("  ID  辖区标识，例如 cn-qingdao（见“vidcheck jurisdictions”）。")
    assert _structural_problems("Usage: vidcheck audit [OPTIONS] {FILE...}...\n  FILE... <list[str]>  [required]")
    assert _structural_problems("  audit   Audit inventories: exit 0 clean, 1 findings at or above...")


def test_audit_help_follows_lang_before_the_locale() -> None:
    chinese = _help(["audit", "--lang", "zh"], {"LANG": "C.UTF-8"})
    english = _help(["audit", "--lang=en"], {"LANG": "zh_CN.UTF-8"})
    assert "按照所属辖区的规则审计点位清单" in chinese and "Audit inventories" not in chinese
    assert "Audit inventories against the rules" in english and "审计点位清单" not in english
    assert "--jurisdiction ID" in chinese and "辖区标识；优先于 site.jurisdiction。" in chinese


# --- errors ---------------------------------------------------------------------------------------------------

def test_a_schema_error_in_chinese_and_english_text_and_json(write_site) -> None:
    path = write_site({"site": {"categories": ["shopping_mall"]}})
    where = f"{path}:"
    for lang, words in (("zh", "categories[0]：'shopping_mall' 不是允许的取值——是否应为 'shopping_center'"
                               "（商场/商贸中心/商业街/超市）？"),
                        ("en", "categories[0]: 'shopping_mall' is not an allowed value — did you mean "
                               "'shopping_center' (shopping centre, street or supermarket)?")):
        text = run("audit", path, "--lang", lang, "--no-color")
        assert text.exit_code == 2 and where in text.output and words in text.output, text.output
        report = json.loads(run("audit", path, "--lang", lang, "-f", "json").stdout)
        assert [error["message"] for error in report["errors"]] == [words]
        validated = run("validate", path, "--lang", lang)
        assert validated.exit_code == 1 and words in validated.output


def test_a_yaml_error_keeps_its_one_line_form_in_chinese(write_site) -> None:
    path = write_site(text="vidcheck: 1\nsite: {id: a}\nsite: {id: b}\n")
    result = run("validate", path, "--lang", "zh")
    assert f"{path}:3:1: 键 'site' 重复（首次出现在第 2 行）" in result.output, result.output


def test_a_usage_error_in_chinese() -> None:
    result = subprocess.run([sys.executable, "-m", "vidcheck", "audit", "--bogus", "x.yaml"], capture_output=True,
                            text=True, timeout=60, env={**os.environ, "LANG": "zh_CN.UTF-8", "LC_ALL": ""})
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == "vidcheck：没有选项 --bogus（可能的选项：--jobs）（参见“vidcheck audit --help”）\n"


def test_an_error_of_vidcheck_itself_follows_lang(tmp_path: Path) -> None:
    missing = str(tmp_path / "nothing")
    chinese = run("audit", f"{missing}/*.yaml", "--lang", "zh")
    english = run("audit", f"{missing}/*.yaml", "--lang", "en")
    assert chinese.exit_code == english.exit_code == 2
    assert "没有文件与该模式匹配" in chinese.output and "no file matches this pattern" in english.output


def test_a_bad_date_flag_in_chinese() -> None:
    result = run("audit", "x.yaml", "--as-of", "2026-02-30", "--lang", "zh")
    assert result.exit_code == 2 and "vidcheck：--as-of：'2026-02-30' 不是日历上存在的日期" in result.output


# --- explain and rules ----------------------------------------------------------------------------------------

def test_explain_in_chinese_is_for_the_user_not_the_developer() -> None:
    result = run("explain", "retention.minimum", "--lang", "zh")
    assert result.exit_code == 0
    text = result.output
    assert "``" not in text and "Parameters" not in text and "effective retention" not in text
    for heading in ("retention.minimum — 摄像机的实际保存期少于最低要求", "默认严重程度：错误", "触发条件：",
                    "整改方法：", "设定该问题的规则："):
        assert heading in text
    assert "cn-national/retention-30d: 第十七条「公共安全视频系统收集的视频图像信息应当保存不少于30日」" in text


def test_explain_a_family_explains_each_of_its_findings_in_english() -> None:
    text = run("explain", "filing.deadline", "--lang", "en").output
    for finding in ("filing.missing", "filing.overdue", "filing.late", "filing.due"):
        assert f"{finding} — " in text
    assert text.count("What triggers it:") == 4 and "``" not in text


def test_rules_table_has_chinese_headings_and_severities() -> None:
    text = run("rules", "--lang", "zh").output
    assert "┃ 规则 " in text and "│ 错误" in text and "│ error" not in text
    assert "…" not in text and "check family" not in text


def test_config_and_jurisdictions_screens_in_chinese() -> None:
    config = run("config", "--lang", "zh").output
    assert config.startswith("配置文件：（未找到）\n") and "# 命令行选项 --lang" in config and "# 默认值" in config
    assert "config file" not in config and "# default" not in config
    listing = run("jurisdictions", "--lang", "zh").output
    assert "上级" in listing and "法规" in listing and "instruments" not in listing


@pytest.mark.parametrize("text,chinese,english", [
    ("vidcheck: 1\nsite:\n  id: [a\n", "YAML 语法错误：缺少应有的 ','或']'",
     "YAML syntax error: did not find expected ',' or ']'"),
    ("vidcheck: 1\nsite: a: b\n", "YAML 语法错误：此处不允许出现映射的值",
     "mapping values are not allowed in this context"),
])
def test_the_parsers_usual_complaints_in_chinese(write_site, text: str, chinese: str, english: str) -> None:
    path = write_site(text=text)
    assert chinese in run("validate", path, "--lang", "zh").output
    assert english in run("validate", path, "--lang", "en").output


def test_validate_says_valid_in_chinese(write_site) -> None:
    path = write_site()
    assert run("validate", path, "--lang", "zh").output == f"{path}：有效\n"


def test_where_a_setting_comes_from_is_said_in_the_reports_language(write_site) -> None:
    path = write_site({"system": {"operates_24x7": False}})
    chinese = run("audit", path, "--lang", "zh", "-f", "github", "--fail-on", "warning").output
    assert "（来源：命令行选项 --fail-on）" in chinese and "flag --fail-on" not in chinese
    english = run("audit", path, "--lang", "en", "-f", "github", "--fail-on", "warning").output
    assert "(set by flag --fail-on)" in english
