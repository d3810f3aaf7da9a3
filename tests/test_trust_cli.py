"""SPEC §8 on the command line: input and rule data shown escaped, every closed or failing stream and every
unexpected exception a one-line exit 2, and stop signals that leave no helper process and no temporary file.

Where file descriptors, signals or exit codes of the process matter, these run the installed console script."""

from __future__ import annotations

import errno
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import BASE_SITE, merged, run
from hypothesis import given
from hypothesis import strategies as st

from vidcheck import cli, entry, parallel
from vidcheck.entry import Stopped
from vidcheck.escape import clean
from vidcheck.textfile import write_atomically

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from generate import generate

VIDCHECK = str(Path(sys.executable).parent / "vidcheck")
HUMAN = ("text", "github", "markdown", "junit")
RLO = "\u202e"


def vidcheck(*args: str, shell: str | None = None) -> subprocess.CompletedProcess[str]:
    """The console script in a real process; ``shell`` wraps it in ``sh -c`` for redirections such as ``<&-``."""
    env = {**os.environ, "LANG": "en_US.UTF-8"}
    env.pop("VIDCHECK_DEBUG", None)
    command = ["sh", "-c", f'"$0" "$@" {shell}', VIDCHECK, *args] if shell else [VIDCHECK, *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)


def write(path: Path | bytes, patch: dict | None = None, *, text: str | None = None) -> str:
    data = text if text is not None else json.dumps(merged(BASE_SITE, patch or {}), ensure_ascii=False)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(data)
    return os.fsdecode(path)


# --- one escaping function ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("character", ["\x1b", "\x07", "\t", "\r", "\x7f", "\x85", "\x9b", "\u202a", "\u202e",
                                       "\u2066", "\u2069", "\u200e", "\u200f", "\u061c", "\u200b", "\u200d",
                                       "\u2060", "\ufeff", "\u2028", "\udcff", "\U000e0041"])
def test_every_unsafe_character_is_spelled_as_a_u_escape(character: str):
    code = ord(character)
    assert clean(f"a{character}b") == (f"a\\u{code:04x}b" if code <= 0xFFFF else f"a\\U{code:08x}b")
    assert clean(clean(f"a{character}b")) == clean(f"a{character}b")  # escaping twice changes nothing


INVISIBLE = {"Cc", "Cf", "Cs", "Zl", "Zp"}  # control, format, surrogate, line and paragraph separator


def test_every_control_format_and_separator_character_of_unicode_is_escaped():
    every = "".join(chr(code) for code in range(0x110000) if unicodedata.category(chr(code)) in INVISIBLE)
    shown = clean(every)
    assert [c for c in shown if unicodedata.category(c) in INVISIBLE] == []
    assert shown.count("\\") == len(every)


@given(st.text())
def test_any_text_is_shown_as_one_line_of_inert_utf_8(text: str):
    shown = clean(text)
    assert len(shown.splitlines()) <= 1 and not any(unicodedata.category(c) in INVISIBLE for c in shown)
    shown.encode("utf-8")  # no lone surrogate left
    if "\\" not in text:  # and the escapes spell the text exactly
        assert re.sub(r"\\u([0-9a-f]{4})|\\U([0-9a-f]{8})", lambda m: chr(int(m[1] or m[2], 16)), shown) == text


def test_a_newline_is_escaped_unless_the_format_keeps_lines():
    assert clean("a\nb") == "a\\u000ab" and clean("a\nb\x1b", lines=True) == "a\nb\\u001b"
    assert clean("青岛 · ✖ 🔴") == "青岛 · ✖ 🔴"  # ordinary text, CJK and symbols pass


@pytest.mark.parametrize("args,value", [
    (["-j", "cn-\x1b[31mx"], "jurisdiction: 'cn-\\u001b[31mx' does not match the required form"),
    (["-f", "text\x07"], "format[0]: 'text\\u0007' does not match the required form"),
])
def test_an_option_value_with_a_control_character_is_spelled_as_everywhere_else(tmp_path: Path, args: list[str],
                                                                                value: str):
    """A schema message wrote ``repr``'s ``\\x1b`` where every other line writes ``\\u001b`` (escape.clean)."""
    result = run("audit", write(tmp_path / "site.yaml"), *args)
    assert result.exit_code == 2 and value in result.output and "\\x" not in result.output, result.output


def test_a_value_in_an_inventory_error_is_spelled_as_everywhere_else(tmp_path: Path):
    site = write(tmp_path / "site.yaml", {"site": {"id": "s\x1b1", "categories": ["hotel\u202e"]}})
    result = run("audit", site, "--no-color")
    assert result.exit_code == 2 and "\\x" not in result.output
    assert "id: 's\\u001b1' does not match" in result.output
    assert "'hotel\\u202e' is not an allowed value" in result.output


HOSTILE_RULES = """vidcheck_jurisdiction: 1
id: cn-evil
name: {zh: "恶\\u202e意", en: "evil\\u202eliveE"}
parent: cn-national
notes: ["note \\e]0;title\\a"]
instruments: {t: {title: "测\\e[31m", number: '1', effective_on: 2020-01-01, source: x.txt}}
rules:
  - {id: r1, check: retention.minimum, instrument: t, article: "第一条\\e[2J", quote: "\\e]0;pwned\\a\\e[2J quote",
     minimum: {days: 60}}
"""


@pytest.fixture
def hostile_rules(tmp_path: Path) -> str:
    folder = tmp_path / "evil-rules"
    folder.mkdir()
    (folder / "cn-evil.yaml").write_text(HOSTILE_RULES, encoding="utf-8")
    return str(folder)


def assert_inert(text: str) -> None:
    assert not any(c in text for c in "\x1b\x07" + RLO), text
    assert "\\u001b" in text or "\\u202e" in text


@pytest.mark.parametrize("command", [["jurisdictions", "show", "cn-evil"], ["explain", "retention.minimum"],
                                     ["jurisdictions"], ["compare"], ["compare", "-f", "markdown"],
                                     ["compare", "-f", "csv"]])
def test_rule_data_from_a_rules_folder_reaches_no_terminal_raw(hostile_rules: str, command: list[str]):
    result = run(*command, "--rules-dir", hostile_rules, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert_inert(result.stdout)


def test_compare_csv_keeps_one_entry_a_line_inside_its_cells(hostile_rules: str):
    import csv

    result = run("compare", "-f", "csv", "--rules-dir", hostile_rules, "--lang", "en")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert len({len(row) for row in rows}) == 1 and any("\n" in cell for row in rows for cell in row)


def test_config_shows_settings_escaped_and_aligned(tmp_path: Path):
    (tmp_path / ".vidcheck.yaml").write_text('waivers: "w\\e]0;t\\a.yaml"\nbaseline: "b\\u202e.json"\n',
                                             encoding="utf-8")
    result = run("config")
    assert result.exit_code == 0
    assert_inert(result.stdout)
    rows = [line for line in result.stdout.splitlines() if "#" in line]
    assert len({line.index("#") for line in rows}) == 1  # the source column lines up


@pytest.mark.parametrize("fmt", HUMAN)
def test_rule_quotes_in_an_audit_report_are_escaped(tmp_path: Path, hostile_rules: str, fmt: str):
    site = write(tmp_path / "site.yaml")
    result = run("audit", site, "-j", "cn-evil", "--rules-dir", hostile_rules, "-f", fmt, "--as-of", "2026-01-01")
    assert result.exit_code == 1 and "第一条" in result.stdout  # the rule's article (text and junit: its quote too)
    assert_inert(result.stdout)


def test_the_gate_notice_keeps_its_lines_and_escapes_a_file_name(tmp_path: Path):
    waivers = tmp_path / "waivers\n::error::forged.yaml"
    waivers.write_text("vidcheck_waivers: 1\nwaivers: []\n", encoding="utf-8")
    site = write(tmp_path / "site.yaml")
    result = run("audit", site, "--waivers", str(waivers), "--fail-on", "warning", "-f", "github")
    lines = result.stdout.splitlines()
    assert not any(line.startswith("::error::forged") for line in lines)
    (gate,) = [line for line in lines if line.startswith("::notice ") and "--fail-on" in line]
    assert "%0A" in gate and "waivers\\u000a::error::forged.yaml" in gate  # the notice's lines apart, the name inert


@pytest.mark.parametrize("fmt", HUMAN)
def test_right_to_left_overrides_in_names_are_shown_escaped(tmp_path: Path, fmt: str):
    site = write(tmp_path / "site.yaml", {
        "site": {"name": f"酒店{RLO}gpj.exe"},
        "zones": [{"id": "gate", "kind": "entrance", "signage": True},
                  {"id": "wc", "kind": "toilet", "name": f"卫生间{RLO}abc", "public": False}],
        "cameras": [{"id": "C-1", "zone": "gate"}, {"id": "C-2", "zone": "wc"}]})
    result = run("audit", site, "-f", fmt, "--as-of", "2026-01-01")
    assert result.exit_code == 1 and "privacy.forbidden-zone" in result.stdout
    assert RLO not in result.stdout and "\\u202e" in result.stdout


@pytest.mark.parametrize("fmt", HUMAN)
def test_a_right_to_left_override_in_a_camera_id_is_shown_escaped_in_its_error(tmp_path: Path, fmt: str):
    site = write(tmp_path / "site.yaml", {"cameras": [{"id": f"C{RLO}-1", "zone": "gate"}]})
    result = run("audit", site, "-f", fmt)
    assert result.exit_code == 2 and RLO not in result.stdout
    assert re.search(r"C\\+u202e-1", result.stdout)  # Markdown shows a backslash as \\
    on_stderr = run("audit", site, "-o", str(tmp_path / "report.txt"))
    assert "C\\u202e-1" in on_stderr.stderr and RLO not in on_stderr.stderr


def test_a_newline_in_a_file_name_keeps_every_error_on_one_line(tmp_path: Path):
    forged = "::error file=x.yaml::forged"
    path = write(tmp_path / f"bad\n{forged}.yaml", text="vidcheck: 1\nsite: [\n")
    for fmt in ("text", "github"):
        result = run("audit", path, "-f", fmt)
        assert result.exit_code == 2
        lines = result.stdout.splitlines()
        assert not any(line.lstrip().startswith(forged) for line in lines)
        assert any(f"bad\\u000a{forged}.yaml:3:1" in line and "YAML" in line for line in lines)
    written = run("audit", path, "-o", str(tmp_path / "report.txt"))  # errors then go to stderr
    (error,) = [line for line in written.stderr.splitlines() if "YAML" in line]
    assert error.startswith(f"{tmp_path}/bad\\u000a{forged}.yaml:3:1: ")


def test_a_file_name_with_undecodable_bytes_is_reported_in_every_format(tmp_path: Path):
    path = write(os.fsencode(tmp_path) + b"/site-\xff.yaml")
    spelled = "site-\\udcff.yaml"
    for fmt in ("text", "json", "sarif", "gitlab", "junit", "github", "markdown"):
        result = run("audit", path, "-f", fmt, "--as-of", "2026-01-01")
        assert isinstance(result.exception, SystemExit) and result.exit_code == 1, (fmt, result.output)
        assert re.search(r"site-(\\+udcff|%FF)\.yaml", result.stdout), fmt
    report = json.loads(run("audit", path, "-f", "json").stdout)
    assert report["sites"][0]["path"].endswith(spelled)
    sarif = json.loads(run("audit", path, "-f", "sarif").stdout)
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] \
        .endswith("site-%FF.yaml")  # the URI carries the file's own byte
    (issue, *_) = json.loads(run("audit", path, "-f", "gitlab").stdout)
    assert issue["location"]["path"].endswith(spelled)
    suite = ET.fromstring(run("audit", path, "-f", "junit").stdout).find("testsuite")
    assert suite is not None and spelled in suite.get("name", "")
    target = tmp_path / "report.json"
    assert run("audit", path, "-f", f"json={target}").exit_code == 1
    assert json.loads(target.read_text("utf-8"))["sites"][0]["path"].endswith(spelled)


def test_an_undecodable_file_with_an_input_error_is_reported_in_gitlab(tmp_path: Path):
    path = write(os.fsencode(tmp_path) + b"/bad-\xfe.yaml", text="vidcheck: 1\nsite: [\n")
    result = run("audit", path, "-f", "gitlab")
    assert result.exit_code == 2 and json.loads(result.stdout)[0]["location"]["path"].endswith("bad-\\udcfe.yaml")


# --- fail closed: streams ------------------------------------------------------------------------------------------

@pytest.fixture
def site(tmp_path: Path) -> str:
    return write(tmp_path / "site.yaml")


def test_a_closed_stdin_is_one_line_and_exit_2():
    result = vidcheck("audit", "-", shell="<&-")
    assert (result.returncode, result.stderr) == (2, "vidcheck: cannot read '-': standard input is closed\n")


def test_a_closed_stdout_is_one_line_and_exit_2(site: str):
    result = vidcheck("audit", site, shell=">&-")
    assert (result.returncode, result.stderr) == (2, "vidcheck: cannot write to standard output: it is closed\n")


def test_a_closed_stderr_fails_only_a_run_that_has_something_to_say(site: str, tmp_path: Path):
    second = write(tmp_path / "second.yaml", {"site": {"id": "t-002"}})
    quiet = vidcheck("audit", site, second, "-f", "json", shell="2>&-")  # was a crash on sys.stderr.isatty()
    assert quiet.returncode == 1 and len(json.loads(quiet.stdout)["sites"]) == 2
    summary_lost = vidcheck("audit", site, "-o", str(tmp_path / "report.txt"), shell="2>&-")
    assert summary_lost.returncode == 2 and (tmp_path / "report.txt").exists()


@pytest.mark.parametrize("args", [["audit", "SITE"], ["audit", "SITE", "-f", "json"], ["rules"],
                                  ["jurisdictions", "show", "cn-qingdao"], ["--version"]])
def test_a_full_disk_on_stdout_is_one_line_and_exit_2(site: str, args: list[str]):
    result = vidcheck(*[site if arg == "SITE" else arg for arg in args], shell="> /dev/full")
    assert (result.returncode, result.stderr) == (2, "vidcheck: cannot write to standard output: "
                                                     "No space left on device\n")


def test_a_reader_that_leaves_early_ends_the_run_quietly_with_141(site: str):
    env = {**os.environ, "LANG": "en_US.UTF-8"}
    process = subprocess.Popen([VIDCHECK, "audit", site], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # as `| head -0` would: gone before vidcheck writes
    assert process.wait(timeout=60) == 141 and process.stderr.read() == b""


@pytest.mark.parametrize("target", ["/dev/stdout", "FIFO"])
def test_a_reader_that_leaves_a_stream_target_early_ends_the_run_quietly_with_141(tmp_path: Path, target: str):
    """``-o /dev/stdout | head`` (or a FIFO that ``head`` reads) was exit 2 "cannot write /dev/stdout: Broken pipe",
    where plain standard output ends with the quiet 141: the reader leaving is its choice either way."""
    wc = {"zones": [*BASE_SITE["zones"], {"id": "wc", "kind": "toilet", "public": False}],
          "cameras": [{"id": f"C-{n:04d}", "zone": "wc"} for n in range(1500)]}  # a report far beyond a pipe's 64 KiB
    site = write(tmp_path / "site.yaml", wc)
    env = {**os.environ, "LANG": "en_US.UTF-8"}
    command = [VIDCHECK, "audit", site, "-f", "json", "-o"]
    if target == "FIFO":
        fifo = tmp_path / "fifo"
        os.mkfifo(fifo)
        reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # there when vidcheck opens the FIFO
        process = subprocess.Popen([*command, str(fifo)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        deadline = time.monotonic() + 60
        while not _read_some(reader) and time.monotonic() < deadline:  # until vidcheck has opened it and written
            time.sleep(0.01)
        os.close(reader)
    else:
        process = subprocess.Popen([*command, target], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        assert process.stdout is not None and process.stdout.read(1)
        process.stdout.close()
    assert process.stderr is not None
    assert (process.wait(timeout=60), process.stderr.read()) == (141, b"")


def _read_some(descriptor: int) -> bytes:
    try:
        return os.read(descriptor, 1)
    except BlockingIOError:
        return b""


class FullDisk(io.StringIO):
    def flush(self) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("code", [0, 1])
def test_a_report_lost_at_the_last_flush_is_never_a_pass_or_findings(monkeypatch, capsys, code: int):
    exits: list[int] = []
    monkeypatch.setattr(sys, "stdout", FullDisk())
    monkeypatch.setattr(os, "_exit", exits.append)
    entry._leave(code)  # type: ignore[misc]  # os._exit is patched: it returns here
    assert exits == [2]
    assert capsys.readouterr().err == "vidcheck: cannot write to standard output: No space left on device\n"


# --- fail closed: internal errors ------------------------------------------------------------------------------------

def main_with(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["vidcheck", *args])
    return cli.main()


def test_an_unexpected_exception_is_an_internal_error_with_exit_2(monkeypatch, capsys, site: str):
    def broken(*_: object, **__: object) -> None:
        raise ValueError("boom")

    monkeypatch.setattr("vidcheck.api.audit", broken)
    assert main_with(monkeypatch, "audit", site) == 2
    assert capsys.readouterr().err == ("vidcheck: internal error: ValueError: boom "
                                       "(run with --debug for the traceback)\n")
    assert main_with(monkeypatch, "--debug", "audit", site) == 2
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):") and "in broken" in err
    assert err.endswith("vidcheck: internal error: ValueError: boom\n")
    monkeypatch.setenv("VIDCHECK_DEBUG", "1")
    assert main_with(monkeypatch, "audit", site) == 2 and "Traceback" in capsys.readouterr().err


def test_a_failed_helper_is_an_internal_error(monkeypatch, capsys, tmp_path: Path):
    paths = [write(tmp_path / f"s{n:02d}.yaml", {"site": {"id": f"s-{n:02d}"}}) for n in range(24)]
    main_process = os.getpid()
    real = parallel.run_each

    def failing_in_helpers(job, items, processes, progress=None):  # type: ignore[no-untyped-def]
        def job_failing_in_helpers(path: str) -> object:
            if os.getpid() != main_process:
                raise ValueError(f"cannot audit {Path(path).name}")
            time.sleep(0.002)  # leave the helper time to take a file
            return job(path)

        return real(job_failing_in_helpers, items, processes, progress)

    monkeypatch.setattr(parallel, "run_each", failing_in_helpers)
    assert main_with(monkeypatch, "audit", *paths, "--jobs", "2") == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("vidcheck: internal error: HelperFailed: in a helper process: ValueError: cannot audit s")
    assert main_with(monkeypatch, "--debug", "audit", *paths, "--jobs", "2") == 2
    assert "The helper's traceback:" in capsys.readouterr().err


# --- signals ---------------------------------------------------------------------------------------------------------

def group_members(group: int) -> list[tuple[int, int]]:
    """(pid, parent pid) of every live (not zombie) process in a process group, from /proc."""
    members = []
    for folder in Path("/proc").iterdir():
        if not folder.name.isdigit():
            continue
        try:
            fields = (folder / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            members.append((int(folder.name), int(fields[1])))
    return members


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three hundred generated hotels of a thousand cameras: a run with four processes that lasts several seconds,
    so that helpers left running would still be there 2 s after the signal."""
    folder = tmp_path_factory.mktemp("county")
    hotel = generate(1000)
    for number in range(300):
        (folder / f"hotel-{number:03d}.yaml").write_text(hotel.replace("bench-hotel", f"hotel-{number:03d}"),
                                                         encoding="utf-8")
    return folder


def started_with_helpers(county: Path, out: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "LANG": "en_US.UTF-8"}
    process = subprocess.Popen([VIDCHECK, "audit", str(county), "--jobs", "4", "--as-of", "2026-11-01", "-f", "json",
                                "-o", str(out / "report.json")], start_new_session=True, stderr=subprocess.PIPE,
                               env=env)
    deadline = time.monotonic() + 30
    while sum(1 for _, parent in group_members(process.pid) if parent == process.pid) < 3:
        assert process.poll() is None and time.monotonic() < deadline, "the helpers never started"
        time.sleep(0.002)
    return process


def assert_group_ends_within_2_s(process: subprocess.Popen[bytes]) -> None:
    stopped = time.monotonic()
    while group_members(process.pid) and time.monotonic() - stopped < 2:
        process.poll()  # reap the main process as soon as it ends
        time.sleep(0.01)
    assert group_members(process.pid) == [], "a vidcheck process outlived the signal by 2 s"


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_a_stop_signal_stops_every_helper_and_leaves_no_temp_file(county: Path, tmp_path: Path, signum: int):
    process = started_with_helpers(county, tmp_path)
    process.send_signal(signum)
    assert_group_ends_within_2_s(process)
    assert process.wait() == 128 + signum
    assert process.stderr is not None
    assert process.stderr.read().decode() == f"vidcheck: stopped by {signal.Signals(signum).name}\n"
    assert list(tmp_path.glob(".*.tmp")) == [] and not (tmp_path / "report.json").exists()


def test_helpers_die_with_a_killed_main_process(county: Path, tmp_path: Path):
    process = started_with_helpers(county, tmp_path)
    process.kill()  # no handler runs: the kernel ends the helpers (PR_SET_PDEATHSIG)
    assert_group_ends_within_2_s(process)


def test_a_stop_while_writing_a_report_leaves_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def stopped(*_: object) -> None:
        raise Stopped(signal.SIGTERM)

    monkeypatch.setattr(os, "replace", stopped)
    with pytest.raises(Stopped):
        write_atomically(tmp_path / "report.json", b"{}")
    assert list(tmp_path.iterdir()) == []
