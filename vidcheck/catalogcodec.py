"""The jurisdiction catalog as plain JSON data and back, for the on-disk cache.

Exact both ways (``load(dump(c)) == c``), so a warm run decides what a cold run decides. Data that JSON cannot hold
exactly (a non-finite number, a non-string key, an integer over 64 bits) raises instead, and is then not cached.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from typing import Any

from .cache import Codec
from .jurisdictions import Catalog, Instrument, Jurisdiction, Rule
from .model import Citation, Fine, Penalty, RuleFile, Severity, Words


def catalog_to_plain(catalog: Catalog) -> dict[str, Any]:
    return {"jurisdictions": [_dump_jurisdiction(j) for j in catalog.jurisdictions.values()],
            "external_files": [dataclasses.asdict(f) for f in catalog.external_files]}


def catalog_from_plain(data: dict[str, Any]) -> Catalog:
    jurisdictions = (_load_jurisdiction(raw) for raw in data["jurisdictions"])
    return Catalog({j.id: j for j in jurisdictions}, tuple(RuleFile(**raw) for raw in data["external_files"]))


CATALOG = Codec(catalog_to_plain, catalog_from_plain)


def _dump_jurisdiction(jurisdiction: Jurisdiction) -> dict[str, Any]:
    return {"id": jurisdiction.id, "name": _exact(dict(jurisdiction.name)), "parent": jurisdiction.parent,
            "notes": [dataclasses.asdict(n) for n in jurisdiction.notes],
            "places": None if jurisdiction.places is None else list(jurisdiction.places),
            "instruments": [_dump_instrument(i) for i in jurisdiction.instruments.values()],
            "rules": [_dump_rule(r) for r in jurisdiction.rules], "path": jurisdiction.path}


def _load_jurisdiction(raw: dict[str, Any]) -> Jurisdiction:
    instruments = (_load_instrument(i) for i in raw["instruments"])
    return Jurisdiction(raw["id"], dict(raw["name"]), raw["parent"], tuple(Words(**n) for n in raw["notes"]),
                        {i.key: i for i in instruments}, tuple(_load_rule(r) for r in raw["rules"]), raw["path"],
                        None if raw["places"] is None else tuple(raw["places"]))


def _dump_instrument(instrument: Instrument) -> dict[str, Any]:
    return {**dataclasses.asdict(instrument), "effective_on": _dump_date(instrument.effective_on),
            "repealed_on": _dump_date(instrument.repealed_on)}


def _load_instrument(raw: dict[str, Any]) -> Instrument:
    return Instrument(**{**raw, "effective_on": _load_date(raw["effective_on"]),
                         "repealed_on": _load_date(raw["repealed_on"]), "note": _load_words(raw["note"])})


def _dump_rule(rule: Rule) -> dict[str, Any]:
    return {"jurisdiction": rule.jurisdiction, "id": rule.id, "check": rule.check,
            "instrument": _dump_instrument(rule.instrument),
            "citations": [dataclasses.asdict(c) for c in rule.citations],
            "preexisting_citations": [dataclasses.asdict(c) for c in rule.preexisting_citations],
            "extension_citations": [dataclasses.asdict(c) for c in rule.extension_citations],
            "penalty": dataclasses.asdict(rule.penalty) if rule.penalty is not None else None,
            "severity": rule.severity.label if rule.severity is not None else None, "waivable": rule.waivable,
            "categories": sorted(rule.categories) if rule.categories is not None else None,
            "note": dataclasses.asdict(rule.note) if rule.note is not None else None,
            "params": _exact(dict(rule.params)), "pointer": rule.pointer}


def _load_rule(raw: dict[str, Any]) -> Rule:
    return Rule(
        jurisdiction=raw["jurisdiction"], id=raw["id"], check=raw["check"],
        instrument=_load_instrument(raw["instrument"]),
        citations=tuple(Citation(**c) for c in raw["citations"]),
        preexisting_citations=tuple(Citation(**c) for c in raw["preexisting_citations"]),
        extension_citations=tuple(Citation(**c) for c in raw["extension_citations"]),
        penalty=_load_penalty(raw["penalty"]) if raw["penalty"] is not None else None,
        severity=Severity.parse(raw["severity"]) if raw["severity"] is not None else None,
        waivable=raw["waivable"], categories=frozenset(raw["categories"]) if raw["categories"] is not None else None,
        note=_load_words(raw["note"]), params=dict(raw["params"]), pointer=raw["pointer"],
    )


def _load_penalty(raw: dict[str, Any]) -> Penalty:
    fines = tuple(Fine(**{**f, "condition": _load_words(f["condition"]), "who": _load_words(f["who"])})
                  for f in raw["fines"])
    return Penalty(**{**raw, "orders": tuple(Words(**o) for o in raw["orders"]), "fines": fines,
                      **{key: _load_words(raw[key]) for key in ("condition", "refers_to", "note")}})


def _load_words(raw: dict[str, str] | None) -> Words | None:
    return None if raw is None else Words(**raw)


def _dump_date(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _load_date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text is not None else None


def _exact(value: Any) -> Any:
    """``value`` when JSON gives back an equal value (data read from YAML); ValueError otherwise."""
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise ValueError("a mapping key that is not a string")
        for item in value.values():
            _exact(item)
    elif isinstance(value, list):
        for item in value:
            _exact(item)
    elif isinstance(value, float) and not math.isfinite(value):
        raise ValueError("a number JSON cannot hold")  # orjson would write it as null
    elif not isinstance(value, str | int | float | bool | None):
        raise ValueError(f"a {type(value).__name__} JSON would not give back")
    return value
