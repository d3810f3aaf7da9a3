"""Turn jsonschema's errors into one located, actionable line each."""

from __future__ import annotations

import difflib
import itertools
from typing import Any

from .errors import InvalidDocument, LocatedError
from .escape import quoted
from .model import InputError
from .resources import Validator, validator
from .textfile import read_text
from .yamlsource import Document, escape_pointer_token, parse_yaml


def pointer_of(path: Any) -> str:
    return "".join(f"/{escape_pointer_token(str(part))}" for part in path)


MAX_ERRORS = 1000  # per document: a million bad items would take gigabytes and minutes to explain


def schema_errors(document: Document, validator: Validator) -> list[InputError]:
    found = validator.iter_errors(document.data, trust_fast=not document.whole_floats)
    errors = [_located(document, error) for error in itertools.islice(found, MAX_ERRORS + 1)]
    if len(errors) > MAX_ERRORS:
        errors[-1] = too_many_errors(errors[-1])
    return sorted(set(errors), key=lambda e: (e.line, e.column, e.message))


def too_many_errors(next_error: InputError) -> InputError:
    """Stands, at its place, for the error after the first MAX_ERRORS and all that follow it."""
    return InputError(next_error.path, next_error.line, next_error.column,
                      f"more than {MAX_ERRORS:,} errors in this file: the first {MAX_ERRORS:,} found are listed",
                      next_error.pointer)


def read_mapping(path: str, shape: str, *, empty_ok: bool = False, text: str | None = None) -> Document:
    """Read a YAML document that must be a mapping; ``shape`` tells the user what the file should look like.
    ``text``: the file's contents, when the caller has read them already (and must use exactly what it read)."""
    document = parse_yaml(read_text(path) if text is None else text, path, empty_ok=empty_ok)
    if not isinstance(document.data, dict):
        kind = "a list" if isinstance(document.data, list) else "a single value"
        raise LocatedError(path, 1, 1, f"the document is {kind}: {shape}")
    return document


def load_checked(path: str, schema: str, shape: str, *, empty_ok: bool = False, text: str | None = None) -> Document:
    """Read a YAML mapping valid against ``schemas/<schema>.schema.json``; raise every located error at once."""
    document = read_mapping(path, shape, empty_ok=empty_ok, text=text)
    errors = schema_errors(document, validator(schema))
    if errors:
        raise InvalidDocument(tuple(errors))
    return document


def value_errors(data: Any, validator: Validator) -> list[tuple[str, str]]:
    """(pointer, message) for data that has no file behind it, such as flags and environment variables."""
    return [(pointer_of(e.absolute_path), _describe(e, pointer_of(e.absolute_path))[0])
            for e in validator.iter_errors(data)]


def _located(document: Document, error: Any) -> InputError:
    pointer = pointer_of(error.absolute_path)
    message, key_pointer = _describe(error, pointer)
    line, column = document.position(key_pointer, key=True) if key_pointer else document.position(pointer)
    return InputError(document.path, line, column, message, key_pointer or pointer)


def suggest(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""


def _enum_suggestion(value: Any, allowed: list[Any]) -> str:
    """A vocabulary list (zone kinds, categories, operator kinds) is suggested from by meaning, never a private zone
    kind by spelling alone (vidcheck/suggestions.py); any other list by spelling."""
    from .names import TABLES
    from .suggestions import did_you_mean, for_vocabulary

    table = next((t for t, ids in TABLES.items() if allowed[:len(ids)] == list(ids)), None)
    if table is None or not isinstance(value, str):
        return suggest(value, allowed)
    found = for_vocabulary(table, value)
    return did_you_mean(found) if found else " (see 'vidcheck vocabulary')"


def _field(pointer: str) -> str:
    """How a message names the place: its key, or ``list[index]`` for an item of a list."""
    tokens = pointer.split("/")[1:]
    if not tokens:
        return "the document"
    if tokens[-1].isdigit() and len(tokens) > 1:
        return f"{tokens[-2]}[{tokens[-1]}]"
    return tokens[-1]


def _describe(error: Any, pointer: str) -> tuple[str, str | None]:
    """The message, and the pointer of a mapping key to point at instead of the value (or None)."""
    kind, value, schema = error.validator, error.instance, error.schema
    name = _field(pointer)
    if kind == "required":
        missing = next((k for k in error.validator_value if isinstance(value, dict) and k not in value), "?")
        return f"missing required key '{missing}' in {name}", None
    if kind == "additionalProperties":
        known = list(schema.get("properties", {}))
        extra = sorted(k for k in value if k not in known and not k.startswith("x-"))
        key = extra[0] if extra else "?"
        return (f"unknown key {quoted(key)}{suggest(key, known)} (prefix your own keys with 'x-')",
                f"{pointer}/{escape_pointer_token(key)}")
    if kind == "enum":
        return f"{name}: {quoted(value)} is not an allowed value{_enum_suggestion(value, error.validator_value)}", None
    if kind == "const":
        return f"{name} must be {quoted(error.validator_value)}, not {quoted(value)}", None
    if kind == "type":
        return _type_message(name, value, error.validator_value), None
    if kind in ("anyOf", "oneOf"):
        return _type_message(name, value, _expected_types(schema)), None
    if kind == "pattern":
        return f"{name}: {quoted(value)} does not match the required form ({schema.get('description', kind)})", None
    if kind == "minimum":
        return f"{name}: {value} is below the minimum {error.validator_value}", None
    if kind == "maximum":
        return f"{name}: {value} is above the maximum {error.validator_value} ({schema.get('description', '')})", None
    if kind == "minItems":
        return f"{name} needs at least {error.validator_value} item(s)", None
    if kind == "uniqueItems":
        return f"{name} lists the same item twice", None
    if kind == "minLength":
        return f"{name} must not be empty", None
    if kind == "minProperties":
        return f"{name} must not be empty", None
    return f"{name}: {error.message}", None


def _expected_types(schema: dict[str, Any]) -> str:
    branches = schema.get("anyOf") or schema.get("oneOf") or []
    if any("date" in str(branch.get("$ref", "")) for branch in branches) or schema.get("title") == "date":
        return "date"
    return " or ".join(str(branch.get("type", "value")) for branch in branches)


_HINTS = {
    "boolean": "write true or false (是/否, yes/no are text)",
    "integer": "write a whole number without quotes, like 30",
    "number": "write a number without quotes",
    "date": "write a date like 2024-03-01",
    "string": "put the value in quotes",
    "object": "write a mapping of keys and values",
    "array": "write a list",
}


def _type_message(name: str, value: Any, expected: Any) -> str:
    wanted = expected if isinstance(expected, str) else " or ".join(expected)
    hint = _HINTS.get(wanted, f"expected {wanted}")
    return f"{name}: {_show(value)} is not {_article(wanted)} {wanted}: {hint}"


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _show(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return quoted(value)
