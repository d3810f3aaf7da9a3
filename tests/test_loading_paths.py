"""Every faster path gives the same report as the plain one: findings, messages, positions and errors alike.

Paths: the compiled validator (jsonschema-rs) against jsonschema alone; worker processes against one process;
the cached jurisdiction catalog against a fresh one.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import REPO, day

from vidcheck import resources
from vidcheck.api import Options, audit, validate
from vidcheck.jurisdictions import load_catalog

sys.path.insert(0, str(REPO / "bench"))
from generate import generate

EXAMPLES = sorted(str(p) for p in (REPO / "examples").glob("*.yaml"))
CORPUS = sorted(str(p) for p in (REPO / "tests" / "bad_inputs").glob("*.yaml"))


@pytest.fixture(scope="module")
def inventories(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("generated")
    generated = []
    for size in (1, 50, 2500):
        path = folder / f"gen-{size}.yaml"
        path.write_text(generate(size), encoding="utf-8")
        generated.append(str(path))
    return EXAMPLES + CORPUS + generated


def test_compiled_and_python_validation_agree(inventories: list[str], monkeypatch: pytest.MonkeyPatch):
    options = Options(as_of=day("2026-11-01"), workers=1)
    fast, fast_validation = audit(inventories, options), validate(inventories, options)
    monkeypatch.setattr(resources, "FAST_VALIDATION", False)
    assert audit(inventories, options) == fast and validate(inventories, options) == fast_validation
    assert fast.errors and fast.sites  # the corpus really exercises both: bad files and audited sites


def test_worker_processes_and_one_process_agree(inventories: list[str]):
    one = audit(inventories, Options(as_of=day("2026-11-01"), workers=1))
    many = audit(inventories, Options(as_of=day("2026-11-01"), workers=2))
    assert one == many


def test_cached_and_fresh_catalogs_agree(inventories: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("VIDCHECK_CACHE_DIR", "")
    fresh = audit(inventories, Options(as_of=day("2026-11-01"), workers=1), load_catalog())
    monkeypatch.setenv("VIDCHECK_CACHE_DIR", str(tmp_path))
    load_catalog()  # fills the cache
    cached = audit(inventories, Options(as_of=day("2026-11-01"), workers=1), load_catalog())
    assert list(tmp_path.glob("catalog-*.json")) and fresh == cached
