"""Shared builders: inventories are written as JSON (a subset of YAML) so tests state them as dicts."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from vidcheck.cli import app

REPO = Path(__file__).resolve().parents[1]


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
    """The command line, in process and in English unless ``env`` says otherwise."""
    return CliRunner().invoke(app, list(args), input=input, env={"LANG": "en_US.UTF-8", **(env or {})})


BASE_SITE: dict[str, Any] = {
    "vidcheck": 1,
    "site": {"id": "t-001", "name": "测试场所", "categories": ["shopping_center"],
             "operator": {"name": "测试公司", "kind": "enterprise", "business": True}},
    "system": {},
    "zones": [{"id": "gate", "kind": "entrance", "signage": True}],
    "cameras": [{"id": "C-1", "zone": "gate"}],
}


def merged(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge ``patch`` into a copy of ``base``; lists and scalars replace."""
    result = copy.deepcopy(base)
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merged(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


@pytest.fixture
def write_site(tmp_path: Path) -> Callable[..., str]:
    counter = iter(range(10_000))

    def write(patch: dict[str, Any] | None = None, *, text: str | None = None, name: str | None = None) -> str:
        path = tmp_path / (name or f"site{next(counter)}.yaml")
        path.write_text(text if text is not None else json.dumps(merged(BASE_SITE, patch or {}),
                                                                 ensure_ascii=False, indent=1), encoding="utf-8")
        return str(path)

    return write


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def pytest_configure(config: pytest.Config) -> None:
    """Modules that load the catalog when collected do so without a cache: none in the caller's home."""
    os.environ["VIDCHECK_CACHE_DIR"] = ""


@pytest.fixture(scope="session")
def cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="session")
def state_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("state")


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache_folder: Path, state_folder: Path) -> None:
    """No test sees the caller's settings (no VIDCHECK_* variables, no GitHub Actions, no .vidcheck.yaml above)
    or writes to the caller's cache or cache key."""
    from vidcheck.settings import NAMES, env_name

    for name in (*map(env_name, NAMES), "VIDCHECK_CONFIG", "GITHUB_ACTIONS", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("VIDCHECK_CACHE_DIR", str(cache_folder))
    monkeypatch.setenv("VIDCHECK_STATE_DIR", str(state_folder))
    monkeypatch.chdir(tmp_path)
