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


SCHEMA_NAMES = ("site", "jurisdiction", "waivers", "config", "baseline")


def schema_file(name: str) -> Path:
    """The absolute path of the installed ``schemas/<name>.schema.json``: what an editor's ``$schema`` comment can
    name from any folder. Raises UsageError for a name vidcheck has no schema for."""
    if name not in SCHEMA_NAMES:
        from .errors import UsageError
        from .messages import Rendered
        from .suggestions import among, did_you_mean

        raise UsageError.of("schema.unknown", name=name, suggestion=Rendered(did_you_mean, among(name, SCHEMA_NAMES)),
                            known=", ".join(SCHEMA_NAMES))
    return (data_dir("schemas") / f"{name}.schema.json").resolve()


@functools.cache
def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((data_dir("schemas") / f"{name}.schema.json").read_text(encoding="utf-8"))
    return loaded


FAST_VALIDATION = True  # tests switch it off to check that both paths agree


class Validator:
    """A schema compiled twice: jsonschema-rs (Rust) answers "valid?" in microseconds, and only a document it
    rejects is explained by jsonschema (Python), whose errors carry the paths our located messages need.

    Both must judge alike, or a rejected document would be explained as having "no error". Both use JSON Schema
    2020-12 without asserting ``format``, and ``pattern`` as the standard defines it, with ECMA-262 semantics (the
    Python side through ``regress``): ``$`` matches only at the very end, so ``"qd-05\\n"`` fails ``^[a-z0-9-]+$``
    (Python's ``re.search`` would let ``$`` match before a final newline), and ``\\d`` means ASCII digits only.
    ``patternProperties`` keeps Python's ``re``: every one of our schemas uses only ``^x-``, on which both agree
    (tests/test_schemas.py holds them to that).

    One deliberate difference: the Python side counts only a true integer as ``integer`` (JSON Schema, and so
    jsonschema-rs, accept ``30.0``). A document whose text holds a float with a whole value is therefore judged by
    the Python side only (``trust_fast=False``): a day count is a whole number as written.
    """

    def __init__(self, schema: dict[str, Any]) -> None:
        import jsonschema_rs

        self.schema = schema
        self.fast = jsonschema_rs.Draft202012Validator(schema, validate_formats=False)

    @functools.cached_property
    def full(self) -> Any:
        return _strict_validator_class()(self.schema)  # built only when a document is invalid

    def iter_errors(self, data: Any, *, trust_fast: bool = True) -> Iterator[Any]:
        """Every error in ``data``. ``trust_fast=False``: skip the fast path (it would accept ``30.0`` as an
        integer)."""
        if FAST_VALIDATION and trust_fast and self.fast.is_valid(data):
            return iter(())
        return iter(self.full.iter_errors(data))


@functools.cache
def _strict_validator_class() -> Any:
    """Draft 2020-12 with ECMA-262 ``pattern`` and integers that are ints, not floats with a whole value."""
    from jsonschema import Draft202012Validator, ValidationError, validators

    from .escape import quoted

    def pattern(validator: Any, wanted: str, instance: Any, schema: Any) -> Iterator[Any]:
        if validator.is_type(instance, "string") and ecma_regex(wanted).find(instance) is None:
            yield ValidationError(f"{quoted(instance)} does not match {quoted(wanted)}")

    def is_integer(checker: Any, instance: Any) -> bool:
        return isinstance(instance, int) and not isinstance(instance, bool)

    return validators.extend(Draft202012Validator, validators={"pattern": pattern},
                             type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", is_integer))


@functools.cache
def ecma_regex(pattern: str) -> Any:
    """``pattern`` compiled with ECMA-262 semantics, as JSON Schema defines ``pattern``."""
    import regress

    return regress.Regex(pattern)


@functools.cache
def validator(name: str) -> Validator:
    """The compiled validator for ``schemas/<name>.schema.json``, built once per process."""
    return Validator(schema(name))
