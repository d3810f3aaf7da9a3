"""Rule folders (--rules-dir, config rules-dir) add jurisdictions but never replace one (SPEC §3, §8); none of their
files is skipped in silence; the catalog names each of them with the sha256 of the bytes it used."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from conftest import REPO, run

from vidcheck import jurisdictions
from vidcheck.jurisdictions import load_catalog
from vidcheck.model import RuleFile

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
