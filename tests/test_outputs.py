"""The output policy (SPEC §8): reports go only where asked, never over a file the run reads, never into .git,
never replacing a device or FIFO, never executable, and paths from a configuration file stay in its folder."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import run

from vidcheck.errors import UsageError
from vidcheck.outputs import Read, Target, check_targets, files_read, write
from vidcheck.resources import data_dir
from vidcheck.settings import resolve
from vidcheck.textfile import write_atomically

AS_OF = ("--as-of", "2026-01-01")
CLEAN = json.dumps({"vidcheck": 1, "site": {"id": "s-1", "name": "n", "categories": ["other_public"]}})
WAIVERS = json.dumps({"vidcheck_waivers": 1, "waivers": []})
RULES = ("vidcheck_jurisdiction: 1\nid: cn-test\nname: {zh: 测, en: t}\nparent: cn-national\n"
         "instruments: {t: {title: 测, number: '1', effective_on: 2020-01-01, source: x.txt}}\nrules: []\n")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A repository: an inventory, waivers, a rules folder and a git hook, with the working directory at its top."""
    (tmp_path / "sites").mkdir()
    (tmp_path / "sites" / "site.yaml").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "waivers.yaml").write_text(WAIVERS, encoding="utf-8")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "cn-test.yaml").write_text(RULES, encoding="utf-8")
    hooks = tmp_path / ".git" / "hooks"
    hooks.mkdir(parents=True)
    (hooks / "pre-commit").write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    (hooks / "pre-commit").chmod(0o755)
    return tmp_path


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder`` with its bytes and mode: what a refused run must leave as it was."""
    return {str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mode)
            for path in sorted(folder.rglob("*")) if path.is_file() and not path.is_symlink()}


def refused(result, fragment: str) -> None:
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()  # one line, no traceback
    assert fragment in line, line


# --- never over a file the run reads ---------------------------------------------------------------------------

def test_output_over_the_waivers_file_is_refused(project: Path):
    before = snapshot(project)
    result = run("audit", "sites", *AS_OF, "--waivers", "waivers.yaml", "-o", "waivers.yaml")
    refused(result, "--output waivers.yaml is the waivers file of this run (same file); refusing to overwrite it")
    assert snapshot(project) == before


def test_output_over_the_baseline_read_is_refused(project: Path):
    assert run("baseline", "sites", *AS_OF, "-o", "base.json").exit_code == 0
    before = snapshot(project)
    result = run("audit", "sites", *AS_OF, "--baseline", "base.json", "-f", "json=base.json")
    refused(result, "--format json=base.json is the baseline of this run (same file)")
    assert snapshot(project) == before


def test_output_over_the_configuration_file_is_refused(project: Path):
    (project / ".vidcheck.yaml").write_text("lang: en\n", encoding="utf-8")
    before = snapshot(project)
    refused(run("audit", "sites", *AS_OF, "-o", ".vidcheck.yaml"), "is the configuration file of this run")
    assert snapshot(project) == before


def test_output_over_a_rule_file_is_refused(project: Path):
    before = snapshot(project)
    result = run("audit", "sites", *AS_OF, "--rules-dir", "rules", "-o", "rules/cn-test.yaml")
    refused(result, "--output rules/cn-test.yaml is a rule file of this run (same file)")
    refused(run("compare", "--rules-dir", "rules", "-o", "rules/cn-test.yaml"), "is a rule file of this run")
    assert snapshot(project) == before


def test_output_over_an_inventory_reached_through_a_symlink_is_refused(project: Path):
    (project / "link.yaml").symlink_to(project / "sites" / "site.yaml")
    before = snapshot(project)
    refused(run("audit", "link.yaml", *AS_OF, "-o", "sites/site.yaml"), "is an inventory of this run (same file)")
    assert snapshot(project) == before


def test_output_over_a_hard_link_to_an_inventory_is_refused(project: Path):
    os.link(project / "sites" / "site.yaml", project / "report.txt")
    before = snapshot(project)
    refused(run("audit", "sites/site.yaml", *AS_OF, "-o", "report.txt"), "is an inventory of this run (same file)")
    assert snapshot(project) == before


@pytest.mark.parametrize("output", ["sites/site.yaml", "/proc/self/fd/0"])
def test_output_over_the_file_read_from_standard_input_is_refused(project: Path, output: str):
    """``vidcheck audit - -o site.yaml < site.yaml`` replaced the inventory with its report."""
    if output.startswith("/proc") and not Path("/proc/self/fd/0").exists():
        output = "/dev/fd/0"
    before = snapshot(project)
    with open(project / "sites" / "site.yaml", "rb") as stdin:
        result = subprocess.run([sys.executable, "-m", "vidcheck", "audit", "-", *AS_OF, "-o", output], cwd=project,
                                stdin=stdin, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert result.stderr.strip().endswith(f"--output {output} is an inventory (read from standard input) of this "
                                          "run (same file); refusing to overwrite it")
    assert snapshot(project) == before


def test_a_pipe_on_standard_input_is_no_file_read(project: Path):
    result = run("audit", "-", *AS_OF, "-o", "report.txt", input=CLEAN)  # CliRunner's stdin is no regular file
    assert result.exit_code == 0 and (project / "report.txt").exists()


def test_baseline_command_never_writes_over_the_waivers(project: Path):
    before = snapshot(project)
    result = run("baseline", "sites", *AS_OF, "--waivers", "waivers.yaml", "-o", "waivers.yaml")
    refused(result, "is the waivers file of this run")
    assert snapshot(project) == before


def test_a_shipped_file_is_never_a_target(project: Path):
    shipped = str(data_dir("jurisdictions") / "cn-national.yaml")
    with pytest.raises(UsageError, match="is a file shipped with vidcheck"):
        check_targets([Target(shipped, shipped)], files_read(resolve({}, {}, project), []))


def test_a_refused_output_writes_nothing_at_all(project: Path):
    result = run("audit", "sites", *AS_OF, "--waivers", "waivers.yaml", "-f", "json=ok.json", "-f", "sarif",
                 "-o", "waivers.yaml")
    refused(result, "is the waivers file")
    assert not (project / "ok.json").exists()


def test_two_outputs_into_one_file_are_refused_before_writing(project: Path):
    refused(run("audit", "sites", *AS_OF, "-f", "json=r.json", "-f", "sarif=r.json"),
            "--format json=r.json and --format sarif=r.json are the same file")
    (project / "alias.json").symlink_to(project / "r.json")  # dangling: r.json does not exist yet
    refused(run("audit", "sites", *AS_OF, "-f", "json=r.json", "-f", "sarif", "-o", "alias.json"),
            "are the same file")
    assert not (project / "r.json").exists()


def test_the_files_read_are_only_looked_at_when_a_target_exists(tmp_path: Path):
    looked: list[str] = []

    def reads() -> Iterator[Read]:
        looked.append("listed")
        yield Read(str(tmp_path / "in.yaml"), "an inventory")

    new = [Target(str(tmp_path / "a.json"), "a"), None, Target(str(tmp_path / "b.json"), "b")]
    assert [d and d.stream for d in check_targets(new, reads())] == [False, None, False]
    assert looked == []  # a city audit's thousands of inputs cost no system call when the report is new
    (tmp_path / "a.json").write_text("old", encoding="utf-8")
    (tmp_path / "b.json").write_text("old", encoding="utf-8")
    check_targets(new, reads())
    assert looked == ["listed"]  # once for every existing target


# --- never into .git -------------------------------------------------------------------------------------------

def test_config_cannot_name_a_git_hook(project: Path):
    (project / ".vidcheck.yaml").write_text('format: [text, "github=.git/hooks/pre-commit"]\n', encoding="utf-8")
    (project / "sites" / "x$(touch PWNED).yaml").write_text(CLEAN.replace("s-1", "s-2"), encoding="utf-8")
    before = snapshot(project)
    result = run("audit", "sites", *AS_OF)
    assert result.exit_code == 2
    assert ".vidcheck.yaml:1:16: format: '.git/hooks/pre-commit' is inside a .git folder" in result.stderr
    assert snapshot(project) == before  # the hook keeps its text and its 0755


@pytest.mark.parametrize("target", [".git/hooks/pre-commit", ".git/hooks/post-merge", "sub/.GIT/config",
                                    "hooks/pre-commit"])
def test_no_flag_writes_into_a_git_folder(project: Path, target: str):
    (project / "hooks").symlink_to(project / ".git" / "hooks")  # the resolved path counts too
    (project / target).parent.mkdir(parents=True, exist_ok=True)
    before = snapshot(project)
    refused(run("audit", "sites", *AS_OF, "-f", "github", "-o", target), "is inside a .git folder")
    assert snapshot(project) == before


# --- paths from a configuration stay in its folder --------------------------------------------------------------

@pytest.mark.parametrize("text,where,path", [
    ("format: [text, json=/tmp/report.json]\n", "1:16", "/tmp/report.json"),
    ("lang: en\nformat: json=reports/../../report.json\n", "2:9", "reports/../../report.json"),
    ("baseline: ../base.json\n", "1:11", "../base.json"),
])
def test_config_output_paths_must_stay_in_its_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str,
                                                     where: str, path: str):
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / ".vidcheck.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "repo" / "site.yaml").write_text(CLEAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "repo")
    for command in ("audit", "baseline"):
        result = run(command, "site.yaml", *AS_OF)
        assert result.exit_code == 2 and f".vidcheck.yaml:{where}: " in result.stderr
        assert f"'{path}' is an absolute path" in result.stderr or f"'{path}' leads out of" in result.stderr
    assert sorted(p.name for p in tmp_path.rglob("*")) == [".vidcheck.yaml", "repo", "site.yaml"]


def test_a_symlinked_folder_cannot_lead_a_config_path_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "repo").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "repo" / "reports").symlink_to(tmp_path / "outside")
    (tmp_path / "repo" / ".vidcheck.yaml").write_text("format: [text, json=reports/r.json]\n"
                                                      "baseline: reports/base.json\n", encoding="utf-8")
    (tmp_path / "repo" / "site.yaml").write_text(CLEAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "repo")
    refused(run("audit", "site.yaml", *AS_OF),
            ".vidcheck.yaml:1:1: format json=reports/r.json leads out of the folder of the configuration file")
    refused(run("baseline", "site.yaml", *AS_OF),
            ".vidcheck.yaml:2:1: baseline reports/base.json leads out of the folder of the configuration file")
    assert list((tmp_path / "outside").iterdir()) == []


def test_config_paths_inside_its_folder_are_written_from_anywhere(project: Path, monkeypatch: pytest.MonkeyPatch):
    (project / ".vidcheck.yaml").write_text("format: [text, json=reports/r.json]\nbaseline: base.json\n",
                                            encoding="utf-8")
    (project / "reports").mkdir()
    monkeypatch.chdir(project / "sites")
    assert run("baseline", ".", *AS_OF).exit_code == 0 and (project / "base.json").is_file()
    assert run("audit", ".", *AS_OF).exit_code == 0
    assert json.loads((project / "reports" / "r.json").read_text(encoding="utf-8"))["exit_code"] == 0


# --- never replacing a device, FIFO or folder --------------------------------------------------------------------

def char_device(tmp_path: Path, name: str, minor: int) -> str:
    """A private copy of /dev/<name> where the system lets us make one (root), else the system's own."""
    private = tmp_path / name
    try:
        os.mknod(private, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except PermissionError:
        return f"/dev/{name}"
    return str(private)


def test_a_character_device_is_written_into(project: Path):
    null = char_device(project, "null", 3)
    assert run("audit", "sites", *AS_OF, "-f", "json", "-o", null).exit_code == 0
    assert stat.S_ISCHR(os.stat(null).st_mode)


def test_a_fifo_is_written_into_and_one_nobody_reads_is_an_error(project: Path):
    fifo = project / "fifo"
    os.mkfifo(fifo)
    refused(run("audit", "sites", *AS_OF, "-o", str(fifo)), "nothing is reading from it")  # never hangs
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        assert run("audit", "sites", *AS_OF, "-f", "json", "-o", str(fifo)).exit_code == 0
        assert json.loads(os.read(reader, 1 << 16))["exit_code"] == 0
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_dev_stdout_is_written_into(project: Path):
    command = [sys.executable, "-m", "vidcheck", "audit", "sites", *AS_OF, "-f", "json", "-o", "/dev/stdout"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["exit_code"] == 0


def test_a_full_disk_is_one_line_and_exit_two(project: Path):
    full = char_device(project, "full", 7)
    refused(run("audit", "sites", *AS_OF, "-o", full), f"cannot write {full}: No space left on device")


def test_a_folder_or_a_socket_is_refused(project: Path):
    (project / "out").mkdir()
    refused(run("audit", "sites", *AS_OF, "-o", "out"), "--output out is a directory; give a file name")
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind("sock")
        refused(run("audit", "sites", *AS_OF, "-o", "sock"), "--output sock is a socket, not a regular file")
        assert stat.S_ISSOCK(os.stat("sock").st_mode)


@pytest.mark.parametrize("target,message", [
    ("nodir/x.sarif", "--format sarif=nodir/x.sarif: the folder nodir does not exist"),
    ("waivers.yaml/x.sarif", "--format sarif=waivers.yaml/x.sarif: waivers.yaml is not a folder"),
    ("locked/x.sarif", "--format sarif=locked/x.sarif: the folder locked is not writable"),
])
def test_a_report_folder_that_cannot_take_it_is_refused_before_anything_is_written(
        project: Path, monkeypatch: pytest.MonkeyPatch, target: str, message: str):
    """The JSON went to standard output, then the SARIF file failed: the README promises all or nothing."""
    (project / "locked").mkdir()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: not str(path).endswith("locked")  # even as root
                        and real_access(path, mode, **kw))
    result = run("audit", "sites", *AS_OF, "-f", "json", "-f", f"sarif={target}")
    refused(result, message)
    assert result.stdout == ""


# --- never executable, never a temp file left behind --------------------------------------------------------------

@pytest.mark.parametrize("existing,umask,expected", [(0o755, 0o022, 0o644), (0o4777, 0o022, 0o666),
                                                      (None, 0o000, 0o666), (0o640, 0o000, 0o640),
                                                      (None, 0o022, 0o644), (None, 0o077, 0o600),
                                                      (0o640, 0o022, 0o640)])
def test_a_report_gets_the_mode_a_plain_write_would_never_executable(project: Path, existing: int | None,
                                                                     umask: int, expected: int):
    target = project / "report.json"
    if existing is not None:
        target.write_text("old", encoding="utf-8")
        target.chmod(existing)
    previous = os.umask(umask)
    try:
        assert run("audit", "sites", *AS_OF, "-f", "json", "-o", str(target)).exit_code == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE(target.stat().st_mode) == expected


@pytest.mark.parametrize("interruption", [KeyboardInterrupt, SystemExit, OSError])
def test_an_interrupted_write_leaves_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  interruption: type[BaseException]):
    def interrupted(*_: object) -> None:
        raise interruption

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(interruption):
        write_atomically(tmp_path / "report.json", b"{}", 0o644)
    assert list(tmp_path.iterdir()) == []


def test_a_write_failure_names_the_file(tmp_path: Path):
    (tmp_path / "missing").mkdir()
    (destination,) = check_targets([Target(str(tmp_path / "missing" / "r.json"), "r")], [])
    assert destination is not None
    (tmp_path / "missing").rmdir()  # gone between the check and the write
    with pytest.raises(UsageError, match=r"^cannot write .*missing/r\.json: No such file or directory$"):
        write(destination, b"{}")


def test_a_report_is_written_piece_by_piece_and_only_whole(tmp_path: Path):
    """Reports are streamed (a city's JSON never exists as one string); a renderer that fails half-way leaves the
    old file as it was and no temporary file."""
    target = tmp_path / "report.json"
    target.write_text("old\n", encoding="utf-8")
    (destination,) = check_targets([Target(str(target), "r")], [])
    assert destination is not None
    written: list[int] = []

    def pieces() -> Iterator[bytes]:
        for number in range(3):
            written.append(number)
            yield f"piece {number}\n".encode()

    write(destination, pieces())
    assert target.read_text(encoding="utf-8") == "piece 0\npiece 1\npiece 2\n" and written == [0, 1, 2]

    def failing() -> Iterator[bytes]:
        yield b"half"
        raise RuntimeError("renderer failed")

    with pytest.raises(RuntimeError):
        write(destination, failing())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]
    assert target.read_text(encoding="utf-8") == "piece 0\npiece 1\npiece 2\n"
