"""Rule folders (--rules-dir, config rules-dir) add jurisdictions but never replace one (SPEC §3, §8); none of their
files is skipped in silence; the catalog names each of them with the sha256 of the bytes it used."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from conftest import REPO, run

from vidcheck import jurisdictions
from vidcheck.jurisdictions import load_catalog
from vidcheck.model import RuleFile
from vidcheck.rulecheck import quoted_verbatim

SHIPPED = REPO / "jurisdictions"
EXAMPLES = REPO / "examples"
AS_OF = ("--as-of", "2026-11-01")


def without_rules(ident: str) -> str:
    """A shipped jurisdiction's file with every rule taken out: valid, and it would pass anything."""
    text = (SHIPPED / f"{ident}.yaml").read_text(encoding="utf-8")
    return text[:text.index("\nrules:")] + "\nrules: []\n"


def new_jurisdiction(ident: str) -> str:
    return (f"vidcheck_jurisdiction: 1\nid: {ident}\nname: {{zh: 测, en: t}}\nparent: cn-national\n"
            "instruments: {t: {title: 测, number: '1', effective_on: 2020-01-01, source: x.txt}}\nrules: []\n")


def rules_folder(tmp_path: Path, files: dict[str, str], name: str = "rules") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for file_name, text in files.items():
        (folder / file_name).write_text(text, encoding="utf-8")
    return folder


def id_line(text: str) -> int:
    return text.splitlines().index(next(line for line in text.splitlines() if line.startswith("id:"))) + 1


@pytest.mark.parametrize("ident,example", [("cn-qingdao", "cn-qingdao-hotel-bad"),
                                           ("cn-national", "cn-national-transport-hub-bad")])
def test_a_shipped_id_in_a_rules_folder_is_an_error_at_its_id_line(tmp_path: Path, ident: str, example: str):
    """The silent bypass of issue 11: an emptied copy of a shipped file passed a bad site with exit 0."""
    text = without_rules(ident)
    folder = rules_folder(tmp_path, {f"{ident}.yaml": text})
    result = run("audit", str(EXAMPLES / f"{example}.yaml"), "--rules-dir", str(folder), *AS_OF)
    assert result.exit_code == 2, result.output
    assert (f"{folder / ident}.yaml:{id_line(text)}:1: id '{ident}' is a shipped jurisdiction: a rules folder may "
            f"add jurisdictions but not replace one; give this file a new id and `parent: {ident}`") in result.output


def test_a_shipped_id_from_a_config_rules_dir_is_refused_too(tmp_path: Path):
    rules_folder(tmp_path, {"cn-qingdao.yaml": without_rules("cn-qingdao")})
    (tmp_path / ".vidcheck.yaml").write_text("rules-dir: [rules]\n", encoding="utf-8")
    result = run("audit", str(EXAMPLES / "cn-qingdao-hotel-bad.yaml"), *AS_OF)
    assert result.exit_code == 2 and "is a shipped jurisdiction" in result.output


def test_one_id_in_two_rules_folders_is_an_error_at_the_second(tmp_path: Path):
    first = rules_folder(tmp_path, {"cn-test.yaml": new_jurisdiction("cn-test")}, "one")
    second = rules_folder(tmp_path, {"cn-test.yaml": new_jurisdiction("cn-test")}, "two")
    result = run("jurisdictions", "--rules-dir", str(first), "--rules-dir", str(second))
    assert result.exit_code == 2
    assert (f"{second / 'cn-test.yaml'}:2:1: id 'cn-test' is already given by {first / 'cn-test.yaml'}"
            in result.output)


def test_one_id_under_two_suffixes_in_one_folder_is_an_error(tmp_path: Path):
    folder = rules_folder(tmp_path, {"cn-test.yaml": new_jurisdiction("cn-test"),
                                     "cn-test.yml": new_jurisdiction("cn-test")})
    with pytest.raises(jurisdictions.LocatedError, match="id 'cn-test' is already given by"):
        load_catalog([str(folder)])


@pytest.mark.parametrize("file_name", ["cn-test.YAML", "cn-test.yml", "cn-test.Yml"])
def test_every_yaml_suffix_is_loaded(tmp_path: Path, file_name: str):
    folder = rules_folder(tmp_path, {file_name: new_jurisdiction("cn-test")})
    assert "cn-test" in load_catalog([str(folder)]).jurisdictions


def test_the_catalog_names_each_outside_rule_file_with_the_sha256_of_its_bytes(tmp_path: Path):
    text = new_jurisdiction("cn-test") + "# 注释\n"
    folder = rules_folder(tmp_path, {"cn-test.yaml": text})
    expected = (RuleFile(str(folder / "cn-test.yaml"), hashlib.sha256(text.encode()).hexdigest()),)
    assert load_catalog([str(folder)]).external_files == expected
    assert load_catalog([str(folder)]).external_files == expected  # from the cache too
    assert load_catalog().external_files == ()  # shipped files are the package's


def test_what_is_hashed_is_what_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Each rule file is read once: a file that changes after that read changes neither the rules nor the hash."""
    from vidcheck import textfile

    monkeypatch.setenv("VIDCHECK_CACHE_DIR", str(tmp_path / "cold-cache"))
    original = new_jurisdiction("cn-test")
    folder = rules_folder(tmp_path, {"cn-test.yaml": original})
    real = textfile.read_bytes

    def read_then_change(path: str) -> bytes:
        data = real(path)
        if path.startswith(str(folder)):
            Path(path).write_text(original.replace("en: t}", "en: changed}"), encoding="utf-8")
        return data

    monkeypatch.setattr(textfile, "read_bytes", read_then_change)
    monkeypatch.setattr(jurisdictions, "read_bytes", read_then_change)
    catalog = load_catalog([str(folder)])
    assert catalog.jurisdictions["cn-test"].name["en"] == "t"
    assert catalog.external_files[0].sha256 == hashlib.sha256(original.encode()).hexdigest()


def test_an_audit_report_names_the_outside_rule_files(tmp_path: Path, write_site):
    """End to end: the hashes the catalog records are the ones every report format shows (here JSON)."""
    text = new_jurisdiction("cn-test")
    folder = rules_folder(tmp_path, {"cn-test.yaml": text})
    result = run("audit", write_site(), "--rules-dir", str(folder), "--format", "json", *AS_OF)
    assert json.loads(result.stdout)["gate"]["rule_files"] == [
        {"path": str(folder / "cn-test.yaml"), "sha256": hashlib.sha256(text.encode()).hexdigest()}]


# --- quotes of a rules folder are checked against the instrument's text beside them (issue 13) ----------------

LAW = ("# 测试办法\n第一条 图像信息保存三十日以上。\n第二条 自启用之日起三十日内备案。\n"
       "第三条 处一千元以上五千元以下罚款。\n")
QUOTED = """vidcheck_jurisdiction: 1
id: cn-quoted
name: {zh: 测, en: quoted}
parent: cn-national
instruments:
  law: {title: 测试办法, number: '1', effective_on: 2020-01-01, source: law.txt}
rules:
  - id: keep
    check: retention.minimum
    instrument: law
    article: 第一条
    quote: 图像信息保存三十日以上
    minimum: {days: 30}
    penalty: fine
    also_cites:
      - {instrument: law, article: 第二条, quote: 自启用之日起…备案}
    preexisting_cites:
      - {instrument: law, article: 第二条, quote: 三十日内备案}
    extension_cites:
      - {instrument: law, article: 第一条, quote: 保存三十日}
penalties:
  fine:
    instrument: law
    article: 第三条
    quote: 处一千元以上五千元以下罚款
"""
QUOTES = ["图像信息保存三十日以上", "自启用之日起…备案", "三十日内备案", "保存三十日", "处一千元以上五千元以下罚款"]
MISQUOTED = ["图像信息保存十五日以上", "自建成之日起…备案", "三十日内申请备案", "保存三十天",
             "处一百元以上五千元以下罚款"]


def quoted_folder(tmp_path: Path, text: str = QUOTED, *, law: str | None = LAW, beside: bool = False) -> Path:
    """A rules folder with one file quoting law.txt, kept in sources/ (or ``beside`` the rule file, or nowhere)."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    folder = rules_folder(tmp_path, {"cn-quoted.yaml": text})
    if law is not None:
        (folder if beside else folder / "sources").mkdir(exist_ok=True)
        (folder / ("law.txt" if beside else "sources/law.txt")).write_text(law, encoding="utf-8")
    return folder


def at(text: str, quote: str) -> str:
    """``line:column`` of the value ``quote`` in a rule file's text."""
    number, line = next((n, line) for n, line in enumerate(text.splitlines(), 1) if f"quote: {quote}" in line)
    return f"{number}:{line.index(f'quote: {quote}') + len('quote: ') + 1}"


@pytest.mark.parametrize("beside", [False, True], ids=["in-sources", "beside-the-file"])
def test_check_passes_a_folder_whose_quotes_are_verbatim(tmp_path: Path, beside: bool):
    folder = quoted_folder(tmp_path, beside=beside)
    result = run("jurisdictions", "check", str(folder))
    assert result.exit_code == 0, result.output
    assert result.output == f"{folder}: 1 rule file(s) valid, 5 quote(s) verbatim, 0 unverifiable\n"


@pytest.mark.parametrize("quote,wrong", list(zip(QUOTES, MISQUOTED, strict=True)),
                         ids=["rule", "also_cites", "preexisting_cites", "extension_cites", "penalty"])
def test_check_reports_each_wrong_quote_at_its_line(tmp_path: Path, quote: str, wrong: str):
    text = QUOTED.replace(f"quote: {quote}\n", f"quote: {wrong}\n").replace(f"quote: {quote}}}", f"quote: {wrong}}}")
    folder = quoted_folder(tmp_path, text)
    result = run("jurisdictions", "check", str(folder))
    assert result.exit_code == 1, result.output
    assert result.output == (f"{folder / 'cn-quoted.yaml'}:{at(text, wrong)}: quote not found in "
                             f"{folder / 'sources' / 'law.txt'}: {wrong}\n")


def test_check_reports_every_wrong_quote_at_once(tmp_path: Path):
    text = QUOTED.replace("三十日", "三十天")
    result = run("jurisdictions", "check", str(quoted_folder(tmp_path, text)))
    assert result.exit_code == 1 and result.output.count("quote not found in") == 3


def test_fragments_between_ellipses_must_follow_each_other_on_one_line(tmp_path: Path):
    text = QUOTED.replace("自启用之日起…备案", "备案…自启用之日起")
    assert run("jurisdictions", "check", str(quoted_folder(tmp_path, text))).exit_code == 1
    across_lines = QUOTED.replace("自启用之日起…备案", "保存三十日…三十日内备案")
    assert run("jurisdictions", "check", str(quoted_folder(tmp_path / "b", across_lines))).exit_code == 1


def test_a_missing_text_makes_each_of_its_quotes_a_warning_not_silence(tmp_path: Path):
    folder = quoted_folder(tmp_path, law=None)
    result = run("jurisdictions", "check", str(folder))
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if ": warning: quote not checked: no text law.txt" in line]
    assert [line.split(": warning:")[0] for line in warnings] == \
        [f"{folder / 'cn-quoted.yaml'}:{at(QUOTED, quote)}" for quote in QUOTES]
    assert result.output.endswith(f"{folder}: 1 rule file(s) valid, 0 quote(s) verbatim, 5 unverifiable\n")


def test_a_folder_may_quote_a_shipped_text_without_a_copy(tmp_path: Path):
    text = QUOTED.replace("source: law.txt", "source: cn-civil-code-periods.txt")
    result = run("jurisdictions", "check", str(quoted_folder(tmp_path, text, law=None)))
    assert result.exit_code == 1 and "quote not found in " in result.output
    assert str(REPO / "sources" / "cn-civil-code-periods.txt") in result.output


@pytest.mark.parametrize("source", ["../law.txt", "sources/law.txt", ".."])
def test_a_source_must_be_a_file_name_not_a_path(tmp_path: Path, source: str):
    text = QUOTED.replace("source: law.txt", f"source: '{source}'")
    result = run("jurisdictions", "check", str(quoted_folder(tmp_path, text)))
    assert result.exit_code == 1
    assert f"cn-quoted.yaml:6:69: source '{source}' must be a file name" in result.output


def test_check_exits_2_when_the_folder_or_a_text_cannot_be_read(tmp_path: Path):
    result = run("jurisdictions", "check", str(tmp_path / "nowhere"))
    assert result.exit_code == 2 and "does not exist" in result.output
    folder = quoted_folder(tmp_path, law=None)
    (folder / "sources").mkdir()
    (folder / "sources" / "law.txt").write_bytes(b"\xff\xfe\x00\xd8 bad")
    result = run("jurisdictions", "check", str(folder))
    assert result.exit_code == 2 and f"{folder / 'sources' / 'law.txt'}:1:3: cannot decode" in result.output


def test_check_reports_a_schema_error_of_the_folder(tmp_path: Path):
    result = run("jurisdictions", "check", str(quoted_folder(tmp_path, QUOTED.replace("    article: 第三条\n", ""))))
    assert result.exit_code == 1 and "missing required key 'article'" in result.output


def test_an_audit_refuses_a_folder_that_misquotes_the_law(tmp_path: Path, write_site):
    """A rule file that misquotes the law must not decide a gate: an input error at the quote's line, exit 2."""
    text = QUOTED.replace("图像信息保存三十日以上", "图像信息保存十五日以上")
    folder = quoted_folder(tmp_path, text)
    result = run("audit", write_site(), "--rules-dir", str(folder), "-j", "cn-quoted", *AS_OF)
    assert result.exit_code == 2
    assert (f"{folder / 'cn-quoted.yaml'}:{at(text, '图像信息保存十五日以上')}: quote not found in "
            f"{folder / 'sources' / 'law.txt'}: 图像信息保存十五日以上") in result.output


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github", "gitlab", "markdown"])
def test_an_audit_reports_each_unverifiable_quote_as_a_notice_in_every_format(tmp_path: Path, write_site, fmt: str):
    folder = quoted_folder(tmp_path, law=None)
    result = run("audit", write_site(), "--rules-dir", str(folder), "-j", "cn-quoted", "--format", fmt, *AS_OF)
    assert result.exit_code in (0, 1), result.output
    shown = 2 if fmt == "github" else 1  # github: as annotations, and in the plain log
    assert result.stdout.count("no text law.txt in") == shown * len(QUOTES), result.stdout
    assert f"{folder / 'cn-quoted.yaml'}" in result.stdout


def test_the_notice_is_in_the_report_language(tmp_path: Path, write_site):
    folder = quoted_folder(tmp_path, law=None)
    result = run("audit", write_site(), "--rules-dir", str(folder), "--lang", "zh", "--format", "json", *AS_OF)
    notices = json.loads(result.stdout)["notices"]
    assert [n["kind"] for n in notices] == ["quote-unverifiable"] * len(QUOTES)
    assert all(n["severity"] == "warning" and "引文未经核对" in n["message"] for n in notices)
    assert [f"{n['line']}:{n['column']}" for n in notices] == [at(QUOTED, quote) for quote in QUOTES]


def test_commands_that_show_rule_data_say_an_unverifiable_quote_on_stderr(tmp_path: Path):
    folder = quoted_folder(tmp_path, law=None)
    result = run("jurisdictions", "show", "cn-quoted", "--rules-dir", str(folder))
    assert result.exit_code == 0 and result.stderr.count("quote-unverifiable: quote not checked") == len(QUOTES)


def test_an_inventory_in_a_rules_folder_is_named_as_one(tmp_path: Path, write_site):
    inventory = Path(write_site()).read_text(encoding="utf-8")
    folder = rules_folder(tmp_path, {"site.yaml": inventory})
    result = run("audit", write_site(), "--rules-dir", str(folder), *AS_OF)
    assert result.exit_code == 2
    assert (f"{folder / 'site.yaml'}:2:2: read as a rule file (it is in the rules folder {folder}): this looks like "
            "an inventory (it starts with 'vidcheck: 1'); move it out of the rules folder") in result.output
    assert "missing required key 'vidcheck_jurisdiction'" not in result.output


def test_a_rule_file_without_its_first_key_is_still_told_what_is_missing(tmp_path: Path):
    folder = rules_folder(tmp_path, {"cn-test.yaml": new_jurisdiction("cn-test").replace(
        "vidcheck_jurisdiction: 1\n", "")})
    result = run("jurisdictions", "check", str(folder))
    assert result.exit_code == 1 and "missing required key 'vidcheck_jurisdiction'" in result.output


def test_validate_checks_the_rules_folder_too(tmp_path: Path, write_site):
    site = write_site()
    good = run("validate", site, "--rules-dir", str(quoted_folder(tmp_path / "good")))
    assert good.exit_code == 0 and good.stdout == f"{site}: valid\n"
    text = QUOTED.replace("保存三十日\n", "保存三十天\n").replace("保存三十日}", "保存三十天}")
    folder = quoted_folder(tmp_path / "bad", text)
    bad = run("validate", site, "--rules-dir", str(folder))
    assert bad.exit_code == 1
    assert f"{folder / 'cn-quoted.yaml'}:{at(text, '保存三十天')}: quote not found in" in bad.stdout


def test_validate_shows_unverifiable_quotes_and_refuses_a_missing_folder(tmp_path: Path, write_site):
    site = write_site()
    result = run("validate", site, "--rules-dir", str(quoted_folder(tmp_path, law=None)), "--format", "json")
    assert result.exit_code == 0 and len(json.loads(result.stdout)["notices"]) == len(QUOTES)
    missing = run("validate", site, "--rules-dir", str(tmp_path / "nowhere"))
    assert missing.exit_code == 2 and "does not exist" in missing.output


def test_validate_takes_the_rules_folder_of_the_configuration(tmp_path: Path, write_site, monkeypatch):
    quoted_folder(tmp_path, QUOTED.replace("三十日内备案", "三十天内备案"))
    (tmp_path / ".vidcheck.yaml").write_text("rules-dir: [rules]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("validate", write_site())
    assert result.exit_code == 1 and "quote not found in" in result.stdout


@pytest.mark.parametrize("quote,verbatim", [("保存三十日", True), ("自启用…备案", True), ("备案…自启用", False),
                                            ("保存三十日…三十日内备案", False), ("…", False), ("", False)])
def test_the_quote_matching_both_checks_share(quote: str, verbatim: bool):
    """Fragments between ellipses, in order, on one line; a quote with no words quotes nothing."""
    assert quoted_verbatim(quote, LAW.splitlines()) is verbatim


HOUSE_STYLE = "## House style for rule authors"
EXAMPLE = re.compile(r"\((cn-[a-z0-9-]+\.txt)\): (.+)$", re.MULTILINE)


def house_style() -> str:
    text = (REPO / "docs" / "jurisdictions.md").read_text(encoding="utf-8")
    assert HOUSE_STYLE in text, "docs/jurisdictions.md has no house style for rule authors"
    return text[text.index(HOUSE_STYLE):]


def test_the_house_style_covers_each_reading_and_the_review_checklist():
    section = house_style()
    for topic in ("以上", "以下", "不少于", "建成", "启用", "自…之日起", "逾期不改正的", "并处", "可以处",
                  "直接负责的主管人员和其他直接责任人员", "Drafts", "Checklist", "vidcheck jurisdictions check"):
        assert topic in section, topic


def test_every_example_of_the_house_style_is_quoted_verbatim_from_its_source():
    examples = [(source, quote) for source, quotes in EXAMPLE.findall(house_style())
                for quote in re.findall(r"「([^」]+)」", quotes)]
    assert len(examples) >= 15
    for source, quote in examples:
        lines = (REPO / "sources" / source).read_text(encoding="utf-8").splitlines()
        assert quoted_verbatim(quote, lines), f"not verbatim in sources/{source}: {quote}"
