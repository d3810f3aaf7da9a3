"""Many inputs in one run: directories, globs, exclusions, one combined report, parallel equals sequential."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import BASE_SITE, day, merged
from typer.testing import CliRunner

from vidcheck.api import Options, audit
from vidcheck.cli import app
from vidcheck.errors import UsageError
from vidcheck.inputs import expand, gather
from vidcheck.model import Skipped

runner = CliRunner()
SITES = 200


def site(number: int) -> dict:
    """Every tenth site has a camera in a toilet; the rest are clean apart from what BASE_SITE lacks."""
    patch: dict = {"site": {"id": f"s-{number:03d}", "categories": ["other_public"]}}
    if number % 10 == 0:
        patch["zones"] = [*BASE_SITE["zones"], {"id": "wc", "kind": "toilet", "public": False}]
        patch["cameras"] = [*BASE_SITE["cameras"], {"id": "C-wc", "zone": "wc"}]
    return merged(BASE_SITE, patch)


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("city")
    for number in range(SITES):
        folder = root / f"district-{number % 7}"
        folder.mkdir(exist_ok=True)
        (folder / f"site-{number:03d}.yaml").write_text(json.dumps(site(number), ensure_ascii=False),
                                                          encoding="utf-8")
    (root / ".drafts").mkdir()
    (root / ".drafts" / "ignored.yaml").write_text("not: an inventory\n", encoding="utf-8")
    (root / "vidcheck-waivers.yaml").write_text("vidcheck_waivers: 1\nwaivers: []\n", encoding="utf-8")
    (root / "README.txt").write_text("not yaml\n", encoding="utf-8")
    return root


def test_a_directory_of_200_sites_is_one_report(city: Path):
    result = runner.invoke(app, ["audit", str(city), "--as-of", "2026-01-01", "-f", "json",
                                 "--waivers", str(city / "vidcheck-waivers.yaml")])
    report = json.loads(result.stdout)
    assert report["errors"] == [] and len(report["sites"]) == SITES
    privacy = [s["site"] for s in report["sites"] for f in s["findings"] if f["rule"] == "privacy.forbidden-zone"]
    assert sorted(privacy) == [f"s-{n:03d}" for n in range(0, SITES, 10)]
    assert result.exit_code == 1 and "auditing" not in result.output  # no progress bar when stderr is not a TTY


def test_parallel_and_sequential_reports_are_identical(city: Path):
    paths = expand([str(city)])
    options = Options(as_of=day("2026-01-01"))
    sequential = audit(paths, Options(as_of=options.as_of, workers=1))
    parallel = audit(paths, Options(as_of=options.as_of, workers=2))
    assert parallel == sequential and len(parallel.sites) == SITES


def test_progress_is_reported_for_every_file(city: Path):
    seen: list[tuple[int, int]] = []
    paths = expand([str(city / "district-0")])
    audit(paths, Options(as_of=day("2026-01-01"), workers=2), progress=lambda done, total: seen.append((done, total)))
    assert seen == [(n, len(paths)) for n in range(1, len(paths) + 1)]


def test_globs_directories_and_files_combine_without_duplicates(city: Path):
    by_glob = expand([str(city / "district-1" / "*.yaml"), str(city / "district-1")])
    assert len(by_glob) == len(set(by_glob)) == len(list((city / "district-1").glob("*.yaml")))
    everything = expand([str(city / "**" / "*.yaml")], exclude=[str(city / "vidcheck-waivers.yaml")])
    assert len(everything) == SITES  # the glob skips the waivers file it was told about
    assert not any(".drafts" in path for path in expand([str(city)], exclude=[str(city / "vidcheck-waivers.yaml")]))


def test_one_broken_file_does_not_stop_the_others(city: Path, tmp_path: Path):
    (tmp_path / "broken.yaml").write_text("vidcheck: 1\nsite: [\n", encoding="utf-8")
    result = runner.invoke(app, ["audit", str(city / "district-2"), str(tmp_path / "broken.yaml"),
                                 "--as-of", "2026-01-01", "-f", "json", "--jobs", "2"])
    report = json.loads(result.stdout)
    assert result.exit_code == 2 and len(report["errors"]) == 1
    assert len(report["sites"]) == len(list((city / "district-2").glob("*.yaml")))


def test_a_glob_matching_nothing_is_an_error(tmp_path: Path):
    with pytest.raises(UsageError, match="no file matches"):
        expand([str(tmp_path / "*.yaml")])


def test_progress_bar_only_on_an_interactive_stderr(monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]):
    import sys

    from vidcheck.cli import _progress

    with _progress(5) as advance:
        assert advance is None  # captured stderr is not a terminal
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with _progress(1) as advance:
        assert advance is None  # one file needs no bar
    with _progress(3) as advance:
        assert advance is not None
        for done in (1, 2, 3):
            advance(done, 3)
    assert "auditing" in capsys.readouterr().err


ID_AT = (4, 9)  # where write_sites puts the value of site.id


def write_sites(folder: Path, ids: list[str]) -> list[str]:
    folder.mkdir(exist_ok=True)
    paths = []
    for number, ident in enumerate(ids):
        path = folder / f"site-{number:02d}.yaml"
        path.write_text(json.dumps(merged(BASE_SITE, {"site": {"id": ident}}), indent=1), encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.mark.parametrize("workers", [1, 3])
def test_two_inventories_with_one_site_id_are_an_input_error(tmp_path: Path, workers: int):
    """Waivers and baselines key on site.id: a new file reusing one must not inherit what they accept."""
    ids = [f"s-{n}" for n in range(20)]
    ids[12] = ids[17] = "s-5"
    paths = write_sites(tmp_path / "sites", ids)
    report = audit(paths, Options(as_of=day("2026-01-01"), workers=workers))
    assert report.exit_code == 2 and [s.site for s in report.sites].count("s-5") == 1
    assert [(e.path, e.line, e.column) for e in report.errors] == [(paths[12], *ID_AT), (paths[17], *ID_AT)]
    assert all(paths[5] in e.message and "'s-5'" in e.message for e in report.errors)


def test_a_new_file_cannot_inherit_a_baselined_site(tmp_path: Path):
    old = write_sites(tmp_path / "old", ["shared"])
    base = str(tmp_path / "base.json")
    assert runner.invoke(app, ["baseline", *old, "--as-of", "2026-01-01", "-o", base]).exit_code == 0
    new = write_sites(tmp_path / "new", ["shared"])
    result = runner.invoke(app, ["audit", *old, *new, "--as-of", "2026-01-01", "--baseline", base])
    line, column = ID_AT
    assert result.exit_code == 2
    assert f"{new[0]}:{line}:{column}: site.id 'shared' is also the id of {old[0]}" in result.stdout


def tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_suffixes_match_in_any_case(tmp_path: Path):
    tree(tmp_path, {"a.YAML": "", "b.Yml": "", "c.yaml": "", "d.txt": ""})
    assert [Path(p).name for p in expand([str(tmp_path)])] == ["a.YAML", "b.Yml", "c.yaml"]


def test_symlinked_folders_are_followed_and_loops_end(tmp_path: Path):
    root = tree(tmp_path / "root", {"a/one.yaml": "", "b/two.yaml": ""})
    tree(tmp_path / "elsewhere", {"three.yaml": ""})
    (root / "a" / "linked").symlink_to(tmp_path / "elsewhere")  # a folder kept outside: followed
    (root / "a" / "back").symlink_to(root)  # a link to an ancestor: must not loop
    (root / "b" / "again").symlink_to(root / "b")  # a link to itself
    gathered = gather([str(root)])
    names = sorted(Path(p).relative_to(root).as_posix() for p in gathered.paths)
    assert names == ["a/linked/three.yaml", "a/one.yaml", "b/two.yaml"]
    assert gathered.skipped == (Skipped("symlink-loop", 2),)
    by_glob = gather([str(root / "**" / "*.yaml")])  # the same walk: each loop followed once, and counted
    assert sorted(Path(p).relative_to(root).as_posix() for p in by_glob.paths) == names
    assert by_glob.skipped == gathered.skipped


@pytest.mark.parametrize("link", ["relative", "absolute"])
def test_a_recursive_glob_follows_a_symlink_loop_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, link: str):
    """Python's glob ``**`` followed the loop until the path grew too long (40 matches of one file; two loops never
    ended): the pattern now goes through the folder walk."""
    root = tree(tmp_path / "g", {"a.yaml": "", "sub/deep/b.yml": "", "sub/notes.txt": "", ".drafts/c.yaml": ""})
    if link == "relative":
        (root / "sub" / "deep" / "loop").symlink_to("..")
    else:
        (root / "sub" / "abs").symlink_to(root)
    monkeypatch.chdir(root)
    gathered = gather(["**/*.y*ml"])
    assert gathered.paths == ["a.yaml", "sub/deep/b.yml"]
    assert gathered.skipped == (Skipped("hidden-folder", 1), Skipped("symlink-loop", 1))
    everything_under_sub = [str(root / "sub" / "deep" / "b.yml"), str(root / "sub" / "notes.txt")]
    if link == "relative":  # (from sub, the absolute link leads out to the top folder: its files count)
        assert gather([str(root / "sub" / "**")]).paths == everything_under_sub
    assert gather(["**/.drafts/*.yaml"]).paths == [".drafts/c.yaml"]  # a pattern that names a hidden folder
    assert gather(["*/*/[!a].yml"]).paths == ["sub/deep/b.yml"]  # no recursion: glob as before


def test_hidden_files_and_folders_stay_skipped_but_are_counted(tmp_path: Path):
    root = tree(tmp_path, {"site.yaml": json.dumps(BASE_SITE), ".hidden.yaml": "", ".drafts/x.yaml": "",
                           ".git/config.yml": "", ".vidcheck.yaml": "lang: en\n", ".notes.txt": ""})
    gathered = gather([str(root)], exclude=[str(root / ".vidcheck.yaml")])
    assert [Path(p).name for p in gathered.paths] == ["site.yaml"]
    assert gathered.skipped == (Skipped("hidden-file", 1), Skipped("hidden-folder", 2))
    text = runner.invoke(app, ["audit", str(root), "--as-of", "2026-01-01", "--no-color"]).stdout
    assert "Skipped: 1 hidden file(s), 2 hidden folder(s)" in text
    markdown = runner.invoke(app, ["audit", str(root), "--as-of", "2026-01-01", "-f", "markdown"]).stdout
    assert "Skipped: 1 hidden file(s), 2 hidden folder(s)" in markdown
    document = json.loads(runner.invoke(app, ["audit", str(root), "--as-of", "2026-01-01", "-f", "json"]).stdout)
    assert document["summary"]["skipped"] == {"hidden-file": 1, "hidden-folder": 2}
    zh = runner.invoke(app, ["audit", str(root), "--as-of", "2026-01-01", "--no-color", "--lang", "zh"]).stdout
    assert "已跳过：隐藏文件 1 个，隐藏文件夹 2 个" in zh
    validated = runner.invoke(app, ["validate", str(root)]).stdout
    assert validated.splitlines()[-1] == "Skipped: 1 hidden file(s), 2 hidden folder(s)"


def test_a_walk_makes_no_system_call_per_file(city: Path, monkeypatch: pytest.MonkeyPatch):
    import os

    calls: list[str] = []
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda path, *a, **k: calls.append(str(path)) or real_stat(path, *a, **k))
    assert len(expand([str(city)], exclude=[str(city / "vidcheck-waivers.yaml")])) == SITES
    assert len(calls) <= 10  # the folder and its 7 subfolders, not 200 files


def test_validate_calls_a_second_use_of_a_site_id_invalid(tmp_path: Path):
    paths = write_sites(tmp_path / "sites", ["one", "two", "one"])
    result = runner.invoke(app, ["validate", *paths])
    line, column = ID_AT
    assert result.exit_code == 1
    assert f"{paths[2]}:{line}:{column}: site.id 'one' is also the id of {paths[0]}" in result.stdout
