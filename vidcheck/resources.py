"""Where the shipped schemas and jurisdiction files are: inside the wheel, or beside the package in a checkout."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """``vidcheck/<name>`` in an installed wheel, else ``<checkout>/<name>``."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"vidcheck data folder '{name}' is missing from the installation")


@functools.cache
def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((data_dir("schemas") / f"{name}.schema.json").read_text(encoding="utf-8"))
    return loaded


@functools.cache
def validator(name: str) -> Any:
    """A compiled validator, built once per process."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(name))
