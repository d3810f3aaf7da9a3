"""Bench targets 4 and 5 (start-up): a run loads only its language's catalog, from vidcheck's signed cache after
the first run (no TOML parsing), and `vidcheck --version` loads none."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO


def probe(tmp_path, *args: str, cache: bool = True) -> dict[str, object]:
    """Run vidcheck in a fresh process; report whether tomllib was imported and which catalogs were loaded."""
    code = (
        "import json, sys, vidcheck.i18n as i18n\n"
        "loaded = []\n"
        "inner = i18n.catalog.__wrapped__\n"
        "def traced(lang):\n"
        "    loaded.append(lang)\n"
        "    return inner(lang)\n"
        "import functools\n"
        "i18n.catalog = functools.cache(traced)\n"
        "import vidcheck.entry as entry\n"
        "def leave(code):\n"
        "    raise SystemExit(code)\n"
        "entry._leave = leave  # the real one ends the process at once (os._exit)\n"
        "from vidcheck.entry import main\n"
        "sys.argv = ['vidcheck', *sys.argv[1:]]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write(json.dumps({'tomllib': 'tomllib' in sys.modules, 'loaded': loaded}))\n")
    env = {"PATH": "/usr/bin:/bin", "LANG": "en_US.UTF-8", "HOME": str(tmp_path),
           "VIDCHECK_CACHE_DIR": str(tmp_path / "cache") if cache else "",
           "VIDCHECK_STATE_DIR": str(tmp_path / "state")}
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, cwd=REPO,
                          check=False)
    return dict(json.loads(done.stderr.strip().splitlines()[-1]))


AUDIT = ("audit", "examples/cn-qingdao-hotel-bad.yaml", "--as-of", "2026-11-01", "-f", "json")


def test_a_run_loads_its_own_language_and_the_other_only_for_the_placeholder_check(tmp_path):
    # the other language is read once, after the audit's own, for the placeholder init writes in it (待填写 /
    # to be filled in): an inventory written with `init --lang zh` and audited in English is still told
    assert probe(tmp_path, "--help")["loaded"] == ["en"]
    assert probe(tmp_path, "--help", "--lang", "zh")["loaded"] == ["zh"]
    assert probe(tmp_path, *AUDIT, "-o", str(tmp_path / "out.json"))["loaded"] == ["en", "zh"]
    assert probe(tmp_path, *AUDIT, "--lang", "zh", "-o", str(tmp_path / "zh.json"))["loaded"] == ["zh", "en"]


def test_after_the_first_run_no_catalog_is_parsed(tmp_path):
    first = probe(tmp_path, *AUDIT, "-o", str(tmp_path / "a.json"))
    second = probe(tmp_path, *AUDIT, "-o", str(tmp_path / "b.json"))
    assert first["tomllib"] is True and second["tomllib"] is False
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert probe(tmp_path, *AUDIT, "-o", str(tmp_path / "c.json"), cache=False)["tomllib"] is True  # cache off


def test_a_tampered_cached_catalog_is_not_used(tmp_path):
    probe(tmp_path, *AUDIT, "-o", str(tmp_path / "a.json"))
    entries = list((tmp_path / "cache").glob("words-*.json"))
    assert entries
    for entry in entries:
        signature, _, body = entry.read_bytes().partition(b"\n")
        words = json.loads(body)
        words["labels"] = {key: "FORGED" for key in words["labels"]}
        entry.write_bytes(signature + b"\n" + json.dumps(words).encode())
    assert probe(tmp_path, "audit", "examples/cn-qingdao-hotel-bad.yaml", "--as-of", "2026-11-01")["tomllib"] is True


def test_version_loads_no_catalog(tmp_path):
    result = probe(tmp_path, "--version")
    assert result == {"tomllib": False, "loaded": []}
