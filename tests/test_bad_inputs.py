"""The hostile-input corpus in tests/bad_inputs/: each file ends in its documented exit code and message, as one
located line, never a traceback. Cases that need the machine (missing paths, permissions, size) are made here."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vidcheck import textfile
from vidcheck.cli import app

CORPUS = Path(__file__).parent / "bad_inputs"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
LOCATED = re.compile(r"^.+:\d+:\d+: .+$")
runner = CliRunner()


def audit(*args: str, input: str | None = None, env: dict[str, str] | None = None):
    return runner.invoke(app, ["audit", *args, "--as-of", "2026-11-01", "--no-color"], input=input,
                         env={"LANG": "en_US.UTF-8", **(env or {})})


def error_lines(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if line.startswith("  ") and ": " in line
            and re.search(r":\d+:\d+: ", line)]


def test_every_corpus_file_has_an_expectation():
    assert sorted(p.name for p in CORPUS.iterdir() if p.name != "expected.json") == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file(name: str):
    expected = EXPECTED[name]
    result = audit(str(CORPUS / name))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.exit_code == expected["exit"], result.output
    if expected["message"]:
        located = error_lines(result.output)
        assert located and all(LOCATED.match(line) for line in located)
        assert any(expected["message"] in line for line in located), result.output
    assert "\ufffd" not in result.output  # no mojibake reaches a report


def test_alias_bomb_is_refused_quickly():
    import time

    start = time.perf_counter()
    assert audit(str(CORPUS / "yaml-alias-bomb.yaml")).exit_code == 2
    assert time.perf_counter() - start < 5


def test_missing_path(tmp_path: Path):
    result = audit(str(tmp_path / "missing.yaml"))
    assert result.exit_code == 2 and "no such file" in result.output and ":1:1: " in result.output


@pytest.mark.parametrize("argument", ["", "*.yaml"])
def test_a_directory_or_glob_without_inventories_fails(tmp_path: Path, argument: str):
    (tmp_path / "notes.txt").write_text("not yaml", encoding="utf-8")
    result = audit(str(tmp_path / argument) if argument else str(tmp_path))
    assert result.exit_code == 2 and str(tmp_path) in result.output
    assert "holds no .yaml" in result.output or "no file matches" in result.output


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    target = tmp_path / "secret.yaml"
    target.write_text("vidcheck: 1\n", encoding="utf-8")

    def denied(path: str) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(textfile, "open_for_reading", denied)  # root ignores chmod, so the OS refusal is simulated
    result = audit(str(target))
    assert result.exit_code == 2 and "permission denied" in result.output


def test_size_limit_is_configurable(tmp_path: Path):
    target = tmp_path / "big.yaml"
    target.write_text((CORPUS / "encoding-utf8-bom.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    refused = audit(str(target), env={"VIDCHECK_MAX_BYTES": "100"})
    assert refused.exit_code == 2 and "over the 100-byte limit" in refused.output
    assert audit(str(target)).exit_code == 0


def test_standard_input_with_a_bad_document():
    result = audit("-", input="a: 1\na: 2\n")
    assert result.exit_code == 2 and "-:2:1: duplicate key 'a'" in result.output
