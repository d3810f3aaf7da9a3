"""SPEC §8, bounded and exact input: sizes are counted in bytes read, the two validators agree on every pattern,
integers of any length and whole-valued floats end as located errors or values, never a crash."""

from __future__ import annotations

import json
import os
import re
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from conftest import BASE_SITE, merged, run

from vidcheck import resources, textfile
from vidcheck.errors import LocatedError
from vidcheck.resources import ecma_regex, schema, validator
from vidcheck.textfile import read_bytes

ONE_LOCATED_LINE = re.compile(r"^  \S.*:\d+:\d+: [^\n]+$", re.MULTILINE)


def audit(*args: str, env: dict[str, str] | None = None) -> Any:
    return run("audit", *args, "--as-of", "2026-11-01", "--no-color", env=env)


def answered(result: Any) -> bool:
    """The command ended by its own exit, not by an exception."""
    return result.exception is None or isinstance(result.exception, SystemExit)


def test_a_device_without_end_is_refused_at_the_byte_limit():
    result = audit("/dev/zero")  # st_size is 0: a limit that trusts it read until memory ran out
    assert result.exit_code == 2, result.output
    assert "/dev/zero:1:1: input is over the 33,554,432-byte limit" in result.output


def test_a_directory_read_as_a_file_is_a_located_error(tmp_path: Path):
    with pytest.raises(LocatedError, match="is a directory"):
        read_bytes(str(tmp_path))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_read_and_one_nobody_writes_to_fails_in_time(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch):
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    writer = threading.Thread(target=pipe.write_bytes, args=(b"vidcheck: 1\n",))
    writer.start()
    assert read_bytes(str(pipe)) == b"vidcheck: 1\n"
    writer.join()
    monkeypatch.setattr(textfile, "FIFO_WAIT_SECONDS", 0.2)
    with pytest.raises(LocatedError, match=r"nothing was written to this pipe within 0\.2 seconds"):
        read_bytes(str(pipe))


def test_closed_standard_input_is_a_located_error(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(sys, "stdin", None)  # what Python sets when started with `<&-`
    with pytest.raises(LocatedError, match="standard input is closed"):
        read_bytes("-")


def test_a_size_limit_of_any_length_is_not_a_crash(tmp_path: Path):
    target = tmp_path / "site.yaml"
    target.write_text(json.dumps(BASE_SITE), encoding="utf-8")
    huge = audit(str(target), env={"VIDCHECK_MAX_BYTES": "9" * 5000})
    assert isinstance(huge.exception, SystemExit) and huge.exit_code == audit(str(target)).exit_code == 1


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize("ident", ["qd-05\n", "qd-05\r", "qd\u2028-05"])
def test_both_validators_refuse_an_id_with_a_line_break(monkeypatch: pytest.MonkeyPatch, fast: bool, ident: str):
    monkeypatch.setattr(resources, "FAST_VALIDATION", fast)
    site = merged(BASE_SITE, {"site": {"id": ident}})
    assert not validator("site").fast.is_valid(site)
    errors = list(validator("site").iter_errors(site))
    assert [e.validator for e in errors] == ["pattern"]


def test_the_explaining_validator_reads_patterns_as_ecma_262():
    assert ecma_regex(r"^\d+$").find("١٢") is None and ecma_regex(r"^\d+$").find("12") is not None
    full = validator("config").full
    assert not full.is_valid({"format": "sarif\n"}) and full.is_valid({"format": "sarif"})


def test_pattern_properties_are_literal_prefixes_on_which_both_regex_flavours_agree():
    """resources.Validator leaves patternProperties to Python's re: sound only while every one is '^' + a
    literal (no '$', class, escape or dot), which matches the same strings in re and ECMA-262."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            found.extend(node.get("patternProperties", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in (Path(__file__).resolve().parents[1] / "schemas").glob("*.schema.json"):
        walk(schema(path.name.removesuffix(".schema.json")))
    assert found and all(re.fullmatch(r"\^[A-Za-z0-9_-]+", pattern) for pattern in found), found


def test_a_format_name_with_a_trailing_newline_is_a_usage_error(write_site: Any):
    result = audit(write_site(), "-f", "sarif\n")
    assert result.exit_code == 2 and answered(result)
    assert "does not match the required form" in result.output and "'sarif\\u000a'" in result.output


def test_an_id_with_a_trailing_newline_is_one_located_line(write_site: Any):
    result = audit(write_site({"site": {"id": "qd-05\n"}}))
    assert result.exit_code == 2
    assert re.search(r":\d+:\d+: id: 'qd-05\\u000a' does not match the required form", result.output), result.output


def test_integers_beyond_64_bits_under_x_keys_reach_every_format(write_site: Any, tmp_path: Path):
    big = {"x-serial": 2 ** 70, "x-offset": -(2 ** 70), "x-list": [10 ** 30]}
    data = merged(BASE_SITE, {**big, "system": {"x-big": 2 ** 64}})
    assert validator("site").fast.is_valid(data)  # jsonschema-rs takes big integers without raising
    path = write_site(data)
    for name in ("json", "sarif", "junit", "gitlab", "github", "markdown", "text"):
        result = audit(path, "-f", name)
        assert result.exit_code in (0, 1) and answered(result), (name, result.output)


def test_big_integers_in_rule_data_are_schema_errors_not_crashes(tmp_path: Path):
    source = Path(__file__).resolve().parents[1] / "jurisdictions" / "cn-qingdao.yaml"
    rules = tmp_path / "rules"
    rules.mkdir()
    text = source.read_text(encoding="utf-8").replace("id: cn-qingdao", "id: cn-qd-big", 1)
    text = text.replace("minimum: {days: 30}", f"minimum: {{days: {10 ** 30}}}")
    text = text.replace("max: 1000}", f"max: {2 ** 70}}}")
    (rules / "cn-qd-big.yaml").write_text(text, encoding="utf-8")
    site = tmp_path / "site.yaml"
    site.write_text(json.dumps(BASE_SITE), encoding="utf-8")
    result = run("audit", str(site), "--rules-dir", str(rules), "-j", "cn-qd-big", "--as-of", "2026-11-01",
                 "-f", "json", env={"VIDCHECK_CACHE_DIR": ""})
    assert result.exit_code == 2, result.output
    assert "above the maximum 36600" in result.output and "above the maximum 1000000000000" in result.output


def test_a_whole_valued_float_is_refused_on_both_validation_paths(monkeypatch: pytest.MonkeyPatch,
                                                                  write_site: Any):
    for fast in (True, False):
        monkeypatch.setattr(resources, "FAST_VALIDATION", fast)
        result = audit(write_site(text=json.dumps(BASE_SITE).replace('"system": {}',
                                                                     '"system": {"retention_days": 30.0}')))
        assert result.exit_code == 2
        assert "retention_days: 30.0 is not an integer: write a whole number" in result.output


def test_a_flood_of_schema_errors_is_cut_at_a_thousand(write_site: Any):
    result = audit(write_site({"cameras": [1] * 1500}))
    assert result.exit_code == 2
    lines = ONE_LOCATED_LINE.findall(result.output)
    assert len(lines) == 1001 and sum("more than 1,000 errors in this file" in line for line in lines) == 1


def test_a_flood_of_cross_reference_errors_is_cut_at_a_thousand(write_site: Any):
    result = audit(write_site({"cameras": [{"id": "C-1", "zone": "nowhere"}] * 800}))
    assert result.exit_code == 2
    lines = ONE_LOCATED_LINE.findall(result.output)
    assert len(lines) == 1001 and "more than 1,000 errors in this file" in result.output


def test_past_the_findings_bound_the_audit_stops_and_fails_closed(monkeypatch: pytest.MonkeyPatch, write_site):
    """A file that breaks rules more often than engine.MAX_FINDINGS (one error repeated over every camera) ends in
    one located input error (exit 2): memory stays bounded and the gate never passes on a partial report."""
    from vidcheck import engine

    cameras = [{"id": f"W-{n}", "zone": "wc"} for n in range(6)]
    path = write_site(merged(BASE_SITE, {"zones": [*BASE_SITE["zones"], {"id": "wc", "kind": "toilet"}],
                                         "cameras": [*BASE_SITE["cameras"], *cameras]}))
    assert run("audit", path, "--as-of", "2026-11-01").exit_code == 1  # six privacy findings, and no bound hit
    monkeypatch.setattr(engine, "MAX_FINDINGS", 5)
    result = run("audit", path, "--as-of", "2026-11-01", "-f", "json")
    assert result.exit_code == 2
    (error,) = json.loads(result.stdout)["errors"]
    site_id_line = Path(path).read_text(encoding="utf-8").splitlines().index('  "id": "t-001",') + 1
    assert error["line"] == site_id_line and error["message"].startswith("more than 5 findings in this file")


@pytest.mark.parametrize("literal,value", [
    ("036", "036"), ("-07", "-07"), ("+00", "+00"), ("00", "00"),  # octal to YAML 1.1 tools: left as text
    ("0", 0), ("-0", 0), ("+0", 0), ("30", 30), ("-30", -30), ("100", 100),
])
def test_an_integer_with_a_leading_zero_is_text_not_a_guess_between_yaml_versions(literal: str, value: object):
    from vidcheck.yamlsource import parse_yaml

    assert parse_yaml(f"a: {literal}\n", "f").data == {"a": value}
