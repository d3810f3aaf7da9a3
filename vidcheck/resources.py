"""Where the shipped schemas, jurisdiction files and legal texts (``sources``) are: inside the wheel, or beside the
package in a checkout."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
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


FAST_VALIDATION = True  # tests switch it off to check that both paths agree


class Validator:
    """A schema compiled twice: jsonschema-rs (Rust) answers "valid?" in microseconds, and only a document it
    rejects is explained by jsonschema (Python), whose errors carry the paths our located messages need.

    Both use JSON Schema 2020-12 without asserting ``format``, so they judge alike; whatever the fast one says,
    the errors reported are always the Python validator's.
    """

    def __init__(self, schema: dict[str, Any]) -> None:
        import jsonschema_rs

        self.schema = schema
        self.fast = jsonschema_rs.Draft202012Validator(schema, validate_formats=False)

    @functools.cached_property
    def full(self) -> Any:
        from jsonschema import Draft202012Validator  # imported only when a document is invalid

        return Draft202012Validator(self.schema)

    def iter_errors(self, data: Any) -> Iterator[Any]:
        if FAST_VALIDATION and self.fast.is_valid(data):
            return iter(())
        return iter(self.full.iter_errors(data))


@functools.cache
def validator(name: str) -> Validator:
    """The compiled validator for ``schemas/<name>.schema.json``, built once per process."""
    return Validator(schema(name))
