"""The catalog cache: plain signed JSON, so nothing planted in the cache folder is ever run or believed (SPEC §8);
a warm run gives the same catalog without validating again; a changed byte, a corrupt entry or no cache rebuilds."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import os
import pickle
import shutil
import signal
import stat
from pathlib import Path

import orjson
import pytest
from conftest import REPO, run

from vidcheck import cache, jurisdictions
from vidcheck.catalogcodec import catalog_from_plain, catalog_to_plain
from vidcheck.jurisdictions import Catalog, load_catalog
from vidcheck.rulecheck import QuoteCheck

HOTEL = str(REPO / "examples" / "cn-qingdao-hotel-bad.yaml")


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A cache folder and a key folder of this test's own, neither made yet."""
    cache_folder, key_folder = tmp_path / "cache" / "vidcheck", tmp_path / "state" / "vidcheck"
    monkeypatch.setenv("VIDCHECK_CACHE_DIR", str(cache_folder))
    monkeypatch.setenv("VIDCHECK_STATE_DIR", str(key_folder))
    return cache_folder, key_folder


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One item per time the catalog is read and validated from its files."""
    calls: list[int] = []
    real = jurisdictions._build_catalog

    def counted(*args: object) -> Catalog:
        calls.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(jurisdictions, "_build_catalog", counted)
    return calls


def entries(folder: Path) -> list[Path]:
    return sorted(path for path in folder.iterdir() if path.name.startswith("catalog-"))


def the_entry(folder: Path) -> Path:
    (entry,) = entries(folder)
    return entry


def test_a_warm_run_equals_a_cold_one_without_validating_again(folders: tuple[Path, Path], builds: list[int]):
    cold = load_catalog()
    assert builds == [1] and the_entry(folders[0]).suffix == ".json"
    assert load_catalog() == cold and builds == [1]


def test_the_shipped_catalog_survives_a_round_trip_through_json(tmp_path: Path):
    folder = tmp_path / "rules"
    folder.mkdir()
    shutil.copy(REPO / "jurisdictions" / "cn-datong.yaml", folder / "cn-datong-copy.yaml")
    text = (folder / "cn-datong-copy.yaml").read_text(encoding="utf-8").replace("id: cn-datong", "id: cn-datong-copy")
    (folder / "cn-datong-copy.yaml").write_text(text, encoding="utf-8")
    catalog = load_catalog([str(folder)])
    assert catalog.external_files  # every field is exercised: outside files, penalties, drafts, params
    assert catalog.quotes.checked  # its quotes were checked (against the shipped text): on every run, never cached
    assert catalog_from_plain(orjson.loads(orjson.dumps(catalog_to_plain(catalog)))) == dataclasses.replace(catalog,
                                                                                                quotes=QuoteCheck())


def test_a_corrupt_entry_is_rebuilt_and_overwritten(folders: tuple[Path, Path], builds: list[int]):
    cold = load_catalog()
    entry = the_entry(folders[0])
    entry.write_bytes(entry.read_bytes()[:-100])
    assert load_catalog() == cold and builds == [1, 1] and entries(folders[0]) == [entry]
    assert load_catalog() == cold and builds == [1, 1]  # the rebuilt entry is good again


def qingdao_without_rules() -> bytes:
    """A well-formed entry body: the real catalog with Qingdao's rules taken out."""
    plain = catalog_to_plain(load_catalog())
    next(j for j in plain["jurisdictions"] if j["id"] == "cn-qingdao")["rules"] = []
    return orjson.dumps(plain)


@pytest.mark.parametrize("forge", ["no signature", "sha256 of the body", "another key"])
def test_a_planted_entry_is_not_believed(folders: tuple[Path, Path], builds: list[int], forge: str):
    load_catalog()
    entry = the_entry(folders[0])
    body = qingdao_without_rules()
    signature = {"no signature": b"",
                 "sha256 of the body": hashlib.sha256(body).hexdigest().encode() + b"\n",
                 "another key": hmac.new(os.urandom(32), body, "sha256").hexdigest().encode() + b"\n"}[forge]
    entry.write_bytes(signature + body)
    audited = run("audit", HOTEL, "--as-of", "2026-11-01", "--format", "json")
    assert builds == [1, 1] and load_catalog().jurisdictions["cn-qingdao"].rules  # rebuilt and overwritten
    uncached = run("audit", HOTEL, "--as-of", "2026-11-01", "--format", "json", env={"VIDCHECK_CACHE_DIR": ""})
    assert audited.exit_code == 1 and audited.stdout == uncached.stdout
    assert '"privacy.forbidden-zone"' in audited.stdout and '"jurisdiction": "cn-qingdao"' in audited.stdout


def test_the_planted_entry_would_change_the_audit_if_it_were_believed(folders: tuple[Path, Path],
                                                                     monkeypatch: pytest.MonkeyPatch):
    """The test above is meaningful: an entry taken on trust would take Qingdao's rules away."""
    load_catalog()
    the_entry(folders[0]).write_bytes(b"\n" + qingdao_without_rules())
    monkeypatch.setattr(cache, "_verified", lambda data, secret, identity: data.partition(b"\n")[2])
    audited = run("audit", HOTEL, "--as-of", "2026-11-01", "--format", "json")
    assert '"jurisdiction": "cn-qingdao"' not in audited.stdout


def test_a_planted_pickle_never_runs(folders: tuple[Path, Path], builds: list[int], tmp_path: Path):
    touched = tmp_path / "PWNED"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (Path.touch, (str(touched),))  # type: ignore[return-value]

    cold = load_catalog()
    for entry in entries(folders[0]):  # whatever name the cache uses, it now holds a pickle that runs code
        entry.write_bytes(pickle.dumps(Payload()))
    assert load_catalog() == cold and not touched.exists()


def test_a_planted_fifo_neither_hangs_nor_is_believed(folders: tuple[Path, Path], builds: list[int]):
    cold = load_catalog()
    entry = the_entry(folders[0])
    entry.unlink()
    os.mkfifo(entry)

    def hung(*_: object) -> None:
        pytest.fail("reading a planted FIFO hung the run")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(5)
    try:
        assert load_catalog() == cold and builds == [1, 1]
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_files_are_private(folders: tuple[Path, Path]):
    load_catalog()
    cache_folder, key_folder = folders
    modes = [stat.S_IMODE(path.stat().st_mode) for path in
             (cache_folder, the_entry(cache_folder), key_folder, key_folder / "cache.key")]
    assert modes == [0o700, 0o600, 0o700, 0o600]


@pytest.mark.parametrize("which", [0, 1])
def test_a_folder_others_may_write_is_not_used(folders: tuple[Path, Path], builds: list[int], which: int):
    for folder in folders:
        folder.mkdir(parents=True, mode=0o700)
    folders[which].chmod(0o770)
    cold = load_catalog()
    assert load_catalog() == cold and builds == [1, 1] and entries(folders[0]) == []


def test_a_folder_of_another_user_is_not_used(folders: tuple[Path, Path], builds: list[int],
                                              monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(os, "geteuid", lambda: os.getuid() + 1)  # root may not chown in every sandbox: pretend
    load_catalog()
    load_catalog()
    assert builds == [1, 1] and entries(folders[0]) == []


def test_a_key_that_others_may_read_is_not_used(folders: tuple[Path, Path], builds: list[int]):
    load_catalog()
    (folders[1] / "cache.key").chmod(0o644)
    load_catalog()
    assert builds == [1, 1]


def test_a_key_inside_the_cache_folder_is_not_used(folders: tuple[Path, Path], builds: list[int],
                                                   monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("VIDCHECK_STATE_DIR", str(folders[0] / "state"))
    load_catalog()
    load_catalog()
    assert builds == [1, 1] and entries(folders[0]) == []


def test_a_changed_rule_file_is_a_new_entry(tmp_path: Path, folders: tuple[Path, Path]):
    rules = tmp_path / "rules"
    rules.mkdir()
    source = REPO / "jurisdictions" / "cn-datong.yaml"
    text = source.read_text(encoding="utf-8").replace("id: cn-datong", "id: cn-datong-copy")
    (rules / "cn-datong-copy.yaml").write_text(text, encoding="utf-8")
    first = load_catalog([str(rules)])
    (rules / "cn-datong-copy.yaml").write_text(text + "# one more byte\n", encoding="utf-8")
    second = load_catalog([str(rules)])
    assert second.jurisdictions == first.jurisdictions and second.external_files != first.external_files
    assert len(entries(folders[0])) == 2


def test_a_changed_schema_is_a_new_entry(tmp_path: Path, folders: tuple[Path, Path], builds: list[int],
                                       monkeypatch: pytest.MonkeyPatch):
    """A checkout whose jurisdiction schema (or loading code) changed within one version must not load an entry
    built by the old one."""
    schemas = tmp_path / "schemas"
    shutil.copytree(REPO / "schemas", schemas)
    real = jurisdictions.data_dir
    monkeypatch.setattr(jurisdictions, "data_dir", lambda name: schemas if name == "schemas" else real(name))
    load_catalog()
    schema = schemas / "jurisdiction.schema.json"
    schema.write_bytes(schema.read_bytes() + b"\n")
    load_catalog()
    assert builds == [1, 1] and len(entries(folders[0])) == 2


def test_a_value_json_cannot_hold_exactly_is_not_cached(folders: tuple[Path, Path]):
    identity = cache.Codec[int](lambda value: value, lambda data: int(data))
    assert cache.cached("big", "k", lambda: 2**70, identity) == 2**70  # over 64 bits: orjson refuses
    assert not list(folders[0].glob("big-*"))
    national = load_catalog().jurisdictions["cn-national"]
    rule = dataclasses.replace(national.rules[0], params={"days": float("nan")})
    odd = Catalog({"cn-national": dataclasses.replace(national, rules=(rule,))})
    with pytest.raises(ValueError, match="JSON cannot hold"):
        catalog_to_plain(odd)  # orjson would have written null


def test_a_signed_entry_of_another_shape_is_rebuilt(folders: tuple[Path, Path]):
    """Our own entry, written by code that stored another shape (a changed checkout): rebuilt, not a crash."""
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"days": 30}

    old_shape = cache.Codec[dict[str, int]](lambda value: [value["days"]], lambda data: {"days": data[0]})
    new_shape = cache.Codec[dict[str, int]](lambda value: value, lambda data: {"days": data["days"]})
    assert cache.cached("x", "k", build, old_shape) == {"days": 30}
    assert cache.cached("x", "k", build, new_shape) == {"days": 30} and calls == [1, 1]  # TypeError: rebuilt
    assert cache.cached("x", "k", build, new_shape) == {"days": 30} and calls == [1, 1]  # and overwritten


def test_no_cache_when_switched_off(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("VIDCHECK_CACHE_DIR", "")
    assert cache.cache_dir() is None
    calls = []
    codec = cache.Codec[int](lambda value: value, lambda data: int(data))
    assert cache.cached("x", "k", lambda: calls.append(1) or 42, codec) == 42 and calls == [1]
