"""Turn jsonschema's errors into one located, actionable line each."""

from __future__ import annotations

import difflib
import itertools
from typing import Any

from .errors import InvalidDocument, LocatedError
from .escape import quoted
from .messages import Rendered, Text
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
    return sorted(set(errors), key=lambda e: (e.line, e.column, str(e.message)))


def too_many_errors(next_error: InputError) -> InputError:
    """Stands, at its place, for the error after the first MAX_ERRORS and all that follow it."""
    return InputError(next_error.path, next_error.line, next_error.column,
                      Text.error("schema.too-many", n=f"{MAX_ERRORS:,}"), next_error.pointer)


def read_mapping(path: str, shape: Text, *, empty_ok: bool = False, text: str | None = None) -> Document:
    """Read a YAML document that must be a mapping; ``shape`` tells the user what the file should look like.
    ``text``: the file's contents, when the caller has read them already (and must use exactly what it read)."""
    document = parse_yaml(read_text(path) if text is None else text, path, empty_ok=empty_ok)
    if not isinstance(document.data, dict):
        kind = "document.list" if isinstance(document.data, list) else "document.value"
        raise LocatedError(path, 1, 1, Text.error(kind, shape=shape))
    return document


def load_checked(path: str, schema: str, shape: Text, *, empty_ok: bool = False, text: str | None = None) -> Document:
    """Read a YAML mapping valid against ``schemas/<schema>.schema.json``; raise every located error at once."""
    document = read_mapping(path, shape, empty_ok=empty_ok, text=text)
    errors = schema_errors(document, validator(schema))
    if errors:
        raise InvalidDocument(tuple(errors))
    return document


def value_errors(data: Any, validator: Validator) -> list[tuple[str, Text]]:
    """(pointer, message) for data that has no file behind it, such as flags and environment variables."""
    return [(pointer_of(e.absolute_path), _describe(e, pointer_of(e.absolute_path))[0])
            for e in validator.iter_errors(data)]


def _located(document: Document, error: Any) -> InputError:
    pointer = pointer_of(error.absolute_path)
    message, key_pointer = _describe(error, pointer)
    line, column = document.position(key_pointer, key=True) if key_pointer else document.position(pointer)
    return InputError(document.path, line, column, message, key_pointer or pointer)


def suggest(word: str, choices: Any) -> Text | str:
    """" — did you mean 'X'?" for a close match among ``choices``, else nothing."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return Text.error("did-you-mean", word=quoted(close[0])) if close else ""


def _enum_suggestion(value: Any, allowed: list[Any]) -> Text | Rendered | str:
    """A vocabulary list (zone kinds, categories, operator kinds) is suggested from by meaning, never a private zone
    kind by spelling alone (vidcheck/suggestions.py); any other list by spelling."""
    from .names import TABLES
    from .suggestions import did_you_mean, for_vocabulary

    table = next((t for t, ids in TABLES.items() if allowed[:len(ids)] == list(ids)), None)
    if table is None or not isinstance(value, str):
        return suggest(value, allowed)
    found = for_vocabulary(table, value)
    return Rendered(did_you_mean, found) if found else Text.error("schema.see-vocabulary")


def _field(pointer: str) -> Text | str:
    """How a message names the place: its key, or ``list[index]`` for an item of a list."""
    tokens = pointer.split("/")[1:]
    if not tokens:
        return Text.error("the-document")
    if tokens[-1].isdigit() and len(tokens) > 1:
        return f"{tokens[-2]}[{tokens[-1]}]"
    return tokens[-1]


def _describe(error: Any, pointer: str) -> tuple[Text, str | None]:
    """The message, and the pointer of a mapping key to point at instead of the value (or None)."""
    kind, value, schema = error.validator, error.instance, error.schema
    name = _field(pointer)
    if kind == "required":
        missing = next((k for k in error.validator_value if isinstance(value, dict) and k not in value), "?")
        return Text.error("schema.required", key=quoted(missing), name=name), None
    if kind == "additionalProperties":
        known = list(schema.get("properties", {}))
        extra = sorted(k for k in value if k not in known and not k.startswith("x-"))
        key = extra[0] if extra else "?"
        return (Text.error("schema.unknown-key", key=quoted(key), suggestion=suggest(key, known)),
                f"{pointer}/{escape_pointer_token(key)}")
    if kind == "enum":
        return Text.error("schema.enum", name=name, value=quoted(value),
                          suggestion=_enum_suggestion(value, error.validator_value)), None
    if kind == "const":
        return Text.error("schema.const", name=name, expected=quoted(error.validator_value), value=quoted(value)), None
    if kind == "type":
        return _type_message(name, value, error.validator_value), None
    if kind in ("anyOf", "oneOf"):
        return _type_message(name, value, _expected_types(schema)), None
    if kind == "pattern":
        return Text.error("schema.pattern", name=name, value=quoted(value), form=_form(schema, kind)), None
    if kind == "minimum":
        return Text.error("schema.minimum", name=name, value=value, limit=error.validator_value), None
    if kind == "maximum":
        return Text.error("schema.maximum", name=name, value=value, limit=error.validator_value,
                          form=_form(schema, "")), None
    if kind == "minItems":
        return Text.error("schema.min-items", name=name, n=error.validator_value), None
    if kind == "uniqueItems":
        return Text.error("schema.unique-items", name=name), None
    if kind in ("minLength", "minProperties"):
        return Text.error("schema.empty", name=name), None
    return Text.error("schema.other", name=name, detail=error.message), None  # a keyword our schemas do not use


def _form(schema: dict[str, Any], fallback: str) -> Text | str:
    """What a value must look like: the schema's description, translated when the catalog knows it by its
    ``x-form`` id (the description stays the English fallback for other JSON Schema users)."""
    form = schema.get("x-form")
    if form:
        return Text.error(f"form.{form}")
    if "description" not in schema and "pattern" in schema:
        return Text.error("form.regex", pattern=schema["pattern"])
    return str(schema.get("description", fallback))


def _expected_types(schema: dict[str, Any]) -> tuple[str, ...]:
    branches = schema.get("anyOf") or schema.get("oneOf") or []
    if any("date" in str(branch.get("$ref", "")) for branch in branches) or schema.get("title") == "date":
        return ("date",)
    return tuple(str(branch.get("type", "value")) for branch in branches)


_TYPES = ("boolean", "integer", "number", "date", "string", "object", "array", "null", "value")


def _type_message(name: Text | str, value: Any, expected: Any) -> Text:
    wanted = (expected,) if isinstance(expected, str) else tuple(expected)
    types = [Text.error(f"type.{w}") if w in _TYPES else w for w in wanted]
    shown = _show(value)
    if len(wanted) == 1 and wanted[0] in _HINTS:
        return Text.error("schema.type.hint", name=name, value=shown, type=types[0],
                          hint=Text.error(f"hint.{wanted[0]}"))
    either: Text | str = types[0]
    for other in types[1:]:
        either = Text.error("type.or", first=either, second=other)
    return Text.error("schema.type", name=name, value=shown, type=either)


_HINTS = ("boolean", "integer", "number", "date", "string", "object", "array")


def _show(value: Any) -> Text | str:
    if value is None:
        return Text.error("value.empty")
    if isinstance(value, (dict, list)):
        return Text.error("value.mapping" if isinstance(value, dict) else "value.list")
    return quoted(value)
