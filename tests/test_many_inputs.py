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
from vidcheck.inputs import expand

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
