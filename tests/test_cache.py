"""The catalog cache: a warm run gives the same catalog; a changed byte, a corrupt entry or no cache rebuilds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO

from vidcheck import cache
from vidcheck.jurisdictions import load_catalog


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("catalog-*.pickle"))


def test_warm_catalog_equals_cold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("VIDCHECK_CACHE_DIR", str(tmp_path / "c"))
    cold = load_catalog()
    (entry,) = entries(tmp_path / "c")
    assert load_catalog() == cold
    entry.write_bytes(b"not a pickle")  # a corrupt entry is rebuilt, not trusted
    assert load_catalog() == cold and entries(tmp_path / "c") == [entry]


def test_a_changed_rule_file_is_a_new_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("VIDCHECK_CACHE_DIR", str(tmp_path / "c"))
    rules = tmp_path / "rules"
    rules.mkdir()
    source = REPO / "jurisdictions" / "cn-datong.yaml"
    shutil.copy(source, rules / "cn-datong.yaml")
    first = load_catalog([str(rules)])
    (rules / "cn-datong.yaml").write_text(source.read_text(encoding="utf-8") + "# one more byte\n",
                                          encoding="utf-8")
    assert load_catalog([str(rules)]) == first and len(entries(tmp_path / "c")) == 2


def test_no_cache_when_switched_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("VIDCHECK_CACHE_DIR", "")
    assert cache.cache_dir() is None
    calls = []
    assert cache.cached("x", [], lambda: calls.append(1) or 42) == 42 and calls == [1]
